import { AddressInfo, createServer } from 'node:net';
import { assertPublicHost, hostOf, isNonPublicAddress, NonPublicAddressError } from './webhook-address';
import { postWebhook } from './webhook-http';

describe('isNonPublicAddress', () => {
  it.each([
    '127.0.0.1', '127.255.0.9', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254',
    '0.0.0.0', '100.64.0.1', '224.0.0.1', '255.255.255.255',
    '::1', '::', 'fd12:3456::1', 'fc00::1', 'fe80::1', 'ff02::1', '::ffff:127.0.0.1', '::ffff:10.0.0.1', '::ffff:a9fe:a9fe',
  ])('refuses %s', (address) => {
    expect(isNonPublicAddress(address)).toBe(true);
  });

  it.each(['8.8.8.8', '1.1.1.1', '172.32.0.1', '192.169.0.1', '2001:4860:4860::8888', '::ffff:8.8.8.8', '2a00:1450:4001::200e'])(
    'allows public %s',
    (address) => {
      expect(isNonPublicAddress(address)).toBe(false);
    },
  );

  it('refuses what is not an address', () => {
    expect(isNonPublicAddress('localhost')).toBe(true);
  });
});

describe('assertPublicHost', () => {
  it('refuses literal private addresses, also in the numeric forms URLs normalize', async () => {
    for (const url of ['http://127.0.0.1/', 'http://2130706433/', 'http://0x7f.1/', 'http://[::1]:8080/', 'http://[::ffff:127.0.0.1]/']) {
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
