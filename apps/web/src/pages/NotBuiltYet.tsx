// TEMPORARY (issue 9): stands in for the pages still being built. Each page builder replaces the
// file that renders it (pages/<area>/<Page>.tsx); delete this file when none uses it any more.
import { Link } from 'wouter';
import { Page } from '../ui/Page';

export function NotBuiltYet({ title, what }: { title: string; what: string }) {
  return (
    <Page title={title}>
      <p className="notice" data-temporary="not-built-yet">
        This page is not built yet. It will show {what}.
      </p>
      <p>
        <Link href="/">Go to the home page</Link>
      </p>
    </Page>
  );
}
