import { Link } from 'wouter';
import { Page } from '../ui/Page';

export default function NotFoundPage() {
  return (
    <Page title="Page not found">
      <p>There is no page at this address.</p>
      <p>
        <Link href="/">Go to the home page</Link>
      </p>
    </Page>
  );
}
