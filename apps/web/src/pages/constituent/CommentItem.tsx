// One comment as the user may see it, and, for their own organization's while the round is open:
// edit (with expectedRevision; a CONFLICT shows the newer text and lets them choose) and withdraw
// (after a confirmation). An edit in progress is a draft too: kept across reloads and expiry.
import { useEffect, useId, useRef, useState, type FormEvent, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, type CombinedError } from 'urql';
import { useAnnounce } from '../../ui/Announcer';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { describeError, hasCode } from '../../ui/errors';
import { Time } from '../../ui/Time';
import { useDraft } from '../../ui/use-draft';
import { CommentFields, fieldProblems, toInput, UnsentText, type CommentText, type FieldProblems } from './CommentFields';
import { RoundPageUpdateComment, RoundPageWithdrawComment } from './operations';
import type { RoundComment } from './use-round-comments';

interface Props {
  comment: RoundComment;
  /** The user's organization wrote it. */
  own: boolean;
  /** The round is open and before its deadline: own comments can change. */
  editable: boolean;
  onChanged(comment: RoundComment): void;
  /** Reads the round's comments again (after a CONFLICT: to show the newer text). */
  refresh(): Promise<RoundComment[] | null>;
  onDeadlinePassed(): void;
}

type EditDraft = CommentText & { baseRevision: number };

const textOf = (c: RoundComment): CommentText => ({ type: c.type, body: c.body, proposedText: c.proposedText ?? '' });

export function CommentItem({ comment, own, editable, onChanged, refresh, onDeadlinePassed }: Props) {
  const { t } = useTranslation();
  const headId = useId();
  const [edit, setEdit, clearEdit] = useDraft<EditDraft | null>(`edit:${comment.id}`, null);
  const [conflict, setConflict] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [problems, setProblems] = useState<FieldProblems>({});
  const [error, setError] = useState<CombinedError | null>(null);
  const [updated, update] = useMutation(RoundPageUpdateComment);
  const [withdrawn, withdraw] = useMutation(RoundPageWithdrawComment);
  const busy = useRef(false);
  const focusNext = useRef<'body' | 'edit' | 'confirm' | 'article' | null>(null);
  const article = useRef<HTMLElement>(null);
  const editButton = useRef<HTMLButtonElement>(null);
  const body = useRef<HTMLTextAreaElement>(null);
  const confirmQuestion = useRef<HTMLParagraphElement>(null);
  const announce = useAnnounce();
  const isWithdrawn = comment.status === 'WITHDRAWN';

  useEffect(() => {
    const target = { body, edit: editButton, confirm: confirmQuestion, article }[focusNext.current ?? 'article'];
    if (focusNext.current) target.current?.focus();
    focusNext.current = null;
  });

  function startEdit() {
    setEdit({ ...textOf(comment), baseRevision: comment.revision });
    setProblems({});
    setError(null);
    setConflict(false);
    focusNext.current = 'body';
  }

  function stopEdit(message?: string) {
    clearEdit();
    setConflict(false);
    setProblems({});
    setError(null);
    focusNext.current = 'edit';
    if (message) announce(message);
  }

  async function save(draft: EditDraft) {
    if (busy.current) return;
    const input = toInput(draft);
    if (!input.body) {
      setProblems({ body: t('comment.empty') });
      focusNext.current = 'body';
      return;
    }
    busy.current = true;
    setProblems({});
    setError(null);
    try {
      const answer = await update({ id: comment.id, input, expectedRevision: draft.baseRevision });
      const saved = answer.data?.updateComment;
      if (saved) {
        onChanged(saved);
        stopEdit(t('comment.saved'));
        return;
      }
      if (!answer.error) return;
      if (hasCode(answer.error, 'CONFLICT')) {
        // Someone in the organization changed it meanwhile: show their version next to this one.
        await refresh();
        setConflict(true);
        return;
      }
      setError(answer.error);
      setProblems(fieldProblems(describeError(answer.error).fields));
      if (hasCode(answer.error, 'DEADLINE_PASSED')) onDeadlinePassed();
    } finally {
      busy.current = false;
    }
  }

  async function confirmWithdraw() {
    if (busy.current) return;
    busy.current = true;
    setError(null);
    try {
      const answer = await withdraw({ id: comment.id });
      const done = answer.data?.withdrawComment;
      if (done) {
        onChanged(done);
        setConfirming(false);
        clearEdit();
        focusNext.current = 'article';
        announce(t('comment.withdrawnAnnounce'));
        return;
      }
      if (answer.error) {
        setError(answer.error);
        if (hasCode(answer.error, 'DEADLINE_PASSED')) onDeadlinePassed();
        else if (hasCode(answer.error, 'BAD_USER_INPUT')) await refresh();
      }
    } finally {
      busy.current = false;
    }
  }

  const editing = own && edit !== null;
  return (
    <article className={isWithdrawn ? 'comment comment-withdrawn' : 'comment'} aria-labelledby={headId} tabIndex={-1} ref={article}>
      <p className="comment-head" id={headId}>
        <strong>{comment.organization.name}</strong> <span className="muted">({t(`groupOf.${comment.group}`)})</span>
        <span className="badge">{t(`commentType.${comment.type}`)}</span>
        {own && <span className="badge badge-own">{t('comment.yours')}</span>}
        {comment.late && <span className="badge">{t('comment.late')}</span>}
        {isWithdrawn && <span className="badge badge-withdrawn">{t('comment.withdrawn')}</span>}
      </p>
      <div className="comment-body">{comment.body}</div>
      {comment.proposedText && (
        <div className="proposed">
          <p className="proposed-label">{t('comment.proposed')}</p>
          <blockquote>{comment.proposedText}</blockquote>
        </div>
      )}
      <p className="comment-meta muted">
        {t('comment.sentBy', { name: comment.author.displayName })} <Time value={comment.submittedAt} />
        {comment.revision > 1 && (
          <>
            {' '}
            · {isWithdrawn ? t('comment.withdrawn') : t('comment.lastChanged')} <Time value={comment.updatedAt} />
          </>
        )}
      </p>
      {comment.disposition && (
        <p className="disposition">
          <strong>{t('comment.response')}</strong> {t(`disposition.${comment.disposition}`)}
          {comment.dispositionNote ? `. ${comment.dispositionNote}` : ''}
        </p>
      )}

      {editing && edit && (
        <EditForm
          comment={comment}
          draft={edit}
          onChange={setEdit}
          editable={editable}
          conflict={conflict}
          problems={problems}
          error={error}
          saving={updated.fetching}
          bodyRef={body}
          onSave={() => void save(edit)}
          onCancel={() => stopEdit()}
          onKeepMine={() => {
            const rebased = { ...edit, baseRevision: comment.revision };
            setEdit(rebased);
            setConflict(false);
            void save(rebased);
          }}
          onTakeTheirs={() => stopEdit(t('comment.tookTheirs'))}
        />
      )}

      {own && editable && !isWithdrawn && !editing && !confirming && (
        <p className="actions">
          <button type="button" ref={editButton} className="button-quiet" onClick={startEdit}>
            {t('comment.edit')}
            <span className="visually-hidden">{t('comment.thisComment')}</span>
          </button>
          <button
            type="button"
            className="button-quiet"
            onClick={() => {
              setConfirming(true);
              setError(null);
              focusNext.current = 'confirm';
            }}
          >
            {t('comment.withdraw')}
            <span className="visually-hidden">{t('comment.thisComment')}</span>
          </button>
        </p>
      )}
      {own && confirming && !isWithdrawn && (
        <div className="confirm" role="group" aria-label={t('comment.confirmQuestion')}>
          <p ref={confirmQuestion} tabIndex={-1}>
            <strong>{t('comment.confirmQuestion')}</strong> {t('comment.confirmText')}
          </p>
          {error && <ErrorMessage error={error} />}
          <p className="actions">
            <button type="button" onClick={() => void confirmWithdraw()} disabled={withdrawn.fetching || !editable}>
              {withdrawn.fetching ? t('comment.withdrawing') : t('comment.confirmYes')}
            </button>
            <button
              type="button"
              className="button-quiet"
              onClick={() => {
                setConfirming(false);
                setError(null);
                focusNext.current = 'edit';
              }}
            >
              {t('comment.confirmNo')}
            </button>
          </p>
        </div>
      )}
    </article>
  );
}

interface EditFormProps {
  comment: RoundComment;
  draft: EditDraft;
  onChange(draft: EditDraft): void;
  editable: boolean;
  conflict: boolean;
  problems: FieldProblems;
  error: CombinedError | null;
  saving: boolean;
  bodyRef: Ref<HTMLTextAreaElement>;
  onSave(): void;
  onCancel(): void;
  onKeepMine(): void;
  onTakeTheirs(): void;
}

function EditForm(p: EditFormProps) {
  const { t } = useTranslation();
  const { comment, draft } = p;
  const deadline = p.error && hasCode(p.error, 'DEADLINE_PASSED');
  // Closed, withdrawn meanwhile: the changes can no longer be saved, but stay on screen to copy.
  if (!p.editable || deadline || comment.status === 'WITHDRAWN') {
    return (
      <section className="comment-form comment-form-closed" aria-label={t('comment.unsaved')}>
        {p.error ? (
          <ErrorMessage error={p.error} />
        ) : comment.status === 'WITHDRAWN' ? (
          <p className="error" role="alert">
            {t('comment.withdrawnMeanwhile')}
          </p>
        ) : (
          <p className="notice">{t('comment.closedBeforeSave')}</p>
        )}
        <UnsentText value={draft} label={t('comment.changedUnsaved')} />
        <p className="actions">
          <button type="button" className="button-quiet" onClick={p.onCancel}>
            {t('comment.discard')}
          </button>
        </p>
      </section>
    );
  }
  const submit = (event: FormEvent) => {
    event.preventDefault();
    p.onSave();
  };
  return (
    <form className="form comment-form" aria-label={t('comment.editForm')} onSubmit={submit} noValidate>
      {p.conflict && (
        <div className="error conflict" role="alert">
          <p className="error-title">{t('comment.conflict')}</p>
          <p>
            {t('comment.theirs')} <Time value={comment.updatedAt} />
            {t('comment.theirsEnd')}
          </p>
          <div className="conflict-theirs">
            <p>
              <span className="badge">{t(`commentType.${comment.type}`)}</span>
            </p>
            <div className="comment-body">{comment.body}</div>
            <div className="proposed">
              <p className="proposed-label">{t('comment.proposed')}</p>
              {comment.proposedText ? <blockquote>{comment.proposedText}</blockquote> : <p>{t('comment.none')}</p>}
            </div>
          </div>
          <p>{t('comment.which')}</p>
          <p className="actions">
            <button type="button" onClick={p.onKeepMine} disabled={p.saving}>
              {t('comment.keepMine')}
            </button>
            <button type="button" className="button-quiet" onClick={p.onTakeTheirs}>
              {t('comment.takeTheirs')}
            </button>
          </p>
        </div>
      )}
      <CommentFields value={draft} onChange={(v) => p.onChange({ ...draft, ...v })} problems={p.problems} bodyRef={p.bodyRef} />
      {p.error && <ErrorMessage error={p.error} />}
      {!p.conflict && (
        <p className="actions">
          <button type="submit" disabled={p.saving}>
            {p.saving ? t('comment.saving') : t('comment.save')}
          </button>
          <button type="button" className="button-quiet" onClick={p.onCancel}>
            {t('common.cancel')}
          </button>
        </p>
      )}
    </form>
  );
}
