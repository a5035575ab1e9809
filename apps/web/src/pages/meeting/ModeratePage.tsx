// TEMPORARY: the moderator console (issue 9) replaces this file.
import { NotBuiltYet } from '../NotBuiltYet';

export default function ModeratePage({ id }: { id: string }) {
  return <NotBuiltYet title="Moderator console" what={`the console for recording positions, amendments and votes in meeting ${id}`} />;
}
