import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';

export const GENESIS_HASH = '0'.repeat(64);

/** The fields of an event that its hash covers. */
export interface ChainedEvent {
  sequence: number;
  at: string; // ISO 8601 with microseconds, UTC
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  data: unknown;
}

export function chainHash(previousHash: string, event: ChainedEvent): string {
  return createHash('sha256').update(previousHash).update(canonicalJson(event)).digest('hex');
}

/** Selects an event's hashed fields in a stable text form. */
export const CHAINED_COLUMNS = `
  sequence::int AS sequence,
  to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at,
  actor_id AS "actorId", action, entity_type AS "entityType", entity_id AS "entityId", data`;
