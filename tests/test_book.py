"""Build the book strictly, then open every page in headless Chromium.

The build runs with warnings as errors (`-W -n --keep-going`) and executes every notebook
(`allow_errors: false`). The browser check fails on a console error, a page error, a local request
that fails, an image that does not load, or a local link to a missing page or anchor, and saves
screenshots of the landing page (desktop and 390 px phone width) under `_build/screenshots/`.
"""

from __future__ import annotations

import functools
import http.server
import re
import shutil
import subprocess
import sys
import threading
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urldefrag, urljoin, urlparse

import pytest

from openweights import bookcache, pageweight
from openweights.paths import REPO_ROOT

BUILD_DIR = REPO_ROOT / "_build"
HTML_DIR = BUILD_DIR / "html"
SCREENSHOT_DIR = BUILD_DIR / "screenshots"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_ARGS = pageweight.CHROMIUM_ARGS


@pytest.fixture(scope="module")
def built_book():
    bookcache.clear_if_stale(BUILD_DIR)
    command = [sys.executable, "-m", "jupyter_book", "build", str(REPO_ROOT), "-W", "-n", "--keep-going"]
    jb = Path(sys.executable).parent / "jupyter-book"
    if jb.exists():
        command = [str(jb), "build", str(REPO_ROOT), "-W", "-n", "--keep-going"]
    result = subprocess.run(command, cwd=REPO_ROOT, capture_output=True, text=True, timeout=900)
    log = result.stdout + result.stderr
    assert result.returncode == 0, "book build failed or warned:\n" + log[-6000:]
    assert (HTML_DIR / "index.html").exists()
    bookcache.stamp(BUILD_DIR)
    return HTML_DIR


html_pages = pageweight.html_pages
AXE_SCRIPT = REPO_ROOT / "node_modules" / "axe-core" / "axe.min.js"
# index.html only redirects to the root page, which is checked under its own name
REDIRECT_PAGES = {"index.html"}


def content_pages(root: Path) -> list[str]:
    """The built pages a reader lands on, as paths relative to ``root`` (the redirect page left out)."""
    names = (path.relative_to(root).as_posix() for path in html_pages(root))
    return [name for name in names if name not in REDIRECT_PAGES]


class LinkCollector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.images: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if "id" in attributes:
            self.ids.add(attributes["id"])
        if tag == "a" and attributes.get("href"):
            self.links.append(attributes["href"])
        if tag == "img":
            self.images.append((attributes.get("src", ""), attributes.get("alt")))


@functools.cache
def parse(page: Path) -> LinkCollector:
    collector = LinkCollector()
    collector.feed(page.read_text(encoding="utf-8"))
    return collector


def test_book_has_every_toc_page(built_book):
    toc = (REPO_ROOT / "_toc.yml").read_text()
    for name in re.findall(r"file: (\S+)", toc) + ["intro"]:
        assert (built_book / f"{name}.html").exists(), f"{name} missing from the built book"


def test_local_links_and_anchors_resolve(built_book):
    broken = []
    for page in html_pages(built_book):
        for href in parse(page).links:
            if urlparse(href).scheme or href.startswith(("mailto:", "//")):
                continue
            target, fragment = urldefrag(href)
            target_path = (page.parent / unquote(target)).resolve() if target else page
            if target_path.is_dir():
                target_path = target_path / "index.html"
            if not target_path.exists():
                broken.append(f"{page.relative_to(built_book)} -> {href}")
            elif fragment and target_path.suffix == ".html" and fragment not in parse(target_path).ids:
                broken.append(f"{page.relative_to(built_book)} -> {href} (no such anchor)")
    assert not broken, "broken local links:\n" + "\n".join(broken[:40])


def test_images_exist_and_have_alt_text(built_book):
    problems = []
    for page in html_pages(built_book):
        for src, alt in parse(page).images:
            if urlparse(src).scheme in ("http", "https"):
                problems.append(f"{page.name}: remote image {src}")
                continue
            if not src.startswith("data:") and not (page.parent / unquote(src)).exists():
                problems.append(f"{page.name}: missing image {src}")
            if "_images/" in src and not (alt or "").strip():
                problems.append(f"{page.name}: figure image without alt text {src}")
    assert not problems, "\n".join(problems[:40])


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        pass  # a browser closing a connection early is not a test failure


@pytest.fixture(scope="module")
def server(built_book):
    handler = functools.partial(QuietHandler, directory=str(built_book))
    httpd = QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


@pytest.fixture(scope="module")
def browser(server):
    if not CHROMIUM:
        pytest.fail("chromium is not installed; `make test` installs Debian's chromium package")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


def test_every_page_loads_without_errors_in_chromium(built_book, server, browser):
    failures = []
    page = browser.new_page()
    errors: list[str] = []
    # Chromium asks every site for /favicon.ico on its own; the book declares its favicon in each page.
    page.route("**/favicon.ico", lambda route: route.fulfill(status=204, body=b""))
    page.on(
        "console",
        lambda msg: errors.append(f"console {msg.type}: {msg.text}") if msg.type == "error" else None,
    )
    page.on("pageerror", lambda exc: errors.append(f"page error: {exc}"))
    page.on(
        "response",
        lambda response: (
            errors.append(f"HTTP {response.status}: {response.url}") if response.status >= 400 else None
        ),
    )
    page.on(
        "requestfailed",
        lambda request: (
            None
            if request.failure == "net::ERR_ABORTED"  # cancelled by the next navigation, not broken
            else errors.append(f"request failed: {request.url} ({request.failure})")
        ),
    )
    for path in html_pages(built_book):
        errors.clear()
        url = urljoin(server, path.relative_to(built_book).as_posix())
        page.goto(url, wait_until="networkidle")
        broken_images = page.evaluate(
            "Array.from(document.images).filter(i => !(i.complete && i.naturalWidth > 0)).map(i => i.src)"
        )
        errors.extend(f"image did not load: {src}" for src in broken_images)
        if errors:
            failures.append(f"{path.relative_to(built_book)}: " + "; ".join(errors[:5]))
    page.close()
    assert not failures, "\n".join(failures)


def test_landing_page_screenshots(server, browser):
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    for name, width in (("landing.png", 1280), ("landing_390px.png", 390)):
        page = browser.new_page(viewport={"width": width, "height": 900})
        # index.html only redirects to the root page; shoot the page itself once it has settled.
        page.goto(server + "intro.html", wait_until="networkidle")
        page.screenshot(path=str(SCREENSHOT_DIR / name), full_page=False)
        title = page.title()
        page.close()
        assert (SCREENSHOT_DIR / name).stat().st_size > 10_000
        assert "Open weights" in title


def test_figures_fit_the_column_at_phone_width_and_open_full_size(server, browser):
    """At 390 px no figure is wider than its column (nothing is cut off) and a tap opens the full-size image
    (_static/phone-figures.css, _static/figure-zoom.js); every chapter page with figures is measured."""
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    page = browser.new_page(viewport={"width": 390, "height": 844})
    too_wide, unlinked, measured = [], [], 0
    for path in sorted((HTML_DIR / "chapters").glob("*.html")):
        page.goto(server + f"chapters/{path.name}", wait_until="networkidle")
        sizes = page.evaluate(
            """() => Array.from(document.querySelectorAll('.cell_output img')).map(img => {
                const column = img.closest('.cell_output') || img.parentElement;
                return [img.getBoundingClientRect().right, column.getBoundingClientRect().right,
                        img.getBoundingClientRect().width, !!img.closest('a.figure-zoom')];
            })"""
        )
        for right, column_right, width, linked in sizes:
            measured += 1
            if right > column_right + 1 or right > 390 or width < 100:
                too_wide.append(f"{path.name}: figure {width:.0f} px wide, right edge {right:.0f} px")
            if not linked:
                unlinked.append(path.name)
    page.goto(server + "chapters/02_cost_control.html", wait_until="networkidle")
    page.locator("figure img").first.scroll_into_view_if_needed()
    page.screenshot(path=str(SCREENSHOT_DIR / "figure_390px.png"))
    page.close()
    assert measured > 20, f"only {measured} figures measured"
    assert not too_wide, "\n".join(too_wide[:10])
    assert not unlinked, f"figures without a full-size link on {sorted(set(unlinked))}"


def test_dates_in_table_cells_do_not_break_at_hyphens(server, browser):
    """At 390 px, a narrow table column keeps "2023-H1" and "2024-08" whole (_static/table-cells.js)."""
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(server + "chapters/04_sustainability.html", wait_until="networkidle")
    words = page.locator(".cell_output table td .no-break")
    count = words.count()
    lines = words.evaluate_all("spans => spans.map(span => span.getClientRects().length)")
    text = page.locator(".cell_output table").first.inner_text()
    page.close()
    assert count > 20, f"only {count} hyphenated words in tables were kept whole"
    assert set(lines) == {1}, "a hyphenated word in a table cell runs over two lines"
    assert "2023-H1" in text  # the words themselves are unchanged


def test_number_columns_sit_right_under_right_aligned_headers(server, browser):
    """Columns of numbers and their headers are right-aligned, text columns left (_static/table-cells.js)."""
    page = browser.new_page(viewport={"width": 1100, "height": 900})
    page.goto(server + "chapters/04_sustainability.html", wait_until="networkidle")
    table = page.locator(".cell_output table.dataframe", has_text="Open-weight share").first
    alignment = table.evaluate(
        """table => Object.fromEntries([...table.tHead.rows[0].cells].map((header, column) => [
            header.textContent.trim(),
            [header, table.tBodies[0].rows[0].cells[column]].map(cell => getComputedStyle(cell).textAlign),
        ]))"""
    )
    page.close()
    assert alignment["Releases"] == ["right", "right"], alignment
    assert alignment["Country group"][0] == "left" and alignment["Country group"][1] in ("left", "start")


def test_reference_list_shows_no_alphabetic_keys(server, browser):
    """Entries of the reference list start with their authors, not with keys like "[Hol25]"
    (_static/bibliography.css); citations in the text read "(Author, year)"."""
    page = browser.new_page(viewport={"width": 1100, "height": 900})
    page.goto(server + "references.html", wait_until="networkidle")
    entries = page.locator("div.citation-list > div.citation")
    count = entries.count()
    texts = entries.evaluate_all("divs => divs.map(div => div.innerText.trim())")
    page.close()
    assert count >= 20, f"only {count} entries in the reference list"
    keyed = [text[:30] for text in texts if text.startswith("[")]
    assert not keyed, f"entries still start with an alphabetic key: {keyed[:3]}"


def test_search_finds_pages(server, browser):
    """The built-in search index answers: a query for a model named throughout the book returns pages."""
    page = browser.new_page()
    page.goto(server + "search.html?q=DeepSeek", wait_until="networkidle")
    page.wait_for_selector("#search-results li", timeout=15_000)
    hits = page.locator("#search-results li").count()
    page.close()
    assert hits >= 3, f"search for DeepSeek returned {hits} pages"


def test_phone_menu_on_this_page_and_desktop_collapse_work(server, browser):
    """The visible sidebar buttons work (_static/nav-toggles.js): at 390 px the menu opens and lists every chapter
    and "On this page" opens; at 1280 px the navigation collapses."""
    url = server + "chapters/01_3_regional.html"
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(url, wait_until="networkidle")
    page.click('button[aria-label="Toggle primary sidebar"]')
    page.wait_for_timeout(200)
    opened, links = page.evaluate(
        "() => [document.getElementById('pst-primary-sidebar-modal').open,"
        " Array.from(document.querySelectorAll('#pst-primary-sidebar-modal a.reference')).map(a => a.textContent)]"
    )
    assert opened, "the phone menu did not open"
    toc = (REPO_ROOT / "_toc.yml").read_text()
    pages = len(re.findall(r"file: ", toc)) + 1  # the files listed, plus the root page
    assert len(links) >= pages - 1, f"the menu lists {len(links)} pages, the book has {pages}"
    page.keyboard.press("Escape")
    page.wait_for_timeout(200)
    page.click('button[aria-label="Toggle secondary sidebar"]')
    page.wait_for_timeout(200)
    assert page.evaluate("() => document.getElementById('pst-secondary-sidebar-modal').open"), (
        "'On this page' did not open"
    )
    page.close()
    page = browser.new_page(viewport={"width": 1280, "height": 844})
    page.goto(url, wait_until="networkidle")
    page.click('button[aria-label="Toggle primary sidebar"]')
    page.wait_for_timeout(400)
    visibility = page.evaluate(
        "() => getComputedStyle(document.querySelector('.bd-sidebar-primary')).visibility"
    )
    page.close()
    assert visibility == "hidden", "the desktop collapse did nothing"


def test_pdf_edition_holds_every_chapter_and_glued_values(built_book, browser, tmp_path):
    """`make pdf` prints the built book to one PDF: title page, contents, every page of the table of contents,
    figures and glued numbers, with page numbers."""
    import pypdf

    from openweights import findings, pdf

    out = pdf.render(tmp_path / "report.pdf", html_dir=built_book, browser=browser)
    reader = pypdf.PdfReader(str(out))
    pages = [page.extract_text() for page in reader.pages]
    import unicodedata

    text = re.sub(r"\s+", " ", unicodedata.normalize("NFKC", " ".join(pages)))  # NFKC undoes ligatures (ﬁ)
    assert len(pages) > 30 and "Contents" in pages[0]
    for stem in pdf.page_order():
        title = pdf._article(built_book / f"{stem}.html", built_book)[0]
        assert title[:30] in text, f"the PDF lacks the page {stem!r} ({title!r})"
    values = findings.values("01_3_regional")
    for sample in (str(values["regional_models_total"]), f"{values['regional_cn_share_late']:.0%}"):
        assert sample in text, f"glued value {sample} missing from the PDF"
    assert f"1 / {len(pages)}" in pages[0] and f"{len(pages)} / {len(pages)}" in pages[-1], "no page numbers"
    images = sum(len(page.images) for page in reader.pages[:40])
    assert images > 5, "figures missing from the PDF"


def test_no_table_header_is_blank(built_book):
    """Every <th> of every page has text a screen reader can announce (pandas leaves index corners blank;
    sphinx_assets fills or drops them)."""
    blank = re.compile(r"<th(?:\s[^>]*)?>(?:\s|<[^>]+>)*</th>")
    failures = [
        f"{path.relative_to(built_book)}: {len(found)} blank"
        for path in html_pages(built_book)
        if (found := blank.findall(path.read_text(encoding="utf-8")))
    ]
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_no_serious_accessibility_violations(built_book, server, browser, mode):
    """axe-core (npm, pinned in package-lock.json) over every page in light and dark mode: no critical
    or serious violation."""
    if not AXE_SCRIPT.exists():
        pytest.fail("axe-core is missing: `make test` runs `npm ci`, which installs it into node_modules/")
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(
        f"localStorage.setItem('theme', '{mode}'); localStorage.setItem('mode', '{mode}');"
    )
    page = context.new_page()
    failures = []
    for name in content_pages(built_book):
        page.goto(urljoin(server, name), wait_until="networkidle")
        assert page.evaluate("document.documentElement.dataset.theme") == mode, f"{name}: not in {mode} mode"
        page.add_script_tag(path=str(AXE_SCRIPT))
        found = page.evaluate(
            """async () => (await axe.run(document, {resultTypes: ["violations"]})).violations
                .filter((v) => v.impact === "critical" || v.impact === "serious")
                .map((v) => `${v.id} (${v.impact}, ${v.nodes.length}): ${v.nodes[0].target.join(" ")}`)"""
        )
        failures.extend(f"{name}: {violation}" for violation in found)
    context.close()
    assert not failures, "\n".join(failures)


def test_every_page_stays_within_the_weight_budget(built_book, server, browser):
    """A page and everything it loads, uncompressed, at most pageweight.BUDGET_BYTES (`make bench` prints
    every page's weight)."""
    weights = pageweight.weigh(browser, server, built_book)
    assert len(weights) >= 15
    over = {page: size for page, size in weights.items() if size > pageweight.BUDGET_BYTES}
    assert not over, f"over {pageweight.BUDGET_BYTES:,} bytes: {over}"


def test_claims_tables_read_as_cards_at_phone_width(server, browser):
    """At 390 px each claims table becomes one card per claim, every cell labelled with its column, within
    the page's width; the reasons are on screen, not pushed off to the right."""
    page = browser.new_page(viewport={"width": 390, "height": 900})
    page.goto(server + "chapters/05_claims_ledger.html", wait_until="networkidle")
    layout = page.evaluate(
        """() => {
            const tables = [...document.querySelectorAll("table.ledger")];
            const reasons = tables.flatMap((t) => [...t.tBodies[0].rows].map((row) => row.cells[row.cells.length - 1]));
            return {
                tables: tables.length,
                stacked: tables.filter((t) => t.classList.contains("stack-on-phone")).length,
                widest: Math.max(...tables.map((t) => t.getBoundingClientRect().width)),
                unlabelled: reasons.filter((cell) => !cell.dataset.label).length,
                offscreen: reasons.filter((cell) => cell.getBoundingClientRect().right > 391).length,
            };
        }"""
    )
    page.close()
    assert layout["tables"] >= 1 and layout["stacked"] == layout["tables"], layout
    assert layout["widest"] <= 390 and layout["unlabelled"] == 0 and layout["offscreen"] == 0, layout


def test_search_snippets_leave_out_hidden_code(server, browser):
    """A search for a word that hidden set-up cells hold finds their pages, but a snippet shows the word only
    where the page also shows it outside a hidden cell."""
    page = browser.new_page()
    page.goto(server + "search.html?q=set_option", wait_until="networkidle")
    page.wait_for_selector("#search-results li p.context", timeout=15000)
    page.wait_for_timeout(1000)  # snippets are filled in as each page's HTML arrives
    results = page.evaluate(
        """async () => {
            const hidden = ".tag_hide-input .cell_input, .tag_hide-input details.above-input";
            const out = [];
            for (const item of document.querySelectorAll("#search-results li")) {
                const link = item.querySelector("a");
                const snippet = item.querySelector("p.context");
                const html = await (await fetch(link.href)).text();
                const doc = new DOMParser().parseFromString(html, "text/html");
                const hiddenHas = [...doc.querySelectorAll(hidden)].some((e) => e.textContent.includes("set_option"));
                doc.querySelectorAll(hidden).forEach((e) => e.remove());
                const main = doc.querySelector("[role=main]");
                out.push({
                    page: link.getAttribute("href"),
                    hiddenHas,
                    visibleHas: main.textContent.includes("set_option"),
                    shown: !!snippet && snippet.textContent.includes("set_option"),
                });
            }
            return out;
        }"""
    )
    page.close()
    assert sum(r["hiddenHas"] for r in results) >= 3, results  # the check has hidden code to leave out
    leaked = [r["page"] for r in results if r["shown"] and not r["visibleHas"]]
    assert not leaked, f"snippets show code from hidden cells: {leaked}"


def test_no_table_is_wider_than_the_page_on_a_desktop(built_book, server, browser):
    """At 1280 px no table makes its column scroll sideways (long tokens such as digests and URLs break), and no
    number is split over two lines to make one fit."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    wide, broken = [], []
    for name in content_pages(built_book):
        page.goto(urljoin(server, name), wait_until="networkidle")
        overflows = page.evaluate(
            """() => [...document.querySelectorAll("table")].map((table) => {
                let box = table.parentElement;
                while (box && box !== document.body && box.scrollWidth <= box.clientWidth + 1) box = box.parentElement;
                return box && box !== document.body ? `${box.scrollWidth} px in ${box.clientWidth} px` : null;
            }).filter(Boolean)"""
        )
        wide.extend(f"{name}: a table of {overflow}" for overflow in overflows)
        # a number split over two lines to make its table fit ("36" / "4")
        split = page.evaluate(
            """() => [...document.querySelectorAll(".cell_output table td.numeric")].filter((cell) => {
                const range = document.createRange();
                range.selectNodeContents(cell);
                return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size > 1;
            }).map((cell) => cell.textContent.trim())"""
        )
        broken.extend(f"{name}: {number}" for number in split)
    page.close()
    assert not wide, "\n".join(wide)
    assert not broken, "numbers split over two lines at 1280 px:\n" + "\n".join(broken[:30])
