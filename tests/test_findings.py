"""The findings table: collected from executed chapters, compared between editions, stale rows caught."""

import json
import re

import pandas as pd
import pytest

from openweights import findings
from openweights.paths import CHAPTERS_DIR

MIME = "application/papermill.record/text/plain"


def _page(values: dict[str, str], code: str = 'x = load("eci_models")') -> dict:
    outputs = [
        {"data": {MIME: text}, "metadata": {"scrapbook": {"name": name}}, "output_type": "display_data"}
        for name, text in values.items()
    ]
    return {"cells": [{"cell_type": "code", "source": [code], "outputs": outputs}]}


@pytest.fixture
def pages(tmp_path):
    chapters = tmp_path / "chapters"
    chapters.mkdir()
    (chapters / "01_x.ipynb").write_text(json.dumps(_page({"gap_points": "8.1", "best_model": "'GLM-5.2'"})))
    (chapters / "06_data.ipynb").write_text(json.dumps(_page({"ignored": "1"})))
    claims = tmp_path / "claims.csv"
    claims.write_text("claim_id,verdict\nC001,supported\n")
    package = tmp_path / "datapackage.json"
    package.write_text(
        json.dumps(
            {
                "resources": [
                    {"name": "raw.eci", "x_snapshot_date": "2026-07-01"},
                    {"name": "eci_models", "sources": [{"x_resource": "raw.eci"}]},
                ]
            }
        )
    )
    return chapters, claims, package


def test_collect_reads_values_units_dates_and_verdicts(pages):
    frame = findings.collect(*pages).set_index("name")
    assert frame.loc["gap_points", ["value", "kind", "unit", "data_date", "source_tables"]].tolist() == [
        "8.1",
        "number",
        "ECI points",
        "2026-07-01",
        "eci_models",
    ]
    assert frame.loc["best_model", "kind"] == "text"
    assert frame.loc["verdict_C001", "value"] == "'supported'" and "ignored" not in frame.index


def test_compare_reports_moves_additions_and_verdict_flips(pages):
    old = findings.collect(*pages)
    chapters, claims, package = pages
    (chapters / "01_x.ipynb").write_text(json.dumps(_page({"gap_points": "9.6", "new_share": "0.5"})))
    claims.write_text("claim_id,verdict\nC001,contradicted\n")
    changes = findings.compare(old, findings.collect(chapters, claims, package), "2026-12", "2026-11")
    kinds = dict(zip(changes["name"], changes["change"], strict=True))
    assert kinds == {
        "best_model": "removed",
        "gap_points": "moved",
        "new_share": "added",
        "verdict_C001": "verdict flipped",
    }
    assert changes.set_index("name").loc["gap_points", "difference"] == "1.5"


def test_stale_rows_catch_a_value_the_table_no_longer_matches(pages):
    committed = findings.collect(*pages)
    now = committed.copy()
    now.loc[now["name"].eq("gap_points"), "value"] = "9.9"
    stale = findings.stale_rows(committed, now)
    assert stale["name"].tolist() == ["gap_points"]
    assert findings.stale_rows(committed, committed).empty


def test_units_come_from_names():
    assert findings.unit_of("cn_open_share_latest_halfyear", "number") == "share (0-1)"
    assert findings.unit_of("odds_ratio_cn_vs_us_open", "number") == "ratio"
    assert findings.unit_of("eci_lag_months_latest", "number") == "months"
    assert findings.unit_of("regional_models_total", "integer") == "count"
    assert findings.unit_of("flagship", "text") == "text"


def test_committed_findings_match_the_committed_chapters():
    """A stale findings table cannot hide: it must equal what the executed chapters glue."""
    if not findings.FINDINGS_PATH.is_file() or not any(CHAPTERS_DIR.glob("*.ipynb")):
        pytest.skip("no findings table in this checkout")
    stale = findings.stale_rows(findings.read(), findings.collect())
    assert stale.empty, f"run `python -m openweights findings build`: {stale.to_dict('records')[:5]}"


def test_changelog_compares_with_the_kept_previous_edition():
    changes = findings.changelog()
    previous = findings.read(findings.edition_path(changes["previous"].iloc[0]))
    again = findings.compare(
        previous, findings.read(), changes["edition"].iloc[0], changes["previous"].iloc[0]
    )
    pd.testing.assert_frame_equal(again, changes, check_dtype=False)


def test_edition_names_are_dates():
    with pytest.raises(ValueError, match="named by its date"):
        findings.edition_path("latest")


def test_the_summary_cites_the_findings_table():
    """intro.ipynb glues every page's findings from data/findings/findings.csv (not from other notebooks'
    outputs), and its committed outputs carry the table's current values."""
    from openweights.paths import REPO_ROOT

    summary = REPO_ROOT / "intro.ipynb"
    notebook = json.loads(summary.read_text(encoding="utf-8"))
    glued = findings._glued(notebook)
    table = findings.read()
    expected = {f"{row.chapter}.{row.name}": row.value for row in table.itertuples()}
    assert glued == expected, "re-run the summary: python tools/run_notebooks.py intro.ipynb"
    text = "".join("".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == "markdown")
    assert ".ipynb::" not in text, "the summary reads another notebook's outputs"
    cited = set(re.findall(r"\{glue:text\}`([0-9a-z_]+\.[a-z0-9_]+)", text))
    assert cited and cited <= set(expected), sorted(cited - set(expected))[:5]
