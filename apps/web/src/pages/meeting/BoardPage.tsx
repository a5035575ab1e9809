// TEMPORARY: the meeting's live board (issue 9) replaces this file.
import { NotBuiltYet } from '../NotBuiltYet';

export default function BoardPage({ id }: { id: string }) {
  return <NotBuiltYet title="Meeting board" what={`the live board of meeting ${id}: positions and outcomes per agenda item`} />;
}
