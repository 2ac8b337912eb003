"""Static checks on the committed chapter notebooks: executed, clean, every figure captioned with alt text.

nbval (run by the test command with `--nbval`) re-executes each notebook and compares outputs; these
checks cover what nbval does not: the house rules of STYLE.md.
"""

import json
import re

import pytest

from openweights.fields import FIELDS
from openweights.paths import CHAPTERS_DIR
from openweights.tables import HEADER_LABELS

NOTEBOOKS = sorted(CHAPTERS_DIR.glob("*.ipynb"))
MAX_CELL_LINES = 12
# The corpus chapter and the four question chapters follow the full chapter shape; appendices do not.
QUESTION_CHAPTERS = {"00", "01", "02", "03", "04"}


def load(path):
    return json.loads(path.read_text(encoding="utf-8"))


def code_cells(nb):
    return [c for c in nb["cells"] if c["cell_type"] == "code"]


def source(cell):
    return "".join(cell["source"])


def test_there_are_chapter_notebooks():
    assert NOTEBOOKS, "no notebooks under chapters/"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_committed_with_outputs_in_order_and_without_errors(path):
    cells = code_cells(load(path))
    counts = [c["execution_count"] for c in cells if source(c).strip()]
    assert all(n is not None for n in counts), f"{path.name}: some code cells were not executed"
    assert counts == list(range(1, len(counts) + 1)), (
        f"{path.name}: cells not executed top to bottom in one run"
    )
    for cell in cells:
        for output in cell.get("outputs", []):
            assert output["output_type"] != "error", f"{path.name}: committed with an error output"
            assert output.get("name") != "stderr", (
                f"{path.name}: stderr output (a warning?): {output.get('text')}"
            )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_figure_has_caption_name_and_alt_text(path):
    for cell in code_cells(load(path)):
        has_image = any("image/png" in o.get("data", {}) for o in cell.get("outputs", []))
        if not has_image:
            continue
        meta = cell.get("metadata", {}).get("mystnb", {})
        figure, image = meta.get("figure", {}), meta.get("image", {})
        first_line = source(cell).splitlines()[0]
        assert figure.get("caption", "").strip(), (
            f"{path.name}: figure without caption in cell {first_line!r}"
        )
        assert figure.get("name", "").strip(), f"{path.name}: figure without a name (label) in {first_line!r}"
        assert len(image.get("alt", "").strip()) >= 40, (
            f"{path.name}: figure without real alt text in {first_line!r}"
        )
        assert "hide-input" in cell.get("metadata", {}).get("tags", []), (
            f"{path.name}: plotting cell not hide-input"
        )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_house_rules(path):
    nb = load(path)
    cells = code_cells(nb)
    assert "import" in source(cells[0]), f"{path.name}: the first code cell should hold the imports"
    for cell in cells:
        text = source(cell)
        assert not re.search(r"^\s*def |^\s*class ", text, re.M), (
            f"{path.name}: define helpers in src/, not here"
        )
        assert "import *" not in text and "filterwarnings" not in text and "!pip" not in text, path.name
        assert "../shared" not in text and "data/raw" not in text, (
            f"{path.name}: chapters read processed data only"
        )
        assert len(text.splitlines()) <= MAX_CELL_LINES, (
            f"{path.name}: cell over {MAX_CELL_LINES} lines: {text[:60]!r}"
        )
        for output in cell.get("outputs", []):
            blob = json.dumps(output.get("data", {}).get("text/plain", "")) + json.dumps(
                output.get("text", "")
            )
            assert not re.search(r"0x[0-9a-f]{6,}", blob), f"{path.name}: object address in output"
    kinds = {c["cell_type"] for c in nb["cells"]}
    assert "markdown" in kinds


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_chapter_shape(path):
    markdown = "\n".join(source(c) for c in load(path)["cells"] if c["cell_type"] == "markdown")
    headings = re.findall(r"^## (.+)$", markdown, re.M)
    if path.stem[:2] in QUESTION_CHAPTERS:
        assert any("Caveats" in h for h in headings), f"{path.name}: no Caveats section"
        assert any("corpus claims" in h.lower() or "claims" in h.lower() for h in headings), path.name


# Table headers that are values of the data, not column names: tokeniser names in the token-tax table.
VALUE_HEADERS = {"cl100k_base", "o200k_base"}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_table_headers_are_words_not_column_names(path):
    """Every table a chapter shows reads in words: no snake_case column name, no name that has a label (a column
    of a data table, such as "country", or a derived one)."""
    raw = []
    for cell in code_cells(load(path)):
        for output in cell.get("outputs", []):
            html = "".join(output.get("data", {}).get("text/html", ""))
            for header in re.findall(r"<th[^>]*>([^<]*)</th>", html):
                if (
                    header in HEADER_LABELS
                    or header in FIELDS
                    or re.fullmatch(r"[a-z][a-z0-9]*(_[a-z0-9]+)+", header)
                ):
                    raw.append(header)
    assert not set(raw) - VALUE_HEADERS, f"{path.name}: tables show raw column names {sorted(set(raw))}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_figure_has_the_data_it_plots(path):
    """Each figure links, from its caption, to a CSV of the numbers it draws, written by figures.show when the
    chapter ran; the file on disk is the one the committed output was made with (same sha256)."""
    import hashlib

    from openweights.paths import REPO_ROOT

    for cell in code_cells(load(path)):
        figure = cell.get("metadata", {}).get("mystnb", {}).get("figure")
        if not figure:
            continue
        name = figure["name"]
        assert f"../_static/figure-data/{name}.csv" in figure["caption"], (
            f"{path.name}: {name} has no data link"
        )
        records = [
            o.get("metadata", {}).get("figure_data")
            for o in cell.get("outputs", [])
            if "image/png" in o.get("data", {})
        ]
        assert records and records[0], f"{path.name}: {name} was not shown with its data"
        data = (REPO_ROOT / records[0]["path"]).read_bytes()
        assert records[0]["path"].endswith(f"{name}.csv")
        assert hashlib.sha256(data).hexdigest() == records[0]["sha256"], (
            f"{name}.csv is not what the figure drew"
        )
