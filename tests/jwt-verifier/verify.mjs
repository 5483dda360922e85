// Validates an AuthServer access token the way a Node API would: discovery, then the remote
// JWKS, then strict RFC 9068 checks. Prints the payload as JSON, or the failure, and exits 0 or 1.
import { createRemoteJWKSet, jwtVerify } from 'jose';

const [issuer, audience, token] = process.argv.slice(2);
try {
  const discovery = await (await fetch(`${issuer}/.well-known/openid-configuration`)).json();
  if (discovery.issuer !== issuer) throw new Error(`discovery issuer ${discovery.issuer} is not ${issuer}`);
  const jwks = createRemoteJWKSet(new URL(discovery.jwks_uri));
  const { payload, protectedHeader } = await jwtVerify(token, jwks, {
    issuer,
    audience,
    typ: 'at+jwt',
    algorithms: ['RS256', 'ES256'],
    clockTolerance: 60,
    requiredClaims: ['iss', 'sub', 'aud', 'exp', 'iat', 'nbf', 'jti', 'client_id', 'scope'],
  });
  console.log(JSON.stringify({ header: protectedHeader, payload }));
} catch (error) {
  console.error(`rejected: ${error.code ?? ''} ${error.message}`);
  process.exit(1);
}
