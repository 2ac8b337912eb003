"""Claims ledger: merging verdicts, summaries, and the rule that every testable claim has a verdict."""

import pandas as pd
import pytest

from openweights.analysis import ledger
from openweights.paths import CURATED_DIR


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
