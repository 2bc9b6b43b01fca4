"""Are http(s) links alive? The network phase of the dead-link rule, with a cache on disk.

Only the standard library: ``urllib.request`` for HTTP(S) (it honours the usual proxy
variables), a thread pool for concurrency. Each host gets at most ``per_host`` requests at a
time: its URLs are dealt into that many queues, so a newsletter that links one site 300 times
neither hammers it nor holds up the other hosts. A URL is asked with HEAD first and with GET
when HEAD fails (servers that refuse or mishandle HEAD are common); redirects are not followed
blindly but hop by hop, so the chain is known. Results are kept in a JSON file under the cache
folder for ``ttl`` seconds, so CI runs do not ask the same sites again and again.
"""

from __future__ import annotations

import json
import os
import socket
import ssl
import tempfile
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Iterable
from urllib.parse import urljoin, urlsplit

CACHE_FILE = "links.json"
CACHE_VERSION = 1


@dataclass
class Result:
    """What asking for one URL gave: the last status, the redirect hops, or an error."""

    url: str
    status: int | None = None  # the final status, after redirects
    redirects: list[tuple[int, str]] = field(default_factory=list)  # (status, location) per hop
    error: str = ""  # "timeout", "refused", or another reason when no status came back
    checked: float = 0.0  # time.time() of the check

    @property
    def final(self) -> str:
        """The URL the redirects end at (the URL itself without redirects)."""
        return self.redirects[-1][1] if self.redirects else self.url


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
        return None  # hand the 3xx back: we follow hops ourselves to record them


class Cache:
    """URL → Result on disk, with a time to live. Writes are atomic; a broken file is ignored."""

    def __init__(self, folder: Path | None, ttl: float) -> None:
        self.folder = folder
        self.ttl = ttl
        self.entries: dict[str, Result] = {}
        self.dirty = False
        if folder is not None and ttl > 0:
            try:
                data = json.loads((folder / CACHE_FILE).read_text(encoding="utf-8"))
                if data.get("version") == CACHE_VERSION:
                    for url, raw in data.get("urls", {}).items():
                        raw["redirects"] = [tuple(hop) for hop in raw.get("redirects", [])]
                        self.entries[url] = Result(**raw)
            except (OSError, ValueError, TypeError, AttributeError):
                self.entries = {}

    def get(self, url: str, now: float) -> Result | None:
        """A cached result younger than the TTL, or None."""
        found = self.entries.get(url)
        return found if found is not None and now - found.checked < self.ttl else None

    def put(self, result: Result) -> None:
        self.entries[result.url] = result
        self.dirty = True

    def save(self, now: float) -> None:
        """Write the fresh entries (expired ones are dropped); never raises."""
        if self.folder is None or self.ttl <= 0 or not self.dirty:
            return
        fresh = {u: asdict(r) for u, r in self.entries.items() if now - r.checked < self.ttl}
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            ignore = self.folder / ".gitignore"
            if not ignore.exists():
                ignore.write_text("# created by newslint: the link-check cache is not for version control\n*\n",
                                  encoding="utf-8")
            fd, tmp = tempfile.mkstemp(dir=self.folder, prefix=".links-", suffix=".json")
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                json.dump({"version": CACHE_VERSION, "urls": fresh}, out, indent=0, sort_keys=True)
            os.replace(tmp, self.folder / CACHE_FILE)
        except OSError:
            pass


def check_urls(urls: Iterable[str], *, cache: Cache, timeout: float = 10.0, per_host: int = 2, workers: int = 8,
               max_redirects: int = 10, user_agent: str = "newslint-linkcheck") -> dict[str, Result]:
    """Check every URL once (cached results reused) and return URL → Result."""
    now = time.time()
    results: dict[str, Result] = {}
    todo: dict[str, list[str]] = {}
    for url in dict.fromkeys(urls):
        cached = cache.get(url, now)
        if cached is not None:
            results[url] = cached
        else:
            todo.setdefault((urlsplit(url).hostname or "").lower(), []).append(url)
    if todo:
        opener = urllib.request.build_opener(_NoRedirect)
        lanes = [queue[i::max(1, per_host)] for queue in todo.values() for i in range(max(1, per_host))]
        lock = threading.Lock()

        def run(lane: list[str]) -> None:
            for url in lane:
                result = _check(opener, url, timeout, max_redirects, user_agent)
                with lock:
                    results[url] = result
                    cache.put(result)

        with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
            for _ in pool.map(run, [lane for lane in lanes if lane]):
                pass
        cache.save(time.time())
    return results


def _check(opener: urllib.request.OpenerDirector, url: str, timeout: float, max_redirects: int,
           user_agent: str) -> Result:
    result = Result(url, checked=time.time())
    current = url
    for _ in range(max_redirects + 1):
        status, location, error = _ask(opener, current, "HEAD", timeout, user_agent)
        if error != "timeout" and (status is None or status >= 400):
            status, location, error = _ask(opener, current, "GET", timeout, user_agent)
        result.status, result.error = status, error
        if status is not None and 300 <= status < 400 and location:
            current = urljoin(current, location)
            result.redirects.append((status, current))
            continue
        return result
    result.error = "too many redirects"
    return result


def _ask(opener: urllib.request.OpenerDirector, url: str, method: str, timeout: float,
         user_agent: str) -> tuple[int | None, str, str]:
    """One request: (status, Location header, error)."""
    request = urllib.request.Request(url, method=method, headers={"User-Agent": user_agent, "Accept": "*/*"})
    try:
        with opener.open(request, timeout=timeout) as response:
            return response.status, response.headers.get("Location", ""), ""
    except urllib.error.HTTPError as exc:
        location = exc.headers.get("Location", "") if exc.headers else ""
        exc.close()
        return exc.code, location, ""
    except urllib.error.URLError as exc:
        return None, "", _reason(exc.reason)
    except (TimeoutError, socket.timeout):
        return None, "", "timeout"
    except (ConnectionError, ssl.SSLError, OSError, ValueError) as exc:
        return None, "", _reason(exc)


def _reason(reason: object) -> str:
    if isinstance(reason, (TimeoutError, socket.timeout)):
        return "timeout"
    if isinstance(reason, ConnectionRefusedError):
        return "refused"
    if isinstance(reason, socket.gaierror):
        return "unknown host"
    if isinstance(reason, ssl.SSLError):
        return f"TLS error ({getattr(reason, 'reason', None) or reason})"
    return str(reason) or type(reason).__name__
