// What the instrument could do next (nextStages) with every blocker in the server's words, and the
// move itself: sent with the revision the page shows, so a change made meanwhile is a CONFLICT, not
// a move the secretariat never saw coming.
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import { graphql } from '../../gql';
import type { InstrumentPageQuery, Stage } from '../../gql/graphql';
import { useAnnounce } from '../../ui/Announcer';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { describeError, hasCode } from '../../ui/errors';
import { Link } from 'wouter';
import { moveLabel, movePurpose, stageName } from './labels';
import { expectOwnMove, forgetOwnMove } from './own-moves';
import { blockerAction, focusFirst, type BlockerContext } from './round/blocker-actions';

const InstrumentAdvanceStage = graphql(`
  mutation InstrumentAdvanceStage($id: ID!, $to: Stage!, $reason: String, $expectedRevision: Int) {
    advanceStage(instrumentId: $id, to: $to, reason: $reason, expectedRevision: $expectedRevision) {
      id
      stage
      revision
    }
  }
`);

type Option = InstrumentPageQuery['instrument']['nextStages'][number];

/** Blockers that a reason lifts: an early close, a withdrawal. */
const REASON_LIFTS = new Set(['REASON_REQUIRED', 'DEADLINE_NOT_PASSED']);

export function needsReason(option: Option): boolean {
  return option.blockers.length > 0 && option.blockers.every((b) => REASON_LIFTS.has(b.code));
}

type Outcome = { kind: 'moved'; from: Stage; to: Stage } | { kind: 'failed'; to: Stage; error: unknown } | null;

interface Props {
  instrumentId: string;
  stage: Stage;
  revision: number;
  options: Option[];
  /** Where the blockers are removed (each listed blocker gets its action). */
  context: BlockerContext;
  refresh: () => void;
}

export function NextSteps({ instrumentId, stage, revision, options, context, refresh }: Props) {
  const { t } = useTranslation();
  const [reasons, setReasons] = useState<Partial<Record<Stage, string>>>({});
  const [missingReason, setMissingReason] = useState<Stage | null>(null);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [{ fetching }, advance] = useMutation(InstrumentAdvanceStage);
  const heading = useRef<HTMLHeadingElement>(null);
  const announce = useAnnounce();

  async function move(event: FormEvent, option: Option) {
    event.preventDefault();
    if (fetching) return;
    const reason = (reasons[option.stage] ?? '').trim();
    if (needsReason(option) && !reason) {
      setMissingReason(option.stage);
      document.getElementById(`reason-${option.stage}`)?.focus();
      return;
    }
    setMissingReason(null);
    setOutcome(null);
    const from = stage;
    expectOwnMove(instrumentId, option.stage);
    const result = await advance({ id: instrumentId, to: option.stage, reason: reason || null, expectedRevision: revision });
    if (!result.data) forgetOwnMove(instrumentId);
    if (result.data) {
      setOutcome({ kind: 'moved', from, to: result.data.advanceStage.stage });
      setReasons({});
      announce(t('desk.moved', { from: stageName(from), to: stageName(result.data.advanceStage.stage) }));
      heading.current?.focus();
    } else {
      setOutcome({ kind: 'failed', to: option.stage, error: result.error });
    }
    // After a move, a CONFLICT or a refusal, show what the server holds now.
    refresh();
  }

  return (
    <section aria-labelledby="next-steps-heading">
      <h2 id="next-steps-heading" ref={heading} tabIndex={-1}>
        {t('desk.nextSteps')}
      </h2>
      {outcome?.kind === 'moved' && <p className="success">{t('desk.moved', { from: stageName(outcome.from), to: stageName(outcome.to) })}</p>}
      {outcome?.kind === 'failed' && !lifted(outcome, options) && <MoveFailed outcome={outcome} stage={stage} />}
      {options.length === 0 ? (
        <p>{t('desk.noStep', { stage: stageName(stage).toLowerCase() })}</p>
      ) : (
        <ul className="cards desk-steps">
          {options.map((option) => {
            const reasonNeeded = needsReason(option);
            const id = `reason-${option.stage}`;
            const missing = missingReason === option.stage;
            return (
              <li key={option.stage} className="card desk-step" data-stage={option.stage}>
                <h3 id={`step-${option.stage}`}>{stageName(option.stage)}</h3>
                {movePurpose(stage, option.stage) && <p className="desk-step-purpose">{movePurpose(stage, option.stage)}</p>}
                <StepStatus option={option} reasonNeeded={reasonNeeded} context={context} />
                <form className="form" onSubmit={(e) => move(e, option)} aria-labelledby={`step-${option.stage}`}>
                  <div className="field">
                    <label htmlFor={id}>{reasonNeeded ? t('desk.reasonRequired') : t('desk.reasonOptional')}</label>
                    <input
                      id={id}
                      value={reasons[option.stage] ?? ''}
                      onChange={(e) => setReasons((r) => ({ ...r, [option.stage]: e.target.value }))}
                      aria-invalid={missing ? 'true' : undefined}
                      aria-describedby={`${id}-hint${missing ? ` ${id}-error` : ''}`}
                    />
                    <p className="hint" id={`${id}-hint`}>
                      {t('desk.reasonHint')}
                    </p>
                    {missing && (
                      <p className="field-error" id={`${id}-error`}>
                        {t('desk.reasonMissing')}
                      </p>
                    )}
                  </div>
                  <p className="actions">
                    <button type="submit" aria-disabled={fetching} className={option.stage === 'WITHDRAWN' ? 'button-quiet' : undefined}>
                      {moveLabel(option.stage)}
                    </button>
                  </p>
                </form>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

/** A refusal whose blockers are gone since (the comments were disposed of): no longer worth showing. */
function lifted(outcome: { to: Stage; error: unknown }, options: Option[]): boolean {
  return hasCode(outcome.error, 'TRANSITION_BLOCKED') && options.some((o) => o.stage === outcome.to && o.allowed);
}

function StepStatus({ option, reasonNeeded, context }: { option: Option; reasonNeeded: boolean; context: BlockerContext }) {
  const { t } = useTranslation();
  if (option.allowed) return <p className="desk-step-status">{t('desk.ready')}</p>;
  return (
    <>
      <p className="desk-step-status">{reasonNeeded ? t('desk.withReason') : t('desk.blocked')}</p>
      <ul className="desk-blockers">
        {option.blockers.map((b) => (
          <li key={b.code} data-code={b.code}>
            {b.message} <BlockerLink code={b.code} context={context} />
          </li>
        ))}
      </ul>
    </>
  );
}

function MoveFailed({ outcome, stage }: { outcome: { to: Stage; error: unknown }; stage: Stage }) {
  const { t } = useTranslation();
  const problem = describeError(outcome.error);
  if (problem.code === 'CONFLICT') {
    return (
      <ErrorMessage error={problem} title={t('desk.conflict')}>
        <p>{t('desk.conflictNow', { stage: stageName(stage) })}</p>
      </ErrorMessage>
    );
  }
  if (problem.code === 'TRANSITION_BLOCKED') {
    return <ErrorMessage error={problem} title={t('desk.notYet', { move: moveLabel(outcome.to) })} />;
  }
  return <ErrorMessage error={problem} />;
}

function BlockerLink({ code, context }: { code: string; context: BlockerContext }) {
  const action = blockerAction(code, context);
  if (!action) return null;
  if (action.kind === 'link') {
    return (
      <Link href={action.href} className="desk-blocker-action">
        {action.label}
      </Link>
    );
  }
  return (
    <button type="button" className="button-link desk-blocker-action" onClick={() => focusFirst(action.ids)}>
      {action.label}
    </button>
  );
}
