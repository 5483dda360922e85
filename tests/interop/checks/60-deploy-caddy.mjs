// jose through Caddy (60-deploy-caddy.sh): discovery and the JWKS over https, trusted through Caddy's local root
// (NODE_EXTRA_CA_CERTS), and the token fetched through Caddy validated with strict options; the same token with one
// signature bit flipped must be refused for its signature. Exit 1 on any other outcome.
import { createRemoteJWKSet, jwtVerify } from 'jose';

const { ISSUER: issuer, AUDIENCE: audience, SCOPE: scope, TOKEN: token } = process.env;
let failures = 0;
const report = (ok, text) => {
  if (!ok) failures++;
  console.log(`  deploy ${ok ? 'ok  ' : 'FAIL'} jose: ${text}`);
};

const discovery = await (await fetch(`${issuer}/.well-known/openid-configuration`)).json();
report(discovery.issuer === issuer, `discovery over https names issuer ${discovery.issuer}`);
const jwksUri = new URL(discovery.jwks_uri);
report(jwksUri.protocol === 'https:' && discovery.jwks_uri.startsWith(`${issuer}/`), `jwks_uri ${discovery.jwks_uri}`);
const jwks = createRemoteJWKSet(jwksUri);
const options = {
  issuer,
  audience,
  algorithms: ['RS256'],
  typ: 'at+jwt',
  requiredClaims: ['iss', 'sub', 'aud', 'exp', 'iat', 'jti', 'scope'],
};

try {
  const { payload } = await jwtVerify(token, jwks, options);
  report(String(payload.scope).split(' ').includes(scope), `token fetched through Caddy accepted, scope "${payload.scope}"`);
} catch (error) {
  report(false, `token fetched through Caddy refused: ${error.code} ${error.message}`);
}

const [header, payload, signature] = token.split('.');
const bytes = Buffer.from(signature, 'base64url');
bytes[0] ^= 1;
try {
  await jwtVerify(`${header}.${payload}.${bytes.toString('base64url')}`, jwks, options);
  report(false, 'a token with a flipped signature bit was accepted');
} catch (error) {
  report(error.code === 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED', `a tampered token is refused (${error.code})`);
}
process.exit(failures ? 1 : 0);
