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
  ['192.0.2.0', 24], // documentation (TEST-NET-1, -2, -3)
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const)
  NON_PUBLIC.addSubnet(net, bits, 'ipv4');
for (const [net, bits] of [
  ['::', 96], // unspecified, loopback, IPv4-compatible (deprecated: refused whatever it embeds)
  ['64:ff9b:1::', 48], // local-use NAT64 (RFC 8215): where the IPv4 sits is the operator's choice, so refused outright
  ['100::', 64], // discard-only
  ['2001:db8::', 32], // documentation
  ['fc00::', 7], // unique-local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local (deprecated)
  ['ff00::', 8], // multicast
] as const)
  NON_PUBLIC.addSubnet(net, bits, 'ipv6');

/** The 16 bytes of an IPv6 address (a trailing dotted IPv4 allowed), or null if it is not one. */
export function ipv6Bytes(address: string): Uint8Array | null {
  if (isIP(address) !== 6) return null;
  let text = address.replace(/%.*$/, ''); // zone id
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted[1].split('.').map(Number);
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.includes('::') ? text.split('::') : [text, null];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = tail === null ? left : [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  const bytes = new Uint8Array(16);
  groups.forEach((g, i) => {
    const n = parseInt(g, 16);
    bytes[2 * i] = n >> 8;
    bytes[2 * i + 1] = n & 0xff;
  });
  return bytes;
}

const ipv4At = (bytes: Uint8Array, at: number, invert = false): string => [...bytes.subarray(at, at + 4)].map((b) => (invert ? ~b & 0xff : b)).join('.');

/** Whether the address begins with these bytes. */
const startsWith = (bytes: Uint8Array, prefix: number[]): boolean => prefix.every((b, i) => bytes[i] === b);

/**
 * The IPv4 addresses an IPv6 address leads to, where it embeds them: mapped (::ffff:0:0/96), translated
 * (::ffff:0:0:0/96), NAT64 (64:ff9b::/96), 6to4 (2002::/16, bits 16-48) and Teredo (2001::/32: the server at bits
 * 32-64, the client in the last 32 bits, inverted). A connection to one of these reaches that IPv4 address.
 */
export function embeddedIpv4(address: string): string[] {
  const bytes = ipv6Bytes(address);
  if (!bytes) return [];
  const zeros = (n: number) => Array<number>(n).fill(0);
  if (startsWith(bytes, [...zeros(10), 0xff, 0xff])) return [ipv4At(bytes, 12)];
  if (startsWith(bytes, [...zeros(8), 0xff, 0xff, 0, 0])) return [ipv4At(bytes, 12)];
  if (startsWith(bytes, [0, 0x64, 0xff, 0x9b, ...zeros(8)])) return [ipv4At(bytes, 12)];
  if (startsWith(bytes, [0x20, 0x02])) return [ipv4At(bytes, 2)];
  if (startsWith(bytes, [0x20, 0x01, 0, 0])) return [ipv4At(bytes, 4), ipv4At(bytes, 12, true)];
  return [];
}

/**
 * True for an address a webhook must not reach in production; also for anything not an IP. An IPv6 address that
 * embeds an IPv4 one (mapped, NAT64, 6to4, Teredo) is refused when that IPv4 address would be.
 */
export function isNonPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return true;
  if (family === 4) return NON_PUBLIC.check(address, 'ipv4');
  return NON_PUBLIC.check(address, 'ipv6') || embeddedIpv4(address).some((v4) => NON_PUBLIC.check(v4, 'ipv4'));
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
