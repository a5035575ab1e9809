import { KeyObject, createHash, createPrivateKey, createPublicKey } from 'node:crypto';

// An Ed25519 PKCS#8 key is this fixed DER prefix followed by the 32-byte seed (RFC 8410).
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

/**
 * The development signing key of audit checkpoints: derived from a public phrase, so anyone can forge with it.
 * Used outside production only, with a warning.
 */
export const DEV_AUDIT_SIGNING_KEY = Buffer.concat([
  PKCS8_ED25519_PREFIX,
  createHash('sha256').update('tripartite-development-audit-signing-key-do-not-use-in-production').digest(),
]).toString('base64');

/** PEM as given, or with its line breaks written as "\n" (one-line environment variables). */
const pemText = (text: string) => text.trim().replace(/\\n/g, '\n');

function ed25519(key: KeyObject): KeyObject {
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`is a ${key.asymmetricKeyType} key, not Ed25519`);
  return key;
}

/** An Ed25519 private key from PEM, or from base64 of its PKCS#8 DER; throws when it is neither. */
export function parseEd25519PrivateKey(text: string): KeyObject {
  const t = pemText(text);
  return ed25519(t.startsWith('-----') ? createPrivateKey(t) : createPrivateKey({ key: Buffer.from(t, 'base64'), format: 'der', type: 'pkcs8' }));
}

/**
 * Ed25519 public keys, comma-separated, each PEM or base64 of its SPKI DER (several: a rotated key still
 * verifies what it signed). A private key is refused: the verifying side should not hold it.
 */
export function parseEd25519PublicKeys(text: string): KeyObject[] {
  const parts = text.split(',').map(pemText).filter(Boolean);
  if (!parts.length) throw new Error('holds no key');
  return parts.map((t) => {
    if (/PRIVATE KEY/.test(t)) throw new Error('is a private key');
    return ed25519(t.startsWith('-----') ? createPublicKey(t) : createPublicKey({ key: Buffer.from(t, 'base64'), format: 'der', type: 'spki' }));
  });
}

/** Whether `parse` accepts the text. */
export function parses(parse: (text: string) => unknown, text: unknown): boolean {
  if (typeof text !== 'string') return false;
  try {
    parse(text);
    return true;
  } catch {
    return false;
  }
}

/** The SPKI DER of a key's public half, to compare keys. */
export const publicDer = (key: KeyObject): Buffer => (key.type === 'private' ? createPublicKey(key) : key).export({ format: 'der', type: 'spki' });
