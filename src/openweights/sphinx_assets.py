"""Sphinx extension: drop duplicate script tags from every page, and tidy the built pages.

With Sphinx 7.4, scripts that extensions add once at `builder-inited` (sphinx-thebe's configuration,
sphinx-togglebutton's selector) reach each page twice; the second `const THEBE_JS_URL` is a JavaScript
error in the browser. Keeping the first of identical scripts fixes it without touching the extensions.
"""

from __future__ import annotations

import html
import re
from pathlib import Path


def _identity(script) -> tuple:
    attributes = tuple(sorted((k, str(v)) for k, v in getattr(script, "attributes", {}).items()))
    # Not str(script): it includes the priority, which differs between the two copies; and an inline
    # script's filename is None in one copy and "" in the other.
    return (getattr(script, "filename", None) or "", attributes)


def deduplicate_scripts(app, pagename, templatename, context, doctree):
    scripts = context.get("script_files")
    if not scripts:
        return
    seen: set[tuple] = set()
    unique = []
    for script in scripts:
        key = _identity(script)
        if key not in seen:
            seen.add(key)
            unique.append(script)
    context["script_files"] = unique


# --------------------------------------------------------------------------------------------------
# After the build: a lighter, more accessible page (each step is idempotent, because an incremental
# build leaves pages it did not rewrite as the last build left them)
# --------------------------------------------------------------------------------------------------

# The theme draws its icons twice: with the Font Awesome web font its stylesheet already loads, and by
# swapping every icon for an inline SVG with a 1.5 MB script. The font alone shows the same icons.
FONTAWESOME_SCRIPT = re.compile(r'\s*<script defer src="[^"]*_static/scripts/fontawesome\.js[^"]*"></script>')
# pydata-sphinx-theme 0.17 loads Sphinx's search index on every page for its search-as-you-type box
# (layout.html); with that box switched off (the default) only the search page needs it.
INLINE_SEARCH_SCRIPTS = re.compile(
    r'\s*<script src="[^"]*(?:_static/searchtools\.js|_static/language_data\.js|searchindex\.js)"></script>'
)
# The sidebar's expand arrows are <summary> elements holding only an icon, so screen readers announce
# them without a name (axe: summary-name). Upstream: https://github.com/pydata/pydata-sphinx-theme/pull/1633
# fixed the same kind of unnamed control for links; the toctree toggles are still unnamed in 0.17.1.
TOCTREE_TOGGLE = re.compile(
    r'(<a class="reference internal" href="[^"]*">)(.*?)(</a>\s*<details(?: open="open")?>\s*<summary)(>)',
    re.S,
)
# Sphinx's HTML writer marks a citation list role="list" although its entries are role="doc-biblioentry",
# not list items, which axe reports as critical (aria-required-children); the list role is dropped.
CITATION_LIST = '<div role="list" class="citation-list">'
DATAFRAME = re.compile(r'<table border="1" class="dataframe">.*?</table>', re.S)
ROW = re.compile(r"<tr[^>]*>.*?</tr>", re.S)
EMPTY_FIRST_HEADER = re.compile(r"^(<tr[^>]*>\s*)<th>\s*</th>\s*", re.S)
EMPTY_HEADER = re.compile(r"<th([^>]*)>\s*</th>")
HIDDEN_CORNER = r'<th\1><span class="visually-hidden">Row</span></th>'


def _strip_tags(text: str) -> str:
    return html.escape(html.unescape(re.sub(r"<[^>]+>", "", text)).strip(), quote=True)


# pandas puts a named index's name on a header row of its own, under an empty corner cell and above
# empty cells; the name moves into the corner and the row goes.
INDEX_NAME_ROW = re.compile(
    r"(<thead>\s*<tr[^>]*>\s*)<th>\s*</th>(.*?</tr>)\s*<tr>\s*<th>([^<]+)</th>(?:\s*<th>\s*</th>)*\s*</tr>",
    re.S,
)


def _index_name_into_corner(match: re.Match) -> str:
    return f"{match.group(1)}<th>{match.group(3)}</th>{match.group(2)}"


def tidy_table(table: str) -> str:
    """Move a named index's name into the header's corner, drop a blank index column (every row opens
    with an empty header cell, as when ``tables.readable`` hides the index) and give any other empty
    header cell a label screen readers can announce, so that no table header is blank."""
    table = INDEX_NAME_ROW.sub(_index_name_into_corner, table)
    rows = ROW.findall(table)
    if rows and all(EMPTY_FIRST_HEADER.match(row) for row in rows):
        table = ROW.sub(lambda match: EMPTY_FIRST_HEADER.sub(r"\1", match.group(0), count=1), table)
    return EMPTY_HEADER.sub(HIDDEN_CORNER, table)


def tidy_page(page: str, search_page: bool = False) -> str:
    """The page's HTML with the fixes above applied."""
    page = FONTAWESOME_SCRIPT.sub("", page)
    if not search_page:
        page = INLINE_SEARCH_SCRIPTS.sub("", page)
    page = TOCTREE_TOGGLE.sub(
        lambda m: (
            f'{m.group(1)}{m.group(2)}{m.group(3)} aria-label="Show the sections of {_strip_tags(m.group(2))}"{m.group(4)}'
        ),
        page,
    )
    page = page.replace(CITATION_LIST, '<div class="citation-list">')
    return DATAFRAME.sub(lambda m: tidy_table(m.group(0)), page)


# The theme's stylesheet carries a rule for each of Font Awesome's ~2,000 icons and its web font every
# glyph (156 kB); a page of this book uses about twenty. Both are cut to the icons the built pages name
# (and the theme's script adds), which keeps a chapter and all it loads under the page-weight budget.
ICON_RULE = re.compile(r'((?:\.fa-[a-z0-9-]+:(?:before|after),?)+)\{content:"\\([0-9a-f]+)"\}')
ICON_NAME = re.compile(r"\bfa-([a-z0-9-]+)")
THEME_SCRIPT_ICONS = ("xmark",)  # added by pydata-sphinx-theme.js (the search dialog's close button)
ICON_FONTS = ("fa-solid-900.woff2", "fa-regular-400.woff2")


def icons_used(root: Path) -> set[str]:
    """Icon names (``bars`` for ``fa-bars``) in the class attributes of every built page."""
    names = set(THEME_SCRIPT_ICONS)
    for path in root.rglob("*.html"):
        for classes in re.findall(r'class="([^"]*)"', path.read_text(encoding="utf-8")):
            names.update(ICON_NAME.findall(classes))
    return names


def prune_icon_rules(css: str, used: set[str]) -> tuple[str, set[int]]:
    """The stylesheet without the rules of unused icons, and the code points of the icons kept."""
    kept: set[int] = set()

    def keep(match: re.Match) -> str:
        names = set(re.findall(r"\.fa-([a-z0-9-]+):", match.group(1)))
        if names & used:
            kept.add(int(match.group(2), 16))
            return match.group(0)
        return ""

    return ICON_RULE.sub(keep, css), kept


def subset_font(path: Path, codepoints: set[int]) -> None:
    """Cut a web font to ``codepoints`` (kept in WOFF2)."""
    from fontTools import subset

    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = []
    font = subset.load_font(str(path), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(codepoints))
    subsetter.subset(font)
    subset.save_font(font, str(path), options)


def trim_icons(root: Path) -> None:
    css_path = root / "_static" / "styles" / "pydata-sphinx-theme.css"
    if not css_path.exists():
        return
    css, kept = prune_icon_rules(css_path.read_text(encoding="utf-8"), icons_used(root))
    css_path.write_text(css, encoding="utf-8")
    for name in ICON_FONTS:
        font = root / "_static" / "vendor" / "fontawesome" / "webfonts" / name
        if font.exists():
            subset_font(font, kept)


def tidy_built_pages(app, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    search_as_you_type = bool((app.config.html_theme_options or {}).get("search_as_you_type"))
    root = Path(app.outdir)
    for path in root.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        tidied = tidy_page(text, search_page=search_as_you_type or path == root / "search.html")
        if tidied != text:
            path.write_text(tidied, encoding="utf-8")
    trim_icons(root)


def setup(app):
    app.connect("html-page-context", deduplicate_scripts, priority=900)
    app.connect("build-finished", tidy_built_pages)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
