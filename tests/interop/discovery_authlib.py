#!/usr/bin/env python3
"""Validates AuthServer's discovery documents with Authlib, a strict third-party OAuth library.

Usage: discovery_authlib.py ISSUER

Fetches the RFC 8414 document (/.well-known/oauth-authorization-server, located the way Authlib
locates it) and the OpenID Connect Discovery one (/.well-known/openid-configuration), and checks
that each names ISSUER exactly (RFC 8414 section 3.3), passes Authlib's
AuthorizationServerMetadata.validate(), and that both documents are the same.
Exit status 0 when everything passes, 1 when a document is refused, 2 when Authlib is missing.
"""
import json
import sys
import urllib.request

try:
    from authlib.oauth2.rfc8414 import AuthorizationServerMetadata, get_well_known_url
except ImportError:
    print("Authlib is not installed for this interpreter: apt-get install python3-authlib", file=sys.stderr)
    sys.exit(2)

# The server under test is on loopback: never go through a proxy from the environment.
OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def fetch(url):
    with OPENER.open(url, timeout=30) as response:
        content_type = response.headers.get("Content-Type", "")
        if response.status != 200 or not content_type.startswith("application/json"):
            raise ValueError(f"{url} answered {response.status} {content_type}")
        return json.load(response)


def check(url, issuer):
    document = fetch(url)
    if document.get("issuer") != issuer:
        raise ValueError(f"{url} names issuer {document.get('issuer')!r}, expected {issuer!r}")
    AuthorizationServerMetadata(document).validate()
    print(f"ok: {url}")
    return document


def main(issuer):
    oauth = check(get_well_known_url(issuer, external=True), issuer)
    openid = check(issuer.rstrip("/") + "/.well-known/openid-configuration", issuer)
    if oauth != openid:
        raise ValueError("the two discovery documents differ")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        sys.exit(64)
    try:
        main(sys.argv[1])
    except Exception as error:  # every refusal is reported the same way, with its reason
        print(f"refused: {type(error).__name__}: {error}", file=sys.stderr)
        sys.exit(1)
