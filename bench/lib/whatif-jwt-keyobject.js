'use strict';
// An experiment, preloaded (node --require) into one api instance of benchmark 1 only: jsonwebtoken
// is handed a KeyObject made once from the secret string, as TokensService could do itself, to
// measure what the string secret costs. The shipped api is measured without it.
const { createSecretKey } = require('node:crypto');
const jwt = require('jsonwebtoken');

const keys = new Map();
const keyOf = (secret) => {
  if (typeof secret !== 'string') return secret;
  if (!keys.has(secret)) keys.set(secret, createSecretKey(Buffer.from(secret, 'utf8')));
  return keys.get(secret);
};
const { verify, sign } = jwt;
jwt.verify = (token, secret, ...rest) => verify(token, keyOf(secret), ...rest);
jwt.sign = (payload, secret, ...rest) => sign(payload, keyOf(secret), ...rest);
