// TEMPORARY: the constituent's comment page for one round (issue 9) replaces this file.
import { NotBuiltYet } from '../NotBuiltYet';

export default function RoundPage({ id }: { id: string }) {
  return <NotBuiltYet title="Consultation round" what={`the draft of round ${id}, guideline by guideline, with comment forms`} />;
}
