import { createPublicKey, generateKeyPairSync, verify } from 'node:crypto';
import {
  AuditCheckpoint,
  checkSignature,
  checkpointMessage,
  keyIdOf,
  parseCheckpoint,
  parseCheckpointLines,
  signCheckpoint,
  verifyKeys,
} from './audit-checkpoint';

const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const other = generateKeyPairSync('ed25519');
const HASH = 'ab'.repeat(32);
const AT = new Date('2025-06-30T17:00:00.123Z');

const signed = (over: Partial<{ sequence: number; hash: string; at: Date }> = {}) => signCheckpoint({ sequence: 41, hash: HASH, at: AT, ...over }, privateKey);

describe('signCheckpoint', () => {
  it('states sequence, hash, instant and key, with an Ed25519 signature over the documented bytes', () => {
    const cp = signed();
    expect(cp).toEqual({ v: 1, sequence: 41, hash: HASH, at: '2025-06-30T17:00:00.123Z', keyId: keyIdOf(publicKey), signature: expect.any(String) });
    expect(Buffer.from(cp.signature, 'base64')).toHaveLength(64);
    // What an outside verifier rebuilds from the README: prefix line, then canonical JSON with sorted keys.
    const message = `tripartite audit checkpoint v1\n{"at":"2025-06-30T17:00:00.123Z","hash":"${HASH}","keyId":"${cp.keyId}","sequence":41}`;
    expect(checkpointMessage(cp).toString('utf8')).toBe(message);
    expect(verify(null, Buffer.from(message), publicKey, Buffer.from(cp.signature, 'base64'))).toBe(true);
  });

  it('names the key by 16 hex digits of its public key, the same from either half', () => {
    expect(keyIdOf(privateKey)).toMatch(/^[0-9a-f]{16}$/);
    expect(keyIdOf(privateKey)).toBe(keyIdOf(createPublicKey(privateKey)));
    expect(keyIdOf(other.publicKey)).not.toBe(keyIdOf(publicKey));
  });
});

describe('checkSignature', () => {
  const keys = verifyKeys([publicKey]);

  it('accepts a checkpoint signed by a verification key', () => {
    expect(checkSignature(signed(), keys)).toBe('valid');
    expect(checkSignature(signed(), verifyKeys([other.publicKey, publicKey]))).toBe('valid');
  });

  it.each<[string, (cp: AuditCheckpoint) => AuditCheckpoint]>([
    ['a changed sequence', (cp) => ({ ...cp, sequence: 40 })],
    ['a changed hash', (cp) => ({ ...cp, hash: 'cd'.repeat(32) })],
    ['a changed instant', (cp) => ({ ...cp, at: '2025-06-30T17:00:00.124Z' })],
    ['a signature of another statement', (cp) => ({ ...cp, signature: signed({ sequence: 42 }).signature })],
    ['a truncated signature', (cp) => ({ ...cp, signature: cp.signature.slice(0, 40) })],
  ])('refuses %s', (_, alter) => {
    expect(checkSignature(alter(signed()), keys)).toBe('bad-signature');
  });

  it('refuses a checkpoint signed by another key, even when it claims a known keyId', () => {
    const forged = signCheckpoint({ sequence: 41, hash: HASH, at: AT }, other.privateKey);
    expect(checkSignature(forged, keys)).toBe('unknown-key');
    expect(checkSignature({ ...forged, keyId: keyIdOf(publicKey) }, keys)).toBe('bad-signature');
    expect(checkSignature(signed(), new Map())).toBe('unknown-key');
  });
});

describe('parseCheckpoint', () => {
  const good = () => JSON.parse(JSON.stringify(signed())) as Record<string, unknown>;

  it('reads back what was signed', () => {
    expect(parseCheckpoint(good())).toEqual(signed());
  });

  it.each([
    ['v', { v: 2 }],
    ['sequence', { sequence: 0 }],
    ['sequence', { sequence: 1.5 }],
    ['sequence', { sequence: '41' }],
    ['hash', { hash: 'AB'.repeat(32) }],
    ['hash', { hash: 'ab' }],
    ['at', { at: '2025-06-30 17:00' }],
    ['at', { at: '2025-13-45T17:00:00.000Z' }],
    ['keyId', { keyId: 'not-hex' }],
    ['signature', { signature: 'not base64!' }],
    ['signature', { signature: undefined }],
  ])('refuses a bad %s: %j', (field, over) => {
    expect(() => parseCheckpoint({ ...good(), ...over })).toThrow(new RegExp(`^${field} `));
  });

  it('refuses what is not an object', () => {
    for (const value of [null, 41, 'x', [good()]]) expect(() => parseCheckpoint(value)).toThrow('is not a checkpoint object');
  });
});

describe('parseCheckpointLines', () => {
  it('reads checkpoints, worker log lines and webhook bodies, skipping blank lines and naming bad ones', () => {
    const cp = signed();
    const text = [
      JSON.stringify(cp),
      '',
      JSON.stringify({ level: 30, app: 'worker', checkpoint: cp, reason: 'interval', msg: 'audit checkpoint' }),
      JSON.stringify({ id: 'd1', kind: 'audit.checkpoint', occurredAt: cp.at, instrumentId: null, data: cp }),
      'not json',
      JSON.stringify({ level: 30, msg: 'something else' }),
    ].join('\n');
    const { checkpoints, errors } = parseCheckpointLines(text);
    expect(checkpoints).toEqual([
      { line: 1, checkpoint: cp },
      { line: 3, checkpoint: cp },
      { line: 4, checkpoint: cp },
    ]);
    expect(errors).toEqual(['line 5: is not JSON', 'line 6: v must be 1']);
  });
});
