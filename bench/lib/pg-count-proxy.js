'use strict';
// Counts the SQL statements a process sends to PostgreSQL, from outside it: a TCP proxy that
// reads the frontend protocol. A statement is a simple Query ('Q') or an Execute ('E') of the
// extended protocol (node-postgres uses it for every parameterised query), so BEGIN and COMMIT
// count too. pg_stat_statements would do this inside the server, but it is not preloaded here.
const net = require('node:net');

const SSL_REQUEST = 80877103;
const GSS_REQUEST = 80877104;

function cstring(buf, start) {
  const end = buf.indexOf(0, start);
  return { text: buf.toString('utf8', start, end), next: end + 1 };
}

function startProxy({ host = '127.0.0.1', port = 5432 } = {}) {
  const counts = { statements: 0, texts: [] };
  const sockets = new Set();
  const server = net.createServer((client) => {
    const upstream = net.connect(port, host);
    sockets.add(client).add(upstream);
    upstream.pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
    let pending = Buffer.alloc(0);
    let startup = true;
    let lastParse = '';
    client.on('data', (chunk) => {
      upstream.write(chunk);
      pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
      for (;;) {
        if (startup) {
          if (pending.length < 8) break;
          const len = pending.readInt32BE(0);
          if (pending.length < len) break;
          const code = pending.readInt32BE(4);
          pending = pending.subarray(len);
          if (code !== SSL_REQUEST && code !== GSS_REQUEST) startup = false;
          continue;
        }
        if (pending.length < 5) break;
        const type = String.fromCharCode(pending[0]);
        const len = pending.readInt32BE(1);
        if (pending.length < len + 1) break;
        const body = pending.subarray(5, len + 1);
        if (type === 'Q') {
          counts.statements += 1;
          counts.texts.push(cstring(body, 0).text);
        } else if (type === 'P') {
          lastParse = cstring(body, cstring(body, 0).next).text;
        } else if (type === 'E') {
          counts.statements += 1;
          counts.texts.push(lastParse);
        }
        pending = pending.subarray(len + 1);
      }
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      resolve({
        port: server.address().port,
        /** Statements since the last reset, with their SQL text. */
        take() {
          const taken = { statements: counts.statements, texts: counts.texts };
          counts.statements = 0;
          counts.texts = [];
          return taken;
        },
        close() {
          for (const s of sockets) s.destroy();
          return new Promise((r) => server.close(r));
        },
      });
    });
  });
}

/** The proxy's URL standing for a database URL. */
function viaProxy(databaseUrl, proxyPort) {
  const url = new URL(databaseUrl);
  url.hostname = '127.0.0.1';
  url.port = String(proxyPort);
  return url.toString();
}

/** The table of the outermost FROM (subqueries skipped), e.g. "agenda_item". */
function outerFrom(sql) {
  let depth = 0;
  for (let i = 0; i < sql.length; i++) {
    const ch = sql[i];
    if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (depth === 0 && /^ FROM /i.test(sql.slice(i, i + 6))) return /^ FROM "?([a-z_]+)/i.exec(sql.slice(i))?.[1] ?? null;
  }
  return null;
}

/** "SELECT ... FROM comment c ..." → a short label of a statement for the report. */
function label(sql) {
  const s = sql.replace(/\s+/g, ' ').trim();
  const verb = s.split(' ')[0].toUpperCase();
  if (verb === 'SELECT' || verb === 'WITH') {
    const lock = / FOR (SHARE|UPDATE)/i.exec(s);
    return `SELECT ${outerFrom(s) ?? (/clock_timestamp/i.test(s) ? 'clock_timestamp()' : '(expression)')}${lock ? ` FOR ${lock[1].toUpperCase()}` : ''}`;
  }
  if (verb === 'INSERT') return `INSERT ${/INTO "?([a-z_]+)/i.exec(s)?.[1] ?? ''}`;
  if (verb === 'UPDATE') return `UPDATE ${/UPDATE "?([a-z_]+)/i.exec(s)?.[1] ?? ''}`;
  return verb;
}

module.exports = { startProxy, viaProxy, label };
