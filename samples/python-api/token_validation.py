"""Validation of AuthServer's access tokens, offline, against the keys of its JWKS: the Python counterpart of
SampleApi's JwtBearer setup (src/SampleApi/JwtAuthenticationSetup.cs).

Checked: the RS256 signature with a key of the JWKS (found by kid), iss, aud, exp (all three required), and the
RFC 9068 header type at+jwt. No clock leeway (SampleApi allows one minute).
"""
import json
import threading
import urllib.request

import jwt

ALGORITHMS = ["RS256"]
ACCESS_TOKEN_TYPES = {"at+jwt", "application/at+jwt"}  # RFC 9068 §2.1; media types ignore case


class InvalidToken(Exception):
    """The token cannot be trusted; the reason is for the server's log, never for the caller."""


class TokenValidator:
    def __init__(self, issuer, audience):
        self.issuer = issuer
        self.audience = audience
        self._jwks_client = None
        self._lock = threading.Lock()

    def validate(self, token):
        """The token's claims, or InvalidToken."""
        try:
            header = jwt.get_unverified_header(token)
            if str(header.get("typ", "")).lower() not in ACCESS_TOKEN_TYPES:
                raise InvalidToken(f"typ {header.get('typ')!r} is not at+jwt")
            key = self._jwks().get_signing_key_from_jwt(token).key
            return jwt.decode(
                token,
                key,
                algorithms=ALGORITHMS,
                audience=self.audience,
                issuer=self.issuer,
                options={"require": ["exp", "iss", "aud"]},
            )
        except (jwt.PyJWTError, OSError, ValueError) as error:  # OSError, ValueError: the JWKS unreachable or not JSON
            raise InvalidToken(f"{type(error).__name__}: {error}") from error

    def _jwks(self):
        # One PyJWKClient for the process: it caches the key set (5 minutes) and refetches it when it meets an
        # unknown kid, so a rotated key is picked up without a restart. Discovery is read at the first token,
        # like JwtBearer's Authority, so the API starts even while AuthServer is down.
        with self._lock:
            if self._jwks_client is None:
                self._jwks_client = jwt.PyJWKClient(self._discover_jwks_uri(), cache_jwk_set=True, lifespan=300)
            return self._jwks_client

    def _discover_jwks_uri(self):
        url = f"{self.issuer}/.well-known/openid-configuration"
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                discovery = json.load(response)
        except (OSError, ValueError) as error:  # unreachable, an HTTP error, or not JSON
            raise InvalidToken(f"{url} could not be read: {error}") from error
        if not isinstance(discovery, dict) or not isinstance(discovery.get("jwks_uri"), str):
            raise InvalidToken(f"{url} names no jwks_uri")
        if discovery.get("issuer") != self.issuer:
            raise InvalidToken(f"discovery names issuer {discovery.get('issuer')!r}, not {self.issuer!r}")
        return discovery["jwks_uri"]
