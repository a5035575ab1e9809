// The round's comments matrix (guideline x group, with what still lacks a disposition); a row opens
// its comments below the table, where each gets its disposition.
import { useEffect, useState } from 'react';
import type { ConstituentGroup, Stage } from '../../gql/graphql';
import { GROUP_NAMES } from '../../ui/labels';
import { DispositionPanel } from './DispositionPanel';
import type { Round } from './RoundSection';
import { TableScroll } from './TableScroll';

const GROUPS: ConstituentGroup[] = ['GOVERNMENT', 'EMPLOYERS', 'WORKERS'];
const GENERAL = 'general';

type Row = Round['matrix'][number];

const rowKey = (row: Row) => row.guideline?.id ?? GENERAL;
const toggleId = (roundNumber: number, key: string) => `round-${roundNumber}-toggle-${key}`;
const countOf = (row: Row, group: ConstituentGroup) => row.byGroup.find((g) => g.group === group)?.count ?? 0;

/** "guideline 1.1" or "the general comments": what a row is about, in words. */
export function rowSubject(row: Row): string {
  return row.guideline ? `guideline ${row.guideline.number}` : 'the draft as a whole (general comments)';
}

interface Props {
  round: Round;
  stage: Stage;
  mayDispose: boolean;
  refresh: () => void;
}

export function CommentsMatrix({ round, stage, mayDispose, refresh }: Props) {
  const [openRow, setOpenRow] = useState<string | null>(null);
  // Closing the list from inside it puts the focus back on the row's button.
  const [refocus, setRefocus] = useState<string | null>(null);
  useEffect(() => {
    if (refocus === null) return;
    document.getElementById(toggleId(round.number, refocus))?.focus();
    setRefocus(null);
  }, [refocus, round.number]);
  const captionId = `round-${round.number}-matrix-caption`;
  const panelId = `round-${round.number}-comments`;
  const rows = round.matrix;
  const total = (pick: (row: Row) => number) => rows.reduce((sum, row) => sum + pick(row), 0);
  const opened = rows.find((row) => rowKey(row) === openRow) ?? null;
  const undisposed = total((r) => r.undisposed);

  return (
    <div className="desk-matrix">
      <h4 id={`round-${round.number}-matrix-heading`}>Comments and dispositions</h4>
      <p data-testid={`round-${round.number}-undisposed`}>
        {total((r) => r.total) === 0
          ? 'No comment has been submitted in this round.'
          : undisposed === 0
            ? `Every submitted comment (${total((r) => r.total)}) has a disposition.`
            : `${undisposed} of ${total((r) => r.total)} submitted comments have no disposition yet.`}{' '}
        {total((r) => r.total) > 0 &&
          (mayDispose ? 'Choose “Show” on a row to read its comments and record a disposition for each.' : 'Choose “Show” on a row to read its comments.')}
      </p>
      <TableScroll labelledBy={captionId}>
        <table className="desk-matrix-table">
          <caption id={captionId}>
            <span className="desk-caption-text">Round {round.number}: submitted comments by guideline and group</span>
          </caption>
          <thead>
            <tr>
              <th scope="col">Guideline</th>
              {GROUPS.map((g) => (
                <th scope="col" key={g} className="num">
                  {GROUP_NAMES[g]}
                </th>
              ))}
              <th scope="col" className="num">
                Total
              </th>
              <th scope="col" className="num">
                Without disposition
              </th>
              <th scope="col">Comments</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const key = rowKey(row);
              const expanded = openRow === key;
              return (
                <tr key={key} data-row={row.guideline?.key ?? GENERAL} className={expanded ? 'desk-row-open' : undefined}>
                  <th scope="row">
                    {row.guideline ? (
                      <>
                        {row.guideline.number}
                        {row.guideline.title && <span className="muted"> {row.guideline.title}</span>}
                      </>
                    ) : (
                      'General comments'
                    )}
                  </th>
                  {GROUPS.map((g) => (
                    <td key={g} className="num">
                      {countOf(row, g)}
                    </td>
                  ))}
                  <td className="num">{row.total}</td>
                  <td className="num">{row.undisposed > 0 ? <strong>{row.undisposed}</strong> : row.undisposed}</td>
                  <td>
                    {row.total === 0 ? (
                      <span className="muted">none</span>
                    ) : (
                      <button
                        type="button"
                        id={toggleId(round.number, key)}
                        className="button-quiet desk-row-toggle"
                        aria-expanded={expanded}
                        aria-controls={expanded ? panelId : undefined}
                        onClick={() => setOpenRow(expanded ? null : key)}
                      >
                        {expanded ? 'Hide' : 'Show'}
                        <span className="visually-hidden"> the comments on {rowSubject(row)}</span>
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">All</th>
              {GROUPS.map((g) => (
                <td key={g} className="num">
                  {total((r) => countOf(r, g))}
                </td>
              ))}
              <td className="num">{total((r) => r.total)}</td>
              <td className="num">{undisposed > 0 ? <strong>{undisposed}</strong> : undisposed}</td>
              <td />
            </tr>
          </tfoot>
        </table>
      </TableScroll>
      {opened && (
        <DispositionPanel
          key={rowKey(opened)}
          id={panelId}
          roundId={round.id}
          guidelineId={opened.guideline?.id ?? null}
          subject={
            opened.guideline ? `guideline ${opened.guideline.number}${opened.guideline.title ? ` (${opened.guideline.title})` : ''}` : 'the draft as a whole'
          }
          stage={stage}
          mayDispose={mayDispose}
          onSaved={refresh}
          onClose={() => {
            setOpenRow(null);
            setRefocus(rowKey(opened));
          }}
        />
      )}
    </div>
  );
}
