// One guideline of a version: its number, title and text, the state of its translations (with their texts), and
// for a DRAFT an edit in place: kept across reloads (useDraft), saved with expectedRevision; a CONFLICT shows the
// newer text and lets the editor keep theirs or take the other.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, type CombinedError } from 'urql';
import type { DraftPageVersionQuery } from '../../gql/graphql';
import { code, LANGUAGES, type Language } from '../../i18n/languages';
import { useAnnounce } from '../../ui/Announcer';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { hasCode } from '../../ui/errors';
import { useDraft } from '../../ui/use-draft';
import { DraftingUpdateGuideline } from './operations';

export type VersionGuideline = NonNullable<DraftPageVersionQuery['draftVersion']>['sections'][number]['guidelines'][number];

interface Edit {
  title: string;
  text: string;
  baseRevision: number;
}

interface Props {
  guideline: VersionGuideline;
  originalLanguage: Language;
  editable: boolean;
  /** Reads the version again (after a save, or a CONFLICT to show the newer text). */
  refresh(): Promise<void>;
}

const statusOf = (g: VersionGuideline, l: Language) => ({ EN: g.en, FR: g.fr, ES: g.es })[l];
const textOf = (g: VersionGuideline, l: Language) => ({ EN: g.enText, FR: g.frText, ES: g.esText })[l];

export function GuidelineItem({ guideline: g, originalLanguage, editable, refresh }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const announce = useAnnounce();
  const [edit, setEdit, clearEdit] = useDraft<Edit | null>(`guideline:${g.id}`, null);
  const [conflict, setConflict] = useState(false);
  const [empty, setEmpty] = useState(false);
  const [error, setError] = useState<CombinedError | null>(null);
  const [saving, update] = useMutation(DraftingUpdateGuideline);
  const focusNext = useRef<'text' | 'edit' | 'conflict' | null>(null);
  const textArea = useRef<HTMLTextAreaElement>(null);
  const editButton = useRef<HTMLButtonElement>(null);
  const conflictBox = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const target = focusNext.current && { text: textArea, edit: editButton, conflict: conflictBox }[focusNext.current];
    target?.current?.focus();
    focusNext.current = null;
  });

  const name = g.title ? `${g.number} ${g.title}` : g.number;

  function start() {
    setEdit({ title: g.title ?? '', text: g.text, baseRevision: g.revision });
    setConflict(false);
    setError(null);
    focusNext.current = 'text';
  }

  function stop(message?: string) {
    clearEdit();
    setConflict(false);
    setError(null);
    setEmpty(false);
    focusNext.current = 'edit';
    if (message) announce(message);
  }

  async function save(draft: Edit) {
    if (saving.fetching) return;
    if (!draft.text.trim()) {
      setEmpty(true);
      focusNext.current = 'text';
      return;
    }
    setEmpty(false);
    setError(null);
    const answer = await update({ id: g.id, title: draft.title.trim() || null, text: draft.text, expectedRevision: draft.baseRevision });
    if (answer.data?.updateDraftGuideline) {
      await refresh();
      stop(t('drafting.guideline.saved', { number: g.number }));
      return;
    }
    if (hasCode(answer.error, 'CONFLICT')) {
      await refresh();
      setConflict(true);
      focusNext.current = 'conflict';
      return;
    }
    setError(answer.error ?? null);
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (edit) void save(edit);
  };

  const others = LANGUAGES.filter((l) => l !== originalLanguage);
  return (
    <article className="draft-guideline" aria-labelledby={`${id}-head`} data-key={g.key}>
      <h4 id={`${id}-head`} className="draft-guideline-head">
        {g.number} {g.title && <span className="draft-guideline-title">{g.title}</span>}
      </h4>
      <div className="draft-text" lang={code(originalLanguage)}>
        {g.text}
      </div>
      <ul className="draft-translations" aria-label={t('drafting.guideline.translations', { number: g.number })}>
        {others.map((l) => {
          const text = textOf(g, l);
          const status = statusOf(g, l);
          return (
            <li key={l} data-language={l}>
              <span>{t(`drafting.language.${l}`)}:</span>{' '}
              <span className={`badge draft-status draft-status-${status.toLowerCase()}`}>{t(`drafting.status.${status}`)}</span>
              {text !== null && (
                <details>
                  <summary>{t('drafting.guideline.readTranslation', { language: t(`drafting.language.${l}`), number: g.number })}</summary>
                  <div className="draft-text" lang={code(l)}>
                    {text}
                  </div>
                </details>
              )}
            </li>
          );
        })}
      </ul>

      {editable && edit === null && (
        <p className="actions">
          <button type="button" className="button-quiet" ref={editButton} onClick={start}>
            {t('drafting.guideline.edit')}
            <span className="visually-hidden"> {t('drafting.guideline.which', { name })}</span>
          </button>
        </p>
      )}
      {editable && edit !== null && (
        <form className="form draft-edit" aria-label={t('drafting.guideline.editForm', { name })} onSubmit={submit} noValidate>
          {conflict && (
            <div className="error conflict" role="alert" tabIndex={-1} ref={conflictBox}>
              <p className="error-title">{t('drafting.guideline.conflict')}</p>
              <p>{t('drafting.guideline.theirs')}</p>
              <div className="conflict-theirs">
                {g.title && <p className="draft-guideline-title">{g.title}</p>}
                <div className="draft-text">{g.text}</div>
              </div>
              <p>{t('drafting.guideline.which2')}</p>
              <p className="actions">
                <button
                  type="button"
                  onClick={() => {
                    const rebased = { ...edit, baseRevision: g.revision };
                    setEdit(rebased);
                    setConflict(false);
                    void save(rebased);
                  }}
                  aria-disabled={saving.fetching}
                >
                  {t('drafting.guideline.keepMine')}
                </button>
                <button type="button" className="button-quiet" onClick={() => stop(t('drafting.guideline.tookTheirs'))}>
                  {t('drafting.guideline.takeTheirs')}
                </button>
              </p>
            </div>
          )}
          <div className="field">
            <label htmlFor={`${id}-title`}>{t('drafting.guideline.titleField')}</label>
            <input id={`${id}-title`} value={edit.title} onChange={(e) => setEdit({ ...edit, title: e.target.value })} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-text`}>{t('drafting.guideline.textField')}</label>
            <textarea
              id={`${id}-text`}
              ref={textArea}
              value={edit.text}
              aria-invalid={empty ? 'true' : undefined}
              aria-describedby={empty ? `${id}-text-error` : undefined}
              onChange={(e) => setEdit({ ...edit, text: e.target.value })}
            />
            {empty && (
              <p className="field-error" id={`${id}-text-error`}>
                {t('drafting.guideline.empty')}
              </p>
            )}
          </div>
          {error && <ErrorMessage error={error} />}
          {!conflict && (
            <p className="actions">
              <button type="submit" aria-disabled={saving.fetching}>
                {saving.fetching ? t('drafting.guideline.saving') : t('drafting.guideline.save')}
              </button>
              <button type="button" className="button-quiet" onClick={() => stop()}>
                {t('common.cancel')}
              </button>
            </p>
          )}
        </form>
      )}
    </article>
  );
}
