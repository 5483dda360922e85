// Node jose: the remote JWKS and jwtVerify with strict options (issuer, audience, RS256 only, at+jwt, required claims,
// no clock tolerance). Runs every case of the cases file (argv[2]); one line per case; exit 1 on any unexpected outcome.
import { readFileSync } from 'node:fs';
import { createRemoteJWKSet, jwtVerify } from 'jose';

// How jose names each expected rejection; a rejection for another reason is a failure of the check.
const expectedCodes = {
  signature: ['ERR_JWS_SIGNATURE_VERIFICATION_FAILED'],
  audience: ['ERR_JWT_CLAIM_VALIDATION_FAILED:aud'],
  expired: ['ERR_JWT_EXPIRED'],
  algorithm: ['ERR_JOSE_ALG_NOT_ALLOWED'],
};

const run = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const jwks = createRemoteJWKSet(new URL(run.jwks_uri));
let failures = 0;
for (const { name, expect, token } of run.cases) {
  let outcome;
  try {
    const { payload } = await jwtVerify(token, jwks, {
      issuer: run.issuer,
      audience: run.audience,
      algorithms: ['RS256'],
      typ: 'at+jwt',
      requiredClaims: ['iss', 'sub', 'aud', 'exp', 'iat', 'jti', 'scope'],
    });
    outcome = String(payload.scope).split(' ').includes(run.scope) ? 'accept' : `accepted without scope ${run.scope}`;
  } catch (error) {
    const code = error.code === 'ERR_JWT_CLAIM_VALIDATION_FAILED' ? `${error.code}:${error.claim}` : error.code;
    outcome = (expectedCodes[expect] ?? []).includes(code) ? expect : `rejected: ${code} ${error.message}`;
  }
  const ok = outcome === expect;
  if (!ok) failures++;
  console.log(`jose   ${ok ? 'ok  ' : 'FAIL'} ${name}: expected ${expect}, got ${outcome}`);
}
process.exit(failures ? 1 : 0);
