// A new comment on one guideline (or a general one): behind a button, so a long draft is not a wall
// of forms. What is typed stays in sessionStorage until the server has it; the idempotency key of the
// draft makes a double click, a retry or a resend after a lost answer one comment.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { useMutation, type CombinedError } from 'urql';
import { useAnnounce } from '../../ui/Announcer';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { describeError, hasCode } from '../../ui/errors';
import { useDraft, useIdempotencyKey } from '../../ui/use-draft';
import { CommentFields, fieldProblems, toInput, UnsentText, type CommentText, type FieldProblems } from './CommentFields';
import { RoundPageSubmitComment, RoundPageUpdateComment } from './operations';
import type { RoundComment } from './use-round-comments';
import type { RoundWindow } from './round-window';

interface Props {
  roundId: string;
  /** null: a general comment on the whole draft. */
  guidelineId: string | null;
  /** "guideline 1.1", "the draft as a whole". */
  subject: string;
  roundWindow: RoundWindow;
  onSent(comment: RoundComment): void;
  /** The server said the deadline passed: the page reads the round again. */
  onDeadlinePassed(): void;
}

/** The comment says what the form sends (type, text, proposed wording as the server keeps them). */
function sameText(comment: RoundComment, input: ReturnType<typeof toInput>): boolean {
  return comment.type === input.type && comment.body === input.body && (comment.proposedText ?? null) === input.proposedText;
}

export function NewCommentForm({ roundId, guidelineId, subject, roundWindow, onSent, onDeadlinePassed }: Props) {
  const { t } = useTranslation();
  const draftKey = `comment:${roundId}:${guidelineId ?? 'general'}`;
  const initial: CommentText = { type: guidelineId ? 'TECHNICAL' : 'GENERAL', body: '', proposedText: '' };
  const [draft, setDraft, clearDraft] = useDraft<CommentText>(draftKey, initial);
  const [idempotencyKey, renewKey] = useIdempotencyKey(draftKey);
  const hasText = draft.body.trim() !== '' || draft.proposedText.trim() !== '';
  const [open, setOpen] = useState(hasText);
  const [problems, setProblems] = useState<FieldProblems>({});
  const [error, setError] = useState<CombinedError | null>(null);
  const [sent, setSent] = useState(false);
  /** The error is about bringing a comment sent in an earlier try up to date, not about sending it. */
  const [sentEarlier, setSentEarlier] = useState(false);
  const [result, submit] = useMutation(RoundPageSubmitComment);
  const [updating, update] = useMutation(RoundPageUpdateComment);
  const sending = useRef(false);
  const toggle = useRef<HTMLButtonElement>(null);
  const body = useRef<HTMLTextAreaElement>(null);
  const openedByUser = useRef(false);
  const announce = useAnnounce();
  const formId = `new-comment-${guidelineId ?? 'general'}`;

  useEffect(() => {
    if (open && openedByUser.current) body.current?.focus();
    openedByUser.current = false;
  }, [open]);

  async function send(event: FormEvent) {
    event.preventDefault();
    // The button is disabled while sending; this also stops a second click in the same instant.
    if (sending.current) return;
    const input = toInput(draft);
    if (!input.body) {
      setProblems({ body: t('newComment.empty') });
      setError(null);
      body.current?.focus();
      return;
    }
    sending.current = true;
    setProblems({});
    setError(null);
    setSentEarlier(false);
    try {
      const answer = await submit({ input: { roundId, guidelineId, ...input, idempotencyKey } });
      let comment = answer.data?.submitComment;
      if (comment && !sameText(comment, input)) {
        // An earlier try with this key reached the server (its answer was lost) and the text changed since:
        // the server gave that comment back, so bring it up to what the user sends now.
        onSent(comment);
        const updated = await update({ id: comment.id, input, expectedRevision: comment.revision });
        if (!updated.data) {
          // The comment exists in its earlier words; the text stays here (a resend tries the change again).
          setError(updated.error ?? null);
          setSentEarlier(true);
          if (hasCode(updated.error, 'DEADLINE_PASSED')) onDeadlinePassed();
          return;
        }
        comment = updated.data.updateComment;
      }
      if (comment) {
        onSent(comment);
        clearDraft();
        renewKey();
        setOpen(false);
        setSent(true);
        announce(comment.late ? t('newComment.sentLate', { subject }) : t('newComment.sent', { subject }));
        toggle.current?.focus();
        return;
      }
      if (answer.error) {
        setError(answer.error);
        setProblems(fieldProblems(describeError(answer.error).fields));
        if (hasCode(answer.error, 'DEADLINE_PASSED')) onDeadlinePassed();
      }
    } finally {
      sending.current = false;
    }
  }

  const deadlineError = error && hasCode(error, 'DEADLINE_PASSED') ? error : null;
  const errorTitle = sentEarlier ? t('newComment.sentEarlier', { problem: describeError(error).title }) : undefined;
  if (!roundWindow.canComment || deadlineError) {
    // Closed: nothing to send any more, but what was typed stays on screen to copy.
    if (!hasText) return null;
    return (
      <section className="comment-form comment-form-closed" aria-label={t('newComment.unsent', { subject })}>
        {deadlineError ? (
          <ErrorMessage error={deadlineError} title={errorTitle} />
        ) : roundWindow.notYetOpen ? (
          <p className="notice">{t('newComment.notYetOpen')}</p>
        ) : (
          <p className="notice">{t('newComment.closed')}</p>
        )}
        <UnsentText value={draft} label={t('newComment.unsentLabel', { subject })} />
        <p className="actions">
          <button type="button" className="button-quiet" onClick={clearDraft}>
            {t('newComment.discard')}
          </button>
        </p>
      </section>
    );
  }

  return (
    <div className="comment-form">
      {sent && !open && <p className="success">{t('newComment.listed')}</p>}
      <p className="actions">
        <button
          ref={toggle}
          type="button"
          className={open ? 'button-quiet' : undefined}
          aria-expanded={open}
          aria-controls={formId}
          onClick={() => {
            openedByUser.current = !open;
            setSent(false);
            setOpen(!open);
          }}
        >
          {open ? t('newComment.hide') : guidelineId ? t('newComment.open', { subject }) : t('newComment.openGeneral')}
        </button>
        {!open && hasText && <span className="badge">{t('newComment.unsentBadge')}</span>}
      </p>
      {open && (
        <form
          id={formId}
          className="form"
          aria-label={guidelineId ? t('newComment.open', { subject }) : t('newComment.generalForm')}
          onSubmit={send}
          noValidate
        >
          {roundWindow.late && (
            <p className="notice">
              <Trans i18nKey="newComment.lateNotice" components={{ strong: <strong /> }} />
            </p>
          )}
          <CommentFields value={draft} onChange={setDraft} problems={problems} bodyRef={body} />
          {error && <ErrorMessage error={error} title={errorTitle} />}
          <p className="actions">
            <button type="submit" disabled={result.fetching || updating.fetching}>
              {result.fetching || updating.fetching ? t('newComment.sending') : roundWindow.late ? t('newComment.sendLate') : t('newComment.send')}
            </button>
          </p>
        </form>
      )}
    </div>
  );
}
