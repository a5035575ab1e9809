// The fields of a comment (type, text, proposed wording), shared by the new-comment and edit forms.
import { TEXT_MAX } from '@tripartite/domain';
import { useId, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import type { CommentType } from '../../gql/graphql';
import { COMMENT_TYPES } from './labels';
import { useLocale } from '../../i18n/language-choice';

export interface CommentText {
  type: CommentType;
  body: string;
  proposedText: string;
}

/** What the server must hear about (its BAD_USER_INPUT fields, or the page's own check). */
export interface FieldProblems {
  type?: string;
  body?: string;
  proposedText?: string;
}

/** The server's field names (submitComment: body; updateComment: input.body) to ours. */
export function fieldProblems(fields: { field: string; message: string }[]): FieldProblems {
  const out: FieldProblems = {};
  for (const f of fields) {
    const name = f.field.replace(/^input\./, '');
    if (name === 'type' || name === 'body' || name === 'proposedText') out[name] = f.message;
  }
  return out;
}

/** What the server accepts for a comment and its proposed text (libs/domain). */
const PROSE_MAX = TEXT_MAX.prose;

interface Props {
  value: CommentText;
  onChange(value: CommentText): void;
  problems: FieldProblems;
  disabled?: boolean;
  bodyRef?: Ref<HTMLTextAreaElement>;
}

export function CommentFields({ value, onChange, problems, disabled = false, bodyRef }: Props) {
  const { t } = useTranslation();
  const locale = useLocale();
  const id = useId();
  const set = (patch: Partial<CommentText>) => onChange({ ...value, ...patch });
  return (
    <>
      <fieldset className="comment-types" disabled={disabled}>
        <legend>{t('commentForm.type')}</legend>
        {COMMENT_TYPES.map((type) => (
          <div className="choice" key={type}>
            <input
              type="radio"
              id={`${id}-type-${type}`}
              name={`${id}-type`}
              value={type}
              checked={value.type === type}
              onChange={() => set({ type })}
              aria-describedby={`${id}-type-${type}-hint`}
            />
            <label htmlFor={`${id}-type-${type}`}>{t(`commentType.${type}`)}</label>
            <span className="hint" id={`${id}-type-${type}-hint`}>
              {t(`commentForm.typeHint.${type}`)}
            </span>
          </div>
        ))}
        {problems.type && <p className="field-error">{problems.type}</p>}
      </fieldset>
      <div className="field">
        <label htmlFor={`${id}-body`}>{t('commentForm.body')}</label>
        <textarea
          id={`${id}-body`}
          ref={bodyRef}
          value={value.body}
          onChange={(e) => set({ body: e.target.value })}
          maxLength={PROSE_MAX}
          disabled={disabled}
          aria-invalid={problems.body ? true : undefined}
          aria-describedby={problems.body ? `${id}-body-error ${id}-body-hint` : `${id}-body-hint`}
        />
        <span className="hint" id={`${id}-body-hint`}>
          {t('commentForm.bodyHint', { max: PROSE_MAX.toLocaleString(locale) })}
        </span>
        {problems.body && (
          <p className="field-error" id={`${id}-body-error`}>
            {problems.body}
          </p>
        )}
      </div>
      <div className="field">
        <label htmlFor={`${id}-proposed`}>{t('commentForm.proposed')}</label>
        <textarea
          id={`${id}-proposed`}
          className="proposed-input"
          value={value.proposedText}
          onChange={(e) => set({ proposedText: e.target.value })}
          maxLength={PROSE_MAX}
          disabled={disabled}
          aria-invalid={problems.proposedText ? true : undefined}
          aria-describedby={problems.proposedText ? `${id}-proposed-error ${id}-proposed-hint` : `${id}-proposed-hint`}
        />
        <span className="hint" id={`${id}-proposed-hint`}>
          {t('commentForm.proposedHint')}
        </span>
        {problems.proposedText && (
          <p className="field-error" id={`${id}-proposed-error`}>
            {problems.proposedText}
          </p>
        )}
      </div>
    </>
  );
}

/** The text as the server takes it: trimmed, blank proposed wording as none. */
export function toInput(value: CommentText): { type: CommentType; body: string; proposedText: string | null } {
  return { type: value.type, body: value.body.trim(), proposedText: value.proposedText.trim() || null };
}

/** The unsent text, read-only, to copy (after the deadline, or when a change can no longer be saved). */
export function UnsentText({ value, label }: { value: CommentText; label: string }) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <div className="unsent">
      <div className="field">
        <label htmlFor={`${id}-body`}>{label}</label>
        <textarea id={`${id}-body`} readOnly value={value.body} />
      </div>
      {value.proposedText.trim() && (
        <div className="field">
          <label htmlFor={`${id}-proposed`}>{t('commentForm.proposedUnsent')}</label>
          <textarea id={`${id}-proposed`} className="proposed-input" readOnly value={value.proposedText} />
        </div>
      )}
    </div>
  );
}
