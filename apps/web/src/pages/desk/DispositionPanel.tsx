// The comments of one matrix row, each with its disposition form (setDisposition). Saving updates the
// comment here and refreshes the matrix counts and the next steps' blockers. A save sends the comment's
// dispositionRevision as shown: when another disposition or an edit came first the server answers CONFLICT,
// and the form shows the comment as it is now, says what changed, and keeps the choice made for a second save.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useClient, useMutation, useQuery } from 'urql';
import { useSignedIn } from '../../auth/use-session';
import { graphql } from '../../gql';
import type { Disposition, InstrumentCommentsNowQueryVariables, InstrumentRoundCommentsQuery, Stage } from '../../gql/graphql';
import { useAnnounce } from '../../ui/Announcer';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { hasCode } from '../../ui/errors';
import { GROUP_NAMES } from '../../ui/labels';
import { Time } from '../../ui/Time';
import { describeCommentChanges } from './comment-changes';
import { COMMENT_TYPE_NAMES, DISPOSITION_NAMES, DISPOSITIONS, STAGE_NAMES } from './labels';

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
        Comments on {subject}
      </h5>
      {!mayDispose && (
        <p className="notice">Dispositions are recorded while the instrument is in consultation or consolidation; it is now at stage {STAGE_NAMES[stage]}.</p>
      )}
      <ErrorMessage error={error} />
      {fetching && shown.length === 0 && <p>Loading the comments…</p>}
      {data && shown.length === 0 && !data.comments.pageInfo.hasNextPage && <p>No comment here.</p>}
      <ol className="list desk-comments">
        {shown.map((comment, i) => (
          <CommentItem key={comment.id} comment={comment} index={i + 1} mayDispose={mayDispose} onSaved={saved} fetchNow={fetchNow} />
        ))}
      </ol>
      <p className="actions">
        {data?.comments.pageInfo.hasNextPage && (
          <button type="button" className="button-quiet" aria-disabled={fetching} onClick={() => !fetching && setAfter(data.comments.pageInfo.endCursor)}>
            Show more comments
          </button>
        )}
        <button type="button" className="button-quiet" onClick={onClose}>
          Close the comments on {subject}
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
  const who = `${comment.organization.name} (${GROUP_NAMES[comment.group]})`;
  const withdrawn = comment.status === 'WITHDRAWN';
  return (
    <li className="desk-comment" data-comment={comment.id}>
      <p className="list-title">
        Comment {index}: {who}
        {comment.late && <span className="badge">late</span>}
        {withdrawn && <span className="badge">withdrawn</span>}
      </p>
      <p className="muted">
        {COMMENT_TYPE_NAMES[comment.type]} comment by {comment.author.displayName}, submitted <Time value={comment.submittedAt} />
        {comment.updatedAt !== comment.submittedAt && (
          <>
            , last edited <Time value={comment.updatedAt} />
          </>
        )}
      </p>
      <blockquote className="desk-quote">{comment.body}</blockquote>
      {comment.proposedText && (
        <>
          <p>Proposed wording:</p>
          <blockquote className="desk-quote">{comment.proposedText}</blockquote>
        </>
      )}
      <p className="desk-disposition-now">
        Disposition: <strong>{comment.disposition ? DISPOSITION_NAMES[comment.disposition] : 'none yet'}</strong>
        {comment.dispositionNote && <> (note: {comment.dispositionNote})</>}
      </p>
      {withdrawn ? (
        <p className="muted">Withdrawn by its organization: it needs no disposition.</p>
      ) : (
        // Not re-mounted when the saved values come back: the focus stays on the button just used.
        mayDispose && <DispositionForm comment={comment} index={index} who={who} onSaved={onSaved} fetchNow={fetchNow} />
      )}
    </li>
  );
}

function DispositionForm({ comment, index, who, onSaved, fetchNow }: Omit<ItemProps, 'mayDispose'> & { who: string }) {
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
      announce(`Disposition of comment ${index} saved: ${DISPOSITION_NAMES[choice]}.`);
      onSaved(updated);
    } else if (hasCode(answer.error, 'CONFLICT')) {
      // The comment shown is replaced by the server's; the choice and note typed stay for a second save.
      const now = await fetchNow(comment.id);
      setConflict(now ? describeCommentChanges(saw, now.comment, now.lastBy, user.id) : ['The comment was changed by someone else']);
    }
  }

  return (
    <form className="form desk-disposition" onSubmit={save}>
      <fieldset aria-describedby={unchosen ? `${base}-error` : undefined}>
        <legend>
          Disposition of comment {index}
          <span className="visually-hidden"> by {who}</span>
        </legend>
        <div className="desk-radios">
          {DISPOSITIONS.map((d) => (
            <label key={d} htmlFor={`${base}-${d}`} className="desk-radio">
              <input type="radio" id={`${base}-${d}`} name={base} value={d} checked={choice === d} onChange={() => setChoice(d)} />
              {DISPOSITION_NAMES[d]}
            </label>
          ))}
        </div>
        {unchosen && (
          <p className="field-error" id={`${base}-error`}>
            Choose a disposition.
          </p>
        )}
      </fieldset>
      <div className="field">
        <label htmlFor={`${base}-note`}>
          Note on comment {index}
          <span className="visually-hidden"> by {who}</span> (optional)
        </label>
        <textarea id={`${base}-note`} className="desk-note" value={note} onChange={(e) => setNote(e.target.value)} />
      </div>
      {conflict ? (
        <div className="error" role="alert" data-testid={`disposition-conflict-${comment.id}`} tabIndex={-1} ref={conflictBox}>
          <p className="error-title">Someone else changed this comment while you were looking at it, so your disposition was not saved.</p>
          <ul>
            {conflict.map((c) => (
              <li key={c}>{c}.</li>
            ))}
          </ul>
          <p>Your choice{choice ? ` (${DISPOSITION_NAMES[choice]})` : ''} and note are still here: save them again if they still apply.</p>
        </div>
      ) : (
        <ErrorMessage error={result.error} />
      )}
      <p className="actions">
        <button type="submit" aria-disabled={result.fetching}>
          {result.fetching ? 'Saving…' : conflict ? 'Save the disposition again' : 'Save the disposition'}
          <span className="visually-hidden"> of comment {index}</span>
        </button>
      </p>
    </form>
  );
}
