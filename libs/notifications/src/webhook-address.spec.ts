import { AddressInfo, createServer } from 'node:net';
import { assertPublicHost, embeddedIpv4, hostOf, isNonPublicAddress, NonPublicAddressError } from './webhook-address';
import { postWebhook } from './webhook-http';

describe('isNonPublicAddress', () => {
  it.each([
    '127.0.0.1',
    '127.255.0.9',
    '10.1.2.3',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.169.254',
    '0.0.0.0',
    '100.64.0.1',
    '224.0.0.1',
    '255.255.255.255',
    '::1',
    '::',
    'fd12:3456::1',
    'fc00::1',
    'fe80::1',
    'ff02::1',
    '::ffff:127.0.0.1',
    '::ffff:10.0.0.1',
    '::ffff:a9fe:a9fe',
  ])('refuses %s', (address) => {
    expect(isNonPublicAddress(address)).toBe(true);
  });

  it.each(['8.8.8.8', '1.1.1.1', '172.32.0.1', '192.169.0.1', '2001:4860:4860::8888', '::ffff:8.8.8.8', '2a00:1450:4001::200e'])(
    'allows public %s',
    (address) => {
      expect(isNonPublicAddress(address)).toBe(false);
    },
  );

  // IPv6 forms that lead to an IPv4 address: refused when that address is not public, allowed when it is.
  it.each([
    ['NAT64 of 127.0.0.1', '64:ff9b::7f00:1'],
    ['NAT64 of 10.0.0.1, dotted', '64:ff9b::10.0.0.1'],
    ['NAT64 of 169.254.169.254', '64:ff9b::a9fe:a9fe'],
    ['local-use NAT64, whatever it embeds', '64:ff9b:1::808:808'],
    ['6to4 of 127.0.0.1', '2002:7f00:1::'],
    ['6to4 of 192.168.1.1', '2002:c0a8:101::1'],
    ['6to4 of 10.0.0.1', '2002:a00:1:1::5'],
    ['mapped 192.168.0.1, hex', '::ffff:c0a8:1'],
    ['mapped 0.0.0.0', '::ffff:0:0'],
    ['mapped, full form', '0:0:0:0:0:ffff:7f00:1'],
    ['translated 127.0.0.1', '::ffff:0:7f00:1'],
    ['compatible 8.8.8.8 (deprecated)', '::8.8.8.8'],
    ['Teredo with client 127.0.0.1 (inverted)', '2001:0:4136:e378:8000:63bf:80ff:fffe'],
    ['Teredo with client 10.0.0.1', '2001:0:4136:e378:0:0:f5ff:fffe'],
    ['Teredo with server 192.168.0.1', '2001:0:c0a8:1:0:0:f7f7:f7f7'],
    ['documentation', '2001:db8::1'],
    ['discard-only', '100::1'],
    ['zone id on link-local', 'fe80::1%eth0'],
  ])('refuses %s (%s)', (_what, address) => {
    expect(isNonPublicAddress(address)).toBe(true);
  });

  it.each([
    ['NAT64 of 8.8.8.8', '64:ff9b::808:808'],
    ['NAT64 of 1.1.1.1, dotted', '64:ff9b::1.1.1.1'],
    ['6to4 of 8.8.8.8', '2002:808:808::1'],
    ['mapped 8.8.8.8, hex', '::ffff:808:808'],
    ['Teredo with server 65.54.227.120 and client 8.8.8.8', '2001:0:4136:e378:8000:63bf:f7f7:f7f7'],
  ])('allows %s (%s)', (_what, address) => {
    expect(isNonPublicAddress(address)).toBe(false);
  });

  it('decodes the IPv4 each form embeds', () => {
    expect(embeddedIpv4('64:ff9b::c0a8:101')).toEqual(['192.168.1.1']);
    expect(embeddedIpv4('2002:c0a8:101::1')).toEqual(['192.168.1.1']);
    expect(embeddedIpv4('::ffff:10.1.2.3')).toEqual(['10.1.2.3']);
    expect(embeddedIpv4('2001:0:4136:e378:8000:63bf:3fff:fdd2')).toEqual(['65.54.227.120', '192.0.2.45']);
    expect(embeddedIpv4('2a00:1450:4001::200e')).toEqual([]);
  });

  it('refuses what is not an address', () => {
    expect(isNonPublicAddress('localhost')).toBe(true);
  });
});

describe('assertPublicHost', () => {
  it('refuses literal private addresses, also in the numeric forms URLs normalize', async () => {
    for (const url of [
      'http://127.0.0.1/',
      'http://2130706433/',
      'http://0x7f.1/',
      'http://[::1]:8080/',
      'http://[::ffff:127.0.0.1]/',
      'http://[64:ff9b::127.0.0.1]/',
      'http://[2002:a9fe:a9fe::]/',
    ]) {
      await expect(assertPublicHost(hostOf(new URL(url)))).rejects.toBeInstanceOf(NonPublicAddressError);
    }
  });

  it('resolves a name and refuses it when an address is private', async () => {
    await expect(assertPublicHost('localhost')).rejects.toBeInstanceOf(NonPublicAddressError);
  });

  it('accepts a literal public address without resolving anything', async () => {
    await expect(assertPublicHost('8.8.8.8')).resolves.toBeUndefined();
  });
});

describe('postWebhook', () => {
  it('refuses, at connect time, a name that resolves to a private address', async () => {
    const server = createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    let connected = false;
    server.on('connection', () => (connected = true));
    try {
      await expect(postWebhook(new URL(`http://localhost:${port}/`), '{}', {}, { timeoutMs: 2000, publicOnly: true })).rejects.toBeInstanceOf(
        NonPublicAddressError,
      );
      expect(connected).toBe(false);
    } finally {
      server.close();
    }
  });
});
