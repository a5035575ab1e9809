// TEMPORARY: the secretariat's desk (issue 9) replaces this file.
import { NotBuiltYet } from '../NotBuiltYet';

export default function DeskPage() {
  return <NotBuiltYet title="Secretariat desk" what="the instruments by stage" />;
}
