"""What a reader's browser downloads for each page of the built book, and the budget it must stay under.

A page is opened in headless Chromium from a local server, with nothing cached, and the bytes of every
response it receives until the network is idle are added up (uncompressed: the local server sends no
compression). Used by the browser tests, which hold every page to :data:`BUDGET_BYTES`, and by
``make bench``, which prints each page's weight.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urljoin

#: A page and everything it loads, uncompressed.
BUDGET_BYTES = 1_200_000
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-quic",
    "--disable-sync",
]


def html_pages(root: Path) -> list[Path]:
    """The book's pages: every HTML file outside the static, source and image folders."""
    skip = {"_static", "_sources", "_images"}
    return sorted(p for p in root.rglob("*.html") if not skip & set(p.relative_to(root).parts))


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@contextmanager
def serve(root: Path) -> Iterator[str]:
    """Serve ``root`` on a free local port; yields the base URL."""
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(root))
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


def weigh(browser, base_url: str, root: Path, pages: list[Path] | None = None) -> dict[str, int]:
    """Bytes each page downloads, by page path relative to ``root``, in a fresh browser context per page."""
    weights = {}
    for path in pages if pages is not None else html_pages(root):
        context = browser.new_context()
        page = context.new_page()
        sizes: dict[str, int] = {}

        def record(response, sizes=sizes) -> None:
            # a redirect or an aborted request has no body
            with contextlib.suppress(Exception):
                sizes[response.url] = len(response.body())

        page.on("response", record)
        page.goto(urljoin(base_url, path.relative_to(root).as_posix()), wait_until="networkidle")
        weights[path.relative_to(root).as_posix()] = sum(sizes.values())
        context.close()
    return weights


def measure(root: Path) -> dict[str, int]:
    """Weigh every page of the built book at ``root`` with the system's Chromium."""
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    if executable is None:
        raise RuntimeError("chromium is not installed; `make test` installs Debian's chromium package")
    with serve(root) as base_url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, headless=True)
        try:
            return weigh(browser, base_url, root)
        finally:
            browser.close()
