#!/usr/bin/env python3
"""PyJWT: keys from the remote JWKS (PyJWKClient) and jwt.decode with strict options (RS256 only, audience,
issuer, exp/iss/aud required, no leeway). Runs every case of the cases file (argv[1]); one line per case;
exit 1 on any unexpected outcome, 2 when PyJWT is missing.
"""
import json
import sys

try:
    import jwt
except ImportError:
    print("PyJWT is not installed for this interpreter: apt-get install python3-jwt", file=sys.stderr)
    sys.exit(2)

# The exception each expected rejection must raise; a rejection for another reason is a failure of the check.
EXPECTED = {
    "signature": jwt.InvalidSignatureError,
    "audience": jwt.InvalidAudienceError,
    "expired": jwt.ExpiredSignatureError,
    "algorithm": jwt.InvalidAlgorithmError,
}


def judge(run, client, case):
    try:
        key = client.get_signing_key_from_jwt(case["token"]).key
        claims = jwt.decode(
            case["token"],
            key,
            algorithms=["RS256"],
            audience=run["audience"],
            issuer=run["issuer"],
            options={"require": ["exp", "iss", "aud"]},
        )
        scopes = str(claims.get("scope", "")).split(" ")
        return "accept" if run["scope"] in scopes else f"accepted without scope {run['scope']}"
    except jwt.PyJWTError as error:
        wanted = EXPECTED.get(case["expect"])
        if wanted is not None and isinstance(error, wanted):
            return case["expect"]
        return f"rejected: {type(error).__name__} {error}"


def main():
    with open(sys.argv[1], encoding="utf-8") as file:
        run = json.load(file)
    client = jwt.PyJWKClient(run["jwks_uri"])
    failures = 0
    for case in run["cases"]:
        outcome = judge(run, client, case)
        ok = outcome == case["expect"]
        failures += 0 if ok else 1
        print(f"pyjwt  {'ok  ' if ok else 'FAIL'} {case['name']}: expected {case['expect']}, got {outcome}")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
