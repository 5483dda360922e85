// API Gateway REST API (v1) Lambda authorizer for AuthServer access tokens, TOKEN or REQUEST type.
// Handler: index.handler. Configuration: see config.mjs and README.md.
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { readConfig } from './config.mjs';
import { contextFrom, policy } from './policy.mjs';

const config = readConfig(process.env);

// Created once per execution environment, so the key set is fetched once and reused by every
// invocation the environment serves. jose refetches it when it is older than 10 minutes (cacheMaxAge),
// and when a token names a kid it does not hold, at most once per 30 s (cooldownDuration): a key put in
// service without announcement is found at its first token, and a revoked key stops validating here
// within 10 minutes (see README.md).
const jwks = createRemoteJWKSet(config.jwksUri);

// jose's verdicts on the token itself. Any other failure (the JWKS unreachable, slow or malformed) says
// nothing about the token and is rethrown: API Gateway answers 500, rather than telling a caller with
// a good token that it is unauthorized.
const rejectedToken = new Set([
  'ERR_JWS_INVALID', 'ERR_JWT_INVALID', 'ERR_JOSE_ALG_NOT_ALLOWED', 'ERR_JOSE_NOT_SUPPORTED',
  'ERR_JWS_SIGNATURE_VERIFICATION_FAILED', 'ERR_JWKS_NO_MATCHING_KEY',
  'ERR_JWT_EXPIRED', 'ERR_JWT_CLAIM_VALIDATION_FAILED',
]);

export async function handler(event) {
  const token = bearerToken(event);
  // RFC 6750 §3.1: a request that sent no token is unauthenticated, not in error: its refusal names no error code.
  if (!token) throw unauthorized('no bearer token');

  let payload;
  try {
    ({ payload } = await jwtVerify(token, jwks, {
      issuer: config.issuer,
      audience: config.audience,
      algorithms: ['RS256'],
      typ: 'at+jwt',
      requiredClaims: ['sub', 'exp'],
    }));
  } catch (error) {
    if (!rejectedToken.has(error?.code)) throw error;
    // Which claim failed (aud, iss, typ…), to tell a misconfigured audience from a bad token in the logs.
    throw unauthorized(error.code === 'ERR_JWT_CLAIM_VALIDATION_FAILED' ? `${error.code}:${error.claim}` : error.code,
      'invalid_token');
  }

  const granted = new Set(typeof payload.scope === 'string' ? payload.scope.split(' ') : []);
  const missing = config.requiredScopes.filter((scope) => !granted.has(scope));
  if (missing.length > 0) {
    // A genuine token without the right: an explicit Deny, which API Gateway answers 403.
    console.log(JSON.stringify({ outcome: 'deny', reason: 'missing scope', missing, sub: payload.sub }));
    return policy(payload.sub, 'Deny', event.methodArn);
  }
  return policy(payload.sub, 'Allow', event.methodArn, contextFrom(payload, config.bubbleClaims));
}

// No usable token: API Gateway answers 401 Unauthorized only for an error whose message is exactly
// 'Unauthorized'; any other error is a 500, and a Deny policy a 403. API Gateway writes that 401 itself, the same
// for both cases, so the RFC 6750 error code (invalid_token for a bad token, none without a token, §3.1) is told
// in the log line, where an operator can tell anonymous calls from bad tokens; see README.md for the challenge.
function unauthorized(reason, error) {
  console.log(JSON.stringify({ outcome: 'unauthorized', ...(error && { error }), reason }));
  return new Error('Unauthorized');
}

// TOKEN authorizers receive the identity source's value as authorizationToken; REQUEST authorizers
// receive the request's headers, whose names keep the caller's casing.
function bearerToken(event) {
  let value = event?.authorizationToken;
  if (event?.type === 'REQUEST') {
    const headers = event.headers ?? {};
    value = Object.entries(headers).find(([name]) => name.toLowerCase() === 'authorization')?.[1];
  }
  const match = /^Bearer +([^\s]+)\s*$/i.exec(value ?? '');
  return match?.[1];
}
