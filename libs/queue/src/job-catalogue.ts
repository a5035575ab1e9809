/** Every queue and the jobs it carries, with their payloads. Payloads hold ids, never personal data. */
export interface JobCatalogue {
  maintenance: {
    'audit.seal': Record<string, never>;
  };
}

export type QueueName = keyof JobCatalogue;
export type JobName<Q extends QueueName> = keyof JobCatalogue[Q] & string;
export type JobPayload<Q extends QueueName, N extends JobName<Q>> = JobCatalogue[Q][N];

/** The catalogue as data, checked against the registered handlers at boot. */
export const JOB_NAMES: { [Q in QueueName]: readonly JobName<Q>[] } = {
  maintenance: ['audit.seal'],
};

export const QUEUE_NAMES = Object.keys(JOB_NAMES) as QueueName[];
