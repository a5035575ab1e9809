import { createHmac } from 'node:crypto';

/** The X-Signature header value: sha256=<hex HMAC-SHA256 of the exact body bytes with the webhook's secret>. */
export function webhookSignature(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}
