// What the secretariat does to a round from its section: open a scheduled one (the move to CONSULTATION),
// extend its deadline with a reason (extendConsultation), close an open one early with a reason (the move to
// CONSOLIDATION). Moves carry the instrument's revision as the page shows it: a change made meanwhile is a
// CONFLICT, and the page shows the newer state. Reasons typed are kept (useDraft) until the server has them.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../../gql';
import type { RoundStatus, Stage } from '../../../gql/graphql';
import { useAnnounce } from '../../../ui/Announcer';
import { ErrorMessage } from '../../../ui/ErrorMessage';
import { describeError } from '../../../ui/errors';
import { useDraft } from '../../../ui/use-draft';
import { stageName } from '../labels';
import { expectOwnMove, forgetOwnMove } from '../own-moves';
import { DeadlineFields, deadlineInstant, emptyDeadline, type DeadlineValue } from './DeadlineFields';
import { fieldProblems } from './field-errors';
import { utcToZoned } from './zoned-time';

const RoundAdvanceStage = graphql(`
  mutation RoundAdvanceStage($id: ID!, $to: Stage!, $reason: String, $expectedRevision: Int) {
    advanceStage(instrumentId: $id, to: $to, reason: $reason, expectedRevision: $expectedRevision) {
      id
      stage
      revision
    }
  }
`);

const RoundExtend = graphql(`
  mutation RoundExtend($roundId: ID!, $closesAt: DateTime!, $reason: String!) {
    extendConsultation(roundId: $roundId, closesAt: $closesAt, reason: $reason) {
      id
      closesAt
    }
  }
`);

const RoundInvitations = graphql(`
  query RoundInvitations($id: ID!) {
    round(id: $id) {
      id
      groups
      invitedOrganizations {
        id
      }
    }
    organizations {
      id
      name
      group
      countryCode
    }
  }
`);

const RoundInvite = graphql(`
  mutation RoundInvite($roundId: ID!, $organizationIds: [ID!]!) {
    inviteOrganizations(roundId: $roundId, organizationIds: $organizationIds) {
      id
    }
  }
`);

interface Props {
  instrumentId: string;
  revision: number;
  stage: Stage;
  round: { id: string; number: number; status: RoundStatus; closesAt: string };
  refresh: () => void;
}

export function RoundActions({ instrumentId, revision, stage, round, refresh }: Props) {
  const mayOpen = round.status === 'SCHEDULED' && (stage === 'DRAFTING' || stage === 'CONSOLIDATION');
  const mayClose = round.status === 'OPEN' && stage === 'CONSULTATION';
  if (round.status === 'CLOSED') return null;
  return (
    <div className="round-actions">
      {mayOpen && <OpenRound instrumentId={instrumentId} revision={revision} round={round} refresh={refresh} />}
      <ExtendRound round={round} refresh={refresh} />
      <InviteMore round={round} refresh={refresh} />
      {mayClose && <CloseEarly instrumentId={instrumentId} revision={revision} round={round} refresh={refresh} />}
    </div>
  );
}

/** A refusal of a move in words: CONFLICT says the page now shows what is; TRANSITION_BLOCKED lists what is missing. */
function MoveProblem({ error, stage }: { error: unknown; stage?: Stage }) {
  const { t } = useTranslation();
  if (!error) return null;
  const problem = describeError(error);
  if (problem.code === 'CONFLICT') return <ErrorMessage error={problem} title={t('roundAdmin.conflict')} />;
  if (problem.code === 'TRANSITION_BLOCKED') return <ErrorMessage error={problem} title={t('roundAdmin.blocked', { stage: stage ? stageName(stage) : '' })} />;
  return <ErrorMessage error={problem} />;
}

function OpenRound({ instrumentId, revision, round, refresh }: Omit<Props, 'stage'>) {
  const { t } = useTranslation();
  const [result, advance] = useMutation(RoundAdvanceStage);
  const announce = useAnnounce();
  async function openIt() {
    if (result.fetching) return;
    expectOwnMove(instrumentId, 'CONSULTATION');
    const answer = await advance({ id: instrumentId, to: 'CONSULTATION', reason: null, expectedRevision: revision });
    if (answer.data) announce(t('roundAdmin.open.done', { number: round.number }));
    else forgetOwnMove(instrumentId);
    refresh();
  }
  return (
    <div className="round-action">
      <p className="actions">
        <button type="button" onClick={openIt} aria-disabled={result.fetching} aria-describedby={`round-${round.number}-open-hint`}>
          {t('roundAdmin.open.button', { number: round.number })}
        </button>
        <span className="hint" id={`round-${round.number}-open-hint`}>
          {t('roundAdmin.open.hint')}
        </span>
      </p>
      <MoveProblem error={result.error} stage="CONSULTATION" />
    </div>
  );
}

function ExtendRound({ round, refresh }: Pick<Props, 'round' | 'refresh'>) {
  const { t } = useTranslation();
  const base = `round-${round.number}-extend`;
  const later = (): DeadlineValue => {
    const zone = emptyDeadline().zone;
    return { ...utcToZoned(new Date(Date.parse(round.closesAt) + 7 * 86_400_000), zone), zone };
  };
  const [draft, setDraft, clearDraft] = useDraft<{ deadline: DeadlineValue; reason: string } | null>(`extend-round:${round.id}`, null);
  const [missing, setMissing] = useState<{ reason?: boolean; deadline?: boolean }>({});
  const [result, extend] = useMutation(RoundExtend);
  const announce = useAnnounce();
  const toggle = useRef<HTMLButtonElement>(null);
  const server = fieldProblems(result.error);
  // Closed from inside the form: the focus goes back to the button, once it is shown again.
  const [refocus, setRefocus] = useState(false);
  useEffect(() => {
    if (refocus && !draft) {
      toggle.current?.focus();
      setRefocus(false);
    }
  }, [refocus, draft]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!draft || result.fetching) return;
    const closesAt = deadlineInstant(draft.deadline);
    const reason = draft.reason.trim();
    setMissing({ deadline: !closesAt, reason: !reason });
    if (!closesAt) return document.getElementById(`${base}-date`)?.focus();
    if (!reason) return document.getElementById(`${base}-reason`)?.focus();
    const answer = await extend({ roundId: round.id, closesAt: closesAt.toISOString(), reason });
    if (answer.data) {
      clearDraft();
      announce(t('roundAdmin.extend.done', { number: round.number }));
      refresh();
      setRefocus(true);
    } else if (fieldProblems(answer.error).of('closesAt')) document.getElementById(`${base}-date`)?.focus();
  }

  if (!draft) {
    return (
      <p className="actions">
        <button
          type="button"
          className="button-quiet"
          id={`${base}-toggle`}
          ref={toggle}
          aria-expanded="false"
          onClick={() => {
            setDraft({ deadline: later(), reason: '' });
            requestAnimationFrame(() => document.getElementById(`${base}-date`)?.focus());
          }}
        >
          {t('roundAdmin.extend.open', { number: round.number })}
        </button>
      </p>
    );
  }
  const reasonError = missing.reason ? t('roundAdmin.reasonMissing') : server.of('reason');
  const rest = server.rest(['closesAt', 'reason']);
  const deadlineError = missing.deadline ? t('roundAdmin.deadline.missing') : server.of('closesAt');
  return (
    <form className="form round-form" onSubmit={submit} aria-labelledby={`${base}-heading`} noValidate>
      <h4 id={`${base}-heading`}>{t('roundAdmin.extend.title', { number: round.number })}</h4>
      <DeadlineFields
        id={base}
        legend={t('roundAdmin.extend.deadline')}
        value={draft.deadline}
        onChange={(deadline) => setDraft({ ...draft, deadline })}
        error={deadlineError}
      />
      <div className="field">
        <label htmlFor={`${base}-reason`}>{t('roundAdmin.reasonRequired')}</label>
        <input
          id={`${base}-reason`}
          value={draft.reason}
          onChange={(e) => setDraft({ ...draft, reason: e.target.value })}
          aria-invalid={reasonError ? 'true' : undefined}
          aria-describedby={`${base}-reason-hint${reasonError ? ` ${base}-reason-error` : ''}`}
        />
        <p className="hint" id={`${base}-reason-hint`}>
          {t('roundAdmin.extend.reasonHint')}
        </p>
        {reasonError && (
          <p className="field-error" id={`${base}-reason-error`}>
            {reasonError}
          </p>
        )}
      </div>
      {rest && <ErrorMessage error={rest} title={t('roundAdmin.extend.failed')} />}
      <p className="actions">
        <button type="submit" aria-disabled={result.fetching}>
          {result.fetching ? t('roundAdmin.saving') : t('roundAdmin.extend.submit')}
        </button>
        <button
          type="button"
          className="button-quiet"
          onClick={() => {
            clearDraft();
            setRefocus(true);
          }}
        >
          {t('roundAdmin.cancel')}
        </button>
      </p>
    </form>
  );
}

function CloseEarly({ instrumentId, revision, round, refresh }: Omit<Props, 'stage'>) {
  const { t } = useTranslation();
  const base = `round-${round.number}-close`;
  const [reason, setReason, clearReason] = useDraft(`close-round:${round.id}`, '');
  const [missing, setMissing] = useState(false);
  const [result, advance] = useMutation(RoundAdvanceStage);
  const announce = useAnnounce();

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (result.fetching) return;
    const given = reason.trim();
    setMissing(!given);
    if (!given) return document.getElementById(`${base}-reason`)?.focus();
    expectOwnMove(instrumentId, 'CONSOLIDATION');
    const answer = await advance({ id: instrumentId, to: 'CONSOLIDATION', reason: given, expectedRevision: revision });
    if (answer.data) {
      clearReason();
      announce(t('roundAdmin.close.done', { number: round.number }));
    } else forgetOwnMove(instrumentId);
    refresh();
  }

  return (
    <form className="form round-form" onSubmit={submit} aria-labelledby={`${base}-heading`} noValidate>
      <h4 id={`${base}-heading`}>{t('roundAdmin.close.title', { number: round.number })}</h4>
      <div className="field">
        <label htmlFor={`${base}-reason`}>{t('roundAdmin.reasonRequired')}</label>
        <input
          id={`${base}-reason`}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          aria-invalid={missing ? 'true' : undefined}
          aria-describedby={`${base}-hint${missing ? ` ${base}-error` : ''}`}
        />
        <p className="hint" id={`${base}-hint`}>
          {t('roundAdmin.close.hint')}
        </p>
        {missing && (
          <p className="field-error" id={`${base}-error`}>
            {t('roundAdmin.reasonMissing')}
          </p>
        )}
      </div>
      <MoveProblem error={result.error} stage="CONSOLIDATION" />
      <p className="actions">
        <button type="submit" aria-disabled={result.fetching} className="button-quiet">
          {t('roundAdmin.close.submit', { number: round.number })}
        </button>
      </p>
    </form>
  );
}

function InviteMore({ round, refresh }: Pick<Props, 'round' | 'refresh'>) {
  const { t } = useTranslation();
  const base = `round-${round.number}-invite`;
  const [open, setOpen] = useState(false);
  const [chosen, setChosen] = useState<string[]>([]);
  const [missing, setMissing] = useState(false);
  const [{ data, error }, reexecute] = useQuery({ query: RoundInvitations, variables: { id: round.id }, pause: !open, requestPolicy: 'network-only' });
  const [result, invite] = useMutation(RoundInvite);
  const announce = useAnnounce();
  const toggle = useRef<HTMLButtonElement>(null);
  const invited = new Set(data?.round.invitedOrganizations.map((o) => o.id) ?? []);
  const choosable = (data?.organizations ?? []).filter((o) => data?.round.groups.includes(o.group) && !invited.has(o.id));
  // Closed from inside the form: the focus goes back to the button, once it is shown again.
  const [refocus, setRefocus] = useState(false);
  useEffect(() => {
    if (refocus && !open) {
      toggle.current?.focus();
      setRefocus(false);
    }
  }, [refocus, open]);
  const close = () => {
    setOpen(false);
    setChosen([]);
    setRefocus(true);
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (result.fetching) return;
    const ids = chosen.filter((id) => choosable.some((o) => o.id === id));
    setMissing(ids.length === 0);
    if (ids.length === 0) return;
    const answer = await invite({ roundId: round.id, organizationIds: ids });
    if (answer.data) {
      announce(t('roundAdmin.invite.done', { count: ids.length, number: round.number }));
      refresh();
      reexecute({ requestPolicy: 'network-only' });
      close();
    }
  }

  if (!open) {
    return (
      <p className="actions">
        <button
          type="button"
          className="button-quiet"
          id={`${base}-toggle`}
          ref={toggle}
          aria-expanded="false"
          onClick={() => {
            setOpen(true);
            requestAnimationFrame(() => document.getElementById(`${base}-heading`)?.focus());
          }}
        >
          {t('roundAdmin.invite.open', { number: round.number })}
        </button>
      </p>
    );
  }
  return (
    <form className="form round-form" onSubmit={submit} aria-labelledby={`${base}-heading`} noValidate>
      <h4 id={`${base}-heading`} tabIndex={-1}>
        {t('roundAdmin.invite.title', { number: round.number })}
      </h4>
      <ErrorMessage error={error} />
      {!data ? (
        !error && <p>{t('roundAdmin.schedule.loadingOrganizations')}</p>
      ) : choosable.length === 0 ? (
        <p>{t('roundAdmin.invite.everyone')}</p>
      ) : (
        <fieldset aria-describedby={missing ? `${base}-error` : undefined}>
          <legend>{t('roundAdmin.invite.legend')}</legend>
          <ul className="round-organizations">
            {choosable.map((o) => (
              <li key={o.id}>
                <label className="round-choice" htmlFor={`${base}-${o.id}`}>
                  <input
                    type="checkbox"
                    id={`${base}-${o.id}`}
                    checked={chosen.includes(o.id)}
                    onChange={(e) => setChosen((c) => (e.target.checked ? [...c, o.id] : c.filter((x) => x !== o.id)))}
                  />
                  {o.name}{' '}
                  <span className="muted">
                    ({t(`group.${o.group}`)}
                    {o.countryCode ? `, ${o.countryCode}` : ''})
                  </span>
                </label>
              </li>
            ))}
          </ul>
          {missing && (
            <p className="field-error" id={`${base}-error`}>
              {t('roundAdmin.invite.none')}
            </p>
          )}
        </fieldset>
      )}
      <ErrorMessage error={result.error} title={t('roundAdmin.invite.failed')} />
      <p className="actions">
        {data && choosable.length > 0 && (
          <button type="submit" aria-disabled={result.fetching}>
            {result.fetching ? t('roundAdmin.saving') : t('roundAdmin.invite.submit')}
          </button>
        )}
        <button type="button" className="button-quiet" onClick={close}>
          {t('roundAdmin.cancel')}
        </button>
      </p>
    </form>
  );
}
