// The comments of one matrix row, each with its disposition form (setDisposition). Saving updates the
// comment here and refreshes the matrix counts and the next steps' blockers. A save sends the comment's
// dispositionRevision as shown: when another disposition or an edit came first the server answers CONFLICT,
// and the form shows the comment as it is now, says what changed, and keeps the choice made for a second save.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient, useMutation, useQuery } from 'urql';
import { useSignedIn } from '../../auth/use-session';
import { graphql } from '../../gql';
import type { Disposition, InstrumentCommentsNowQueryVariables, InstrumentRoundCommentsQuery, Stage } from '../../gql/graphql';
import { useAnnounce } from '../../ui/Announcer';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { hasCode } from '../../ui/errors';
import { Time } from '../../ui/Time';
import { describeCommentChanges } from './comment-changes';
import { DISPOSITIONS } from './labels';

graphql(`
  fragment InstrumentCommentFields on Comment {
    id
    group
    type
    body
    proposedText
    status
    late
    revision
    submittedAt
    updatedAt
    disposition
    dispositionNote
    dispositionRevision
    guideline {
      id
    }
    organization {
      id
      name
    }
    author {
      id
      displayName
    }
  }
`);

const InstrumentRoundComments = graphql(`
  query InstrumentRoundComments($filter: CommentFilter!, $first: Int, $after: String) {
    comments(filter: $filter, first: $first, after: $after) {
      edges {
        node {
          ...InstrumentCommentFields
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

// After a CONFLICT: the row's comments as they are now, with who recorded each disposition.
const InstrumentCommentsNow = graphql(`
  query InstrumentCommentsNow($filter: CommentFilter!, $first: Int, $after: String) {
    comments(filter: $filter, first: $first, after: $after) {
      edges {
        node {
          ...InstrumentCommentFields
          dispositionHistory {
            recordedBy {
              id
              displayName
            }
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

const InstrumentSetDisposition = graphql(`
  mutation InstrumentSetDisposition($id: ID!, $disposition: Disposition!, $note: String, $expectedRevision: Int) {
    setDisposition(commentId: $id, disposition: $disposition, note: $note, expectedRevision: $expectedRevision) {
      ...InstrumentCommentFields
    }
  }
`);

type CommentNode = InstrumentRoundCommentsQuery['comments']['edges'][number]['node'];

/** The comment as the server has it now, with who recorded its current disposition (null: not found). */
type FetchNow = (commentId: string) => Promise<{ comment: CommentNode; lastBy: { id: string; displayName: string } | null } | null>;

const PAGE = 100;

interface Props {
  id: string;
  roundId: string;
  /** null: the general comments. */
  guidelineId: string | null;
  subject: string;
  stage: Stage;
  mayDispose: boolean;
  onSaved: () => void;
  onClose: () => void;
}

export function DispositionPanel({ id, roundId, guidelineId, subject, stage, mayDispose, onSaved, onClose }: Props) {
  const { t } = useTranslation();
  const [after, setAfter] = useState<string | null>(null);
  // The API has no "general only" filter: the general row reads the round's comments and keeps those without a guideline.
  const filter = guidelineId ? { roundId, guidelineId } : { roundId };
  const [{ data, error, fetching }] = useQuery({ query: InstrumentRoundComments, variables: { filter, first: PAGE, after } });
  const [comments, setComments] = useState<CommentNode[]>([]);
  const heading = useRef<HTMLHeadingElement>(null);
  const client = useClient();
  const fetchNow: FetchNow = async (commentId) => {
    for (let cursor: string | null = null; ;) {
      const variables: InstrumentCommentsNowQueryVariables = { filter, first: PAGE, after: cursor };
      const result = await client.query(InstrumentCommentsNow, variables, { requestPolicy: 'network-only' }).toPromise();
      const page = result.data?.comments;
      if (!page) return null;
      const found = page.edges.find((e) => e.node.id === commentId)?.node;
      if (found) {
        const { dispositionHistory, ...comment } = found;
        setComments((known) => merge(known, [comment]));
        return { comment, lastBy: dispositionHistory.at(-1)?.recordedBy ?? null };
      }
      if (!page.pageInfo.hasNextPage) return null;
      cursor = page.pageInfo.endCursor;
    }
  };

  useEffect(() => heading.current?.focus(), []);
  useEffect(() => {
    if (data)
      setComments((known) =>
        merge(
          known,
          data.comments.edges.map((e) => e.node),
        ),
      );
  }, [data]);

  const shown = comments.filter((c) => (guidelineId ? c.guideline?.id === guidelineId : c.guideline === null));
  const saved = (comment: CommentNode) => {
    setComments((known) => merge(known, [comment]));
    onSaved();
  };

  return (
    <section id={id} aria-labelledby={`${id}-heading`} className="desk-panel">
      <h5 id={`${id}-heading`} ref={heading} tabIndex={-1}>
        {t('round.commentsOn', { subject })}
      </h5>
      {!mayDispose && <p className="notice">{t('dispose.notNow', { stage: t(`stage.${stage}`) })}</p>}
      <ErrorMessage error={error} />
      {fetching && shown.length === 0 && <p>{t('dispose.loading')}</p>}
      {data && shown.length === 0 && !data.comments.pageInfo.hasNextPage && <p>{t('dispose.none')}</p>}
      <ol className="list desk-comments">
        {shown.map((comment, i) => (
          <CommentItem key={comment.id} comment={comment} index={i + 1} mayDispose={mayDispose} onSaved={saved} fetchNow={fetchNow} />
        ))}
      </ol>
      <p className="actions">
        {data?.comments.pageInfo.hasNextPage && (
          <button type="button" className="button-quiet" aria-disabled={fetching} onClick={() => !fetching && setAfter(data.comments.pageInfo.endCursor)}>
            {t('dispose.more')}
          </button>
        )}
        <button type="button" className="button-quiet" onClick={onClose}>
          {t('dispose.close', { subject })}
        </button>
      </p>
    </section>
  );
}

/** Known comments with `fresh` ones replaced in place or added at the end. */
function merge(known: CommentNode[], fresh: CommentNode[]): CommentNode[] {
  const next = [...known];
  for (const comment of fresh) {
    const at = next.findIndex((c) => c.id === comment.id);
    if (at >= 0) next[at] = comment;
    else next.push(comment);
  }
  return next;
}

interface ItemProps {
  comment: CommentNode;
  index: number;
  mayDispose: boolean;
  onSaved: (c: CommentNode) => void;
  fetchNow: FetchNow;
}

function CommentItem({ comment, index, mayDispose, onSaved, fetchNow }: ItemProps) {
  const { t } = useTranslation();
  const who = `${comment.organization.name} (${t(`group.${comment.group}`)})`;
  const withdrawn = comment.status === 'WITHDRAWN';
  return (
    <li className="desk-comment" data-comment={comment.id}>
      <p className="list-title">
        {t('dispose.comment', { index, who })}
        {comment.late && <span className="badge">{t('comment.late')}</span>}
        {withdrawn && <span className="badge">{t('comment.withdrawn')}</span>}
      </p>
      <p className="muted">
        {t('dispose.by', { type: t(`commentType.${comment.type}`), name: comment.author.displayName })} <Time value={comment.submittedAt} />
        {comment.updatedAt !== comment.submittedAt && (
          <>
            {t('dispose.edited')} <Time value={comment.updatedAt} />
          </>
        )}
      </p>
      <blockquote className="desk-quote">{comment.body}</blockquote>
      {comment.proposedText && (
        <>
          <p>{t('dispose.proposed')}</p>
          <blockquote className="desk-quote">{comment.proposedText}</blockquote>
        </>
      )}
      <p className="desk-disposition-now">
        {t('dispose.now')} <strong>{comment.disposition ? t(`disposition.${comment.disposition}`) : t('dispose.noneYet')}</strong>
        {comment.dispositionNote && <>{t('changes.note', { note: comment.dispositionNote })}</>}
      </p>
      {withdrawn ? (
        <p className="muted">{t('dispose.withdrawn')}</p>
      ) : (
        // Not re-mounted when the saved values come back: the focus stays on the button just used.
        mayDispose && <DispositionForm comment={comment} index={index} who={who} onSaved={onSaved} fetchNow={fetchNow} />
      )}
    </li>
  );
}

function DispositionForm({ comment, index, who, onSaved, fetchNow }: Omit<ItemProps, 'mayDispose'> & { who: string }) {
  const { t } = useTranslation();
  const { user } = useSignedIn();
  const [choice, setChoice] = useState<Disposition | null>(comment.disposition);
  const [note, setNote] = useState(comment.dispositionNote ?? '');
  const [unchosen, setUnchosen] = useState(false);
  const [conflict, setConflict] = useState<string[] | null>(null);
  const [result, setDisposition] = useMutation(InstrumentSetDisposition);
  const announce = useAnnounce();
  const base = `disposition-${comment.id}`;
  const conflictBox = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (conflict) conflictBox.current?.focus();
  }, [conflict]);

  async function save(event: FormEvent) {
    event.preventDefault();
    if (result.fetching) return;
    if (!choice) {
      setUnchosen(true);
      document.getElementById(`${base}-${DISPOSITIONS[0]}`)?.focus();
      return;
    }
    setUnchosen(false);
    const saw = comment;
    const answer = await setDisposition({ id: comment.id, disposition: choice, note: note.trim() || null, expectedRevision: saw.dispositionRevision });
    const updated = answer.data?.setDisposition;
    if (updated) {
      setConflict(null);
      announce(t('dispose.saved', { index, disposition: t(`disposition.${choice}`) }));
      onSaved(updated);
    } else if (hasCode(answer.error, 'CONFLICT')) {
      // The comment shown is replaced by the server's; the choice and note typed stay for a second save.
      const now = await fetchNow(comment.id);
      setConflict(now ? describeCommentChanges(saw, now.comment, now.lastBy, user.id) : [t('changes.someone')]);
    }
  }

  return (
    <form className="form desk-disposition" onSubmit={save}>
      <fieldset aria-describedby={unchosen ? `${base}-error` : undefined}>
        <legend>
          {t('dispose.legend', { index })}
          <span className="visually-hidden">{t('dispose.byWho', { who })}</span>
        </legend>
        <div className="desk-radios">
          {DISPOSITIONS.map((d) => (
            <label key={d} htmlFor={`${base}-${d}`} className="desk-radio">
              <input type="radio" id={`${base}-${d}`} name={base} value={d} checked={choice === d} onChange={() => setChoice(d)} />
              {t(`disposition.${d}`)}
            </label>
          ))}
        </div>
        {unchosen && (
          <p className="field-error" id={`${base}-error`}>
            {t('dispose.choose')}
          </p>
        )}
      </fieldset>
      <div className="field">
        <label htmlFor={`${base}-note`}>
          {t('dispose.note', { index })}
          <span className="visually-hidden">{t('dispose.byWho', { who })}</span> {t('dispose.optional')}
        </label>
        <textarea id={`${base}-note`} className="desk-note" value={note} onChange={(e) => setNote(e.target.value)} />
      </div>
      {conflict ? (
        <div className="error" role="alert" data-testid={`disposition-conflict-${comment.id}`} tabIndex={-1} ref={conflictBox}>
          <p className="error-title">{t('dispose.conflict')}</p>
          <ul>
            {conflict.map((c) => (
              <li key={c}>{c}.</li>
            ))}
          </ul>
          <p>{choice ? t('dispose.keptChoice', { disposition: t(`disposition.${choice}`) }) : t('dispose.kept')}</p>
        </div>
      ) : (
        <ErrorMessage error={result.error} />
      )}
      <p className="actions">
        <button type="submit" aria-disabled={result.fetching}>
          {result.fetching ? t('comment.saving') : conflict ? t('dispose.saveAgain') : t('dispose.save')}
          <span className="visually-hidden">{t('dispose.ofComment', { index })}</span>
        </button>
      </p>
    </form>
  );
}
