"""A minimal API protected by AuthServer's access tokens: the Python twin of src/SampleApi.

    GET /me    any valid token: {"sub", "client_id", "email", "scope": [...]}
    GET /data  a valid token with scope sample-api.read: {"caller", "items"}

A request without a bearer token is 401 with a bare `WWW-Authenticate: Bearer` (RFC 6750 §3.1: no error code when
no token was sent), a bad token 401 with `Bearer error="invalid_token"`, a valid token without the scope 403 with
`error="insufficient_scope"` (RFC 6750 §3). Standard library and PyJWT only.
Environment: AUTHSERVER_ISSUER (http://localhost:5000), AUTHSERVER_AUDIENCE (sample-api), PORT (5003), HOST (127.0.0.1).
"""
import json
import os
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

from token_validation import InvalidToken, TokenValidator

READ_SCOPE = "sample-api.read"
LOOPBACK_HOSTS = {"localhost", "127.0.0.1", "::1"}


def scopes_of(claims):
    """AuthServer sends one space-separated string (RFC 9068 §2.2.3); a list is split alike."""
    values = claims.get("scope", [])
    values = [values] if isinstance(values, str) else values
    return list(dict.fromkeys(s for value in values for s in str(value).split(" ") if s))


def bearer_token(authorization):
    scheme, _, token = (authorization or "").strip().partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


def me(claims):
    return {"sub": claims.get("sub"), "client_id": claims.get("client_id"), "email": claims.get("email"),
            "scope": scopes_of(claims)}


def data(claims):
    return {"caller": claims.get("sub"),
            "items": [{"id": 1, "name": "first sample"}, {"id": 2, "name": "second sample"}]}


# path -> (the scope it needs, or None for any valid token; what it answers)
ROUTES = {"/me": (None, me), "/data": (READ_SCOPE, data)}


class SampleApiHandler(BaseHTTPRequestHandler):
    validator = None  # set once at start: one TokenValidator, so one PyJWKClient and its key cache, per process

    def do_GET(self):
        route = ROUTES.get(urlsplit(self.path).path)
        if route is None:
            self._answer(404)
            return
        scope, handler = route
        token = bearer_token(self.headers.get("Authorization"))
        if token is None:
            # RFC 6750 §3.1: the request lacks any authentication information, so the challenge names no error.
            self._answer(401, challenge="Bearer")
            return
        try:
            claims = self.validator.validate(token)
        except InvalidToken as error:
            self.log_message("401 invalid_token: %s", error)  # the reason, never the token
            self._answer(401, challenge='Bearer error="invalid_token"')
            return
        if scope is not None and scope not in scopes_of(claims):
            self._answer(403, challenge=f'Bearer error="insufficient_scope", scope="{scope}"')
            return
        self._answer(200, handler(claims))

    def _answer(self, status, body=None, challenge=None):
        payload = b"" if body is None else json.dumps(body).encode("utf-8")
        self.send_response(status)
        if challenge:
            self.send_header("WWW-Authenticate", challenge)
        if body is not None:
            self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)


def main():
    issuer = os.environ.get("AUTHSERVER_ISSUER", "http://localhost:5000")
    audience = os.environ.get("AUTHSERVER_AUDIENCE", "sample-api")
    host, port = os.environ.get("HOST", "127.0.0.1"), int(os.environ.get("PORT", "5003"))
    issuer_url = urlsplit(issuer)
    if issuer_url.scheme != "https" and issuer_url.hostname not in LOOPBACK_HOSTS:
        # Keys fetched over plain HTTP could be swapped on the way; JwtBearer's RequireHttpsMetadata refuses it too.
        sys.exit(f"AUTHSERVER_ISSUER {issuer} must be https (plain http only on loopback)")
    SampleApiHandler.validator = TokenValidator(issuer, audience)
    server = ThreadingHTTPServer((host, port), SampleApiHandler)
    print(f"python-api listening on http://{host}:{server.server_port}, trusting {issuer} for audience {audience}",
          flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
