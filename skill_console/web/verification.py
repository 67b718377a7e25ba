"""Proof that a request comes from Alexa, as Amazon requires of a web-service skill endpoint.

Checked for every request, each failure a VerificationException (HTTP 400, the skill never runs):
- the SignatureCertChainUrl and Signature-256 headers are there;
- the certificate URL is https://s3.amazonaws.com[:443]/echo.api/... once normalised;
- the chain it names is valid now, chains to a trusted root, and its leaf is for
  echo-api.amazon.com (cryptography's X.509 path validation, which also checks the dates);
- the leaf's key signed the raw body (RSA PKCS#1 v1.5, SHA-256);
- the applicationId is this skill's, when SKILL_ID is set.
The timestamp check is the SDK's own TimestampVerifier (150 seconds either way).

Chains stay available under a flood of forged requests (chain_cache.py): one download per
normalised URL at a time, no lock held while downloading, a bounded cache, failures remembered
for a while, and a cap on downloads in flight. Tests inject the fetch and the trusted roots, so
they need no network.
"""

from __future__ import annotations

import base64
import binascii
import json
import posixpath
import ssl
import urllib.request
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.padding import PKCS1v15
from cryptography.hazmat.primitives.asymmetric.rsa import RSAPublicKey
from cryptography.hazmat.primitives.hashes import SHA256, HashAlgorithm
from cryptography.x509.verification import PolicyBuilder, Store, VerificationError

from .chain_cache import ChainCache, CheckedUrl
from .sdk_import import ensure_importable

ensure_importable()
from ask_sdk_webservice_support.verifier import (  # noqa: E402 - needs the line above first
    AbstractVerifier,
    TimestampVerifier,
    VerificationException,
)

CERT_URL_HEADER = "SignatureCertChainUrl"
SIGNATURE_HEADER = "Signature-256"
CERT_HOST = "s3.amazonaws.com"
CERT_PATH_PREFIX = "/echo.api/"
SIGNER_NAME = "echo-api.amazon.com"
FETCH_TIMEOUT_SECONDS = 5
MAX_CHAIN_BYTES = 64 * 1024

Fetch = Callable[[str], bytes]


def fetch_over_https(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=FETCH_TIMEOUT_SECONDS) as answer:  # noqa: S310
        return answer.read(MAX_CHAIN_BYTES + 1)


def system_roots() -> list[x509.Certificate]:
    """The machine's trusted root certificates (Debian: /etc/ssl/certs/ca-certificates.crt)."""
    paths = ssl.get_default_verify_paths()
    for candidate in (paths.cafile, paths.openssl_cafile, "/etc/ssl/certs/ca-certificates.crt"):
        if candidate and Path(candidate).is_file():
            return x509.load_pem_x509_certificates(Path(candidate).read_bytes())
    raise VerificationException("no trusted root certificates found on this machine")


def check_cert_url(url: str) -> CheckedUrl:
    """Amazon's rules for SignatureCertChainUrl; raises VerificationException. The URL as it
    is fetched and cached: scheme and host in lower case, no port, the path normalised, no
    query or fragment (a variant of one URL is the same chain)."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as error:
        raise VerificationException("certificate URL is malformed") from error
    if parts.scheme.lower() != "https":
        raise VerificationException("certificate URL must use https")
    if (parts.hostname or "").lower() != CERT_HOST:
        raise VerificationException(f"certificate URL host must be {CERT_HOST}")
    if port not in (None, 443):
        raise VerificationException("certificate URL port must be 443")
    path = posixpath.normpath(parts.path) if parts.path else ""
    if not (path + "/").startswith(CERT_PATH_PREFIX) or path.rstrip("/") == CERT_PATH_PREFIX.rstrip("/"):
        raise VerificationException(f"certificate URL path must start with {CERT_PATH_PREFIX}")
    return CheckedUrl(f"https://{CERT_HOST}{path}")


def _header(headers: Mapping[str, Any], name: str) -> str | None:
    # Flask's headers are case-insensitive already; a plain dict (a test) may not be.
    value = headers.get(name)
    if value is None:
        value = next((v for k, v in dict(headers).items() if k.lower() == name.lower()), None)
    return value if isinstance(value, str) and value.strip() else None


class SignatureVerifier(AbstractVerifier):
    """Certificate URL, chain and signature, with cryptography in place of certvalidator.

    Alexa signs with SHA-256 in the Signature-256 header; `signature_header` and `digest` can
    name the pre-2022 SHA-1 `Signature` instead, only to replay old genuine requests in tests.
    """

    def __init__(self, fetch: Fetch = fetch_over_https,
                 roots: Callable[[], Sequence[x509.Certificate]] = system_roots,
                 clock: Callable[[], datetime] = lambda: datetime.now(UTC),
                 signature_header: str = SIGNATURE_HEADER, digest: HashAlgorithm | None = None) -> None:
        self._roots = roots
        self._clock = clock
        self._store: Store | None = None
        self._chains = ChainCache(fetch, _read_chain)
        self._signature_header = signature_header
        self._digest = digest or SHA256()

    def verify(self, headers, serialized_request_env, deserialized_request_env) -> None:
        url = _header(headers, CERT_URL_HEADER)
        signature = _header(headers, self._signature_header)
        if url is None or signature is None:
            raise VerificationException(f"missing {CERT_URL_HEADER} or {self._signature_header} header")
        leaf = self.validated_leaf(check_cert_url(url))
        body = (serialized_request_env.encode("utf-8")
                if isinstance(serialized_request_env, str) else bytes(serialized_request_env))
        try:
            raw_signature = base64.b64decode(signature, validate=True)
        except (binascii.Error, ValueError) as error:
            raise VerificationException("signature is not base64") from error
        key = leaf.public_key()
        if not isinstance(key, RSAPublicKey):
            raise VerificationException("signing certificate does not hold an RSA key")
        try:
            key.verify(raw_signature, body, PKCS1v15(), self._digest)
        except InvalidSignature as error:
            raise VerificationException("signature does not match the request body") from error

    def validated_leaf(self, url: CheckedUrl) -> x509.Certificate:
        leaf, *intermediates = self._chains.get(url)
        verifier = (PolicyBuilder().store(self._trust_store()).time(self._clock())
                    .build_server_verifier(x509.DNSName(SIGNER_NAME)))
        try:
            verifier.verify(leaf, intermediates)
        except VerificationError as error:
            # Names the rule (expired, wrong name, untrusted), never request content.
            raise VerificationException(f"certificate chain is not valid: {error}") from error
        return leaf

    def _trust_store(self) -> Store:
        if self._store is None:
            self._store = Store(list(self._roots()))
        return self._store


def _read_chain(pem: bytes) -> list[x509.Certificate]:
    if len(pem) > MAX_CHAIN_BYTES:
        raise VerificationException("certificate chain is too large")
    try:
        return x509.load_pem_x509_certificates(pem)
    except ValueError as error:
        raise VerificationException("certificate chain is not PEM") from error


class ApplicationIdVerifier(AbstractVerifier):
    """The request is for this skill: its applicationId equals SKILL_ID, when that is set."""

    def __init__(self, skill_id: str | None) -> None:
        self._skill_id = skill_id

    def verify(self, headers, serialized_request_env, deserialized_request_env) -> None:
        if not self._skill_id:
            return
        if application_id(serialized_request_env) != self._skill_id:
            raise VerificationException("request is for another skill")


def application_id(body: str | bytes) -> str | None:
    """The skill a raw request is for: context.System.application, or, in the old envelope
    without a context, session.application. Read from the raw body, so a request the SDK
    cannot read is checked the same way."""
    try:
        event = json.loads(body)
    except ValueError:
        return None
    for path in (("context", "System", "application", "applicationId"),
                 ("session", "application", "applicationId")):
        value: Any = event
        for key in path:
            value = value.get(key) if isinstance(value, dict) else None
        if isinstance(value, str):
            return value
    return None


def alexa_verifiers(skill_id: str | None, fetch: Fetch = fetch_over_https,
                    roots: Callable[[], Sequence[x509.Certificate]] = system_roots
                    ) -> list[AbstractVerifier]:
    """Everything a request must pass, in order, with verification on."""
    return [SignatureVerifier(fetch, roots), TimestampVerifier(), ApplicationIdVerifier(skill_id)]
