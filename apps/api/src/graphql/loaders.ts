import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { AdminService, OrganizationEntity, UserEntity } from '@tripartite/auth';

function byId<T extends { id: string }>(load: (ids: readonly string[]) => Promise<T[]>) {
  return new DataLoader<string, T | null>(async (ids) => {
    const rows = await load(ids);
    const map = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => map.get(id) ?? null);
  });
}

/** Per-request batching of nested lookups, so a page of N rows costs a constant number of queries. */
@Injectable()
export class LoadersFactory {
  constructor(private readonly admin: AdminService) {}

  create() {
    return {
      organization: byId<OrganizationEntity>((ids) => this.admin.organizationsByIds(ids)),
      user: byId<UserEntity>((ids) => this.admin.usersByIds(ids)),
    };
  }
}

export type Loaders = ReturnType<LoadersFactory['create']>;
