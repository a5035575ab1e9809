// TEMPORARY: the secretariat's page for one instrument (issue 9) replaces this file.
import { NotBuiltYet } from '../NotBuiltYet';

export default function InstrumentPage({ id }: { id: string }) {
  return <NotBuiltYet title="Instrument" what={`instrument ${id}: its stage, next stages and blockers, rounds, comments matrix and papers`} />;
}
