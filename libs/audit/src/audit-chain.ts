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
