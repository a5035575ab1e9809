'use strict';
// Baseline of benchmark 5: a bare `ws` server. POST /publish answers at once, then sends the body
// (a graphql-ws "next" message, as the api sends) to every connected client.
const http = require('node:http');
const { WebSocketServer } = require('ws');

const server = http.createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/health') return res.end('{"ok":true}');
  if (req.method === 'POST' && req.url === '/publish') {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      res.end(`{"clients":${wss.clients.size}}`);
      setImmediate(() => {
        for (const client of wss.clients) client.send(body);
      });
    });
    return;
  }
  res.statusCode = 404;
  res.end();
});
const wss = new WebSocketServer({ server });
server.listen(Number(process.env.PORT), '127.0.0.1');
process.on('SIGTERM', () => {
  for (const client of wss.clients) client.terminate();
  server.close(() => process.exit(0));
});
