// TEMPORARY: the constituent's list of open rounds (issue 9) replaces this file.
import { NotBuiltYet } from '../NotBuiltYet';

export default function RoundsPage() {
  return <NotBuiltYet title="Consultation rounds" what="the open consultation rounds for your organization" />;
}
