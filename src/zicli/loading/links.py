"""``--check-links``: whether each evidence link answers a HEAD request.

The only network code in zi, run only when asked. Each link gets one HEAD
request with a timeout (redirects followed, as a browser would); a status below
400 counts as there. A server that refuses HEAD itself (405, 501) is reachable,
so it counts as there too. Links are visited a few at a time.
"""

from __future__ import annotations

import base64
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor

from zicli import __version__
from zicli.engine.evidence import LINK_MALFORMED, LINK_TIMEOUT, LINK_UNREACHABLE, EvidenceEntry

_PARALLEL = 8
_NO_HEAD = (405, 501)


def head(url: str, timeout: float) -> str | None:
    """None if ``url`` answers a HEAD request, else why not (``HTTP 404``, ``timeout``)."""
    headers = {"User-Agent": f"zi/{__version__} (evidence check)"}
    try:
        parts = urllib.parse.urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a port out of range
    except ValueError:
        return LINK_MALFORMED
    if not parts.hostname:
        return LINK_MALFORMED
    if parts.username is not None or parts.password is not None:
        # 'https://user:pw@host/...': urllib would look the whole 'user:pw@host' up as a
        # host name; a browser (and curl) sends the user and password as Basic auth
        user = urllib.parse.unquote(parts.username or "")
        password = urllib.parse.unquote(parts.password or "")
        token = base64.b64encode(f"{user}:{password}".encode()).decode("ascii")
        headers["Authorization"] = f"Basic {token}"
        host = parts.hostname if ":" not in parts.hostname else f"[{parts.hostname}]"
        netloc = host if parts.port is None else f"{host}:{parts.port}"
        url = urllib.parse.urlunsplit(parts._replace(netloc=netloc))
    request = urllib.request.Request(url, method="HEAD", headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            code = int(response.status)
    except urllib.error.HTTPError as exc:
        code = exc.code
    except TimeoutError:
        return LINK_TIMEOUT
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, TimeoutError):
            return LINK_TIMEOUT
        return f"{LINK_UNREACHABLE} ({getattr(reason, 'strerror', None) or reason})"
    except (OSError, ValueError) as exc:
        return f"{LINK_UNREACHABLE} ({exc})"
    if code < 400 or code in _NO_HEAD:
        return None
    return f"HTTP {code}"


def check_links(
    entries: Mapping[str, tuple[EvidenceEntry, ...]], timeout: float
) -> dict[str, tuple[EvidenceEntry, ...]]:
    """``entries`` with every link visited: ``tautan`` stays, or becomes
    ``tautan_rusak`` with the reason in ``detail``."""
    urls = sorted({e.text for found in entries.values() for e in found if e.kind == "url"})
    with ThreadPoolExecutor(max_workers=min(_PARALLEL, max(1, len(urls)))) as pool:
        results = dict(zip(urls, pool.map(lambda u: head(u, timeout), urls), strict=True))
    return {
        qid: tuple(
            e._replace(state="tautan_rusak", detail=results[e.text])
            if e.kind == "url" and results[e.text] is not None
            else e
            for e in found
        )
        for qid, found in entries.items()
    }
