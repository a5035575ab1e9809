// The web client as the api serves it, over real HTTP, from a small build of its own (a temporary dist/web):
// precompressed variants by Accept-Encoding, cache headers, client routes, and no source maps.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { Controller, Get, Module, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import helmet from 'helmet';
import { DOCUMENT_ONLY_HEADERS, IMMUTABLE, isHiddenFile, languageChunks, mountWebClient, readerLanguage } from './web-client';

@Controller()
class ApiRoutes {
  @Get('health/live')
  live() {
    return { status: 'ok' };
  }
}

@Module({ controllers: [ApiRoutes] })
class TinyModule {}

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

function get(url: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

const SCRIPT = `export const words = ${JSON.stringify('a script long enough to be worth compressing '.repeat(40))};\n`;
const INDEX = `<!doctype html><html><head><script type="module" src="/assets/index-AbC123xy.js"></script></head><body><div id="root"></div></body></html>\n`;

describe('the web client over HTTP', () => {
  let root: string;
  let app: INestApplication;
  let url: string;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'tt-web-'));
    mkdirSync(join(root, 'assets'));
    const write = (name: string, text: string) => {
      writeFileSync(join(root, name), text);
      writeFileSync(join(root, `${name}.br`), brotliCompressSync(text));
      writeFileSync(join(root, `${name}.gz`), gzipSync(text));
    };
    write('index.html', INDEX);
    write('assets/index-AbC123xy.js', SCRIPT);
    write('assets/index-Zz9Yy8Xx.css', 'body { margin: 0 }\n'.repeat(20));
    writeFileSync(join(root, 'assets/index-AbC123xy.js.map'), '{"version":3,"sources":["../src/secret.ts"],"mappings":""}');
    writeFileSync(join(root, 'assets/plain-Qq1Ww2Ee.txt'), 'no variants of this one');
    mkdirSync(join(root, '.vite'));
    writeFileSync(
      join(root, '.vite/manifest.json'),
      JSON.stringify({
        'index.html': { file: 'assets/index-AbC123xy.js', src: 'index.html', isEntry: true },
        'src/i18n/en.ts': { file: 'assets/en-En123456.js', src: 'src/i18n/en.ts', isDynamicEntry: true },
        'src/i18n/fr.ts': { file: 'assets/fr-Fr123456.js', src: 'src/i18n/fr.ts', isDynamicEntry: true },
        'src/i18n/es.ts': { file: 'assets/es-Es123456.js', src: 'src/i18n/es.ts', isDynamicEntry: true },
      }),
    );
    const nest = await NestFactory.create<NestExpressApplication>(TinyModule, { logger: false });
    // As bootstrap.ts does before mounting the client.
    nest.use(helmet());
    mountWebClient(nest, root);
    await nest.listen(0, '127.0.0.1');
    app = nest;
    url = `http://127.0.0.1:${(nest.getHttpServer().address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await app?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('sends brotli when the browser takes it, whatever order it lists encodings in', async () => {
    for (const accept of ['gzip, deflate, br', 'br', 'br;q=0.5, gzip;q=0.9']) {
      const res = await get(`${url}/assets/index-AbC123xy.js`, { 'accept-encoding': accept });
      expect(res.status).toBe(200);
      expect(res.headers['content-encoding']).toBe('br');
      expect(res.headers['content-type']).toMatch(/^(application|text)\/javascript; charset=utf-8$/);
      expect(res.headers.vary).toMatch(/Accept-Encoding/i);
      expect(res.headers['cache-control']).toBe(IMMUTABLE);
      expect(Number(res.headers['content-length'])).toBe(res.body.length);
      expect(res.body.length).toBeLessThan(Buffer.byteLength(SCRIPT));
      expect(brotliDecompressSync(res.body).toString()).toBe(SCRIPT);
    }
  });

  it('sends gzip to a browser without brotli, and the file itself to one that takes neither', async () => {
    const gz = await get(`${url}/assets/index-AbC123xy.js`, { 'accept-encoding': 'gzip, deflate' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.headers.vary).toMatch(/Accept-Encoding/i);
    expect(gunzipSync(gz.body).toString()).toBe(SCRIPT);

    for (const headers of [{}, { 'accept-encoding': 'identity' }, { 'accept-encoding': 'br;q=0, gzip;q=0' }] as Record<string, string>[]) {
      const plain = await get(`${url}/assets/index-AbC123xy.js`, headers);
      expect(plain.status).toBe(200);
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.headers.vary).toMatch(/Accept-Encoding/i);
      expect(plain.headers['content-type']).toMatch(/javascript/);
      expect(plain.body.toString()).toBe(SCRIPT);
    }
  });

  it('sends an asset without the document-only security headers, and index.html with them', async () => {
    const asset = await get(`${url}/assets/index-AbC123xy.js`, { 'accept-encoding': 'br' });
    for (const header of DOCUMENT_ONLY_HEADERS) expect({ header, value: asset.headers[header.toLowerCase()] }).toEqual({ header, value: undefined });
    expect(asset.headers['x-content-type-options']).toBe('nosniff');
    expect(asset.headers['cross-origin-resource-policy']).toBe('same-origin');
    const page = await get(`${url}/signin`, { 'accept-encoding': 'br' });
    for (const header of DOCUMENT_ONLY_HEADERS) expect({ header, sent: page.headers[header.toLowerCase()] !== undefined }).toEqual({ header, sent: true });
  });

  it('gives stylesheets their own type, compressed too', async () => {
    const res = await get(`${url}/assets/index-Zz9Yy8Xx.css`, { 'accept-encoding': 'br, gzip' });
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-type']).toMatch(/^text\/css; charset=utf-8$/);
    expect(res.headers['cache-control']).toBe(IMMUTABLE);
  });

  it('answers the client routes with index.html, compressed and never cached; /index.html too', async () => {
    for (const path of ['/', '/signin', '/rounds/42', '/desk/instruments/7?tab=comments', '/index.html']) {
      const res = await get(url + path, { 'accept-encoding': 'gzip, br' });
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.headers['content-encoding']).toBe('br');
      expect(res.headers.vary).toMatch(/Accept-Encoding/i);
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(brotliDecompressSync(res.body).toString()).toBe(INDEX);
    }
    const plain = await get(`${url}/signin`);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(INDEX);
    const head = await get(`${url}/signin`, { 'accept-encoding': 'br' }, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers['content-encoding']).toBe('br');
    expect(head.body.length).toBe(0);
  });

  it('never serves a source map, nor a compressed variant by its own name', async () => {
    for (const path of [
      '/assets/index-AbC123xy.js.map',
      '/assets/index-AbC123xy.js.br',
      '/assets/index-AbC123xy.js.gz',
      '/index.html.br',
      '/assets/INDEX-AbC123xy.js.MAP',
    ]) {
      for (const method of ['GET', 'HEAD']) {
        const res = await get(url + path, { 'accept-encoding': 'br, gzip' }, method);
        expect({ path, method, status: res.status }).toEqual({ path, method, status: 404 });
        expect(res.body.toString()).not.toContain('secret.ts');
      }
    }
  });

  it('serves a file without variants as it is, and leaves other paths to the api (a 404 stays a 404)', async () => {
    const plain = await get(`${url}/assets/plain-Qq1Ww2Ee.txt`, { 'accept-encoding': 'br, gzip' });
    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe('no variants of this one');
    expect((await get(`${url}/assets/missing-00000000.js`, { 'accept-encoding': 'br' })).status).toBe(404);
    expect((await get(`${url}/nowhere`)).status).toBe(404);
    const live = await get(`${url}/health/live`, { 'accept-encoding': 'br' });
    expect(live.status).toBe(200);
    expect(JSON.parse(live.body.toString())).toEqual({ status: 'ok' });
  });

  it('hides maps and variants by name', () => {
    expect(['/a.js.map', '/a.css.map', '/a.js.br', '/a.js.gz', '/x.MAP'].every(isHiddenFile)).toBe(true);
    expect(['/a.js', '/assets/map-123.js', '/index.html', '/brand.svg'].some(isHiddenFile)).toBe(false);
  });

  it('names the reader’s words in a Link header of index.html, by the kept choice, else Accept-Language', async () => {
    const link = async (headers: Record<string, string>) => {
      const res = await get(`${url}/signin`, { 'accept-encoding': 'br', ...headers });
      expect(res.status).toBe(200);
      expect(res.headers.vary).toBe('Accept-Encoding, Accept-Language, Cookie');
      return res.headers.link;
    };
    expect(await link({ 'accept-language': 'fr-CH, fr;q=0.9, en;q=0.8' })).toBe('</assets/fr-Fr123456.js>; rel=modulepreload');
    expect(await link({ 'accept-language': 'de-DE, es;q=0.5' })).toBe('</assets/es-Es123456.js>; rel=modulepreload');
    expect(await link({ 'accept-language': 'fr', cookie: 'other=1; tripartite.language=ES' })).toBe('</assets/es-Es123456.js>; rel=modulepreload');
    expect(await link({ 'accept-language': 'fr', cookie: 'tripartite.language=EN' })).toBe('</assets/en-En123456.js>; rel=modulepreload');
    expect(await link({ 'accept-language': 'en-GB,en;q=0.9' })).toBe('</assets/en-En123456.js>; rel=modulepreload');
    expect(await link({ 'accept-language': 'de' })).toBe('</assets/en-En123456.js>; rel=modulepreload');
    expect(await link({})).toBe('</assets/en-En123456.js>; rel=modulepreload');
    // Not for a file asked for by name.
    expect((await get(`${url}/index.html`, { 'accept-language': 'fr' })).headers.link).toBeUndefined();
    // The manifest itself is not served.
    expect((await get(`${url}/.vite/manifest.json`)).status).toBe(404);
  });

  it('reads the reader’s language as the client does: the kept choice, else the best of Accept-Language that is ours, else English', () => {
    expect(readerLanguage('tripartite.language=FR', 'es')).toBe('FR');
    expect(readerLanguage('a=b;  tripartite.language=ES ; c=d', undefined)).toBe('ES');
    expect(readerLanguage('tripartite.language=DE', 'es-ES')).toBe('ES');
    expect(readerLanguage('xtripartite.language=FR', undefined)).toBe('EN');
    expect(readerLanguage(undefined, 'de;q=0.9, fr;q=0.8, es;q=0.85')).toBe('ES');
    expect(readerLanguage(undefined, 'fr;q=0, en-US')).toBe('EN');
    expect(readerLanguage(undefined, '*')).toBe('EN');
    expect(readerLanguage(undefined, undefined)).toBe('EN');
    expect(languageChunks(root)).toEqual({ EN: '/assets/en-En123456.js', FR: '/assets/fr-Fr123456.js', ES: '/assets/es-Es123456.js' });
    expect(languageChunks(join(root, 'assets'))).toEqual({});
  });
});
