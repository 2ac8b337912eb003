"""The press corpus: which questions the five articles raise, what kind of claims they make, what is testable.

Inputs are the curated tables `corpus/documents` and `corpus/claims` (our paraphrases, never the
articles' text). Every function is pure and returns a sorted frame.
"""

from __future__ import annotations

import pandas as pd

from openweights.codes import CLAIM_TYPES, QUESTION_CHAPTER, QUESTION_LABELS, QUESTIONS  # noqa: F401


def documents_overview(documents: pd.DataFrame) -> pd.DataFrame:
    """One row per article: the copy we read (outlet, date), the original it derives from (outlet, author,
    date) and its length, ordered by the original's date, then the copy's (undated last)."""
    overview = pd.DataFrame(
        {
            "doc_id": documents["doc_id"],
            "outlet": documents["outlet"],
            "copy_publication_date": pd.to_datetime(documents["publication_date"], errors="coerce"),
            "original_outlet": documents["original_outlet"],
            "original_author": documents["original_author"].str.replace(";", ", ", regex=False),
            "original_publication_date": pd.to_datetime(
                documents["original_publication_date"], errors="coerce"
            ),
            "is_derivative": documents["is_derivative"],
            "word_count": pd.to_numeric(documents["word_count"]).astype(int),
        }
    )
    order = ["original_publication_date", "copy_publication_date", "doc_id"]
    return overview.sort_values(order, na_position="last").reset_index(drop=True)


def claims_by_question(claims: pd.DataFrame) -> pd.DataFrame:
    """Counts of claims per article (rows) and question (columns, in fixed order), with totals."""
    table = pd.crosstab(claims["doc_id"], claims["question"]).reindex(columns=list(QUESTIONS), fill_value=0)
    table = table.sort_index()
    table.loc["total"] = table.sum()
    table["total"] = table.sum(axis=1)
    return table


def claim_type_mix(claims: pd.DataFrame) -> pd.DataFrame:
    """Share of each claim type within each question (rows sum to 1)."""
    table = pd.crosstab(claims["question"], claims["claim_type"], normalize="index")
    return table.reindex(
        index=[q for q in QUESTIONS if q in table.index], columns=list(CLAIM_TYPES), fill_value=0.0
    )


def split_list(series: pd.Series) -> pd.Series:
    """Explode a ';'-separated column into one stripped value per row, dropping blanks."""
    values = series.fillna("").astype(str).str.split(";").explode().str.strip()
    return values[values != ""]


def actor_counts(claims: pd.DataFrame, top: int = 15) -> pd.DataFrame:
    """How many claims name each actor, most named first (ties alphabetical)."""
    actors = split_list(claims["actors"])
    counts = actors.value_counts().rename_axis("actor").reset_index(name="claims")
    counts = counts.sort_values(["claims", "actor"], ascending=[False, True]).reset_index(drop=True)
    return counts.head(top)


def cited_figures(claims: pd.DataFrame) -> pd.DataFrame:
    """Claims that cite a number, with its value, unit and context."""
    numeric = pd.to_numeric(claims["figure_value"], errors="coerce")
    cited = claims.loc[
        numeric.notna(), ["claim_id", "doc_id", "figure_value", "figure_unit", "figure_context"]
    ]
    return cited.sort_values("claim_id").reset_index(drop=True)


def testable_share(claims: pd.DataFrame) -> pd.DataFrame:
    """Per question: number of claims, number testable with data, and the testable share in per cent."""
    grouped = claims.assign(is_testable=claims["testable"].eq("yes")).groupby("question")["is_testable"]
    table = pd.DataFrame({"claims": grouped.size(), "testable": grouped.sum().astype(int)})
    table["percent_testable"] = (100 * table["testable"] / table["claims"]).round(0).astype(int)
    return table.reindex([q for q in QUESTIONS if q in table.index])


def claims_to_test(claims: pd.DataFrame) -> pd.DataFrame:
    """The testable claims, with the chapter that will test each, ordered by chapter and claim id."""
    testable = claims[claims["testable"].eq("yes") & claims["question"].isin(list(QUESTION_CHAPTER))].copy()
    testable["chapter"] = testable["question"].map(QUESTION_CHAPTER)
    columns = ["chapter", "claim_id", "doc_id", "claim_type", "paraphrase", "test_plan"]
    return testable[columns].sort_values(["chapter", "claim_id"]).reset_index(drop=True)
