// Bounded load: constituents commenting, moderators recording positions, the secretariat moving instruments on a schedule.
import type { Entry } from './history';
import { OPS } from './operations';
import { Consultation, GROUPS, Meeting, World, sleep } from './world';

export const POSITIONS = ['SUPPORT', 'OPPOSE', 'ABSTAIN', 'RESERVATION'] as const;
const pick = <T>(list: readonly T[]): T => list[Math.floor(Math.random() * list.length)];

export interface Move {
  /** ms after the load starts */
  at: number;
  instrument: string;
  to: string;
  reason?: string;
}

export interface LoadOptions {
  durationMs: number;
  /** Comments go to this round, from every constituent. */
  round?: Consultation;
  /** Positions go to this meeting's items, from `moderators` of its moderators. */
  meeting?: Meeting;
  moderators?: number;
  moves?: Move[];
  /** Pause between one user's requests. */
  pauseMs?: number;
}

let counter = 0;

/** Runs the load until its duration is over (every loop is also bounded by a request count); resolves with its entries. */
export async function runLoad(world: World, o: LoadOptions): Promise<Entry[]> {
  const { history } = world;
  const start = Date.now();
  const end = start + o.durationMs;
  const pause = o.pauseMs ?? 25;
  const maxPerUser = Math.ceil(o.durationMs / pause) + 1;
  const entries: Entry[] = [];
  const record = (e: Entry) => (entries.push(e), e);
  const loops: Promise<unknown>[] = [];

  if (o.round) {
    const round = o.round;
    for (const c of world.constituents) {
      loops.push(
        (async () => {
          for (let i = 0; i < maxPerUser && Date.now() < end; i++) {
            const n = ++counter;
            const input = {
              roundId: round.roundId,
              type: 'GENERAL',
              body: `Load comment ${history.scenario} ${n}`,
              idempotencyKey: `${history.scenario}-${c.id}-${n}`,
            };
            record(
              await history.call('submitComment', OPS.submitComment, { in: input }, c.token, {
                round: round.roundId,
                author: c.id,
                body: input.body,
                key: input.idempotencyKey,
              }),
            );
            await sleep(pause);
          }
        })(),
      );
    }
  }
  if (o.meeting) {
    const meeting = o.meeting;
    for (const m of world.moderators.slice(0, o.moderators ?? 4)) {
      loops.push(
        (async () => {
          for (let i = 0; i < maxPerUser && Date.now() < end; i++) {
            const vars = { item: pick(meeting.items), group: pick(GROUPS), position: pick(POSITIONS), statement: `${history.scenario} statement ${++counter}` };
            record(
              await history.call('recordPosition', OPS.recordPosition, { i: vars.item, g: vars.group, p: vars.position, s: vars.statement }, m.token, vars),
            );
            await sleep(pause);
          }
        })(),
      );
    }
  }
  for (const move of o.moves ?? []) {
    loops.push(
      (async () => {
        await sleep(Math.max(0, start + move.at - Date.now()));
        const vars = { instrument: move.instrument, to: move.to };
        record(await history.call('advanceStage', OPS.advanceStage, { i: move.instrument, to: move.to, reason: move.reason }, world.secretariat.token, vars));
      })(),
    );
  }
  await Promise.all(loops);
  return entries;
}
