// The round's comments as a working list: filtered (group, type, guideline, late, without a disposition) and
// searched (the server's full-text search, across languages and accents), read a page at a time (cursor paging:
// 3,000 comments are never loaded at once). "Next comment without a disposition" moves through what is left to do;
// the comment opened is shown beside its guideline's text. Several comments chosen get one disposition and one note
// (setDispositions, comment by comment in one transaction): those changed meanwhile are refused, shown as they are
// now, and stay chosen for a second try.
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient, useMutation, useQuery } from 'urql';
import { graphql } from '../../../gql';
import type { CommentFilter, CommentType, ConstituentGroup, Disposition, RoundFinderCommentsQuery } from '../../../gql/graphql';
import { i18n } from '../../../i18n/i18n';
import { useAnnounce } from '../../../ui/Announcer';
import { ErrorMessage } from '../../../ui/ErrorMessage';
import { useDraft } from '../../../ui/use-draft';
import { DISPOSITIONS } from '../labels';
import type { Round } from '../RoundSection';

const GROUPS: ConstituentGroup[] = ['GOVERNMENT', 'EMPLOYERS', 'WORKERS'];
const TYPES: CommentType[] = ['GENERAL', 'TECHNICAL', 'EDITORIAL'];
const PAGE = 50;
const GENERAL = 'general';
const LATE = 'late';
const IN_TIME = 'inTime';
/** setDispositions takes at most this many comments at once. */
const MAX_CHOSEN = 200;

graphql(`
  fragment RoundFinderComment on Comment {
    id
    group
    type
    body
    proposedText
    status
    late
    submittedAt
    disposition
    dispositionNote
    dispositionRevision
    organization {
      id
      name
    }
    guideline {
      id
      number
      title
      text
    }
  }
`);

const RoundFinderComments = graphql(`
  query RoundFinderComments($filter: CommentFilter!, $first: Int, $after: String) {
    comments(filter: $filter, first: $first, after: $after) {
      totalCount
      edges {
        cursor
        node {
          ...RoundFinderComment
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

// What a disposition changes on a comment: merged into the comments the page knows (the rest stays as read).
const RoundSetDispositions = graphql(`
  mutation RoundSetDispositions($roundId: ID!, $items: [DispositionTargetInput!]!, $disposition: Disposition!, $note: String) {
    setDispositions(roundId: $roundId, items: $items, disposition: $disposition, note: $note) {
      disposed {
        id
        status
        disposition
        dispositionNote
        dispositionRevision
      }
      refused {
        commentId
        code
        reason
        message
        comment {
          id
          status
          disposition
          dispositionNote
          dispositionRevision
        }
      }
    }
  }
`);

type Node = RoundFinderCommentsQuery['comments']['edges'][number]['node'];
type Change = Pick<Node, 'id' | 'status' | 'disposition' | 'dispositionNote' | 'dispositionRevision'>;
type Known = { node: Node; cursor: string };

interface Filters {
  search: string;
  group: ConstituentGroup | '';
  type: CommentType | '';
  /** '' every guideline, 'general' the general comments, else a guideline's id. */
  guideline: string;
  late: '' | 'late' | 'inTime';
  undisposed: boolean;
}

const NO_FILTER: Filters = { search: '', group: '', type: '', guideline: '', late: '', undisposed: false };

function toFilter(roundId: string, f: Filters): CommentFilter {
  return {
    roundId,
    search: f.search.trim() || null,
    group: f.group || null,
    type: f.type || null,
    guidelineId: f.guideline && f.guideline !== 'general' ? f.guideline : null,
    generalOnly: f.guideline === 'general' || null,
    late: f.late === '' ? null : f.late === 'late',
    undisposedOnly: f.undisposed || null,
  };
}

type Refusal = { commentId: string; reason: string; message: string; node: Change | null; who: string | null };

interface Props {
  round: Round;
  mayDispose: boolean;
  onSaved: () => void;
}

export function CommentFinder({ round, mayDispose, onSaved }: Props) {
  const { t } = useTranslation();
  const base = `round-${round.number}-finder`;
  const [typed, setTyped] = useState<Filters>(NO_FILTER);
  const [filters, setFilters] = useState<Filters>(NO_FILTER);
  const filter = useMemo(() => toFilter(round.id, filters), [round.id, filters]);
  const filterKey = JSON.stringify(filter);
  const [after, setAfter] = useState<string | null>(null);
  const [{ data, error, fetching }] = useQuery({ query: RoundFinderComments, variables: { filter, first: PAGE, after }, requestPolicy: 'cache-and-network' });
  const [list, setList] = useState<{ key: string; items: Known[] }>({ key: filterKey, items: [] });
  const [known, setKnown] = useState<Map<string, Node>>(new Map());
  const [chosen, setChosen] = useState<string[]>([]);
  const [current, setCurrent] = useState<string | null>(null);
  const [refusals, setRefusals] = useState<Refusal[]>([]);
  const [nothingLeft, setNothingLeft] = useState(false);
  const client = useClient();
  const announce = useAnnounce();
  const detailHeading = useRef<HTMLHeadingElement>(null);
  const [focusDetail, setFocusDetail] = useState(0);
  const announcedFor = useRef<string | null>(null);

  const remember = (nodes: Node[]) =>
    setKnown((k) => {
      const next = new Map(k);
      for (const n of nodes) next.set(n.id, n);
      return next;
    });
  const update = (changes: Change[]) =>
    setKnown((k) => {
      const next = new Map(k);
      for (const c of changes) {
        const was = next.get(c.id);
        if (was) next.set(c.id, { ...was, ...c });
      }
      return next;
    });

  useEffect(() => {
    if (!data) return;
    const page = data.comments.edges.map((e) => ({ node: e.node, cursor: e.cursor }));
    remember(page.map((p) => p.node));
    setList((l) => {
      const items = l.key === filterKey && after !== null ? [...l.items.filter((i) => !page.some((p) => p.node.id === i.node.id)), ...page] : page;
      return { key: filterKey, items };
    });
    if (after === null && announcedFor.current !== filterKey) {
      announcedFor.current = filterKey;
      if (filterKey !== JSON.stringify(toFilter(round.id, NO_FILTER))) announce(t('roundAdmin.finder.found', { count: data.comments.totalCount }));
    }
  }, [data]);

  useEffect(() => {
    if (focusDetail) detailHeading.current?.focus();
  }, [focusDetail]);

  const items = list.key === filterKey ? list.items : [];
  const nodeOf = (id: string) => known.get(id) ?? null;
  const currentNode = current ? nodeOf(current) : null;

  function apply(event?: FormEvent, next = typed) {
    event?.preventDefault();
    setAfter(null);
    setNothingLeft(false);
    setFilters(next);
  }
  const change = (patch: Partial<Filters>, now = true) => {
    const next = { ...typed, ...patch };
    setTyped(next);
    if (now) apply(undefined, next);
  };

  function open(id: string) {
    setCurrent(id);
    setNothingLeft(false);
    setFocusDetail((n) => n + 1);
  }

  /** The next comment without a disposition after the one open (in the list's order, under its filters), else the first. */
  async function nextUndisposed() {
    const ask = async (cursor: string | null) =>
      (
        await client
          .query(RoundFinderComments, { filter: { ...filter, undisposedOnly: true }, first: 1, after: cursor }, { requestPolicy: 'network-only' })
          .toPromise()
      ).data?.comments.edges[0];
    const at = items.find((i) => i.node.id === current)?.cursor ?? null;
    const found = (await ask(at)) ?? (at ? await ask(null) : undefined);
    if (!found || found.node.id === current) {
      setNothingLeft(true);
      announce(t('roundAdmin.finder.nothingLeft'));
      return;
    }
    remember([found.node]);
    open(found.node.id);
    announce(t('roundAdmin.finder.opened', { who: found.node.organization.name }));
  }

  const toggleChosen = (id: string, on: boolean) =>
    setChosen((c) => (on ? (c.includes(id) || c.length >= MAX_CHOSEN ? c : [...c, id]) : c.filter((x) => x !== id)));
  const shownIds = items.map((i) => i.node.id).filter((id) => nodeOf(id)?.status === 'SUBMITTED');
  const allShownChosen = shownIds.length > 0 && shownIds.every((id) => chosen.includes(id));

  const guidelines = round.matrix.flatMap((r) => (r.guideline ? [r.guideline] : []));
  const total = data?.comments.totalCount ?? null;

  return (
    <section
      className="round-finder"
      aria-labelledby={`${base}-heading`}
      onKeyDown={(e) => {
        if (e.altKey && !e.ctrlKey && !e.metaKey && e.key.toLowerCase() === 'n') {
          e.preventDefault();
          void nextUndisposed();
        }
      }}
    >
      <h4 id={`${base}-heading`}>{t('roundAdmin.finder.title')}</h4>
      <form role="search" className="round-filters" onSubmit={apply} aria-label={t('roundAdmin.finder.filters', { number: round.number })}>
        <div className="field round-search">
          <label htmlFor={`${base}-search`}>{t('roundAdmin.finder.search')}</label>
          <input
            id={`${base}-search`}
            type="search"
            value={typed.search}
            onChange={(e) => change({ search: e.target.value }, false)}
            aria-describedby={`${base}-search-hint`}
          />
          <p className="hint" id={`${base}-search-hint`}>
            {t('roundAdmin.finder.searchHint')}
          </p>
        </div>
        <div className="field">
          <label htmlFor={`${base}-group`}>{t('roundAdmin.finder.group')}</label>
          <select id={`${base}-group`} value={typed.group} onChange={(e) => change({ group: e.target.value as Filters['group'] })}>
            <option value="">{t('roundAdmin.finder.anyGroup')}</option>
            {GROUPS.map((g) => (
              <option key={g} value={g}>
                {t(`group.${g}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${base}-type`}>{t('roundAdmin.finder.type')}</label>
          <select id={`${base}-type`} value={typed.type} onChange={(e) => change({ type: e.target.value as Filters['type'] })}>
            <option value="">{t('roundAdmin.finder.anyType')}</option>
            {TYPES.map((x) => (
              <option key={x} value={x}>
                {t(`commentType.${x}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${base}-guideline`}>{t('roundAdmin.finder.guideline')}</label>
          <select id={`${base}-guideline`} value={typed.guideline} onChange={(e) => change({ guideline: e.target.value })}>
            <option value="">{t('roundAdmin.finder.anyGuideline')}</option>
            <option value={GENERAL}>{t('roundAdmin.finder.general')}</option>
            {guidelines.map((g) => (
              <option key={g.id} value={g.id}>
                {g.title ? `${g.number} ${g.title}` : g.number}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${base}-late`}>{t('roundAdmin.finder.late')}</label>
          <select id={`${base}-late`} value={typed.late} onChange={(e) => change({ late: e.target.value as Filters['late'] })}>
            <option value="">{t('roundAdmin.finder.anyTime')}</option>
            <option value={LATE}>{t('roundAdmin.finder.lateOnly')}</option>
            <option value={IN_TIME}>{t('roundAdmin.finder.inTimeOnly')}</option>
          </select>
        </div>
        <label className="round-choice" htmlFor={`${base}-undisposed`}>
          <input type="checkbox" id={`${base}-undisposed`} checked={typed.undisposed} onChange={(e) => change({ undisposed: e.target.checked })} />
          {t('roundAdmin.finder.undisposed')}
        </label>
        <p className="actions">
          <button type="submit">{t('roundAdmin.finder.apply')}</button>
          <button
            type="button"
            className="button-quiet"
            onClick={() => {
              setTyped(NO_FILTER);
              apply(undefined, NO_FILTER);
            }}
          >
            {t('roundAdmin.finder.clear')}
          </button>
        </p>
      </form>
      <ErrorMessage error={error} />
      <p className="actions">
        <span data-testid={`${base}-count`}>
          {total === null ? t('roundAdmin.finder.loading') : t('roundAdmin.finder.count', { count: total, shown: items.length })}
        </span>
        <button
          type="button"
          className="button-quiet"
          onClick={nextUndisposed}
          aria-keyshortcuts="Alt+N"
          id={`${base}-next`}
          data-testid={`${base}-next`}
          aria-describedby={`${base}-next-hint`}
        >
          {t('roundAdmin.finder.next')}
        </button>
        <span className="hint" id={`${base}-next-hint`}>
          {t('roundAdmin.finder.nextHint')}
        </span>
      </p>
      {nothingLeft && <p className="notice">{t('roundAdmin.finder.nothingLeft')}</p>}
      <div className="round-work">
        <div className="round-work-list">
          {mayDispose && shownIds.length > 0 && (
            <label className="round-choice" htmlFor={`${base}-all`}>
              <input
                type="checkbox"
                id={`${base}-all`}
                checked={allShownChosen}
                onChange={(e) =>
                  setChosen((c) => (e.target.checked ? [...new Set([...c, ...shownIds])].slice(0, MAX_CHOSEN) : c.filter((id) => !shownIds.includes(id))))
                }
              />
              {t('roundAdmin.finder.chooseAll', { count: shownIds.length })}
            </label>
          )}
          <ol className="list round-comment-list" aria-label={t('roundAdmin.finder.listLabel', { number: round.number })}>
            {items.map(({ node: listed }) => {
              const node = nodeOf(listed.id) ?? listed;
              return (
                <li key={node.id} className={`round-comment${node.id === current ? ' round-comment-open' : ''}`} data-comment={node.id}>
                  {mayDispose && node.status === 'SUBMITTED' && (
                    <input
                      type="checkbox"
                      id={`${base}-choose-${node.id}`}
                      aria-label={t('roundAdmin.finder.choose', { who: node.organization.name, body: excerpt(node.body) })}
                      checked={chosen.includes(node.id)}
                      onChange={(e) => toggleChosen(node.id, e.target.checked)}
                    />
                  )}
                  <div>
                    <button type="button" className="button-link" onClick={() => open(node.id)} aria-current={node.id === current ? 'true' : undefined}>
                      {t('roundAdmin.finder.who', { who: node.organization.name, group: t(`group.${node.group}`) })}
                      {node.guideline ? t('roundAdmin.finder.on', { number: node.guideline.number }) : t('roundAdmin.finder.onGeneral')}
                    </button>
                    <p className="round-comment-meta">
                      {t(`commentType.${node.type}`)}
                      {node.late && <span className="badge">{t('comment.late')}</span>}
                      {node.status === 'WITHDRAWN' && <span className="badge">{t('comment.withdrawn')}</span>}{' '}
                      <span className="round-disposition">
                        {node.disposition ? t(`disposition.${node.disposition}`) : node.status === 'SUBMITTED' ? t('roundAdmin.finder.noDisposition') : ''}
                      </span>
                    </p>
                    <p className="round-excerpt">{excerpt(node.body)}</p>
                  </div>
                </li>
              );
            })}
          </ol>
          {data?.comments.pageInfo.hasNextPage && (
            <p className="actions">
              <button type="button" className="button-quiet" aria-disabled={fetching} onClick={() => !fetching && setAfter(data.comments.pageInfo.endCursor)}>
                {t('roundAdmin.finder.more')}
              </button>
            </p>
          )}
        </div>
        {currentNode && (
          <section className="round-detail" aria-labelledby={`${base}-detail-heading`} data-testid={`${base}-detail`}>
            <h5 id={`${base}-detail-heading`} ref={detailHeading} tabIndex={-1}>
              {t('roundAdmin.finder.who', { who: currentNode.organization.name, group: t(`group.${currentNode.group}`) })}
              {currentNode.guideline ? t('roundAdmin.finder.on', { number: currentNode.guideline.number }) : t('roundAdmin.finder.onGeneral')}
            </h5>
            <div className="round-side-by-side">
              <div>
                <p className="muted">{t('roundAdmin.finder.theComment', { type: t(`commentType.${currentNode.type}`) })}</p>
                <blockquote className="desk-quote">{currentNode.body}</blockquote>
                {currentNode.proposedText && (
                  <>
                    <p className="muted">{t('dispose.proposed')}</p>
                    <blockquote className="desk-quote">{currentNode.proposedText}</blockquote>
                  </>
                )}
                <p>
                  {t('dispose.now')} <strong>{currentNode.disposition ? t(`disposition.${currentNode.disposition}`) : t('dispose.noneYet')}</strong>
                  {currentNode.dispositionNote && t('changes.note', { note: currentNode.dispositionNote })}
                </p>
                {mayDispose && currentNode.status === 'SUBMITTED' && (
                  <label className="round-choice" htmlFor={`${base}-choose-current`}>
                    <input
                      type="checkbox"
                      id={`${base}-choose-current`}
                      checked={chosen.includes(currentNode.id)}
                      onChange={(e) => toggleChosen(currentNode.id, e.target.checked)}
                    />
                    {t('roundAdmin.finder.chooseThis')}
                  </label>
                )}
              </div>
              <aside className="round-guideline" aria-label={t('roundAdmin.finder.guidelineText')} data-testid={`${base}-guideline`}>
                {currentNode.guideline ? (
                  <>
                    <p className="muted">
                      {currentNode.guideline.title
                        ? t('matrix.guidelineTitled', { number: currentNode.guideline.number, title: currentNode.guideline.title })
                        : t('round.guidelineSubject', { number: currentNode.guideline.number })}
                    </p>
                    <p>{currentNode.guideline.text}</p>
                  </>
                ) : (
                  <p className="muted">{t('roundAdmin.finder.noGuideline')}</p>
                )}
              </aside>
            </div>
          </section>
        )}
      </div>
      {mayDispose && (
        <BulkDisposition
          base={base}
          roundId={round.id}
          chosen={chosen.map((id) => nodeOf(id)).filter((n): n is Node => n !== null)}
          refusals={refusals}
          onDone={(disposed, refused) => {
            update([...disposed, ...refused.flatMap((r) => (r.node ? [r.node] : []))]);
            setRefusals(refused);
            setChosen(refused.filter((r) => r.node?.status === 'SUBMITTED').map((r) => r.commentId));
            onSaved();
          }}
        />
      )}
    </section>
  );
}

const excerpt = (text: string) => (text.length > 140 ? `${text.slice(0, 139)}…` : text);

interface BulkProps {
  base: string;
  roundId: string;
  chosen: Node[];
  refusals: Refusal[];
  onDone: (disposed: Change[], refused: Refusal[]) => void;
}

function BulkDisposition({ base, roundId, chosen, refusals, onDone }: BulkProps) {
  const { t } = useTranslation();
  const [draft, setDraft, clearDraft] = useDraft<{ disposition: Disposition | null; note: string }>(`bulk-disposition:${roundId}`, {
    disposition: null,
    note: '',
  });
  const [problem, setProblem] = useState<'none' | 'disposition' | null>(null);
  const [outcome, setOutcome] = useState<{ disposed: number; refused: number } | null>(null);
  const [result, setDispositions] = useMutation(RoundSetDispositions);
  const announce = useAnnounce();
  const report = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (outcome) report.current?.focus();
  }, [outcome]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (result.fetching) return;
    if (chosen.length === 0) return setProblem('none');
    if (!draft.disposition) {
      setProblem('disposition');
      return document.getElementById(`${base}-bulk-${DISPOSITIONS[0]}`)?.focus();
    }
    setProblem(null);
    const answer = await setDispositions({
      roundId,
      items: chosen.map((c) => ({ commentId: c.id, expectedRevision: c.dispositionRevision })),
      disposition: draft.disposition,
      note: draft.note.trim() || null,
    });
    const done = answer.data?.setDispositions;
    if (!done) return;
    const names = new Map(chosen.map((c) => [c.id, c.organization.name]));
    const refused = done.refused.map((r) => ({
      commentId: r.commentId,
      reason: r.reason,
      message: r.message,
      node: r.comment ?? null,
      who: names.get(r.commentId) ?? null,
    }));
    setOutcome({ disposed: done.disposed.length, refused: refused.length });
    if (refused.length === 0) clearDraft();
    announce(t('roundAdmin.bulk.done', { count: done.disposed.length, refused: refused.length }));
    onDone(done.disposed, refused);
  }

  const chosenById = new Map(chosen.map((c) => [c.id, c]));
  return (
    <form className="form round-bulk" onSubmit={submit} aria-labelledby={`${base}-bulk-heading`} noValidate>
      <h5 id={`${base}-bulk-heading`}>{t('roundAdmin.bulk.title', { count: chosen.length })}</h5>
      {outcome && (
        <div
          className={outcome.refused ? 'error' : 'success'}
          role={outcome.refused ? 'alert' : 'status'}
          tabIndex={-1}
          ref={report}
          data-testid={`${base}-bulk-outcome`}
        >
          <p className={outcome.refused ? 'round-bulk-title' : undefined}>
            {t('roundAdmin.bulk.outcome', { count: outcome.disposed, refused: outcome.refused })}
          </p>
          {refusals.length > 0 && (
            <>
              <ul>
                {refusals.map((r) => (
                  <li key={r.commentId} data-refused={r.commentId}>
                    {t('roundAdmin.bulk.refusedItem', {
                      who: r.who ?? t('roundAdmin.bulk.unknown'),
                      why: refusalWords(r),
                    })}
                  </li>
                ))}
              </ul>
              {refusals.some((r) => chosenById.has(r.commentId)) && <p>{t('roundAdmin.bulk.stillChosen')}</p>}
            </>
          )}
        </div>
      )}
      <fieldset aria-describedby={problem === 'disposition' ? `${base}-bulk-error` : undefined}>
        <legend>{t('roundAdmin.bulk.disposition')}</legend>
        <div className="desk-radios">
          {DISPOSITIONS.map((d) => (
            <label key={d} htmlFor={`${base}-bulk-${d}`} className="desk-radio">
              <input
                type="radio"
                id={`${base}-bulk-${d}`}
                name={`${base}-bulk`}
                checked={draft.disposition === d}
                onChange={() => setDraft({ ...draft, disposition: d })}
              />
              {t(`disposition.${d}`)}
            </label>
          ))}
        </div>
        {problem === 'disposition' && (
          <p className="field-error" id={`${base}-bulk-error`}>
            {t('dispose.choose')}
          </p>
        )}
      </fieldset>
      <div className="field">
        <label htmlFor={`${base}-bulk-note`}>
          {t('roundAdmin.bulk.note')} {t('dispose.optional')}
        </label>
        <textarea id={`${base}-bulk-note`} className="desk-note" value={draft.note} onChange={(e) => setDraft({ ...draft, note: e.target.value })} />
      </div>
      {problem === 'none' && <p className="field-error">{t('roundAdmin.bulk.noneChosen')}</p>}
      <ErrorMessage error={result.error} />
      <p className="actions">
        <button type="submit" aria-disabled={result.fetching}>
          {result.fetching ? t('roundAdmin.saving') : t('roundAdmin.bulk.submit', { count: chosen.length })}
        </button>
      </p>
    </form>
  );
}

/** Why one comment was refused, in the reader's words; a reason this page does not know, in the server's. */
function refusalWords(r: Refusal): string {
  if (r.reason === 'CHANGED' && r.node?.disposition) {
    return i18n.t('roundAdmin.bulk.why.CHANGED_TO', { disposition: i18n.t(`disposition.${r.node.disposition}`) });
  }
  return REASONS.includes(r.reason as (typeof REASONS)[number]) ? i18n.t(`roundAdmin.bulk.why.${r.reason as (typeof REASONS)[number]}`) : r.message;
}

const REASONS = ['CHANGED', 'WITHDRAWN', 'CAPACITY', 'STAGE', 'NOT_FOUND', 'OTHER_ROUND'] as const;
