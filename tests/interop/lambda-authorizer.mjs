// Invokes samples/aws-lambda-authorizer's handler in this process, as API Gateway would, with events
// shaped like API Gateway's and real tokens from the running AuthServer. argv[2]: the sample's folder
// (its own node_modules, installed from its lock file). One line per case; exit 1 on any failure.
// Environment: the interop stage's (ISSUER, AUDIENCE, SCOPE, tokens, the simulator and Bubble client).
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const env = (name) => process.env[name] || (() => { throw new Error(`${name} is not set`); })();
const sample = pathToFileURL(join(resolve(process.argv[2]), 'index.mjs')).href;
const methodArn = 'arn:aws:execute-api:eu-west-1:123456789012:a1b2c3d4e5/prod/GET/data';
const stageWildcard = 'arn:aws:execute-api:eu-west-1:123456789012:a1b2c3d4e5/prod/*/*';
const jwksUri = `${env('ISSUER')}/.well-known/jwks`;

// Every JWKS fetch, to show that invocations share the module-level key set.
let jwksFetches = 0;
const realFetch = globalThis.fetch;
globalThis.fetch = (url, init) => {
  if (String(url) === jwksUri) jwksFetches++;
  return realFetch(url, init);
};

Object.assign(process.env, {
  AUTHSERVER_ISSUER: env('ISSUER'), AUTHSERVER_AUDIENCE: env('AUDIENCE'),
  REQUIRED_SCOPES: env('SCOPE'), BUBBLE_CLAIMS: 'plan',
});
const { handler } = await import(sample);

const tokenEvent = (token) => ({ type: 'TOKEN', methodArn, ...(token && { authorizationToken: `Bearer ${token}` }) });
// A REQUEST event keeps the caller's header casing.
const requestEvent = (token) => ({
  type: 'REQUEST', methodArn, resource: '/data', path: '/data', httpMethod: 'GET',
  headers: { authorization: `Bearer ${token}`, Host: 'a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com' },
  queryStringParameters: null, pathParameters: null, stageVariables: null,
});

// What API Gateway would make of the handler's outcome, with the reason the handler logged.
async function invoke(run, event) {
  const logged = [];
  const realLog = console.log;
  console.log = (line) => logged.push(JSON.parse(line));
  try {
    const answer = await run(event);
    return { status: answer.policyDocument.Statement[0].Effect === 'Allow' ? 200 : 403, answer, logged };
  } catch (error) {
    return { status: error.message === 'Unauthorized' ? 401 : 500, error, logged };
  } finally {
    console.log = realLog;
  }
}

let failures = 0;
function report(name, problems) {
  if (problems.length) failures++;
  console.log(`lambda-authorizer ${problems.length ? 'FAIL' : 'ok  '} ${name}${problems.length ? `: ${problems.join('; ')}` : ''}`);
}

async function expectAllow(name, event, expectedContext) {
  const { status, answer, error } = await invoke(handler, event);
  if (status !== 200) return report(name, [`expected Allow, got ${status} ${error?.message ?? ''}`]);
  const problems = [];
  const statement = answer.policyDocument.Statement[0];
  if (statement.Resource !== stageWildcard) problems.push(`Resource ${statement.Resource}`);
  if (statement.Action !== 'execute-api:Invoke') problems.push(`Action ${statement.Action}`);
  if (answer.principalId !== expectedContext.sub) problems.push(`principalId ${answer.principalId}`);
  for (const [key, value] of Object.entries(answer.context ?? {})) {
    if (!['string', 'number', 'boolean'].includes(typeof value)) problems.push(`context.${key} is a ${typeof value}`);
  }
  for (const [key, expected] of Object.entries(expectedContext)) {
    const actual = answer.context?.[key];
    const ok = typeof expected === 'function' ? expected(actual) : actual === expected;
    if (!ok) problems.push(`context.${key} = ${JSON.stringify(actual)}`);
  }
  report(name, problems);
}

// expectedError: the RFC 6750 error code the log line names for a 401: 'invalid_token' for a bad token, none (undefined)
// when no token was sent (§3.1).
async function expectRefusal(name, event, expectedStatus, expectedReason, expectedError) {
  const { status, logged, error } = await invoke(handler, event);
  const reason = logged.map((entry) => entry.reason).join(',');
  const problems = [];
  if (status !== expectedStatus) problems.push(`expected ${expectedStatus}, got ${status} ${error?.message ?? ''}`);
  if (expectedReason && reason !== expectedReason) problems.push(`reason '${reason}', expected '${expectedReason}'`);
  const codes = logged.map((entry) => entry.error);
  if (expectedStatus === 401 && !codes.every((code) => code === expectedError)) {
    problems.push(`error code ${JSON.stringify(codes)}, expected ${expectedError ?? 'none'}`);
  }
  report(`${name} (${status}${reason ? `, ${reason}` : ''})`, problems);
}

async function bubbleExchangedToken() {
  const login = await (await fetch(`${env('SIMULATOR_URL')}/api/1.1/wf/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: env('BUBBLE_EMAIL'), password: env('BUBBLE_PASSWORD') }),
  })).json();
  const basic = Buffer.from(`${env('BUBBLE_CLIENT')}:${env('BUBBLE_SECRET')}`).toString('base64');
  const response = await fetch(`${env('ISSUER')}/connect/token`, {
    method: 'POST', headers: { authorization: `Basic ${basic}` },
    body: new URLSearchParams({
      grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
      subject_token: login.response.token, subject_token_type: 'urn:bubble:token-type:user', scope: env('SCOPE'),
    }),
  });
  if (!response.ok) throw new Error(`the exchange answered ${response.status}: ${await response.text()}`);
  return { token: (await response.json()).access_token, userId: login.response.user_id };
}

function tampered(token) {
  const [header, payload, signature] = token.split('.');
  const bytes = Buffer.from(signature, 'base64url');
  bytes[bytes.length >> 1] ^= 0x01;
  return `${header}.${payload}.${bytes.toString('base64url')}`;
}

function unsigned(token) {
  const [header, payload] = token.split('.');
  const none = { ...JSON.parse(Buffer.from(header, 'base64url').toString('utf8')), alg: 'none' };
  return `${Buffer.from(JSON.stringify(none)).toString('base64url')}.${payload}.`;
}

const discovery = await (await fetch(`${env('ISSUER')}/.well-known/openid-configuration`)).json();
report(`discovery's jwks_uri is the authorizer's default (${jwksUri})`,
  discovery.jwks_uri === jwksUri ? [] : [`discovery says ${discovery.jwks_uri}`]);

const good = env('GOOD_TOKEN');
const scopeHolds = (value) => typeof value === 'string' && value.split(' ').includes(env('SCOPE'));
await expectAllow('client_credentials token, TOKEN event: Allow', tokenEvent(good),
  { sub: env('SCRIPT_CLIENT'), client_id: env('SCRIPT_CLIENT'), scope: scopeHolds });
const bubble = await bubbleExchangedToken();
await expectAllow('Bubble-exchanged token, REQUEST event: Allow with email and plan', requestEvent(bubble.token),
  { sub: bubble.userId, email: env('BUBBLE_EMAIL'), plan: 'pro', client_id: env('BUBBLE_CLIENT'), scope: scopeHolds });
await expectRefusal('tampered signature: Unauthorized', tokenEvent(tampered(good)), 401, 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED', 'invalid_token');
await expectRefusal('alg none: Unauthorized', tokenEvent(unsigned(good)), 401, 'ERR_JOSE_ALG_NOT_ALLOWED', 'invalid_token');
await expectRefusal('expired token: Unauthorized', tokenEvent(env('EXPIRED_TOKEN')), 401, 'ERR_JWT_EXPIRED', 'invalid_token');
await expectRefusal('other audience: Unauthorized', tokenEvent(env('OTHER_AUDIENCE_TOKEN')), 401, 'ERR_JWT_CLAIM_VALIDATION_FAILED:aud', 'invalid_token');
await expectRefusal(`right audience without ${env('SCOPE')}: Deny`, tokenEvent(env('MISSING_SCOPE_TOKEN')), 403, 'missing scope');
await expectRefusal('no Authorization header: Unauthorized', tokenEvent(undefined), 401, 'no bearer token');
await expectRefusal('not a bearer token: Unauthorized', { type: 'TOKEN', methodArn, authorizationToken: `Basic ${good}` }, 401, 'no bearer token');
report(`every invocation used the module-level key set (JWKS fetched ${jwksFetches} time(s))`,
  jwksFetches === 1 ? [] : ['expected exactly 1 fetch']);

// A second instance of the module whose JWKS cannot be reached: a 500, never a verdict on the token.
const closedPort = await new Promise((done) => {
  const server = createServer().listen(0, '127.0.0.1', () => {
    const { port } = server.address();
    server.close(() => done(port));
  });
});
process.env.AUTHSERVER_JWKS_URI = `http://127.0.0.1:${closedPort}/.well-known/jwks`;
const unreachable = await import(`${sample}?unreachable-jwks`);
const outage = await invoke(unreachable.handler, tokenEvent(good));
report(`JWKS unreachable: error, not Unauthorized (${outage.status})`, outage.status === 500 ? [] : [`got ${outage.status}`]);

process.exit(failures ? 1 : 0);
