// When a round takes comments: in time (OPEN, before closesAt), or late (after it, when the round
// accepts late comments). The server decides each write with its own clock; this is what the page shows.
import { useEffect, useState } from 'react';
import { acceptsLateComments } from '@tripartite/domain';
import type { RoundPageRoundQuery, RoundStatus, Stage } from '../../gql/graphql';
import { serverNow } from '../../graphql/server-clock';

type Round = RoundPageRoundQuery['round'];

/** The server's rule (libs/domain acceptsLateComments), from what the page has read. */
export function acceptsLate(
  round: { number: number; status: RoundStatus; acceptLate: boolean },
  instrument: { stage: Stage; rounds: { number: number }[] },
): boolean {
  return acceptsLateComments({
    acceptLate: round.acceptLate,
    status: round.status,
    stage: instrument.stage,
    isLatest: !instrument.rounds.some((r) => r.number > round.number),
  });
}

/**
 * Whether `closesAt` has passed by the server's clock. Re-renders only when that flips (not every
 * second, unlike useCountdown): a long draft's page need not redraw while the countdown ticks.
 */
export function useDeadlinePassed(closesAt: string): boolean {
  const at = Date.parse(closesAt);
  const [passed, setPassed] = useState(() => serverNow() >= at);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const check = () => {
      const left = at - serverNow();
      setPassed(left <= 0);
      // Checked again at least every minute: timers run late after sleep, and the clock offset may change.
      if (left > 0) timer = setTimeout(check, Math.min(left, 60_000));
    };
    check();
    return () => clearTimeout(timer);
  }, [at]);
  return passed;
}

export interface RoundWindow {
  /** OPEN and before closesAt: comments are sent, edited and withdrawn. */
  inTime: boolean;
  /** After closesAt (or closed), and the round accepts late comments: new comments are sent, marked late. */
  late: boolean;
  /** New comments can be sent (in time or late) by an organization that is invited. */
  canComment: boolean;
  /** The user's organization is not invited to this round: it reads, it does not comment. */
  notInvited: boolean;
  /** closesAt has passed by the server's clock. */
  passed: boolean;
  /** SCHEDULED: the secretariat has not opened the round yet. */
  notYetOpen: boolean;
}

export function useRoundWindow(round: Round): RoundWindow {
  const passed = useDeadlinePassed(round.closesAt);
  const inTime = round.status === 'OPEN' && !passed;
  const late = !inTime && (passed || round.status === 'CLOSED') && acceptsLate(round, round.instrument);
  return { inTime, late, canComment: round.invited && (inTime || late), notInvited: !round.invited, passed, notYetOpen: round.status === 'SCHEDULED' };
}
