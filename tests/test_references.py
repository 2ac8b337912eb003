"""The bibliography: every in-text label (first author and year) points at one work only."""

from collections import Counter
from pathlib import Path

from pybtex.database import parse_file, parse_string

BIB = Path(__file__).resolve().parents[1] / "references.bib"


def _labels(entries) -> Counter:
    labels = Counter()
    for entry in entries.values():
        people = entry.persons.get("author", [])
        first = str(people[0]).strip("{}") if people else ""
        labels[(first, entry.fields.get("year", ""))] += 1
    return labels


def test_author_year_labels_are_unambiguous():
    # Two works of one author in one year need a suffix (2026a, 2026b), or "Hugging Face, 2026" names both.
    repeated = {label: n for label, n in _labels(parse_file(BIB).entries).items() if n > 1}
    assert not repeated, f"add a/b to the year of: {repeated}"


def test_the_label_check_fails_on_a_repeated_label():
    text = "\n".join(
        f"@misc{{k{i}, author = {{{{Hugging Face}}}}, title = {{T{i}}}, year = {{2026}}}}" for i in range(2)
    )
    assert _labels(parse_string(text, "bibtex").entries)[("Hugging Face", "2026")] == 2
