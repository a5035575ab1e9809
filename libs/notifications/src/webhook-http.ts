import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import { assertPublicHost, hostOf, publicOnlyLookup } from './webhook-address';

export interface PostOptions {
  timeoutMs: number;
  /** Refuse private, loopback and link-local addresses, checked on the connection itself. */
  publicOnly: boolean;
}

/**
 * POSTs a body and resolves with the response status (redirects are not followed).
 * Rejects on network failure, on timeout (the whole exchange), and with NonPublicAddressError.
 */
export async function postWebhook(url: URL, body: string, headers: Record<string, string>, options: PostOptions): Promise<number> {
  const host = hostOf(url);
  // A literal IP connects without a lookup, so it is checked here; names are checked by the lookup.
  if (options.publicOnly && isIP(host)) await assertPublicHost(host);
  const client = url.protocol === 'https:' ? https : http;
  return new Promise<number>((resolve, reject) => {
    const req = client.request(
      url,
      {
        method: 'POST',
        headers: { ...headers, 'Content-Length': String(Buffer.byteLength(body)) },
        signal: AbortSignal.timeout(options.timeoutMs),
        lookup: options.publicOnly ? publicOnlyLookup : undefined,
        agent: false,
      },
      (res) => {
        res.resume(); // the answer's body is not needed
        res.on('error', () => undefined);
        resolve(res.statusCode ?? 0);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
