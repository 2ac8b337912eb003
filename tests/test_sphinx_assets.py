"""The post-build tidying of the book's pages (openweights.sphinx_assets): each fix on a small page."""

from __future__ import annotations

from openweights import sphinx_assets as sa

PAGE = """<head>
  <script defer src="../_static/scripts/fontawesome.js?digest=abc"></script>
    <script src="../_static/searchtools.js"></script>
    <script src="../_static/language_data.js"></script>
    <script src="../searchindex.js"></script>
</head>
<li class="toctree-l1 has-children"><a class="reference internal" href="a.html">Costs &amp; <em>control</em></a><details><summary><span class="toctree-toggle" role="presentation"><i class="fa-solid fa-chevron-down"></i></span></summary><ul></ul></details></li>
<div role="list" class="citation-list"><div class="citation" role="doc-biblioentry">x</div></div>
<table border="1" class="dataframe">
  <thead>
    <tr><th></th><th>Model</th></tr>
  </thead>
  <tbody>
    <tr><th></th><td>a</td></tr>
  </tbody>
</table>
"""


def test_tidy_page_lightens_and_labels_the_page():
    page = sa.tidy_page(PAGE)
    assert "fontawesome.js" not in page
    assert "searchindex.js" not in page and "searchtools.js" not in page
    assert '<summary aria-label="Show the sections of Costs &amp; control">' in page
    assert 'role="list"' not in page
    assert "<th></th>" not in page  # the blank index column is gone
    assert "<th>Model</th>" in page and "<td>a</td>" in page
    assert sa.tidy_page(page) == page  # idempotent: an incremental build leaves tidied pages alone


def test_the_search_page_keeps_its_search_scripts():
    assert "searchindex.js" in sa.tidy_page(PAGE, search_page=True)


def test_an_empty_corner_cell_gets_a_label_when_the_index_is_kept():
    table = '<table border="1" class="dataframe"><thead><tr><th></th><th>n</th></tr></thead><tbody><tr><th>China</th><td>1</td></tr></tbody></table>'
    tidied = sa.tidy_table(table)
    assert '<th><span class="visually-hidden">Row</span></th>' in tidied
    assert "<th>China</th>" in tidied


def test_unused_icon_rules_are_pruned_and_used_code_points_kept():
    css = (
        '.a{color:red}.fa-bars:before,.fa-navicon:before{content:"\\f0c9"}.fa-rocket:before{content:"\\f135"}'
    )
    pruned, kept = sa.prune_icon_rules(css, {"bars"})
    assert ".fa-bars:before" in pruned and ".fa-rocket" not in pruned and ".a{color:red}" in pruned
    assert kept == {0xF0C9}
