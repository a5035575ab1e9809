import { createHmac } from 'node:crypto';

/** The X-Signature header value: sha256=<hex HMAC-SHA256 of the exact body bytes with the webhook's secret>. */
export function webhookSignature(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

/**
 * The Standard Webhooks headers of one try: webhook-id (the delivery id, the same on every try), webhook-timestamp
 * (this try, in seconds since the epoch) and webhook-signature: v1,<base64 HMAC-SHA256 of "<id>.<timestamp>.<body>">,
 * keyed with the secret's UTF-8 bytes (the secret is given as text, not as a "whsec_" base64 key).
 */
export function standardWebhookHeaders(
  secret: string,
  id: string,
  body: string,
  at: Date,
): Record<'webhook-id' | 'webhook-timestamp' | 'webhook-signature', string> {
  const timestamp = String(Math.floor(at.getTime() / 1000));
  const signature = createHmac('sha256', Buffer.from(secret, 'utf8')).update(`${id}.${timestamp}.${body}`, 'utf8').digest('base64');
  return { 'webhook-id': id, 'webhook-timestamp': timestamp, 'webhook-signature': `v1,${signature}` };
}
