import { Inject, Injectable, Logger } from '@nestjs/common';
import type Redis from 'ioredis';
import { AppConfig } from '@tripartite/config';
import { AppError, ErrorCode } from '@tripartite/common';
import { Tx, Transactions } from '@tripartite/database';
import { reminderJobId, reminderTimes, roundCloseJobId } from '@tripartite/domain';
import { NotificationsService } from '@tripartite/notifications';
import { OutboxService } from '@tripartite/outbox';
import { Queues, WantedJob, requeueJobs } from '@tripartite/queue';
import { REDIS } from '@tripartite/redis';
import { WorkflowService } from '@tripartite/workflow';
import { roundCloseLateness } from './consultation.metrics';
import { RoundRepository } from './repositories';

export type CloseOutcome = 'closed' | 'moved-on' | 'not-due';
export type ReminderOutcome = 'reminded' | 'already-reminded' | 'moved-on';

/** Longest wait a close job accepts when it fires a little before the database's clock reaches closesAt. */
const EARLY_TOLERANCE_MS = 10_000;

/**
 * Deadline jobs of consultation rounds. Jobs carry the closesAt they were made for: when the
 * deadline has moved (extension) or the round is already closed, the job does nothing.
 */
@Injectable()
export class RoundDeadlines {
  private readonly logger = new Logger(RoundDeadlines.name);

  constructor(
    private readonly tx: Transactions,
    private readonly rounds: RoundRepository,
    private readonly outbox: OutboxService,
    private readonly workflow: WorkflowService,
    private readonly queues: Queues,
    @Inject(REDIS) private readonly redis: Redis,
    private readonly config: AppConfig,
    private readonly notifications: NotificationsService,
  ) {}

  /** Inside the opening (or extending) transaction: the close job at closesAt and reminders before it. */
  async schedule(tx: Tx, round: { id: string; closesAt: Date }, from: Date): Promise<void> {
    const closesAt = round.closesAt.toISOString();
    await this.outbox.add(tx.em, {
      queue: 'deadlines',
      name: 'round.close',
      payload: { roundId: round.id, closesAt },
      jobId: roundCloseJobId(round.id, round.closesAt),
      runAt: round.closesAt,
    });
    for (const reminder of reminderTimes(round.closesAt, from, this.config.reminderOffsetsMs)) {
      await this.outbox.add(tx.em, {
        queue: 'deadlines',
        name: 'round.reminder',
        payload: { roundId: round.id, closesAt, offsetMs: reminder.offsetMs },
        jobId: reminderJobId(round.id, round.closesAt, reminder.offsetMs),
        runAt: reminder.at,
      });
    }
  }

  /** The close job: moves the instrument out of CONSULTATION as the system, if this deadline still stands and has passed. */
  async closeIfDue(roundId: string, closesAt: string): Promise<CloseOutcome> {
    const round = await this.rounds.closeCheck(roundId, closesAt);
    if (!round?.current) return 'moved-on';
    const remaining = round.remainingMs;
    if (remaining > EARLY_TOLERANCE_MS) return 'not-due';
    // BullMQ's timer and the database's clock may differ by a little: wait for the database.
    if (remaining > 0) await new Promise((r) => setTimeout(r, Math.ceil(remaining) + 5));
    try {
      await this.workflow.advance(null, round.instrumentId, 'CONSOLIDATION');
      // Whoever closed it (its job, or the reconcile after a lost job), the lateness is the deadline's.
      const lateness = (Date.now() - Date.parse(closesAt)) / 1000;
      roundCloseLateness.observe(Math.max(0, lateness));
      this.logger.log({ roundId, closesAt, lateness }, 'closed the round at its deadline');
      return 'closed';
    } catch (error) {
      // Someone (a person, another worker, reconcile) moved it first.
      if (error instanceof AppError && (error.code === ErrorCode.TRANSITION_BLOCKED || error.code === ErrorCode.CONFLICT)) {
        if ((await this.rounds.status(roundId)) !== 'OPEN') return 'moved-on';
      }
      throw error;
    }
  }

  /**
   * The reminder job: the invited organizations that have not commented are reminded (the fan-out picks them at send
   * time), once however often the job runs, while this deadline stands and is ahead.
   */
  async remind(roundId: string, closesAt: string, offsetMs: number): Promise<ReminderOutcome> {
    const round = await this.rounds.reminderApplies(roundId, closesAt);
    if (!round) return 'moved-on';
    const event = { kind: 'consultation.reminder' as const, instrumentId: round.instrumentId, subjectId: roundId, data: { roundId, closesAt, offsetMs } };
    const once = reminderJobId(roundId, new Date(closesAt), offsetMs);
    return (await this.tx.run(({ em }) => this.notifications.emitOnce(em, once, event))) ? 'reminded' : 'already-reminded';
  }

  /**
   * Self-healing after Redis lost its jobs: closes every OPEN round past its deadline, and re-creates the
   * close and reminder jobs of the others when BullMQ no longer has them. A reminder whose time has passed is
   * re-created, to be sent late, only when it was never sent and is the round's latest due (it may have been sent
   * and its job removed since); one whose job failed is retried: its transaction did not commit, so it was not sent.
   */
  async reconcile(): Promise<{ closed: number; rescheduled: number; retried: number }> {
    // scheduledFrom: when the reminders of this deadline were scheduled (the opening, or the last extension), as schedule() was given.
    const rounds = await this.rounds.openDeadlines();
    const delayMs = (at: Date) => at.getTime() - Date.now();
    const ahead = rounds.filter((r) => !r.due);
    const closes: WantedJob[] = ahead.map((round) => ({
      name: 'round.close',
      jobId: roundCloseJobId(round.id, round.closesAt),
      data: { roundId: round.id, closesAt: round.closesAt.toISOString() },
      delayMs: delayMs(round.closesAt),
    }));
    const reminders = await this.notifications.wantedReminders(
      this.tx.dataSource,
      'round.reminder',
      ahead.flatMap((round) => {
        const since = round.scheduledFrom ?? round.now;
        return reminderTimes(round.closesAt, since, this.config.reminderOffsetsMs).map((r) => ({
          jobId: reminderJobId(round.id, round.closesAt, r.offsetMs),
          data: { roundId: round.id, closesAt: round.closesAt.toISOString(), offsetMs: r.offsetMs },
          at: r.at,
          since,
          deadline: round.id,
          now: round.now,
        }));
      }),
    );
    const wanted = [...closes, ...reminders];
    // First, so that a round whose close fails below does not keep the others' jobs from being re-created.
    const { added: rescheduled, retried } = await requeueJobs(this.redis, this.queues.get('deadlines'), wanted);
    let closed = 0;
    for (const round of rounds.filter((r) => r.due)) {
      if ((await this.closeIfDue(round.id, round.closesAt.toISOString())) === 'closed') closed += 1;
    }
    if (closed || rescheduled || retried) this.logger.log({ closed, rescheduled, retried }, 'reconciled round deadlines');
    return { closed, rescheduled, retried };
  }
}
