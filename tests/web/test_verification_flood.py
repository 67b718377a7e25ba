"""A flood of forged requests naming new and varied certificate URLs, with the downloads they
ask for held up on purpose: genuine requests keep being answered without waiting for any of
them, each URL is downloaded at most once, and what the verifier holds stays bounded."""

from __future__ import annotations

import threading

import pytest

from alexa_signing import CERT_URL, body_of, chain_pem, make_authority, make_leaf, sign
from facial_spasm_guide.alexa.entry import build_skill
from skill_console.device import envelopes
from skill_console.web import chain_cache
from skill_console.web.app import create_app
from skill_console.web.verification import SignatureVerifier

pytestmark = pytest.mark.slow

FORGED_URLS = 60


def forged_urls() -> list[str]:
    """New URLs, and variants of one: a query, a case change in the host, a dot segment, :443."""
    urls = [f"https://s3.amazonaws.com/echo.api/flood-{n}.pem" for n in range(FORGED_URLS)]
    urls += [f"https://S3.amazonaws.com/echo.api/flood-0.pem?n={n}" for n in range(20)]
    urls += [f"https://s3.amazonaws.com:443/echo.api/x/../flood-1.pem#{n}" for n in range(20)]
    return urls


@pytest.fixture
def flooded():
    authority = make_authority()
    key, cert = make_leaf(authority)
    genuine_chain = chain_pem(cert, authority.cert)
    held = threading.Event()
    lock = threading.Lock()
    seen = {"fetched": [], "in_flight": 0, "most_in_flight": 0}

    def fetch(url: str) -> bytes:
        if url == CERT_URL:
            return genuine_chain
        with lock:
            seen["fetched"].append(url)
            seen["in_flight"] += 1
            seen["most_in_flight"] = max(seen["most_in_flight"], seen["in_flight"])
        held.wait(60)  # a slow download, held until the test lets it go
        with lock:
            seen["in_flight"] -= 1
        raise OSError("no such chain")

    app = create_app(skill=build_skill(), verify=True, skill_id=envelopes.LOCAL_SKILL_ID, fetch=fetch,
                     roots=lambda: [authority.cert])
    return app, key, held, seen


def post(app, body: bytes, key, url: str):
    return app.test_client().post("/alexa", data=body, headers={
        "Content-Type": "application/json", "SignatureCertChainUrl": url, "Signature-256": sign(body, key)})


def genuine_body() -> bytes:
    return body_of(envelopes.envelope(envelopes.launch_request("en-US"), envelopes.Device(),
                                      envelopes.new_session_id(), True, {}))


def test_genuine_requests_are_answered_while_forged_downloads_hang(flooded):
    app, key, held, seen = flooded
    assert post(app, genuine_body(), key, CERT_URL).status_code == 200  # its chain is now kept
    statuses: list[int] = []

    def forge(url: str) -> None:
        statuses.append(post(app, genuine_body(), key, url).status_code)

    flood = [threading.Thread(target=forge, args=(url,), daemon=True) for url in forged_urls()]
    for thread in flood:
        thread.start()
    for _ in range(2000):  # until the downloads allowed at once are all hanging (20 s at most)
        if seen["in_flight"] >= chain_cache.MAX_DOWNLOADS:
            break
        threading.Event().wait(0.01)
    # Every forged download is hanging, and stays so until genuine requests have been answered:
    # a genuine request that waited for one would never be answered (a liveness check, with
    # a bound far above the milliseconds a request takes).
    answered: list = []
    genuine = threading.Thread(target=lambda: answered.extend(
        post(app, genuine_body(), key, CERT_URL) for _ in range(20)))
    genuine.start()
    genuine.join(20)
    if genuine.is_alive():
        held.set()  # let the flood go, so the failure is reported rather than hung on
    assert not genuine.is_alive(), "a genuine request waited for a forged request's download"
    assert seen["in_flight"] == chain_cache.MAX_DOWNLOADS
    assert len(answered) == 20 and all(r.status_code == 200 for r in answered)
    assert all("Welcome" in r.json["response"]["outputSpeech"]["ssml"] for r in answered)
    held.set()
    for thread in flood:
        thread.join(30)
    assert statuses and set(statuses) == {400}
    # At most MAX_DOWNLOADS at once; each normalised URL at most once.
    assert seen["most_in_flight"] <= chain_cache.MAX_DOWNLOADS
    assert len(seen["fetched"]) == len(set(seen["fetched"]))
    assert all("?" not in url and "#" not in url and ":443" not in url and ".." not in url
               for url in seen["fetched"])
    verifier = next(v for v in app.extensions["alexa_verifiers"] if isinstance(v, SignatureVerifier))
    sizes = verifier._chains.sizes()
    assert sizes["chains"] <= chain_cache.MAX_CHAINS and sizes["downloads"] == 0
    assert sizes["failures"] <= chain_cache.MAX_FAILURES
    # A failed URL is remembered: asking again downloads nothing.
    before = len(seen["fetched"])
    for url in seen["fetched"][:5]:
        assert post(app, genuine_body(), key, url).status_code == 400
    assert len(seen["fetched"]) == before


def test_requests_naming_one_new_url_share_one_download():
    authority = make_authority()
    key, cert = make_leaf(authority)
    chain = chain_pem(cert, authority.cert)
    gate = threading.Event()
    fetched: list[str] = []

    def fetch(url: str) -> bytes:
        fetched.append(url)
        gate.wait(30)
        return chain

    app = create_app(skill=build_skill(), verify=True, skill_id=envelopes.LOCAL_SKILL_ID, fetch=fetch,
                     roots=lambda: [authority.cert])
    statuses: list[int] = []
    waiting = [threading.Thread(target=lambda: statuses.append(post(app, genuine_body(), key, CERT_URL).status_code))
               for _ in range(8)]
    for thread in waiting:
        thread.start()
    while not fetched:
        threading.Event().wait(0.01)
    gate.set()
    for thread in waiting:
        thread.join(30)
    assert fetched == [CERT_URL]
    assert statuses == [200] * 8


def test_the_chain_cache_keeps_a_bounded_number_of_chains():
    cache = chain_cache.ChainCache(fetch=lambda url: url.encode(), read=lambda pem: pem, max_chains=3)
    for n in range(10):
        cache.get(chain_cache.CheckedUrl(f"https://s3.amazonaws.com/echo.api/{n}.pem"))
    assert cache.sizes()["chains"] == 3


def test_a_download_that_fails_in_any_way_ends_and_is_remembered():
    def broken(pem: bytes):
        raise KeyError("a reader bug")

    calls: list[str] = []
    cache = chain_cache.ChainCache(fetch=lambda url: calls.append(url) or b"pem", read=broken, max_downloads=1)
    first = chain_cache.CheckedUrl("https://s3.amazonaws.com/echo.api/a.pem")
    for _ in range(2):
        with pytest.raises(chain_cache.VerificationException, match="could not be fetched"):
            cache.get(first)
    assert calls == [first]  # the second was refused from memory
    assert cache.sizes()["downloads"] == 0  # nothing left "being fetched" to block other URLs
    with pytest.raises(chain_cache.VerificationException, match="could not be fetched"):
        cache.get(chain_cache.CheckedUrl("https://s3.amazonaws.com/echo.api/b.pem"))
