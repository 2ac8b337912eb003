import pandas as pd

from openweights.analysis import corpus
from openweights.tables import readable


def claims():
    return pd.DataFrame(
        {
            "claim_id": ["C3", "C1", "C2", "C4"],
            "doc_id": ["d2", "d1", "d1", "d2"],
            "question": ["policy", "adoption", "adoption", "context"],
            "claim_type": ["opinion", "empirical", "forecast", "empirical"],
            "actors": ["US government; DeepSeek", "DeepSeek", "", "Alibaba;DeepSeek"],
            "testable": ["no", "yes", "yes", "yes"],
            "paraphrase": ["p3", "p1", "p2", "p4"],
            "test_plan": ["", "t1", "t2", "t4"],
            "figure_value": ["", "12", "n/a", "3.5"],
            "figure_unit": ["", "%", "", "bn USD"],
            "figure_context": ["", "share", "", "value"],
        }
    )


def test_claims_by_question_counts_with_totals_in_fixed_order():
    table = corpus.claims_by_question(claims())
    assert list(table.columns) == [*corpus.QUESTIONS, "total"]
    assert table.loc["d1", "adoption"] == 2 and table.loc["total", "total"] == 4


def test_testable_share_is_in_whole_per_cent():
    table = corpus.testable_share(claims())
    assert table.index.tolist() == ["adoption", "policy", "context"]
    assert table["percent_testable"].tolist() == [100, 0, 100]


def test_actor_counts_split_lists_and_break_ties_alphabetically():
    counts = corpus.actor_counts(claims())
    assert counts.iloc[0].tolist() == ["DeepSeek", 3]
    assert counts["actor"].tolist()[1:] == ["Alibaba", "US government"]


def test_cited_figures_keep_numbers_only_and_claims_to_test_skip_context():
    assert corpus.cited_figures(claims())["claim_id"].tolist() == ["C1", "C4"]
    to_test = corpus.claims_to_test(claims())
    assert to_test["claim_id"].tolist() == ["C1", "C2"]
    assert set(to_test["chapter"]) == {"01_adoption"}


def test_documents_overview_names_the_original_and_orders_by_its_date():
    documents = pd.DataFrame(
        {
            "doc_id": ["002_b", "001_a", "003_c", "004_d"],
            "outlet": ["B", "A", "C", "D"],
            "original_outlet": ["", "", "B", "E"],
            "author": ["x", "y", "z (translator)", ""],
            "original_author": [None, None, "Kahn", "Tobin;Metz"],
            "publication_date": ["2026-02-01", "2026-03-01", "", ""],
            "original_publication_date": [None, None, "2025-11-25", None],
            "is_derivative": [False, False, True, True],
            "word_count": ["900", "1200", "400", "500"],
        }
    )
    overview = corpus.documents_overview(documents)
    assert readable(overview).columns.tolist() == [
        "Article",
        "Outlet",
        "Copy published",
        "Original outlet",
        "Original author",
        "Original published",
        "Copy of another outlet's piece",
        "Words",
    ]
    # by the original's date, then the copy's; undated last
    assert overview["doc_id"].tolist() == ["003_c", "002_b", "001_a", "004_d"]
    assert overview.loc[0, "original_author"] == "Kahn"  # the author, not the copy's translator
    assert overview.loc[3, "original_author"] == "Tobin, Metz"
    assert overview["word_count"].tolist() == [400, 900, 1200, 500]
