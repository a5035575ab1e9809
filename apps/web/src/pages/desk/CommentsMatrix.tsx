// The round's comments matrix (guideline x group, with what still lacks a disposition); a row opens
// its comments below the table, where each gets its disposition.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConstituentGroup, Stage } from '../../gql/graphql';
import { i18n } from '../../i18n/i18n';
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
  return row.guideline ? i18n.t('round.guidelineSubject', { number: row.guideline.number }) : i18n.t('matrix.generalSubject');
}

interface Props {
  round: Round;
  stage: Stage;
  mayDispose: boolean;
  refresh: () => void;
}

export function CommentsMatrix({ round, stage, mayDispose, refresh }: Props) {
  const { t } = useTranslation();
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
      <h4 id={`round-${round.number}-matrix-heading`}>{t('matrix.title')}</h4>
      <p data-testid={`round-${round.number}-undisposed`}>
        {total((r) => r.total) === 0
          ? t('matrix.noComment')
          : undisposed === 0
            ? t('matrix.allDisposed', { count: total((r) => r.total) })
            : t('matrix.undisposed', { undisposed, count: total((r) => r.total) })}{' '}
        {total((r) => r.total) > 0 && (mayDispose ? t('matrix.showToDispose') : t('matrix.showToRead'))}
      </p>
      <TableScroll labelledBy={captionId}>
        <table className="desk-matrix-table">
          <caption id={captionId}>
            <span className="desk-caption-text">{t('matrix.caption', { number: round.number })}</span>
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('matrix.guideline')}</th>
              {GROUPS.map((g) => (
                <th scope="col" key={g} className="num">
                  {t(`group.${g}`)}
                </th>
              ))}
              <th scope="col" className="num">
                {t('matrix.total')}
              </th>
              <th scope="col" className="num">
                {t('matrix.without')}
              </th>
              <th scope="col">{t('matrix.comments')}</th>
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
                      t('round.general')
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
                      <span className="muted">{t('matrix.none')}</span>
                    ) : (
                      <button
                        type="button"
                        id={toggleId(round.number, key)}
                        className="button-quiet desk-row-toggle"
                        aria-expanded={expanded}
                        aria-controls={expanded ? panelId : undefined}
                        onClick={() => setOpenRow(expanded ? null : key)}
                      >
                        {expanded ? t('matrix.hide') : t('matrix.show')}
                        <span className="visually-hidden">{t('matrix.theCommentsOn', { subject: rowSubject(row) })}</span>
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t('matrix.all')}</th>
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
            opened.guideline
              ? opened.guideline.title
                ? t('matrix.guidelineTitled', { number: opened.guideline.number, title: opened.guideline.title })
                : t('round.guidelineSubject', { number: opened.guideline.number })
              : t('round.wholeSubject')
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
