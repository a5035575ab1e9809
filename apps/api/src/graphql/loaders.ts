import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { AdminService, OrganizationEntity, UserEntity } from '@tripartite/auth';
import type { Actor } from '@tripartite/common';
import { CommentQueryService, RoundService } from '@tripartite/consultation';
import { GbSessionService, SubmissionReadService } from '@tripartite/governing-body';
import { MeetingReadService } from '@tripartite/meetings';
import { WorkflowService } from '@tripartite/workflow';
import { consultationLoaders } from '../consultation/consultation.loaders';
import { DraftingLoadersFactory } from '../drafting/drafting.loaders';
import { governingBodyLoaders } from '../governing-body/governing-body.loaders';
import { meetingLoaders } from '../meetings/meetings.loaders';

/** What every loader of one request shares: when its batches are sent (batchSchedule of the request's budget). */
export type LoaderOptions = { batchScheduleFn?: (callback: () => void) => void };

/** A loader of rows by id; ids that name nothing load as null. */
export function byId<T extends { id: string }>(load: (ids: readonly string[]) => Promise<T[]>, options: LoaderOptions = {}) {
  return new DataLoader<string, T | null>(async (ids) => {
    const rows = await load(ids);
    const map = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => map.get(id) ?? null);
  }, options);
}

/** A loader of lists keyed by a parent id, from one batched query returning a map. */
export function listsBy<T>(load: (ids: readonly string[]) => Promise<Map<string, T[]>>, options: LoaderOptions = {}) {
  return new DataLoader<string, T[]>(async (ids) => {
    const map = await load(ids);
    return ids.map((id) => map.get(id) ?? []);
  }, options);
}

/** A loader of single values keyed by a parent id, from one batched query returning a map. */
export function valuesBy<T>(load: (ids: readonly string[]) => Promise<Map<string, T>>, options: LoaderOptions = {}) {
  return new DataLoader<string, T | null>(async (ids) => {
    const map = await load(ids);
    return ids.map((id) => map.get(id) ?? null);
  }, options);
}

/**
 * A loader whose keys carry the caller (the same for every key of a request) beside the id it loads by:
 * the batch is answered for the first key's caller.
 */
export function forCaller<R>(load: (actor: Actor | null, ids: string[]) => Promise<Map<string, R>>, missing: R, options: LoaderOptions = {}) {
  return new DataLoader<{ actor: Actor | null; id: string }, R, string>(
    async (keys) => {
      const map = await load(
        keys[0].actor,
        keys.map((k) => k.id),
      );
      return keys.map((k) => map.get(k.id) ?? missing);
    },
    { ...options, cacheKeyFn: (k) => k.id },
  );
}

/** Per-request batching of nested lookups, so a page of N rows costs a constant number of queries. */
@Injectable()
export class LoadersFactory {
  constructor(
    private readonly admin: AdminService,
    private readonly workflow: WorkflowService,
    private readonly drafting: DraftingLoadersFactory,
    private readonly rounds: RoundService,
    private readonly comments: CommentQueryService,
    private readonly meetings: MeetingReadService,
    private readonly gbSessions: GbSessionService,
    private readonly submissions: SubmissionReadService,
  ) {}

  create(options: LoaderOptions = {}) {
    return {
      organization: byId<OrganizationEntity>((ids) => this.admin.organizationsByIds(ids), options),
      user: byId<UserEntity>((ids) => this.admin.usersByIds(ids), options),
      stageHistory: listsBy((ids) => this.workflow.history(ids), options),
      ...this.drafting.create(options),
      ...consultationLoaders(this.rounds, this.comments, options),
      ...meetingLoaders(this.meetings, options),
      ...governingBodyLoaders(this.gbSessions, this.submissions, options),
    };
  }
}

export type Loaders = ReturnType<LoadersFactory['create']>;
