import { readUnsubscribeToken, unsubscribeToken, unsubscribeUrl } from './unsubscribe-token';

const SECRET = 's'.repeat(40);
const USER = '6f1c2b8e-8d0a-4b7e-9f3a-2c1d0e9b8a7f';

describe('the one-click unsubscribe token', () => {
  it('names the user and the kind it was signed for', () => {
    expect(readUnsubscribeToken(SECRET, unsubscribeToken(SECRET, USER, 'consultation.opened'))).toEqual({ userId: USER, kind: 'consultation.opened' });
  });

  it('refuses another secret, a changed kind or user, and garbage', () => {
    const token = unsubscribeToken(SECRET, USER, 'consultation.opened');
    expect(readUnsubscribeToken('t'.repeat(40), token)).toBeNull();
    const [, signature] = token.split('.');
    const forged = `${Buffer.from(`${USER}.comment.disposed`).toString('base64url')}.${signature}`;
    expect(readUnsubscribeToken(SECRET, forged)).toBeNull();
    for (const bad of ['', 'x', 'a.b', `${token}.x`, 42, null, 'x'.repeat(300)]) expect(readUnsubscribeToken(SECRET, bad)).toBeNull();
  });

  it('goes in the api address, escaped', () => {
    expect(unsubscribeUrl('https://x.org/', 'a.b')).toBe('https://x.org/email/unsubscribe?token=a.b');
  });
});
