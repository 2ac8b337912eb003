"""The claims ledger: every corpus claim with the verdict of the chapter that tested it.

Chapters decide verdicts; `merge_verdicts` writes them into `data/curated/corpus/claims.csv`
(tools/merge_verdicts.py), and the ledger chapter reads them back from there.
"""

from __future__ import annotations

import html

import pandas as pd

from openweights.analysis.corpus import QUESTION_LABELS, QUESTIONS

VERDICTS = ("supported", "partly_supported", "contradicted", "not_testable")
VERDICT_LABELS = {
    "supported": "Supported",
    "partly_supported": "Partly supported",
    "contradicted": "Contradicted",
    "not_testable": "Not testable with our data",
    "": "No verdict",
}
VERDICT_COLUMNS = ("verdict", "evidence_link", "verdict_note")


def merge_verdicts(claims: pd.DataFrame, verdicts: pd.DataFrame) -> pd.DataFrame:
    """Write `verdicts` (claim_id, verdict, evidence_link, verdict_note) into the claims table.

    Fails on an unknown claim id, a claim judged twice, or a verdict outside the fixed set, so that a
    typo never silently drops a verdict.
    """
    unknown = sorted(set(verdicts["claim_id"]) - set(claims["claim_id"]))
    if unknown:
        raise ValueError(f"verdicts for unknown claim ids: {unknown}")
    doubled = sorted(verdicts.loc[verdicts["claim_id"].duplicated(), "claim_id"])
    if doubled:
        raise ValueError(f"claims judged more than once: {doubled}")
    bad = sorted(set(verdicts["verdict"]) - set(VERDICTS))
    if bad:
        raise ValueError(f"verdicts outside {VERDICTS}: {bad}")
    merged = claims.set_index("claim_id")
    update = verdicts.set_index("claim_id")[list(VERDICT_COLUMNS)].astype(str)
    for column in VERDICT_COLUMNS:
        merged[column] = merged[column].astype(object)
    merged.loc[update.index, list(VERDICT_COLUMNS)] = update
    return merged.reset_index()[list(claims.columns)]


def missing_verdicts(claims: pd.DataFrame) -> pd.DataFrame:
    """Testable claims that still have no verdict (the ledger requires none)."""
    verdict = claims["verdict"].fillna("").astype(str).str.strip()
    return claims[claims["testable"].eq("yes") & verdict.eq("")][["claim_id", "doc_id", "question"]]


def _verdict_table(claims: pd.DataFrame, by: str, order) -> pd.DataFrame:
    verdict = claims["verdict"].fillna("").astype(str)
    table = pd.crosstab(claims[by], verdict).reindex(columns=[*VERDICTS, ""], fill_value=0)
    table = table.reindex([v for v in order if v in table.index])
    table.columns = [VERDICT_LABELS[c] for c in table.columns]
    table = table.loc[:, table.sum() > 0]
    table["Total"] = table.sum(axis=1)
    return table


def summary_by_question(claims: pd.DataFrame) -> pd.DataFrame:
    table = _verdict_table(claims, "question", QUESTIONS)
    table.index = [QUESTION_LABELS[q] for q in table.index]
    return table.rename_axis("Question")


def summary_by_article(claims: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    table = _verdict_table(claims, "doc_id", sorted(claims["doc_id"].unique()))
    outlets = documents.set_index("doc_id")["original_outlet"].fillna("")
    table.index = [f"{doc[:3]} {outlets.get(doc, '')}".strip() for doc in table.index]
    return table.rename_axis("Article")


def _text(value) -> str:
    """A cell as text, with NA and None as the empty string (never "nan")."""
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)


def ledger_html(claims: pd.DataFrame, question: str | None = None) -> str:
    """An HTML table of claims with their verdicts and a link to the evidence, ordered by claim id."""
    rows = claims if question is None else claims[claims["question"].eq(question)]
    rows = rows.sort_values("claim_id")
    lines = [
        '<table class="table ledger">',
        "<thead><tr><th>Claim</th><th>Article</th><th>Claim (our paraphrase)</th><th>Verdict</th>"
        "<th>Why</th></tr></thead>",
        "<tbody>",
    ]
    for record in rows.itertuples():
        verdict = VERDICT_LABELS.get(_text(record.verdict), _text(record.verdict))
        link = _text(record.evidence_link)
        verdict_cell = f'<a href="{html.escape(link)}">{verdict}</a>' if link else verdict
        lines.append(
            f"<tr><td>{record.claim_id}</td><td>{record.doc_id[:3]}</td><td>{html.escape(record.paraphrase)}</td>"
            f"<td>{verdict_cell}</td><td>{html.escape(_text(record.verdict_note))}</td></tr>"
        )
    lines += ["</tbody>", "</table>"]
    return "\n".join(lines)
