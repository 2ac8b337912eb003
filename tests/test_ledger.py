"""Claims ledger: merging verdicts, summaries, and the rule that every testable claim has a verdict."""

import json

import pandas as pd
import pytest

from openweights.analysis import ledger
from openweights.paths import CHAPTERS_DIR, CURATED_DIR
from openweights.tables import readable


def claims_frame():
    return pd.DataFrame(
        {
            "claim_id": ["C001", "C002", "C003"],
            "doc_id": ["000_a", "000_a", "001_b"],
            "paraphrase": ["Open models are cheap.", "Labs <will> close.", "Context."],
            "question": ["cost_control", "sustainability", "context"],
            "testable": ["yes", "yes", "no"],
            "verdict": ["", "", ""],
            "evidence_link": ["", "", ""],
            "verdict_note": ["", "", ""],
        }
    )


def verdicts_frame(**overrides):
    frame = pd.DataFrame(
        {
            "claim_id": ["C001"],
            "verdict": ["supported"],
            "evidence_link": ["02_cost_control.html#sec-cost-prices"],
            "verdict_note": ["Median price ratio is 10."],
        }
    )
    return frame.assign(**overrides)


def test_merge_writes_verdicts_and_keeps_columns():
    merged = ledger.merge_verdicts(claims_frame(), verdicts_frame())
    assert list(merged.columns) == list(claims_frame().columns)
    assert merged.loc[merged.claim_id == "C001", "verdict"].item() == "supported"
    assert merged.loc[merged.claim_id == "C002", "verdict"].item() == ""
    assert list(ledger.missing_verdicts(merged)["claim_id"]) == ["C002"]


@pytest.mark.parametrize(
    ("overrides", "message"),
    [({"claim_id": ["C999"]}, "unknown claim"), ({"verdict": ["true"]}, "verdicts outside")],
)
def test_merge_rejects_bad_verdicts(overrides, message):
    with pytest.raises(ValueError, match=message):
        ledger.merge_verdicts(claims_frame(), verdicts_frame(**overrides))


def test_merge_rejects_double_judgement():
    doubled = pd.concat([verdicts_frame(), verdicts_frame()], ignore_index=True)
    with pytest.raises(ValueError, match="more than once"):
        ledger.merge_verdicts(claims_frame(), doubled)


def test_summary_counts_and_html_escaping():
    merged = ledger.merge_verdicts(claims_frame(), verdicts_frame())
    by_question = ledger.summary_by_question(merged)
    assert by_question.loc["Cost and data control", "Supported"] == 1
    assert by_question["Total"].sum() == 3
    table = ledger.ledger_html(merged)
    assert '<a href="02_cost_control.html#sec-cost-prices">Supported</a>' in table
    assert "&lt;will&gt;" in table


def test_missing_values_render_as_empty_not_nan():
    claims = claims_frame().astype(object)
    claims.loc[0, ["verdict", "evidence_link", "verdict_note"]] = [pd.NA, pd.NA, None]
    table = ledger.ledger_html(claims)
    assert "nan" not in table.lower() and "<NA>" not in table and 'href=""' not in table


def test_every_testable_corpus_claim_has_a_verdict():
    claims = pd.read_csv(CURATED_DIR / "corpus" / "claims.csv", dtype=str, keep_default_na=False)
    missing = ledger.missing_verdicts(claims)
    assert missing.empty, f"testable claims without a verdict: {list(missing['claim_id'])}"


def _notebook(markdown: str, glued: dict[str, str], table_html: str = "") -> dict:
    outputs = [
        {
            "output_type": "display_data",
            "metadata": {"scrapbook": {"name": name, "mime_prefix": "application/papermill.record/"}},
            "data": {"application/papermill.record/text/plain": value},
        }
        for name, value in glued.items()
    ]
    if table_html:
        outputs.append({"output_type": "execute_result", "metadata": {}, "data": {"text/html": table_html}})
    return {
        "cells": [
            {"cell_type": "markdown", "source": [markdown]},
            {"cell_type": "code", "source": ["glue(...)"], "outputs": outputs},
        ]
    }


def test_note_numbers_must_be_shown_by_the_evidence_chapter():
    chapter = _notebook(
        "The gap is {glue:text}`gap:.1f` points; in 2024 it was wider.",
        {"gap": "12.9833", "model": "'Kimi K2.5'"},
        "<table><td>1,200</td></table>",
    )
    claims = claims_frame().assign(
        evidence_link=["01_adoption.html#sec-x", "01_adoption.html", "09_missing.html"],
        verdict_note=["Gap 13.0 points since 2024, 1,200 models.", "Gap 10.2 points.", "Anything 1."],
    )
    found = ledger.unsupported_note_numbers(claims, {"01_adoption": chapter})
    # 13.0 is the glued 12.98 as the prose formats it; 1,200 is in a table; 10.2 is stale; C003's chapter is unknown.
    assert found.values.tolist() == [["C002", "01_adoption", "10.2"], ["C003", "09_missing", ""]]


def test_note_numbers_ignore_the_verdict_table_that_prints_the_notes():
    note = "Gap 10.2 points in the verdict table itself."
    chapter = _notebook("No numbers here.", {}, f"<table><td>{note}</td></table>")
    claims = claims_frame().assign(evidence_link=["01_adoption.html"] * 3, verdict_note=[note, "", ""])
    found = ledger.unsupported_note_numbers(claims, {"01_adoption": chapter})
    assert found["number"].tolist() == ["10.2"]


def test_every_number_in_a_verdict_note_is_shown_in_its_chapter():
    import json

    from openweights.paths import CHAPTERS_DIR

    claims = pd.read_csv(CURATED_DIR / "corpus" / "claims.csv", dtype=str, keep_default_na=False)
    notebooks = {
        p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(CHAPTERS_DIR.glob("*.ipynb"))
    }
    found = ledger.unsupported_note_numbers(claims, notebooks)
    assert found.empty, (
        "verdict notes cite numbers their evidence chapter does not show (stale after a refresh?):\n"
        + found.to_string(index=False)
    )


def test_testable_flag_agrees_with_the_verdict():
    """A claim we judged on evidence is testable; one we could not test is not (the counts in the book use both)."""
    claims = pd.read_csv(CURATED_DIR / "corpus" / "claims.csv", dtype=str, keep_default_na=False)
    judged = claims["verdict"].isin(["supported", "partly_supported", "contradicted"])
    mismatched = claims[judged.ne(claims["testable"].eq("yes"))]
    assert mismatched.empty, mismatched[["claim_id", "testable", "verdict"]].to_string(index=False)


def test_fill_note_formats_glued_values_like_the_glue_role():
    values = {"gap": 12.9833, "share": "0.7102", "lab": "'Alibaba'", "labs": 8}
    note = "Gap {gap:.1f} points; {share:.0%} open; {lab} is 1 of {labs}."
    assert ledger.fill_note(note, values) == "Gap 13.0 points; 71% open; Alibaba is 1 of 8."
    assert ledger.note_keys(note) == ["gap", "share", "lab", "labs"]


def test_fill_note_rejects_a_name_the_chapter_does_not_glue():
    with pytest.raises(KeyError, match=r"C007 cites \{stale_key\}"):
        ledger.fill_note("Ratio {stale_key:.1f}.", {"gap": 1.0}, "C007")


def test_fill_notes_fills_only_the_given_chapters():
    claims = claims_frame().assign(
        evidence_link=["01_adoption.html#sec-x", "02_cost_control.html", ""],
        verdict_note=["Gap {gap:.1f}.", "Ratio {ratio:.0f}.", ""],
    )
    filled = ledger.fill_notes(claims, {"01_adoption": {"gap": 3.14159}})
    assert filled["verdict_note"].tolist() == ["Gap 3.1.", "Ratio {ratio:.0f}.", ""]
    assert claims["verdict_note"].iloc[0] == "Gap {gap:.1f}."  # the input is not changed


def test_question_claims_filters_orders_fills_blanks_and_cites_glued_values():
    claims = claims_frame().assign(
        question=["adoption", "adoption", "policy"],
        claim_type=["empirical", "opinion", "empirical"],
        verdict=["supported", pd.NA, "contradicted"],
        evidence_link=["01_adoption.html#sec-x", pd.NA, "03_policy.html"],
        verdict_note=["Gap {gap:.1f} points.", pd.NA, "x"],
    )
    claims = claims.iloc[[1, 0, 2]]  # out of order
    table = ledger.question_claims(claims, "adoption", {"gap": 12.98})
    assert table.columns.tolist() == ledger.CHAPTER_CLAIM_COLUMNS
    assert table["claim_id"].tolist() == ["C001", "C002"]
    assert table["verdict"].tolist() == ["supported", ""]
    assert table["verdict_note"].tolist() == ["Gap 13.0 points.", ""]
    assert ledger.question_claims(claims, "adoption")["verdict_note"].iloc[0] == "Gap {gap:.1f} points."
    with pytest.raises(KeyError, match="C001 cites {gap}"):
        ledger.question_claims(claims, "adoption", {})
    with pytest.raises(ValueError, match="unknown question 'adoptoin'"):
        ledger.question_claims(claims, "adoptoin")
    assert ledger.question_verdicts(claims, "adoption").to_dict() == {"C001": "supported", "C002": "pending"}
    counts = ledger.verdict_counts(claims, "adoption")
    assert counts.values.tolist() == [["Supported", 1], ["Pending", 1]]
    shown = ledger.closing_table(claims, "adoption", {"gap": 12.98})
    assert readable(shown).columns.tolist() == [
        "Claim",
        "Kind of claim",
        "What the article says (our paraphrase)",
        "Verdict",
        "Why",
    ]
    assert shown["verdict"].tolist() == ["Supported", "No verdict"]
    assert ledger.verdict_label("partly_supported") == "Partly supported"
    with pytest.raises(ValueError, match="unknown verdict 'suported'"):
        ledger.verdict_label("suported")


def test_cited_names_must_be_glued_by_the_evidence_chapter_and_typed_numbers_still_checked():
    chapter = _notebook("Prose without numbers.", {"gap": "12.9833"}, "")
    claims = claims_frame().assign(
        evidence_link=["01_adoption.html"] * 3,
        verdict_note=["Gap {gap:.1f} points.", "Gap {old_gap:.1f} points.", "Gap {gap:.1f}, was 11.5."],
    )
    notebooks = {"01_adoption": chapter}
    assert ledger.unknown_note_keys(claims, notebooks).values.tolist() == [["C002", "01_adoption", "old_gap"]]
    assert ledger.unsupported_note_numbers(claims, notebooks)["number"].tolist() == ["11.5"]


def test_every_name_a_verdict_note_cites_is_glued_by_its_chapter():
    claims = pd.read_csv(CURATED_DIR / "corpus" / "claims.csv", dtype=str, keep_default_na=False)
    notebooks = {
        p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(CHAPTERS_DIR.glob("*.ipynb"))
    }
    found = ledger.unknown_note_keys(claims, notebooks)
    assert found.empty, "verdict notes cite names their chapter does not glue:\n" + found.to_string(
        index=False
    )


def test_articles_are_labelled_by_the_copy_we_read_then_the_original():
    documents = pd.DataFrame(
        {
            "doc_id": ["002_abc", "003_def", "005_ghi"],
            "outlet": ["Archyworldys", "Reuters Breakingviews", "Some blog"],
            "original_outlet": ["South China Morning Post", "Reuters Breakingviews", None],
        }
    )
    labels = [ledger.article_label(row) for _, row in documents.iterrows()]
    assert labels == [
        "002 Archyworldys, after South China Morning Post",
        "003 Reuters Breakingviews",
        "005 Some blog",
    ]
    claims = pd.DataFrame({"doc_id": ["002_abc", "002_abc"], "verdict": ["supported", "contradicted"]})
    table = ledger.summary_by_article(claims, documents)
    assert list(table.index) == ["002 Archyworldys, after South China Morning Post"]


def test_closing_table_fills_notes_from_the_page_that_shows_it_and_from_sub_pages():
    claims = claims_frame().assign(
        question=["adoption", "adoption", "adoption"],
        claim_type=["empirical"] * 3,
        verdict=["supported"] * 3,
        evidence_link=["01_adoption.html#sec-x", "01_2_capability.html#sec-y", "01_1_releases.html"],
        verdict_note=["Tax {tax:.1f}.", "Gap {gap:.1f}.", "Share {share:.0%}."],
    )
    sub_pages = {"01_2_capability": {"gap": 12.98}, "01_1_releases": {"share": 0.7}}
    table = ledger.closing_table(claims, "adoption", {"tax": 3.04}, sub_pages)
    assert table["verdict_note"].tolist() == ["Tax 3.0.", "Gap 13.0.", "Share 70%."]
    # a sub-page shows only the claims whose evidence is on it, filled from its own values
    here = ledger.with_evidence_in(claims, "01_2_capability")
    assert here["claim_id"].tolist() == ["C002"]
    shown = ledger.closing_table(here, "adoption", {"gap": 9.04}, page="01_2_capability")
    assert shown["verdict_note"].tolist() == ["Gap 9.0."]
    # a note whose page's values were not passed is an error, not a raw {name} in the book
    with pytest.raises(ValueError, match=r"C002, C003 cite values of 01_1_releases, 01_2_capability"):
        ledger.closing_table(claims, "adoption", {"tax": 3.04})


def test_chapter_glued_reads_a_pages_values_from_the_findings_table(tmp_path):
    table = tmp_path / "findings.csv"
    table.write_text(
        "chapter,name,value,kind,unit,data_date,source_tables\n"
        "01_2_capability,gap,12.9833,number,ECI points,2026-07-01,eci_models\n"
        "01_2_capability,model,'Kimi K2.5',text,text,2026-07-01,eci_models\n"
        "01_2_capability,months,7,integer,months,2026-07-01,eci_models\n"
        "01_2_capability,when,2026-04-08,text,text,2026-07-01,eci_models\n",
        encoding="utf-8",
    )
    values = ledger.chapter_glued("01_2_capability", table)
    assert values == {"gap": 12.9833, "model": "Kimi K2.5", "months": 7, "when": "2026-04-08"}
    with pytest.raises(KeyError, match="no findings for page '01_9_missing'.*01_2_capability"):
        ledger.chapter_glued("01_9_missing", table)


def test_chapter_one_reads_the_values_its_sub_pages_committed():
    values = ledger.chapter_glued("01_2_capability")
    assert isinstance(values["eci_gap_points_latest"], float) and isinstance(
        values["eci_best_open_model"], str
    )
