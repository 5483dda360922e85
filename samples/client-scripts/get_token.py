#!/usr/bin/env python3
"""Get an AuthServer access token with private_key_jwt (RFC 7523), then call an API with it.

The script signs a short-lived client assertion with its private key instead of sending a secret:
iss = sub = the client id, aud = the server's issuer, a 60-second exp and a fresh jti, so a captured
assertion is worth nothing after one use. AuthServer checks it against the public key you registered
(`clients set-jwks`, or `Clients:N:Jwks`).

    python3 get_token.py --issuer http://localhost:5000 --client-id robot --key robot.pem \
        --kid robot-1 --scope sample-api.read --call http://localhost:5001/data
    python3 get_token.py --key robot.pem --kid robot-1 --jwks > robot.jwks.json   # the public half, to register

Needs PyJWT with its crypto extra (Debian: python3-jwt python3-cryptography; pip: "pyjwt[crypto]").
The key is an RSA (RS256) or P-256 (ES256) private key in PEM; see README.md for making one.
"""
import argparse
import json
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid

import jwt
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import load_pem_private_key

ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
ASSERTION_LIFETIME_SECONDS = 60


def load_key(path):
    """The private key and the algorithm it signs with: RS256 for RSA, ES256 for P-256."""
    with open(path, "rb") as file:
        key = load_pem_private_key(file.read(), password=None)
    if isinstance(key, rsa.RSAPrivateKey):
        return key, "RS256"
    if isinstance(key, ec.EllipticCurvePrivateKey) and isinstance(key.curve, ec.SECP256R1):
        return key, "ES256"
    sys.exit(f"{path}: an RSA or P-256 private key is needed")


def public_jwks(key, alg, kid):
    """The key set to register with AuthServer: the public half only, with its kid, use and alg."""
    algorithm = jwt.algorithms.RSAAlgorithm if alg == "RS256" else jwt.algorithms.ECAlgorithm
    jwk = json.loads(algorithm.to_jwk(key.public_key()))
    jwk.update({"kid": kid, "use": "sig", "alg": alg})
    return {"keys": [jwk]}


def discover(issuer):
    """The token endpoint, and the issuer exactly as the server spells it: the assertion's aud."""
    with urllib.request.urlopen(issuer.rstrip("/") + "/.well-known/openid-configuration", timeout=10) as response:
        metadata = json.load(response)
    return metadata["token_endpoint"], metadata["issuer"]


def client_assertion(key, alg, kid, client_id, audience):
    now = int(time.time())
    claims = {
        "iss": client_id,
        "sub": client_id,
        "aud": audience,
        "iat": now,
        "exp": now + ASSERTION_LIFETIME_SECONDS,
        "jti": str(uuid.uuid4()),  # used once: the server refuses a replay
    }
    return jwt.encode(claims, key, algorithm=alg, headers={"kid": kid})


def post_form(url, form):
    request = urllib.request.Request(url, data=urllib.parse.urlencode(form).encode(), method="POST",
                                     headers={"Content-Type": "application/x-www-form-urlencoded"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return json.load(response)
    except urllib.error.HTTPError as error:
        # RFC 6749 §5.2: {"error": ..., "error_description": ...}; never contains the assertion.
        sys.exit(f"token endpoint answered {error.code}: {error.read().decode(errors='replace')}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--issuer", default="http://localhost:5000", help="AuthServer's Auth:Issuer")
    parser.add_argument("--client-id")
    parser.add_argument("--key", required=True, help="PEM file of the client's private key")
    parser.add_argument("--kid", required=True, help="the key's id, as registered in the client's JWKS")
    parser.add_argument("--scope", help="space-separated scopes; default: all of the client's")
    parser.add_argument("--call", metavar="URL", help="an API to GET with the token (its answer is printed)")
    parser.add_argument("--jwks", action="store_true", help="print the public JWKS to register, and exit")
    args = parser.parse_args()

    key, alg = load_key(args.key)
    if args.jwks:
        print(json.dumps(public_jwks(key, alg, args.kid), indent=2))
        return
    if not args.client_id:
        parser.error("--client-id is required")

    endpoint, audience = discover(args.issuer)
    form = {
        "grant_type": "client_credentials",
        "client_id": args.client_id,
        "client_assertion_type": ASSERTION_TYPE,
        "client_assertion": client_assertion(key, alg, args.kid, args.client_id, audience),
    }
    if args.scope:
        form["scope"] = args.scope
    token = post_form(endpoint, form)
    print(f"access token for {args.client_id}: expires in {token['expires_in']} s, scope {token.get('scope', '')}",
          file=sys.stderr)

    if not args.call:
        print(token["access_token"])
        return
    request = urllib.request.Request(args.call, headers={"Authorization": f"Bearer {token['access_token']}"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            print(response.read().decode())
    except urllib.error.HTTPError as error:
        sys.exit(f"{args.call} answered {error.code}: {error.headers.get('WWW-Authenticate', '')}")


if __name__ == "__main__":
    main()
