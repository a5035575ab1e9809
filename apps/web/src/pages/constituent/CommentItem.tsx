// One comment as the user may see it, and, for their own organization's while the round is open:
// edit (with expectedRevision; a CONFLICT shows the newer text and lets them choose) and withdraw
// (after a confirmation). An edit in progress is a draft too: kept across reloads and expiry.
import { useEffect, useId, useRef, useState, type FormEvent, type Ref } from 'react';
import { useMutation, type CombinedError } from 'urql';
import { useAnnounce } from '../../ui/Announcer';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { describeError, hasCode } from '../../ui/errors';
import { GROUP_NAMES } from '../../ui/labels';
import { Time } from '../../ui/Time';
import { useDraft } from '../../ui/use-draft';
import { CommentFields, fieldProblems, toInput, UnsentText, type CommentText, type FieldProblems } from './CommentFields';
import { DISPOSITION_NAMES, TYPE_NAMES } from './labels';
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
      setProblems({ body: 'A comment cannot be empty. To take it back, withdraw it instead.' });
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
        stopEdit('Your changes to the comment were saved.');
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
        announce('The comment was withdrawn.');
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
        <strong>{comment.organization.name}</strong> <span className="muted">({GROUP_NAMES[comment.group]} group)</span>
        <span className="badge">{TYPE_NAMES[comment.type]}</span>
        {own && <span className="badge badge-own">your organization</span>}
        {comment.late && <span className="badge">late</span>}
        {isWithdrawn && <span className="badge badge-withdrawn">withdrawn</span>}
      </p>
      <div className="comment-body">{comment.body}</div>
      {comment.proposedText && (
        <div className="proposed">
          <p className="proposed-label">Proposed wording</p>
          <blockquote>{comment.proposedText}</blockquote>
        </div>
      )}
      <p className="comment-meta muted">
        Sent by {comment.author.displayName}, <Time value={comment.submittedAt} />
        {comment.revision > 1 && (
          <>
            {' '}
            · {isWithdrawn ? 'withdrawn' : 'last changed'} <Time value={comment.updatedAt} />
          </>
        )}
      </p>
      {comment.disposition && (
        <p className="disposition">
          <strong>The secretariat’s response:</strong> {DISPOSITION_NAMES[comment.disposition]}
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
          onTakeTheirs={() => stopEdit('Kept the current version; your changes were discarded.')}
        />
      )}

      {own && editable && !isWithdrawn && !editing && !confirming && (
        <p className="actions">
          <button type="button" ref={editButton} className="button-quiet" onClick={startEdit}>
            Edit<span className="visually-hidden"> this comment</span>
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
            Withdraw<span className="visually-hidden"> this comment</span>
          </button>
        </p>
      )}
      {own && confirming && !isWithdrawn && (
        <div className="confirm" role="group" aria-label="Withdraw this comment?">
          <p ref={confirmQuestion} tabIndex={-1}>
            <strong>Withdraw this comment?</strong> It stays in the record, marked withdrawn, and can no longer be changed.
          </p>
          {error && <ErrorMessage error={error} />}
          <p className="actions">
            <button type="button" onClick={() => void confirmWithdraw()} disabled={withdrawn.fetching || !editable}>
              {withdrawn.fetching ? 'Withdrawing…' : 'Yes, withdraw it'}
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
              No, keep it
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
  const { comment, draft } = p;
  const deadline = p.error && hasCode(p.error, 'DEADLINE_PASSED');
  // Closed, withdrawn meanwhile: the changes can no longer be saved, but stay on screen to copy.
  if (!p.editable || deadline || comment.status === 'WITHDRAWN') {
    return (
      <section className="comment-form comment-form-closed" aria-label="Your unsaved changes">
        {p.error ? (
          <ErrorMessage error={p.error} />
        ) : comment.status === 'WITHDRAWN' ? (
          <p className="error" role="alert">
            This comment was withdrawn meanwhile, so your changes can no longer be saved. Copy them if you need them.
          </p>
        ) : (
          <p className="notice">The comment period closed before your changes were saved. Copy them if you need them.</p>
        )}
        <UnsentText value={draft} label="Your changed comment (not saved)" />
        <p className="actions">
          <button type="button" className="button-quiet" onClick={p.onCancel}>
            Discard my changes
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
    <form className="form comment-form" aria-label="Edit your comment" onSubmit={submit} noValidate>
      {p.conflict && (
        <div className="error conflict" role="alert">
          <p className="error-title">Someone in your organization changed this comment while you were editing it.</p>
          <p>
            Their version, now the current one (changed <Time value={comment.updatedAt} />
            ):
          </p>
          <div className="conflict-theirs">
            <p>
              <span className="badge">{TYPE_NAMES[comment.type]}</span>
            </p>
            <div className="comment-body">{comment.body}</div>
            <div className="proposed">
              <p className="proposed-label">Proposed wording</p>
              {comment.proposedText ? <blockquote>{comment.proposedText}</blockquote> : <p>None.</p>}
            </div>
          </div>
          <p>Your version is in the form below. Which one should stand?</p>
          <p className="actions">
            <button type="button" onClick={p.onKeepMine} disabled={p.saving}>
              Keep mine
            </button>
            <button type="button" className="button-quiet" onClick={p.onTakeTheirs}>
              Take theirs
            </button>
          </p>
        </div>
      )}
      <CommentFields value={draft} onChange={(v) => p.onChange({ ...draft, ...v })} problems={p.problems} bodyRef={p.bodyRef} />
      {p.error && <ErrorMessage error={p.error} />}
      {!p.conflict && (
        <p className="actions">
          <button type="submit" disabled={p.saving}>
            {p.saving ? 'Saving…' : 'Save changes'}
          </button>
          <button type="button" className="button-quiet" onClick={p.onCancel}>
            Cancel
          </button>
        </p>
      )}
    </form>
  );
}
