// AWS's aws-jwt-verify: JwtVerifier with issuer, audience, jwksUri and scope (its defaults are strict: RS256-family
// signatures from the JWKS, no grace seconds). Runs every case of the cases file (argv[2]); one line per case;
// exit 1 on any unexpected outcome.
import { readFileSync } from 'node:fs';
import { JwtVerifier } from 'aws-jwt-verify';
import { SimpleJwksCache } from 'aws-jwt-verify/jwk';
import {
  JwtExpiredError, JwtInvalidAudienceError, JwtInvalidSignatureAlgorithmError, JwtInvalidSignatureError, JwtParseError,
} from 'aws-jwt-verify/error';

// The error class each expected rejection must be; a rejection for another reason is a failure of the check.
const expectedErrors = {
  signature: JwtInvalidSignatureError,
  audience: JwtInvalidAudienceError,
  expired: JwtExpiredError,
  // An unsigned JWS ends in an empty signature part, which aws-jwt-verify refuses while parsing, before it reads alg.
  algorithm: [JwtInvalidSignatureAlgorithmError, JwtParseError],
};

// aws-jwt-verify's own fetcher speaks HTTPS only, as it should; the stage's AuthServer is on loopback HTTP.
// This fetcher lets plain HTTP through for loopback and nothing else; the library still parses and checks the JWKS.
const loopbackFetcher = {
  async fetch(uri) {
    const url = new URL(uri);
    if (url.protocol !== 'https:' && url.hostname !== '127.0.0.1' && url.hostname !== 'localhost') {
      throw new Error(`refusing plain HTTP to ${url.host}: only loopback is allowed`);
    }
    const response = await fetch(url);
    if (response.status !== 200) throw new Error(`${uri} answered ${response.status}`);
    return response.arrayBuffer();
  },
};

const run = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const verifier = JwtVerifier.create({
  issuer: run.issuer,
  audience: run.audience,
  jwksUri: run.jwks_uri,
  scope: run.scope,
}, { jwksCache: new SimpleJwksCache({ fetcher: loopbackFetcher }) });
let failures = 0;
for (const { name, expect, token } of run.cases) {
  let outcome;
  try {
    await verifier.verify(token);
    outcome = 'accept';
  } catch (error) {
    const wanted = [expectedErrors[expect] ?? []].flat();
    outcome = wanted.some((type) => error instanceof type) ? expect : `rejected: ${error.constructor.name} ${error.message}`;
  }
  const ok = outcome === expect;
  if (!ok) failures++;
  console.log(`aws    ${ok ? 'ok  ' : 'FAIL'} ${name}: expected ${expect}, got ${outcome}`);
}
process.exit(failures ? 1 : 0);
