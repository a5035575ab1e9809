// One consultation round for a constituent: the draft section by section, each guideline with the
// comments the server lets this user see and a form to comment on it, then the general comments.
// A list of the guidelines (with ?guideline=KEY deep links) keeps a long draft usable.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { useQuery, useSubscription } from 'urql';
import { Link, useSearchParams } from 'wouter';
import { useSignedIn } from '../../auth/use-session';
import type { RoundPageCommentFragment } from '../../gql/graphql';
import { useLiveStatus } from '../../graphql/live-status';
import { useLanguage } from '../../i18n/language-choice';
import { code } from '../../i18n/languages';
import { DraftText } from '../../i18n/TranslationNotice';
import { useAnnounce } from '../../ui/Announcer';
import { ErrorMessage } from '../../ui/ErrorMessage';
import type { Problem } from '../../ui/errors';
import { LiveIndicator } from '../../ui/LiveIndicator';
import { Page } from '../../ui/Page';
import { Deadline, Time } from '../../ui/Time';
import { downloadWithToken } from '../desk/download';
import { CommentItem } from './CommentItem';
import { GuidelineNav, anchorId, GENERAL } from './GuidelineNav';
import { NewCommentForm } from './NewCommentForm';
import { RoundPageCommentSubmitted, RoundPageRound } from './operations';
import { inReaderLanguage, type ReaderRound } from './reader-draft';
import { useRoundWindow, type RoundWindow } from './round-window';
import { useRoundComments, type RoundComment } from './use-round-comments';
import './round.css';

type Round = ReaderRound;

export default function RoundPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  // A new language is a new query: urql keeps the round shown until its texts in that language arrive.
  const [{ data, error }, reexecute] = useQuery({ query: RoundPageRound, variables: { id, language }, requestPolicy: 'cache-and-network' });
  const reload = useCallback(() => reexecute({ requestPolicy: 'network-only' }), [reexecute]);
  const round = useMemo(() => (data ? inReaderLanguage(data.round, language) : null), [data, language]);
  // One Page throughout (loading, then the round): its heading is not remounted, nor refocused, when the data arrives.
  return (
    <Page title={round ? round.instrument.title : t('round.title')} wide={Boolean(round)}>
      {round ? (
        <RoundView round={round} reload={reload} />
      ) : error ? (
        <ErrorMessage error={error}>
          <p>
            <Link href="/rounds">{t('round.back')}</Link>
          </p>
        </ErrorMessage>
      ) : (
        <p className="loading">{t('round.loading')}</p>
      )}
    </Page>
  );
}

function RoundView({ round, reload }: { round: Round; reload(): void }) {
  const { t } = useTranslation();
  const { user } = useSignedIn();
  const orgId = user.organization?.id ?? null;
  const comments = useRoundComments(round.id);
  const roundWindow = useRoundWindow(round);
  const announce = useAnnounce();
  const [params] = useSearchParams();

  // The deadline passing while the page is open: forms close (or turn late), and the round is read again.
  const wasPassed = useRef(roundWindow.passed);
  useEffect(() => {
    if (roundWindow.passed && !wasPassed.current) {
      announce(roundWindow.late ? t('round.passedLate') : t('round.passedClosed'));
      reload();
    }
    wasPassed.current = roundWindow.passed;
  }, [roundWindow.passed, roundWindow.late, announce, reload, t]);

  // New comments can arrive only while the round takes them (in time or late).
  useLiveComments(round, comments, user.id, !roundWindow.canComment);

  const byGuideline = useMemo(() => {
    const map = new Map<string, RoundComment[]>();
    const sorted = [...comments.comments].sort((a, b) => Date.parse(a.submittedAt) - Date.parse(b.submittedAt));
    for (const c of sorted) {
      const key = c.guideline?.id ?? GENERAL;
      map.set(key, [...(map.get(key) ?? []), c]);
    }
    return map;
  }, [comments.comments]);

  // ?guideline=KEY: scroll to it and put the focus on its heading (once the comments are in: no jump after).
  const target = params.get('guideline');
  const jumpTo = useCallback((key: string) => {
    const heading = document.getElementById(anchorId(key));
    if (!heading) return;
    heading.scrollIntoView({ block: 'start' });
    heading.focus({ preventScroll: true });
  }, []);
  const jumped = useRef(false);
  useEffect(() => {
    if (target && comments.loaded && !jumped.current) {
      jumped.current = true;
      jumpTo(target);
    }
  }, [target, comments.loaded, jumpTo]);

  const counts = (key: string) => byGuideline.get(key)?.length ?? 0;
  const own = comments.comments.filter((c) => c.organization.id === orgId);
  const shared = {
    roundId: round.id,
    roundWindow,
    onSent: comments.upsert,
    onDeadlinePassed: reload,
  };
  const list = (key: string, subject: string) => (
    <CommentList
      comments={byGuideline.get(key) ?? []}
      subject={subject}
      orgId={orgId}
      editable={roundWindow.inTime}
      loaded={comments.loaded}
      onChanged={comments.upsert}
      refresh={comments.refresh}
      onDeadlinePassed={reload}
    />
  );

  return (
    <>
      <p className="round-subtitle muted">
        {t('round.subtitle', { reference: round.instrument.reference, round: round.number, version: round.version.number })}
      </p>
      <RoundStatus round={round} roundWindow={roundWindow} />
      <p>
        {user.organization && (
          <Trans
            i18nKey="round.youCommentFor"
            values={{ organization: user.organization.name, group: t(`groupOf.${user.organization.group}`) }}
            components={{ strong: <strong /> }}
          />
        )}{' '}
        {t(`round.visibility.${round.visibility}`)}
      </p>
      {roundWindow.notInvited ? (
        <p className="notice" data-testid="not-invited">
          {t('round.notInvited')}
        </p>
      ) : (
        <TemplateDownload roundId={round.id} number={round.number} />
      )}
      {comments.loaded && (
        <p className="actions">
          <span data-testid="comment-counts">
            {t('round.counts', { count: comments.comments.length, own: own.length })}
            {own.some((c) => c.status === 'WITHDRAWN') ? ` ${t('round.withdrawnCount', { count: own.filter((c) => c.status === 'WITHDRAWN').length })}` : ''}
            {t('round.countsEnd')}
          </span>
          {roundWindow.canComment && <LiveIndicator />}
        </p>
      )}
      <ErrorMessage error={comments.error} title={t('round.commentsFailed')}>
        <p>
          <button type="button" className="button-quiet" onClick={() => void comments.refresh()}>
            {t('common.tryAgain')}
          </button>
        </p>
      </ErrorMessage>

      <div className="round-layout">
        <GuidelineNav round={round} counts={counts} onJump={jumpTo} />
        <div className="round-content">
          {round.version.sections.map((section) => (
            <section key={section.id} aria-labelledby={`section-${section.id}`} className="draft-section">
              <h2 id={`section-${section.id}`} lang={code(section.headingShown.language)}>
                {section.number}. {section.heading}
              </h2>
              {section.guidelines.map((g) => {
                const subject = t('round.guidelineSubject', { number: g.number });
                return (
                  <article key={g.id} className="guideline" aria-labelledby={anchorId(g.key)}>
                    <h3 id={anchorId(g.key)} tabIndex={-1}>
                      {g.title ? t('round.guidelineTitled', { number: g.number, title: g.title }) : t('round.guideline', { number: g.number })}
                    </h3>
                    <DraftText shown={g.textShown} className="guideline-text" />
                    {list(g.id, subject)}
                    <NewCommentForm {...shared} guidelineId={g.id} subject={subject} />
                  </article>
                );
              })}
            </section>
          ))}
          <section aria-labelledby={anchorId(GENERAL)} className="draft-section general-comments">
            <h2 id={anchorId(GENERAL)} tabIndex={-1}>
              {t('round.general')}
            </h2>
            <p>{t('round.generalText')}</p>
            {list(GENERAL, t('round.wholeSubject'))}
            <NewCommentForm {...shared} guidelineId={null} subject={t('round.wholeSubject')} />
          </section>
        </div>
      </div>
    </>
  );
}

function RoundStatus({ round, roundWindow }: { round: Round; roundWindow: RoundWindow }) {
  const { t } = useTranslation();
  let state: string;
  let notice: string;
  if (round.status === 'SCHEDULED') {
    state = t('round.status.scheduled');
    notice = t('round.status.scheduledNotice');
  } else if (roundWindow.inTime) {
    state = t('round.status.open');
    notice = roundWindow.notInvited ? t('round.status.openNotInvited') : t('round.status.openNotice');
  } else if (roundWindow.late) {
    state = t('round.status.late');
    notice = t('round.status.lateNotice');
  } else {
    state = t('round.status.closed');
    notice = t('round.status.closedNotice');
  }
  return (
    <div className={roundWindow.inTime ? 'round-status' : 'round-status round-status-closed'} data-testid="round-status">
      <p className="round-state">
        <span className="badge">{state}</span>
      </p>
      {round.status === 'CLOSED' && round.closedAt ? (
        <p>
          {t('round.closedAt')} <Time value={round.closedAt} /> {t('round.deadlineWas')} <Time value={round.closesAt} />
          {t('round.deadlineWasEnd')}
        </p>
      ) : (
        <Deadline value={round.closesAt} label={t('rounds.commentsClose')} />
      )}
      {round.extensions.length > 0 && (
        <ul className="extensions">
          {round.extensions.map((e) => (
            <li key={e.at}>
              {t('round.extendedFrom')} <Time value={e.from} /> {t('round.extendedTo')} <Time value={e.to} />
              {t('round.extendedReason', { reason: e.reason })}
            </li>
          ))}
        </ul>
      )}
      <p className={roundWindow.inTime ? undefined : 'notice'}>{notice}</p>
    </div>
  );
}

interface ListProps {
  comments: RoundComment[];
  subject: string;
  orgId: string | null;
  editable: boolean;
  loaded: boolean;
  onChanged(comment: RoundComment): void;
  refresh(): Promise<RoundComment[] | null>;
  onDeadlinePassed(): void;
}

function CommentList({ comments, subject, orgId, editable, loaded, ...actions }: ListProps) {
  const { t } = useTranslation();
  if (!loaded) return null;
  if (comments.length === 0) return <p className="muted no-comments">{t('round.noComments', { subject })}</p>;
  return (
    <ul className="comments" aria-label={t('round.commentsOn', { subject })}>
      {comments.map((c) => (
        <li key={c.id}>
          <CommentItem comment={c} own={c.organization.id === orgId} editable={editable} {...actions} />
        </li>
      ))}
    </ul>
  );
}

/** New comments as they are sent (what visibility allows), announced; everything read again after a reconnection. */
function useLiveComments(round: Round, comments: ReturnType<typeof useRoundComments>, userId: string, pause: boolean) {
  const [live] = useSubscription(
    { query: RoundPageCommentSubmitted, variables: { roundId: round.id }, pause },
    (_previous: RoundPageCommentFragment | undefined, event) => event.commentSubmitted,
  );
  const { t } = useTranslation();
  const announce = useAnnounce();
  const known = useRef(comments.comments);
  known.current = comments.comments;
  const { upsert, refresh } = comments;
  const guidelines = round.version.sections.flatMap((s) => s.guidelines);
  const numberOf = useRef(guidelines);
  numberOf.current = guidelines;
  useEffect(() => {
    const c = live.data;
    if (!c) return;
    const fresh = !known.current.some((k) => k.id === c.id);
    upsert(c);
    if (fresh && c.author.id !== userId) {
      const g = c.guideline ? numberOf.current.find((x) => x.id === c.guideline?.id) : null;
      const subject = g ? t('round.guidelineSubject', { number: g.number }) : t('round.wholeSubject');
      announce(t('round.newComment', { organization: c.organization.name, subject }));
    }
  }, [live.data, upsert, announce, userId, t]);

  // Events sent while the socket was down are lost: read everything again when it comes back.
  const { connections } = useLiveStatus();
  const seen = useRef(connections);
  useEffect(() => {
    if (connections > seen.current && seen.current > 0) void refresh();
    seen.current = connections;
  }, [connections, refresh]);
}

/** The ISO/IEC commenting template prefilled with the round's guidelines, for the organization to fill offline. */
function TemplateDownload({ roundId, number }: { roundId: string; number: number }) {
  const { t } = useTranslation();
  const { accessToken } = useSignedIn();
  const announce = useAnnounce();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);

  async function download() {
    if (busy) return;
    setBusy(true);
    setProblem(null);
    const result = await downloadWithToken(`/exports/rounds/${roundId}/template.xlsx`, accessToken, `round-${number}-template.xlsx`);
    setBusy(false);
    if ('problem' in result) setProblem(result.problem);
    else announce(t('deskRound.downloaded', { filename: result.filename }));
  }

  return (
    <>
      <p className="actions">
        <button type="button" className="button-quiet" onClick={download} aria-disabled={busy}>
          {t('round.template')}
        </button>
      </p>
      {problem && <ErrorMessage error={problem} title={t('round.templateFailed', { problem: problem.title })} />}
    </>
  );
}
