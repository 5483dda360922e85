// The authorizer's configuration, from the function's environment variables. Read once per execution
// environment (at cold start); a missing or malformed value fails the start with one line naming the
// variable, which API Gateway reports as a 500 and CloudWatch Logs shows in full.

export function readConfig(env) {
  const issuer = required(env, 'AUTHSERVER_ISSUER');
  // `iss` must equal the issuer byte for byte, and AuthServer's has no trailing slash.
  if (issuer.endsWith('/')) {
    throw new Error(`AUTHSERVER_ISSUER '${issuer}' ends with '/'; use the discovery document's issuer exactly`);
  }
  return {
    issuer,
    audience: required(env, 'AUTHSERVER_AUDIENCE'),
    // AuthServer's JWKS path is fixed by its contract and announced as jwks_uri in discovery;
    // the override is for a JWKS served elsewhere (a proxy or a mirror).
    jwksUri: new URL(env.AUTHSERVER_JWKS_URI || `${issuer}/.well-known/jwks`),
    requiredScopes: list(env.REQUIRED_SCOPES),
    bubbleClaims: list(env.BUBBLE_CLAIMS),
  };
}

function required(env, name) {
  const value = env[name]?.trim();
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

// Space- or comma-separated, as people write them in the console.
function list(value) {
  return (value ?? '').split(/[\s,]+/).filter(Boolean);
}
