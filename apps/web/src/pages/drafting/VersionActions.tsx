// Publishing a DRAFT version with a change summary (kept while it is being written), and starting a revision of
// the latest published one.
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, type CombinedError } from 'urql';
import { useLocation } from 'wouter';
import { useAnnounce } from '../../ui/Announcer';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { useDraft } from '../../ui/use-draft';
import { DraftingPublish, DraftingRevise } from './operations';

export function PublishVersion({ versionId, number, onPublished }: { versionId: string; number: number; onPublished(): void }) {
  const { t } = useTranslation();
  const id = useId();
  const announce = useAnnounce();
  const [summary, setSummary, clearSummary] = useDraft<string>(`publish:${versionId}`, '');
  const [result, publish] = useMutation(DraftingPublish);
  const [error, setError] = useState<CombinedError | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (result.fetching) return;
    setError(null);
    const answer = await publish({ versionId, changeSummary: summary.trim() || null });
    if (answer.error) {
      setError(answer.error);
      return;
    }
    clearSummary();
    announce(t('drafting.publish.done', { number }));
    onPublished();
  }

  return (
    <section aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('drafting.publish.title', { number })}</h2>
      <p className="hint">{t('drafting.publish.intro')}</p>
      <form className="form form-narrow" onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor={`${id}-summary`}>{t('drafting.publish.summary')}</label>
          <textarea id={`${id}-summary`} value={summary} aria-describedby={`${id}-hint`} onChange={(e) => setSummary(e.target.value)} />
          <p className="hint" id={`${id}-hint`}>
            {t('drafting.publish.summaryHint')}
          </p>
        </div>
        {error && <ErrorMessage error={error} />}
        <p className="actions">
          <button type="submit" aria-disabled={result.fetching}>
            {result.fetching ? t('drafting.publish.publishing') : t('drafting.publish.submit', { number })}
          </button>
        </p>
      </form>
    </section>
  );
}

export function StartRevision({ instrumentId, from }: { instrumentId: string; from: number }) {
  const { t } = useTranslation();
  const id = useId();
  const announce = useAnnounce();
  const [, navigate] = useLocation();
  const [result, revise] = useMutation(DraftingRevise);

  async function start() {
    if (result.fetching) return;
    const answer = await revise({ instrumentId });
    const created = answer.data?.createRevision;
    if (!created) return;
    announce(t('drafting.revise.done', { number: created.number }));
    navigate(`/desk/instruments/${instrumentId}/versions/${created.id}`);
  }

  return (
    <section aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('drafting.revise.title')}</h2>
      <p>{t('drafting.revise.intro', { number: from })}</p>
      {result.error && <ErrorMessage error={result.error} />}
      <p className="actions">
        <button type="button" onClick={() => void start()} aria-disabled={result.fetching}>
          {result.fetching ? t('drafting.revise.starting') : t('drafting.revise.submit')}
        </button>
      </p>
    </section>
  );
}
