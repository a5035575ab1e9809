import { Injectable } from '@nestjs/common';
import { AppError } from '@tripartite/common';
import { AuditSealer } from './audit-sealer';
import { AuditVerification, AuditVerifier } from './audit-verifier';
import { AuditKeys } from './audit-keys';
import { AuditCheckpointRepository, AuditEventRepository, type AuditEventRow } from './repositories';

export interface AuditPage {
  events: AuditEventRow[];
  hasNextPage: boolean;
}

export const encodeSequenceCursor = (sequence: number) => Buffer.from(`seq:${sequence}`).toString('base64url');

export function decodeSequenceCursor(cursor: string | null | undefined): number {
  if (!cursor) return 0;
  const m = /^seq:(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!m) throw AppError.badInput([{ field: 'after', message: 'is not a cursor from this list' }]);
  return Number(m[1]);
}

/** Reads the sealed chain, sealing first so a reader always sees every finished event. */
@Injectable()
export class AuditLogService {
  constructor(
    private readonly events: AuditEventRepository,
    private readonly checkpoints: AuditCheckpointRepository,
    private readonly sealer: AuditSealer,
    private readonly verifier: AuditVerifier,
    private readonly keys: AuditKeys,
  ) {}

  /** The chain, and the stored checkpoints' signatures and reach (the copies outside are checked with audit:verify --checkpoint). */
  async verify(): Promise<AuditVerification> {
    await this.sealer.seal();
    return this.verifier.verify(await this.checkpoints.stored(), this.keys.verifyKeys());
  }

  async page(entityId: string | null | undefined, first: number, after: string | null | undefined): Promise<AuditPage> {
    const from = decodeSequenceCursor(after);
    await this.sealer.seal();
    const rows = await this.events.page(from, entityId ?? null, first + 1);
    return { events: rows.slice(0, first), hasNextPage: rows.length > first };
  }
}
