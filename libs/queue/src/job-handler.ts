import { SetMetadata } from '@nestjs/common';
import type { Job } from 'bullmq';
import type { JobName, JobPayload, QueueName } from './job-catalogue';

export const JOB_HANDLER = 'tripartite:job-handler';

export interface JobHandlerMeta {
  queue: QueueName;
  name: string;
}

/** Marks a provider as the one handler of a catalogue job; it must implement `handle`. */
export const JobHandler = <Q extends QueueName>(queue: Q, name: JobName<Q>) => SetMetadata(JOB_HANDLER, { queue, name } satisfies JobHandlerMeta);

export interface HandlesJob<Q extends QueueName, N extends JobName<Q>> {
  handle(payload: JobPayload<Q, N>, job: Job): Promise<unknown>;
}

/** Problems of a handler set against the catalogue: missing, duplicate, or unknown handlers. */
export function catalogueProblems(catalogue: Record<string, readonly string[]>, handlers: JobHandlerMeta[]): string[] {
  const problems: string[] = [];
  const count = new Map<string, number>();
  for (const h of handlers) count.set(`${h.queue}/${h.name}`, (count.get(`${h.queue}/${h.name}`) ?? 0) + 1);
  for (const [queue, names] of Object.entries(catalogue)) {
    for (const name of names) {
      const n = count.get(`${queue}/${name}`) ?? 0;
      if (n === 0) problems.push(`no handler for ${queue}/${name}`);
      if (n > 1) problems.push(`${n} handlers for ${queue}/${name}`);
    }
  }
  for (const key of count.keys()) {
    const [queue, name] = key.split('/');
    if (!catalogue[queue]?.includes(name)) problems.push(`handler for ${key}, which the catalogue does not name`);
  }
  return problems;
}
