import type { InstrumentPageQuery } from '../../gql/graphql';
import { Time } from '../../ui/Time';
import { STAGE_NAMES } from './labels';
import { TableScroll } from './TableScroll';

type Transition = InstrumentPageQuery['instrument']['stageHistory'][number];

/** Every move of the instrument, oldest first: to, from, when, by whom, why (the stage first, for a phone). */
export function StageHistory({ history }: { history: Transition[] }) {
  if (history.length === 0) return <p>It has not moved since it was created.</p>;
  return (
    <TableScroll labelledBy="stage-history-caption">
      <table className="desk-history">
        <caption id="stage-history-caption">
          <span className="desk-caption-text">Stage history</span>
        </caption>
        <thead>
          <tr>
            <th scope="col">To</th>
            <th scope="col">From</th>
            <th scope="col">When</th>
            <th scope="col">By</th>
            <th scope="col">Reason</th>
          </tr>
        </thead>
        <tbody>
          {history.map((t, i) => (
            <tr key={`${t.at}-${i}`}>
              <th scope="row">{STAGE_NAMES[t.to]}</th>
              <td>{STAGE_NAMES[t.from]}</td>
              <td>
                <Time value={t.at} />
              </td>
              <td>{t.actor ? t.actor.displayName : 'The system (a deadline)'}</td>
              <td>{t.reason ?? <span className="muted">none given</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
