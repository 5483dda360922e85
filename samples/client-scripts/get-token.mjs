#!/usr/bin/env node
// Get an AuthServer access token with private_key_jwt (RFC 7523), then call an API with it.
//
// The script signs a short-lived client assertion with its private key instead of sending a secret:
// iss = sub = the client id, aud = the server's issuer, a 60-second exp and a fresh jti, so a captured
// assertion is worth nothing after one use. AuthServer checks it against the public key you registered
// (`clients set-jwks`, or `Clients:N:Jwks`).
//
//   node get-token.mjs --issuer http://localhost:5000 --client-id robot --key robot.pem \
//       --kid robot-1 --scope sample-api.read --call http://localhost:5001/data
//   node get-token.mjs --key robot.pem --kid robot-1 --jwks > robot.jwks.json   # the public half, to register
//
// Node.js 20+ and jose (npm ci in this folder). The key is an RSA (RS256) or P-256 (ES256) private key in PEM.
import { createPrivateKey, createPublicKey, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { SignJWT, exportJWK } from 'jose';

const ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
const ASSERTION_LIFETIME_SECONDS = 60;

const { values: args } = parseArgs({
  options: {
    issuer: { type: 'string', default: 'http://localhost:5000' },
    'client-id': { type: 'string' },
    key: { type: 'string' },
    kid: { type: 'string' },
    scope: { type: 'string' },
    call: { type: 'string' },
    jwks: { type: 'boolean', default: false },
  },
});

function fail(message) {
  console.error(message);
  process.exit(1);
}

if (!args.key || !args.kid) fail('--key (a PEM private key) and --kid (its id in the registered JWKS) are required');

// The private key and the algorithm it signs with: RS256 for RSA, ES256 for P-256.
const key = createPrivateKey(readFileSync(args.key));
const alg = key.asymmetricKeyType === 'rsa' ? 'RS256'
  : key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1' ? 'ES256'
  : fail(`${args.key}: an RSA or P-256 private key is needed`);

if (args.jwks) {
  // The key set to register with AuthServer: the public half only, with its kid, use and alg.
  const jwk = await exportJWK(createPublicKey(key));
  console.log(JSON.stringify({ keys: [{ ...jwk, kid: args.kid, use: 'sig', alg }] }, null, 2));
  process.exit(0);
}

const clientId = args['client-id'] ?? fail('--client-id is required');

// The token endpoint, and the issuer exactly as the server spells it: the assertion's aud.
const discovery = await (await fetch(`${args.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`)).json();
const endpoint = discovery.token_endpoint;

const assertion = await new SignJWT({})
  .setProtectedHeader({ alg, kid: args.kid })
  .setIssuer(clientId)
  .setSubject(clientId)
  .setAudience(discovery.issuer)
  .setIssuedAt()
  .setExpirationTime(`${ASSERTION_LIFETIME_SECONDS}s`)
  .setJti(randomUUID()) // used once: the server refuses a replay
  .sign(key);

const form = new URLSearchParams({
  grant_type: 'client_credentials',
  client_id: clientId,
  client_assertion_type: ASSERTION_TYPE,
  client_assertion: assertion,
});
if (args.scope) form.set('scope', args.scope);

const response = await fetch(endpoint, { method: 'POST', body: form });
// RFC 6749 §5.2 on failure: {"error": ..., "error_description": ...}; never contains the assertion.
if (!response.ok) fail(`token endpoint answered ${response.status}: ${await response.text()}`);
const token = await response.json();
console.error(`access token for ${clientId}: expires in ${token.expires_in} s, scope ${token.scope ?? ''}`);

if (!args.call) {
  console.log(token.access_token);
} else {
  const api = await fetch(args.call, { headers: { Authorization: `Bearer ${token.access_token}` } });
  if (!api.ok) fail(`${args.call} answered ${api.status}: ${api.headers.get('www-authenticate') ?? ''}`);
  console.log(await api.text());
}
