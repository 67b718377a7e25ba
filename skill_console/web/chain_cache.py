"""Certificate chains by URL, kept available under a flood of requests that name new URLs.

A forged request can name any URL that passes Amazon's URL rules, and each new one costs a
download of up to FETCH_TIMEOUT_SECONDS. So: the lock guards only the tables, never a download;
one download per URL at a time (the others asking for it wait for that one); at most
MAX_DOWNLOADS in flight, past which a request naming yet another new URL is refused at once; a
failed URL is refused without a new download for FAILURE_SECONDS; and the chains and failures
kept are bounded (least recently used first out). A genuine request, whose chain is kept, never
waits behind any of it.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Generic, NewType, TypeVar

from .sdk_import import ensure_importable

ensure_importable()
from ask_sdk_webservice_support.verifier import VerificationException  # noqa: E402 - needs the line above first

# A certificate URL that passed Amazon's rules, normalised (verification.check_cert_url).
CheckedUrl = NewType("CheckedUrl", str)
Chain = TypeVar("Chain")

MAX_CHAINS = 16
MAX_FAILURES = 256
MAX_DOWNLOADS = 4
FAILURE_SECONDS = 60.0
# A waiter gives up a little after the download it waits for must have timed out.
WAIT_SECONDS = 6.0


class _Download:
    def __init__(self) -> None:
        self.done = threading.Event()
        self.chain: object | None = None
        self.error: VerificationException | None = None


class ChainCache(Generic[Chain]):
    def __init__(self, fetch: Callable[[str], bytes], read: Callable[[bytes], Chain],
                 clock: Callable[[], float] = time.monotonic, max_chains: int = MAX_CHAINS,
                 max_downloads: int = MAX_DOWNLOADS, failure_seconds: float = FAILURE_SECONDS) -> None:
        self._fetch = fetch
        self._read = read
        self._clock = clock
        self._max_chains = max_chains
        self._max_downloads = max_downloads
        self._failure_seconds = failure_seconds
        self._lock = threading.Lock()
        self._chains: OrderedDict[CheckedUrl, Chain] = OrderedDict()
        self._failures: OrderedDict[CheckedUrl, float] = OrderedDict()
        self._downloads: dict[CheckedUrl, _Download] = {}

    def get(self, url: CheckedUrl) -> Chain:
        """The chain at this URL: kept, downloaded now, or the download under way."""
        with self._lock:
            if url in self._chains:
                self._chains.move_to_end(url)
                return self._chains[url]
            failed_at = self._failures.get(url)
            if failed_at is not None and self._clock() - failed_at < self._failure_seconds:
                raise VerificationException("certificate chain could not be fetched (recently failed)")
            download = self._downloads.get(url)
            mine = download is None
            if mine:
                if len(self._downloads) >= self._max_downloads:
                    raise VerificationException("too many certificate chains are being fetched")
                download = self._downloads[url] = _Download()
        if mine:
            self._download(url, download)
        elif not download.done.wait(WAIT_SECONDS):
            raise VerificationException("certificate chain could not be fetched in time")
        if download.error is not None:
            raise download.error
        return download.chain  # type: ignore[return-value]

    def sizes(self) -> dict[str, int]:
        """How much is held: what a test of a flood checks stays bounded."""
        with self._lock:
            return {"chains": len(self._chains), "failures": len(self._failures),
                    "downloads": len(self._downloads)}

    def _download(self, url: CheckedUrl, download: _Download) -> None:
        try:
            download.chain = self._read(self._fetch(url))
        except VerificationException as error:
            download.error = error
        except Exception as error:  # noqa: BLE001 - any other fetch or read failure is a rejection too
            download.error = VerificationException("certificate chain could not be fetched")
            download.error.__cause__ = error
        finally:
            # Whatever happened, the download ends here: a URL never stays "being fetched".
            with self._lock:
                if download.error is None:
                    self._chains[url] = download.chain  # type: ignore[assignment]
                    self._failures.pop(url, None)
                    while len(self._chains) > self._max_chains:
                        self._chains.popitem(last=False)
                else:
                    self._failures[url] = self._clock()
                    self._failures.move_to_end(url)
                    while len(self._failures) > MAX_FAILURES:
                        self._failures.popitem(last=False)
                del self._downloads[url]
            download.done.set()
