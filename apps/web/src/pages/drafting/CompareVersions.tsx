// The changes between two versions of an instrument, guideline by guideline (paired by key on the server,
// versionDiff), and word by word within a changed text (jsdiff's diffWords): insertions and deletions marked up as
// <ins> and <del>, underlined and struck through, and named for screen readers (not by colour alone).
import { diffWords } from 'diff';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import type { DraftPageDiffQuery } from '../../gql/graphql';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { DraftingDiff } from './operations';

interface VersionRef {
  id: string;
  number: number;
}

type Change = DraftPageDiffQuery['versionDiff'][number];

export function CompareVersions({ versions, current }: { versions: VersionRef[]; current: VersionRef }) {
  const { t } = useTranslation();
  const id = useId();
  const others = versions.filter((v) => v.id !== current.id).sort((a, b) => b.number - a.number);
  const previous = others.find((v) => v.number < current.number) ?? others[0];
  const [fromId, setFromId] = useState(previous?.id ?? '');
  const from = others.find((v) => v.id === fromId) ?? previous;
  if (!from) return null;
  // Always from the older to the newer, whichever is chosen.
  const [older, newer] = from.number < current.number ? [from, current] : [current, from];
  return (
    <section aria-labelledby={`${id}-heading`} className="draft-compare">
      <h2 id={`${id}-heading`}>{t('drafting.compare.title')}</h2>
      <div className="field form-narrow">
        <label htmlFor={`${id}-from`}>{t('drafting.compare.with')}</label>
        <select id={`${id}-from`} value={from.id} onChange={(e) => setFromId(e.target.value)}>
          {others.map((v) => (
            <option key={v.id} value={v.id}>
              {t('drafting.compare.version', { number: v.number })}
            </option>
          ))}
        </select>
      </div>
      <Changes older={older} newer={newer} />
    </section>
  );
}

function Changes({ older, newer }: { older: VersionRef; newer: VersionRef }) {
  const { t } = useTranslation();
  const [{ data, error, fetching }] = useQuery({ query: DraftingDiff, variables: { from: older.id, to: newer.id } });
  if (error) return <ErrorMessage error={error} />;
  if (!data) return <p>{fetching ? t('common.loading') : ''}</p>;
  const changed = data.versionDiff.filter((c) => c.kind !== 'UNCHANGED');
  const count = (kind: Change['kind']) => changed.filter((c) => c.kind === kind).length;
  return (
    <>
      <p data-testid="diff-summary" aria-live="polite">
        {changed.length === 0
          ? t('drafting.compare.none', { from: older.number, to: newer.number })
          : t('drafting.compare.summary', {
              from: older.number,
              to: newer.number,
              count: changed.length,
              added: count('ADDED'),
              removed: count('REMOVED'),
              modified: count('MODIFIED'),
            })}
      </p>
      <p className="hint">{t('drafting.compare.legend')}</p>
      <ul className="draft-changes">
        {changed.map((c) => (
          <li key={c.key} data-key={c.key} data-kind={c.kind}>
            <p className="draft-change-head">
              <strong>{(c.after ?? c.before)?.number}</strong> <span className="badge">{t(`drafting.compare.kind.${c.kind}`)}</span>
            </p>
            {c.kind === 'MODIFIED' && c.before && c.after ? (
              <>
                {(c.before.title ?? '') !== (c.after.title ?? '') && (
                  <p>
                    {t('drafting.compare.titleLabel')} <Words before={c.before.title ?? ''} after={c.after.title ?? ''} />
                  </p>
                )}
                <div className="draft-text">
                  <Words before={c.before.text} after={c.after.text} />
                </div>
              </>
            ) : (
              <div className="draft-text">{c.kind === 'ADDED' ? <Ins value={c.after?.text ?? ''} /> : <Del value={c.before?.text ?? ''} />}</div>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}

function Words({ before, after }: { before: string; after: string }) {
  return (
    <>
      {diffWords(before, after).map((part, i) =>
        part.added ? <Ins key={i} value={part.value} /> : part.removed ? <Del key={i} value={part.value} /> : <span key={i}>{part.value}</span>,
      )}
    </>
  );
}

function Ins({ value }: { value: string }) {
  const { t } = useTranslation();
  return (
    <ins>
      <span className="visually-hidden">{t('drafting.compare.insStart')}</span>
      {value}
      <span className="visually-hidden">{t('drafting.compare.insEnd')}</span>
    </ins>
  );
}

function Del({ value }: { value: string }) {
  const { t } = useTranslation();
  return (
    <del>
      <span className="visually-hidden">{t('drafting.compare.delStart')}</span>
      {value}
      <span className="visually-hidden">{t('drafting.compare.delEnd')}</span>
    </del>
  );
}
