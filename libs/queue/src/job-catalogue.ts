/** Every queue and the jobs it carries, with their payloads. Payloads hold ids, never personal data. */
export interface JobCatalogue {
  deadlines: {
    /** Closes the round when it is still OPEN and this closesAt is still its deadline. */
    'round.close': { roundId: string; closesAt: string };
    /** Reminds invited organizations that have not commented, `offsetMs` before closesAt. */
    'round.reminder': { roundId: string; closesAt: string; offsetMs: number };
    'meeting.reminder': { meetingId: string; startsAt: string };
    'gb.deadline-reminder': { sessionId: string; documentDeadline: string };
  };
  notifications: {
    /** Resolves an event's recipients: in-app rows, then one email job per user and one delivery per webhook. */
    'notification.fanout': { eventId: string };
  };
  /** Own queues, so that a backlog of one (emails against a slow SMTP server) never delays the other or a fan-out. */
  emails: {
    'email.send': { eventId: string; userId: string };
  };
  webhooks: {
    'webhook.deliver': { deliveryId: string };
  };
  maintenance: {
    'audit.seal': Record<string, never>;
    /**
     * Seals, then signs a checkpoint of the chain's end. Scheduled (no payload): when an event past the last
     * checkpoint is older than AUDIT_CHECKPOINT_INTERVAL. After a GB decision: always, once afterTxid's events are sealed.
     */
    'audit.checkpoint': { reason?: 'gb.decided'; afterTxid?: string };
    /**
     * Re-creates what Redis lost, and retries what failed for good while still undone: round deadlines, meeting and
     * GB reminders, and the notification jobs PostgreSQL records as unfinished.
     */
    'deadlines.reconcile': Record<string, never>;
  };
}

export type QueueName = keyof JobCatalogue;
export type JobName<Q extends QueueName> = keyof JobCatalogue[Q] & string;
export type JobPayload<Q extends QueueName, N extends JobName<Q>> = JobCatalogue[Q][N];

/** The catalogue as data, checked against the registered handlers at boot. */
export const JOB_NAMES: { [Q in QueueName]: readonly JobName<Q>[] } = {
  deadlines: ['round.close', 'round.reminder', 'meeting.reminder', 'gb.deadline-reminder'],
  notifications: ['notification.fanout'],
  emails: ['email.send'],
  webhooks: ['webhook.deliver'],
  maintenance: ['audit.seal', 'audit.checkpoint', 'deadlines.reconcile'],
};

export const QUEUE_NAMES = Object.keys(JOB_NAMES) as QueueName[];
