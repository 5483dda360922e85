// Builds the cases every validator runs, from real tokens, into one JSON file (argv[2]):
// the discovery facts (issuer, jwks_uri), the expected audience and scope, and one token per case.
// The bad tokens are crafted here, once, so the three validators judge exactly the same inputs.
// Environment: ISSUER, AUDIENCE, SCOPE, GOOD_TOKEN, OTHER_AUDIENCE_TOKEN, EXPIRED_TOKEN.
import { writeFileSync } from 'node:fs';

const env = (name) => process.env[name] || (() => { throw new Error(`${name} is not set`); })();
const [out] = process.argv.slice(2);
const issuer = env('ISSUER');
const good = env('GOOD_TOKEN');

const discovery = await (await fetch(`${issuer}/.well-known/openid-configuration`)).json();
if (discovery.issuer !== issuer) throw new Error(`discovery names issuer ${discovery.issuer}, expected ${issuer}`);

const [header, payload, signature] = good.split('.');

// One bit flipped in the middle of the signature bytes (editing a base64url character could leave the bytes unchanged).
const bytes = Buffer.from(signature, 'base64url');
bytes[bytes.length >> 1] ^= 0x01;
const tampered = `${header}.${payload}.${bytes.toString('base64url')}`;

// The real payload under an unsigned header that keeps the real kid and typ, as an attacker would send it.
const realHeader = JSON.parse(Buffer.from(header, 'base64url').toString('utf8'));
const noneHeader = Buffer.from(JSON.stringify({ ...realHeader, alg: 'none' })).toString('base64url');
const unsigned = `${noneHeader}.${payload}.`;

writeFileSync(out, JSON.stringify({
  issuer,
  jwks_uri: discovery.jwks_uri,
  audience: env('AUDIENCE'),
  scope: env('SCOPE'),
  cases: [
    { name: 'real client_credentials token', expect: 'accept', token: good },
    { name: 'tampered signature', expect: 'signature', token: tampered },
    { name: 'wrong audience', expect: 'audience', token: env('OTHER_AUDIENCE_TOKEN') },
    { name: 'expired', expect: 'expired', token: env('EXPIRED_TOKEN') },
    { name: 'alg none', expect: 'algorithm', token: unsigned },
  ],
}, null, 2));
