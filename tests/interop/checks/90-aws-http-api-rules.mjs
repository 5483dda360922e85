// The AWS API Gateway HTTP API JWT authorizer's documented rules (docs: http-api-jwt-authorizer; see
// /work/shared/BUBBLE-FACTS.md "AWS API Gateway"), judged against the running nodes. Two phases around a key
// rotation made by 90-aws-http-api-rules.sh with the admin CLI:
//   node 90-aws-http-api-rules.mjs before STATE_FILE          the tokens, discovery and JWKS as the authorizer sees them
//   node 90-aws-http-api-rules.mjs after STATE_FILE KEYS_JSON the rotated key set: announced and retired keys published,
//                                                             still small and fast, and the earlier tokens still valid
// One line per assertion; exit 1 when any fails.
// Environment: ISSUER AUDIENCE SCOPE SHORT_LIVED_URL GOOD_TOKEN SCRIPT_CLIENT/SECRET BUBBLE_CLIENT/SECRET SIMULATOR_URL BUBBLE_EMAIL/PASSWORD.
import { readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { createLocalJWKSet, decodeJwt, decodeProtectedHeader, jwtVerify } from 'jose';

const TIMEOUT_MS = 1500; // the authorizer's limit for each of discovery and the JWKS
const MAX_JWKS_BYTES = 150_000; // the authorizer refuses a larger JWKS
const REQUESTS = 5; // per endpoint; the slowest counts
const PUBLISH_DEADLINE_MS = 20_000; // a "not a hang" bound; README promises Maintenance:KeyRingRefreshInterval (1 s)

const env = (name) => process.env[name] || (() => { throw new Error(`${name} is not set`); })();
const [phase, stateFile, keysFile] = process.argv.slice(2);
const issuer = env('ISSUER');
let failures = 0;
const assert = (ok, what) => {
  if (!ok) failures++;
  console.log(`  aws-rules ${ok ? 'ok  ' : 'FAIL'} ${what}`);
};

// GET over a fresh connection, as the authorizer's own fetch would; the time is measured from the client.
function get(url) {
  const started = performance.now();
  const client = url.startsWith('https:') ? https : http;
  return new Promise((resolve, reject) => {
    client.get(url, { agent: false }, (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode, body: Buffer.concat(chunks), ms: performance.now() - started }));
      response.on('error', reject);
    }).on('error', reject);
  });
}

async function getJson(url) {
  const response = await get(url);
  if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
  return { ...response, json: JSON.parse(response.body.toString('utf8')) };
}

async function discover(base) {
  const discovery = (await getJson(`${base}/.well-known/openid-configuration`)).json;
  const jwks = await getJson(discovery.jwks_uri);
  return { discovery, jwks: jwks.json, jwksBytes: jwks.body.length };
}

async function assertFast(base) {
  const discoveryUrl = `${base}/.well-known/openid-configuration`;
  const { jwks_uri: jwksUri } = (await getJson(discoveryUrl)).json;
  for (const [what, url] of [['discovery', discoveryUrl], ['JWKS', jwksUri]]) {
    const times = [];
    for (let i = 0; i < REQUESTS; i++) times.push((await getJson(url)).ms);
    const worst = Math.max(...times);
    assert(worst < TIMEOUT_MS, `${base}: ${what} answers within ${TIMEOUT_MS} ms (worst of ${REQUESTS}: ${worst.toFixed(0)} ms)`);
  }
}

// What the authorizer checks of one token: RSA signature with a kid of the JWKS, exact iss, aud, a scope string.
function assertTokenRules(name, token, discovery, jwks, wantedScopes) {
  const header = decodeProtectedHeader(token);
  const claims = decodeJwt(token);
  assert(header.alg === 'RS256', `${name}: alg is RS256 (got ${header.alg})`);
  const key = jwks.keys.find((k) => k.kid === header.kid);
  assert(typeof header.kid === 'string' && key !== undefined, `${name}: kid ${header.kid} is in the JWKS`);
  assert(key?.kty === 'RSA', `${name}: its JWKS key is kty RSA (got ${key?.kty})`);
  assert(typeof claims.iss === 'string' && Buffer.from(claims.iss).equals(Buffer.from(discovery.issuer)),
    `${name}: iss ${claims.iss} equals discovery's issuer byte for byte`);
  assert([claims.aud].flat().includes(env('AUDIENCE')), `${name}: aud ${JSON.stringify(claims.aud)} holds ${env('AUDIENCE')}`);
  assert(typeof claims.scope === 'string', `${name}: scope is one string (got ${Array.isArray(claims.scope) ? 'an array' : typeof claims.scope})`);
  const scopes = typeof claims.scope === 'string' ? claims.scope.split(' ') : [];
  assert(scopes.every((s) => s.length > 0) && wantedScopes.every((s) => scopes.includes(s)),
    `${name}: scope "${claims.scope}" is space-separated and holds ${wantedScopes.join(' ')}`);
  assert(Number.isInteger(claims.exp) && Number.isInteger(claims.iat), `${name}: exp and iat are present`);
}

// A user's token the way a Bubble app gets one: simulator login, then the RFC 8693 exchange.
async function exchangedToken() {
  const login = await (await fetch(`${env('SIMULATOR_URL')}/api/1.1/wf/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: env('BUBBLE_EMAIL'), password: env('BUBBLE_PASSWORD') }),
  })).json();
  const response = await fetch(`${issuer}/connect/token`, {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from(`${env('BUBBLE_CLIENT')}:${env('BUBBLE_SECRET')}`).toString('base64')}` },
    body: new URLSearchParams({
      grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
      subject_token: login.response.token,
      subject_token_type: 'urn:bubble:token-type:user',
      scope: `${env('SCOPE')} offline_access`,
    }),
  });
  if (response.status !== 200) throw new Error(`the exchange answered ${response.status}: ${await response.text()}`);
  return (await response.json()).access_token;
}

async function clientCredentialsToken() {
  const response = await fetch(`${issuer}/connect/token`, {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from(`${env('SCRIPT_CLIENT')}:${env('SCRIPT_SECRET')}`).toString('base64')}` },
    body: new URLSearchParams({ grant_type: 'client_credentials', scope: env('SCOPE') }),
  });
  if (response.status !== 200) throw new Error(`client_credentials answered ${response.status}: ${await response.text()}`);
  return (await response.json()).access_token;
}

async function before() {
  const { discovery, jwks, jwksBytes } = await discover(issuer);
  assert(Buffer.from(discovery.issuer).equals(Buffer.from(issuer)), `discovery's issuer ${discovery.issuer} is the configured ${issuer}`);
  assert(typeof discovery.jwks_uri === 'string' && discovery.jwks_uri.startsWith(`${discovery.issuer}/`),
    `jwks_uri ${discovery.jwks_uri} is under the issuer`);
  const exchanged = await exchangedToken();
  assertTokenRules('client_credentials token', env('GOOD_TOKEN'), discovery, jwks, [env('SCOPE')]);
  assertTokenRules('Bubble-exchanged token', exchanged, discovery, jwks, [env('SCOPE'), 'offline_access']);
  assert(jwksBytes < MAX_JWKS_BYTES, `JWKS is ${jwksBytes} bytes, under ${MAX_JWKS_BYTES}`);
  await assertFast(issuer);
  writeFileSync(stateFile, JSON.stringify({ kids: jwks.keys.map((k) => k.kid), exchanged }));
}

// Until every key the CLI lists as published (announced, active, retired) is in the node's JWKS, or the deadline.
async function waitForPublished(base, kids) {
  const started = performance.now();
  for (;;) {
    const seen = await discover(base);
    const published = new Set(seen.jwks.keys.map((k) => k.kid));
    if (kids.every((kid) => published.has(kid)) || performance.now() - started > PUBLISH_DEADLINE_MS) {
      return { ...seen, waitedMs: performance.now() - started };
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function after() {
  const state = JSON.parse(readFileSync(stateFile, 'utf8'));
  const keys = JSON.parse(readFileSync(keysFile, 'utf8'));
  const byState = (wanted) => keys.filter((k) => k.state === wanted).map((k) => k.kid);
  const [announced, active, retired] = [byState('announced'), byState('active'), byState('retired')];
  assert(announced.length > 0 && retired.length > 0 && active.length === 1,
    `keys list shows announced ${announced}, active ${active}, retired ${retired}`);
  const published = [...announced, ...active, ...retired];
  const earlier = [['client_credentials token', env('GOOD_TOKEN')], ['Bubble-exchanged token', state.exchanged]];
  for (const [name, token] of earlier) {
    const { kid } = decodeProtectedHeader(token);
    assert(retired.includes(kid), `${name}'s key ${kid} is now retired`);
  }
  for (const base of [issuer, env('SHORT_LIVED_URL')]) {
    const { discovery, jwks, jwksBytes, waitedMs } = await waitForPublished(base, published);
    const kids = jwks.keys.map((k) => k.kid);
    assert(published.every((kid) => kids.includes(kid)),
      `${base}: JWKS publishes announced, active and retired keys (${kids.join(', ')}; after ${waitedMs.toFixed(0)} ms)`);
    assert(kids.length > state.kids.length, `${base}: JWKS holds ${kids.length} keys, more than the ${state.kids.length} before`);
    assert(jwks.keys.every((k) => k.kty === 'RSA'), `${base}: every JWKS key is kty RSA`);
    assert(jwksBytes < MAX_JWKS_BYTES, `${base}: JWKS is ${jwksBytes} bytes, under ${MAX_JWKS_BYTES}`);
    for (const [name, token] of earlier) {
      let verdict = 'valid';
      try {
        await jwtVerify(token, createLocalJWKSet(jwks), {
          issuer: discovery.issuer, audience: env('AUDIENCE'), algorithms: ['RS256'], typ: 'at+jwt', requiredClaims: ['exp', 'iat'],
        });
      } catch (error) {
        verdict = `invalid: ${error.code ?? error.message}`;
      }
      assert(verdict === 'valid', `${base}: ${name} signed before the rotation still validates against the new JWKS (${verdict})`);
    }
    await assertFast(base);
  }
  const { discovery, jwks } = await discover(issuer);
  const fresh = await clientCredentialsToken();
  assert(decodeProtectedHeader(fresh).kid === active[0], `a token issued after the rotation is signed by the active key ${active[0]}`);
  assertTokenRules('token issued after the rotation', fresh, discovery, jwks, [env('SCOPE')]);
}

if (phase === 'before') await before();
else if (phase === 'after') await after();
else throw new Error(`unknown phase ${phase}: expected before or after`);
process.exit(failures ? 1 : 0);
