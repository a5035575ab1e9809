import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { AdminService, OrganizationEntity, UserEntity } from '@tripartite/auth';
import { CommentQueryService, RoundService } from '@tripartite/consultation';
import { GbSessionService, SubmissionReadService } from '@tripartite/governing-body';
import { MeetingReadService } from '@tripartite/meetings';
import { WorkflowService } from '@tripartite/workflow';
import { consultationLoaders } from '../consultation/consultation.loaders';
import { DraftingLoadersFactory } from '../drafting/drafting.loaders';
import { governingBodyLoaders } from '../governing-body/governing-body.loaders';
import { meetingLoaders } from '../meetings/meetings.loaders';

/** A loader of rows by id; ids that name nothing load as null. */
export function byId<T extends { id: string }>(load: (ids: readonly string[]) => Promise<T[]>) {
  return new DataLoader<string, T | null>(async (ids) => {
    const rows = await load(ids);
    const map = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => map.get(id) ?? null);
  });
}

/** A loader of lists keyed by a parent id, from one batched query returning a map. */
export function listsBy<T>(load: (ids: readonly string[]) => Promise<Map<string, T[]>>) {
  return new DataLoader<string, T[]>(async (ids) => {
    const map = await load(ids);
    return ids.map((id) => map.get(id) ?? []);
  });
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

  create() {
    return {
      organization: byId<OrganizationEntity>((ids) => this.admin.organizationsByIds(ids)),
      user: byId<UserEntity>((ids) => this.admin.usersByIds(ids)),
      stageHistory: listsBy((ids) => this.workflow.history(ids)),
      ...this.drafting.create(),
      ...consultationLoaders(this.rounds, this.comments),
      ...meetingLoaders(this.meetings),
      ...governingBodyLoaders(this.gbSessions, this.submissions),
    };
  }
}

export type Loaders = ReturnType<LoadersFactory['create']>;
