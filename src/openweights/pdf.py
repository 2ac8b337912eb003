"""The PDF edition: ``make pdf`` (``python -m openweights.pdf``) prints the built book to ``_build/pdf/report.pdf``.

The pages of the HTML build (``_build/html``, made by ``make book``) are joined in the order of ``_toc.yml`` into one
printable document, behind a title page and a table of contents, and printed by the Chromium that the tests
already use, with page numbers in the footer. Figures, captions, glued numbers and the reference list come from the
built pages as readers see them; code cells, buttons and navigation are left out.
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
from pathlib import Path

import yaml
from bs4 import BeautifulSoup

from openweights.paths import REPO_ROOT

__all__ = ["page_order", "combined_html", "render", "main"]

BUILD_DIR = REPO_ROOT / "_build"
HTML_DIR = BUILD_DIR / "html"
PDF_PATH = BUILD_DIR / "pdf" / "report.pdf"
#: Parts of a built page that belong on screen only.
_SCREEN_ONLY = (
    ".cell_input",
    "summary",
    ".headerlink",
    "button",
    ".toggle-details",
    "nav",
    ".bd-header-article",
    ".prev-next-area",
    "script",
    "style",
)
_PRINT_CSS = """
@page { size: A4; margin: 18mm 16mm 20mm 16mm; }
body { font-family: "Noto Sans", "DejaVu Sans", sans-serif; font-size: 10pt; line-height: 1.4; color: #222; }
h1 { font-size: 20pt; page-break-before: always; } h2 { font-size: 14pt; } h3 { font-size: 12pt; }
.title-page h1 { page-break-before: avoid; font-size: 28pt; margin-top: 60mm; }
img { max-width: 100%; height: auto; } figure { page-break-inside: avoid; margin: 0 0 8pt 0; }
table { border-collapse: collapse; font-size: 7.5pt; max-width: 100%; } td, th { border: 0.4pt solid #ccc; padding: 2pt; }
.output_area pre, pre { white-space: pre-wrap; font-size: 7.5pt; }
a { color: #0b5394; text-decoration: none; }
"""


def page_order(toc_path: Path | None = None) -> list[str]:
    """Page paths (without suffix) in the order of ``_toc.yml``: the root, then every file and its sections."""
    toc = yaml.safe_load((toc_path or REPO_ROOT / "_toc.yml").read_text(encoding="utf-8"))
    order = [toc["root"]]

    def walk(entries: list[dict]) -> None:
        for entry in entries:
            if "file" in entry:
                order.append(entry["file"])
            walk(entry.get("sections", []))

    for part in toc.get("parts", []):
        walk(part.get("chapters", []))
    return order


def _article(path: Path, html_dir: Path) -> tuple[str, str]:
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    article = soup.select_one("article.bd-article") or soup.body
    for selector in _SCREEN_ONLY:
        for node in article.select(selector):
            node.decompose()
    for image in article.select("img"):
        source = image.get("src", "")
        if source and not source.startswith(("data:", "http")):
            image["src"] = (path.parent / source).resolve().as_uri()
    for link in article.select("a[href]"):
        if not link["href"].startswith(("http", "#", "mailto:")):
            link["href"] = "#"
    heading = article.find(["h1"])
    title = (
        re.sub(r"\s+", " ", heading.get_text(" ", strip=True)).rstrip("#").strip() if heading else path.stem
    )
    return title, str(article)


def combined_html(html_dir: Path = HTML_DIR, toc_path: Path | None = None) -> str:
    """One printable HTML document of the whole book: title page, contents, then every page in order."""
    sections = []
    for page in page_order(toc_path):
        path = html_dir / f"{page}.html"
        if not path.is_file():
            raise FileNotFoundError(f"{path} not found: build the book first (make book)")
        sections.append(_article(path, html_dir))
    contents = "".join(f"<li>{title}</li>" for title, _ in sections)
    title_page = (
        '<section class="title-page"><h1>Open weights, wider world</h1>'
        "<p>Why Chinese open-weight AI models are gaining ground outside the US and Europe, and whether that can "
        "last. An executable research report; edition of 7 December 2026.</p></section>"
        f"<section><h2>Contents</h2><ol>{contents}</ol></section>"
    )
    body = title_page + "".join(f"<section>{html}</section>" for _, html in sections)
    return f"<!doctype html><html><head><meta charset='utf-8'><style>{_PRINT_CSS}</style></head><body>{body}</body></html>"


def _print(browser, source: Path, out: Path) -> None:
    footer = (
        '<div style="font-size:8pt; width:100%; text-align:center; color:#555;">'
        '<span class="pageNumber"></span> / <span class="totalPages"></span></div>'
    )
    page = browser.new_page()
    page.goto(source.as_uri(), wait_until="load")
    page.pdf(
        path=str(out),
        format="A4",
        print_background=True,
        display_header_footer=True,
        header_template="<div></div>",
        footer_template=footer,
        margin={"top": "18mm", "bottom": "20mm", "left": "16mm", "right": "16mm"},
    )
    page.close()


def render(
    out: Path = PDF_PATH, html_dir: Path = HTML_DIR, chromium: str | None = None, browser=None
) -> Path:
    """Print :func:`combined_html` to ``out`` with page numbers in the footer; returns ``out``. ``browser`` is a
    running Playwright Chromium to print with (the tests pass theirs); otherwise one is started and closed."""
    out.parent.mkdir(parents=True, exist_ok=True)
    source = out.with_suffix(".html")
    source.write_text(combined_html(html_dir), encoding="utf-8")
    if browser is not None:
        _print(browser, source, out)
        return out
    from playwright.sync_api import sync_playwright

    chromium = chromium or shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        raise RuntimeError("chromium is not installed; `make test` installs Debian's chromium package")
    with sync_playwright() as playwright:
        started = playwright.chromium.launch(
            executable_path=chromium, args=["--headless", "--no-sandbox", "--disable-gpu"], headless=True
        )
        _print(started, source, out)
        started.close()
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m openweights.pdf", description="Print the built book to PDF."
    )
    parser.add_argument("--out", type=Path, default=PDF_PATH)
    args = parser.parse_args(argv)
    try:
        path = render(args.out)
    except (FileNotFoundError, RuntimeError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"PDF edition → {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
