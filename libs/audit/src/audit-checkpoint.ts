import { KeyObject, createHash, createPublicKey, sign, verify } from 'node:crypto';
import { canonicalJson } from './canonical-json';

/**
 * A signed statement that the audit chain's event `sequence` had hash `hash` at instant `at`, signed with the
 * Ed25519 key `keyId` names. It is kept outside the database (log, webhook, file) so that a chain cut short or
 * rewritten below it, even by someone who can write the database, no longer matches it.
 */
export interface AuditCheckpoint {
  v: 1;
  sequence: number;
  hash: string;
  at: string;
  keyId: string;
  /** base64 Ed25519 signature of checkpointMessage(...) */
  signature: string;
}

export type CheckpointStatement = Pick<AuditCheckpoint, 'sequence' | 'hash' | 'at' | 'keyId'>;

const DOMAIN = 'tripartite audit checkpoint v1\n';

/** The bytes signed: a fixed prefix, then the statement as canonical JSON (keys sorted, no spaces). */
export function checkpointMessage(s: CheckpointStatement): Buffer {
  return Buffer.from(DOMAIN + canonicalJson({ at: s.at, hash: s.hash, keyId: s.keyId, sequence: s.sequence }), 'utf8');
}

/** 16 hex digits of the SHA-256 of the key's public SPKI DER: names the key without revealing anything. */
export function keyIdOf(key: KeyObject): string {
  const spki = (key.type === 'private' ? createPublicKey(key) : key).export({ format: 'der', type: 'spki' });
  return createHash('sha256').update(spki).digest('hex').slice(0, 16);
}

export function signCheckpoint(point: { sequence: number; hash: string; at: Date }, privateKey: KeyObject): AuditCheckpoint {
  const statement: CheckpointStatement = { sequence: point.sequence, hash: point.hash, at: point.at.toISOString(), keyId: keyIdOf(privateKey) };
  return { v: 1, ...statement, signature: sign(null, checkpointMessage(statement), privateKey).toString('base64') };
}

export type VerifyKeys = ReadonlyMap<string, KeyObject>;

export const verifyKeys = (keys: KeyObject[]): VerifyKeys => new Map(keys.map((k) => [keyIdOf(k), k]));

export type SignatureCheck = 'valid' | 'unknown-key' | 'bad-signature';

/** Whether one of `keys` (by keyId) signed exactly this statement. */
export function checkSignature(cp: AuditCheckpoint, keys: VerifyKeys): SignatureCheck {
  const key = keys.get(cp.keyId);
  if (!key) return 'unknown-key';
  const signature = Buffer.from(cp.signature, 'base64');
  if (signature.length !== 64) return 'bad-signature';
  return verify(null, checkpointMessage(cp), key, signature) ? 'valid' : 'bad-signature';
}

export class CheckpointFormatError extends Error {}

const HASH = /^[0-9a-f]{64}$/;
const KEY_ID = /^[0-9a-f]{16}$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** A checkpoint from untrusted JSON, checked field by field; throws CheckpointFormatError naming the first bad field. */
export function parseCheckpoint(value: unknown): AuditCheckpoint {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new CheckpointFormatError('is not a checkpoint object');
  const o = value as Record<string, unknown>;
  const fail = (field: string, why: string): never => {
    throw new CheckpointFormatError(`${field} ${why}`);
  };
  if (o.v !== 1) fail('v', 'must be 1');
  if (!Number.isSafeInteger(o.sequence) || (o.sequence as number) < 1) fail('sequence', 'must be a positive integer');
  if (typeof o.hash !== 'string' || !HASH.test(o.hash)) fail('hash', 'must be 64 lowercase hex digits');
  if (typeof o.at !== 'string' || !ISO_INSTANT.test(o.at) || Number.isNaN(Date.parse(o.at))) fail('at', 'must be an ISO instant like 2025-06-30T17:00:00.000Z');
  if (typeof o.keyId !== 'string' || !KEY_ID.test(o.keyId)) fail('keyId', 'must be 16 lowercase hex digits');
  if (typeof o.signature !== 'string' || !BASE64.test(o.signature)) fail('signature', 'must be base64');
  return { v: 1, sequence: o.sequence as number, hash: o.hash as string, at: o.at as string, keyId: o.keyId as string, signature: o.signature as string };
}

/** The checkpoint a line holds: the checkpoint itself, a worker log line ({checkpoint}), or a webhook body ({kind, data}). */
function checkpointIn(line: unknown): unknown {
  if (line && typeof line === 'object') {
    const o = line as Record<string, unknown>;
    if (o.checkpoint !== undefined) return o.checkpoint;
    if (o.kind === 'audit.checkpoint') return o.data;
  }
  return line;
}

export interface CheckpointLine {
  line: number;
  checkpoint: AuditCheckpoint;
}

/** Checkpoints from JSON lines (blank lines skipped); every other line is an error naming its number. */
export function parseCheckpointLines(text: string): { checkpoints: CheckpointLine[]; errors: string[] } {
  const checkpoints: CheckpointLine[] = [];
  const errors: string[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    if (!raw.trim()) return;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      errors.push(`line ${i + 1}: is not JSON`);
      return;
    }
    try {
      checkpoints.push({ line: i + 1, checkpoint: parseCheckpoint(checkpointIn(json)) });
    } catch (error) {
      if (!(error instanceof CheckpointFormatError)) throw error;
      errors.push(`line ${i + 1}: ${error.message}`);
    }
  });
  return { checkpoints, errors };
}
