import { lookup as dnsLookup, LookupAddress } from 'node:dns';
import { lookup } from 'node:dns/promises';
import { BlockList, isIP, LookupFunction } from 'node:net';

/** Addresses a webhook may not reach in production: private, loopback, link-local, unique-local and other non-public ranges. */
const NON_PUBLIC = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8], // "this" network
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, cloud metadata
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const) NON_PUBLIC.addSubnet(net, bits, 'ipv4');
for (const [net, bits] of [
  ['::', 96], // unspecified, loopback, IPv4-compatible
  ['fc00::', 7], // unique-local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local (deprecated)
  ['ff00::', 8], // multicast
] as const) NON_PUBLIC.addSubnet(net, bits, 'ipv6');

/** True for an address a webhook must not reach in production (IPv4-mapped IPv6 included); also for anything not an IP. */
export function isNonPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return true;
  return NON_PUBLIC.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

export class NonPublicAddressError extends Error {
  constructor(host: string, address: string) {
    super(`${host} resolves to ${address}, a private, loopback or link-local address`);
    this.name = 'NonPublicAddressError';
  }
}

/** The host of a URL without IPv6 brackets (the WHATWG parser has already normalized numeric IPv4 forms). */
export const hostOf = (url: URL): string => url.hostname.replace(/^\[(.*)\]$/, '$1');

/** Resolves the host (all addresses) and throws NonPublicAddressError if any is not public. */
export async function assertPublicHost(host: string): Promise<void> {
  if (isIP(host)) {
    if (isNonPublicAddress(host)) throw new NonPublicAddressError(host, host);
    return;
  }
  const addresses = await lookup(host, { all: true, verbatim: true });
  const bad = addresses.find((a) => isNonPublicAddress(a.address));
  if (bad) throw new NonPublicAddressError(host, bad.address);
}

/**
 * A socket lookup that refuses non-public addresses. Used on the connection itself, so a name that
 * resolved to a public address when checked cannot rebind to a private one when connecting.
 */
export const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, verbatim: true }, (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => {
    if (error) return callback(error, '', 0);
    const list = Array.isArray(address) ? address : [{ address, family: family ?? 0 }];
    const bad = list.find((a) => isNonPublicAddress(a.address));
    if (bad) return callback(new NonPublicAddressError(hostname, bad.address), '', 0);
    (callback as (e: null, a: string | LookupAddress[], f?: number) => void)(null, address, family);
  });
};
