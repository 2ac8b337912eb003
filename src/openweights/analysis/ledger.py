"""The claims ledger: every corpus claim with the verdict of the chapter that tested it.

Chapters decide verdicts; `merge_verdicts` writes them into `data/curated/corpus/claims.csv`
(tools/merge_verdicts.py), and the ledger chapter reads them back from there.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable, Mapping
from pathlib import Path, PurePosixPath
from typing import Any

import pandas as pd
from myst_nb.core.variables import format_plain_text

from openweights.codes import QUESTION_CHAPTER, QUESTION_LABELS, QUESTIONS, VERDICT_LABELS, VERDICTS
from openweights.paths import CHAPTERS_DIR

# How the chapters' verdict counts and drivers table show a claim not yet judged.
PENDING = "pending"
VERDICT_COLUMNS = ("verdict", "evidence_link", "verdict_note")
# What a question chapter shows of its own claims, in its closing section.
CHAPTER_CLAIM_COLUMNS = ["claim_id", "claim_type", "paraphrase", "verdict", "verdict_note"]


def verdict_label(verdict: str) -> str:
    """A verdict code in words ("partly_supported" -> "Partly supported"); "pending" -> "Pending"."""
    if verdict == PENDING:
        return "Pending"
    if verdict not in VERDICT_LABELS:
        raise ValueError(f"unknown verdict {verdict!r}; expected one of {[*VERDICTS, PENDING]}")
    return VERDICT_LABELS[verdict]


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


def question_claims(
    claims: pd.DataFrame,
    question: str,
    glued: Mapping[str, Any] | None = None,
    sub_pages: Mapping[str, Mapping[str, Any]] | None = None,
    page: str | None = None,
) -> pd.DataFrame:
    """One question's claims with their verdicts, ordered by claim id: the table that closes its chapter.

    ``glued`` is the glued values of the page that shows the table (:func:`openweights.gluing.glued`), by
    default the question's chapter, or ``page`` (a stem such as "01_2_capability"); verdict notes whose
    evidence lies on that page have their {name} citations filled from it. ``sub_pages`` maps the stem of
    each of the chapter's sub-pages to its glued values (:func:`chapter_glued`), for notes whose evidence
    lies there. A note left with a citation unfilled is an error. Claims not yet judged show an empty
    verdict and note.
    """
    if question not in QUESTION_CHAPTER:
        raise ValueError(f"unknown question {question!r}; expected one of {sorted(QUESTION_CHAPTER)}")
    rows = claims[claims["question"].eq(question)]
    if glued is not None:
        rows = fill_notes(rows, {**(sub_pages or {}), page or QUESTION_CHAPTER[question]: glued})
        unfilled = rows[rows["verdict_note"].map(note_keys).map(bool)]
        if len(unfilled):
            pages = ", ".join(sorted({evidence_chapter(link) for link in unfilled["evidence_link"]}))
            ids = ", ".join(unfilled["claim_id"])
            raise ValueError(
                f"verdict notes of {ids} cite values of {pages}: pass that page's values as sub_pages"
            )
    rows = rows.assign(**{c: rows[c].map(_text) for c in ("verdict", "verdict_note")})
    return rows[CHAPTER_CLAIM_COLUMNS].sort_values("claim_id", ignore_index=True)


def closing_table(
    claims: pd.DataFrame,
    question: str,
    glued: Mapping[str, Any] | None = None,
    sub_pages: Mapping[str, Mapping[str, Any]] | None = None,
    page: str | None = None,
) -> pd.DataFrame:
    """:func:`question_claims` as a chapter shows it, with verdicts in words (headers come from `readable`)."""
    table = question_claims(claims, question, glued, sub_pages, page)
    table["verdict"] = table["verdict"].map(verdict_label)
    return table


def question_verdicts(claims: pd.DataFrame, question: str) -> pd.Series:
    """Verdict of each of one question's claims, indexed by claim id ("pending" when not judged)."""
    rows = question_claims(claims, question)
    return rows.set_index("claim_id")["verdict"].replace("", PENDING)


def verdict_counts(claims: pd.DataFrame, question: str) -> pd.DataFrame:
    """How many of one question's claims got each verdict, in the fixed order ("pending" when not judged)."""
    verdicts = question_verdicts(claims, question)
    counts = verdicts.value_counts().reindex([*VERDICTS, PENDING], fill_value=0)
    counts = counts[counts > 0]
    counts.index = counts.index.map(verdict_label)
    return counts.rename_axis("verdict").reset_index(name="claims")


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


def article_label(document: pd.Series) -> str:
    """The copy we read, then the original it draws on: "002 Archyworldys, after South China Morning Post".

    Claims are taken from the copy in the corpus, which may abridge or blend its original, so the copy's
    outlet leads and the original outlet only follows.
    """
    number = str(document["doc_id"])[:3]
    outlet, original = _text(document.get("outlet")), _text(document.get("original_outlet"))
    label = f"{number} {outlet}".strip()
    return f"{label}, after {original}" if original and original != outlet else label


def summary_by_article(claims: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    table = _verdict_table(claims, "doc_id", sorted(claims["doc_id"].unique()))
    labels = {row["doc_id"]: article_label(row) for _, row in documents.iterrows()}
    table.index = [labels.get(doc, doc[:3]) for doc in table.index]
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


# Numbers in verdict notes are typed by the curator; these helpers check each one against the numbers
# that the evidence chapter shows, so that a refresh which moves a number cannot leave a note stale.
_NUMBER = re.compile(r"(?<![\w.])\d[\d,]*(?:\.\d+)?")
_GLUE_ROLE = re.compile(r"\{glue:text\}`(?:([\w/.-]+\.ipynb)::)?(\w+)(?::([^`]+))?`")
_GLUE_MIME = "application/papermill.record/text/plain"


def numbers_in(text: str) -> set[str]:
    """Every number written in ``text``, without thousands separators ("1,200.5" -> "1200.5")."""
    return {match.replace(",", "") for match in _NUMBER.findall(text)}


def glued_values(notebook: dict) -> dict[str, str]:
    """The plain-text value of every ``glue`` in an executed notebook (as JSON), by name."""
    values = {}
    for cell in notebook.get("cells", []):
        for output in cell.get("outputs", []):
            name = output.get("metadata", {}).get("scrapbook", {}).get("name")
            if name and _GLUE_MIME in output.get("data", {}):
                values[name] = output["data"][_GLUE_MIME]
    return values


def glued_by_chapter(notebooks: Mapping[str, dict]) -> dict[str, dict[str, str]]:
    """:func:`glued_values` of each executed notebook, keyed as ``notebooks`` is (by chapter stem)."""
    return {name: glued_values(notebook) for name, notebook in notebooks.items()}


def _formatted(raw: str, spec: str) -> str:
    """A glued value as the ``{glue:text}`` role shows it with format ``spec`` (MyST-NB's own formatting)."""
    return format_plain_text(raw, spec or "")


def shown_numbers(
    stem: str,
    notebooks: dict[str, dict],
    skip_texts: Iterable[str] = (),
    glued: dict[str, dict[str, str]] | None = None,
) -> set[str]:
    """The numbers that chapter ``stem`` shows: its prose, its glued values as formatted there, and its
    outputs, except outputs that contain one of ``skip_texts`` (the verdict tables that print the notes).
    ``glued`` is :func:`glued_by_chapter` of ``notebooks`` (computed here when not given)."""
    if glued is None:
        glued = glued_by_chapter(notebooks)
    shown: set[str] = set()
    for cell in notebooks[stem].get("cells", []):
        source = "".join(cell.get("source", []))
        if cell.get("cell_type") == "markdown":
            for path, name, spec in _GLUE_ROLE.findall(source):
                owner = PurePosixPath(path).stem if path else stem
                if name in glued.get(owner, {}):
                    shown |= numbers_in(_formatted(glued[owner][name], spec))
            shown |= numbers_in(_GLUE_ROLE.sub("", source))
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            text = data.get("text/html") or data.get("text/plain") or output.get("text") or ""
            text = "".join(text) if isinstance(text, list) else text
            if not any(skip in text for skip in skip_texts):
                shown |= numbers_in(text)
    return shown


# A verdict note can cite a value its evidence chapter glues, as {name} or {name:format} (Python format spec,
# as in the {glue:text} role): the ledger and the chapter then print the computed value, never a typed one.
_PLACEHOLDER = re.compile(r"\{(\w+)(?::([^{}]*))?\}")


def evidence_chapter(link: Any) -> str:
    """The chapter stem of an evidence link ("01_adoption.html#sec-x" -> "01_adoption")."""
    return _text(link).split(".html", 1)[0]


def note_keys(note: Any) -> list[str]:
    """The glue names a verdict note cites, in order."""
    return [name for name, _ in _PLACEHOLDER.findall(_text(note))]


def _render(value: Any, spec: str) -> str:
    # Values read back from a notebook are text; values from the running chapter are Python objects.
    return _formatted(value, spec) if isinstance(value, str) else format(value, spec)


def fill_note(note: Any, values: Mapping[str, Any], where: str = "verdict note") -> str:
    """``note`` with each {name} or {name:format} replaced by the glued value; an unknown name is an error."""

    def replace(match: re.Match) -> str:
        name, spec = match.group(1), match.group(2) or ""
        if name not in values:
            raise KeyError(f"{where} cites {{{name}}}, which its evidence chapter does not glue")
        return _render(values[name], spec)

    return _PLACEHOLDER.sub(replace, _text(note))


def fill_notes(claims: pd.DataFrame, values_by_chapter: Mapping[str, Mapping[str, Any]]) -> pd.DataFrame:
    """Claims with the verdict notes of the given chapters filled from their glued values.

    ``values_by_chapter`` maps a chapter stem ("01_adoption") to its glued values: :func:`openweights.gluing.glued`
    inside a chapter, :func:`chapter_values` for the ledger. Notes whose evidence lies in another chapter are
    left as they are.
    """
    out = claims.copy()
    for index, record in out.iterrows():
        stem = evidence_chapter(record["evidence_link"])
        if stem in values_by_chapter and note_keys(record["verdict_note"]):
            where = f"the verdict note of {record['claim_id']}"
            out.at[index, "verdict_note"] = fill_note(record["verdict_note"], values_by_chapter[stem], where)
    return out


def chapter_values(chapters_dir: Path | None = None) -> dict[str, dict[str, str]]:
    """The glued values of every executed chapter notebook in ``chapters_dir`` (default: the book's), by stem.

    These are the outputs committed with the notebooks; the notebook tests (nbval) check that they are what a
    fresh run computes.
    """
    chapters_dir = CHAPTERS_DIR if chapters_dir is None else chapters_dir
    paths = sorted(Path(chapters_dir).glob("*.ipynb"))
    return glued_by_chapter({path.stem: json.loads(path.read_text(encoding="utf-8")) for path in paths})


def chapter_glued(stem: str, findings_path: Path | None = None) -> dict[str, Any]:
    """The values that chapter page ``stem`` glued, as Python numbers and strings, read from the committed findings
    table (:mod:`openweights.findings`), never from another notebook's outputs.

    A chapter reads its sub-pages' values this way for its computed tables; ``findings check`` (a test) fails
    when the table no longer matches what the chapters glue.
    """
    from openweights import findings

    return findings.values(stem, findings_path)


def with_evidence_in(claims: pd.DataFrame, stem: str) -> pd.DataFrame:
    """The claims whose evidence link points into chapter page ``stem``."""
    return claims[claims["evidence_link"].map(evidence_chapter).eq(stem)]


def unknown_note_keys(claims: pd.DataFrame, notebooks: dict[str, dict]) -> pd.DataFrame:
    """Glue names cited by verdict notes that the claim's evidence chapter does not glue."""
    glued = glued_by_chapter(notebooks)
    rows = [
        (record.claim_id, evidence_chapter(record.evidence_link), key)
        for record in claims.itertuples()
        for key in note_keys(record.verdict_note)
        if key not in glued.get(evidence_chapter(record.evidence_link), {})
    ]
    return pd.DataFrame(rows, columns=["claim_id", "chapter", "key"])


def _filled_or_raw(note: Any, values: Mapping[str, Any]) -> str:
    try:
        return fill_note(note, values)
    except KeyError:  # reported by unknown_note_keys
        return _text(note)


def unsupported_note_numbers(claims: pd.DataFrame, notebooks: dict[str, dict]) -> pd.DataFrame:
    """Numbers in verdict notes that the claim's evidence chapter does not show anywhere.

    ``notebooks`` maps a chapter's file stem ("01_adoption") to the executed notebook as JSON. A note whose
    evidence link names no chapter in ``notebooks`` is reported with number "" so it cannot slip through.
    """
    notes = claims[claims["verdict_note"].fillna("").astype(str).str.strip().ne("")]
    glued = glued_by_chapter(notebooks)
    # the chapters print the notes filled in, so that is the text to recognise and skip
    skip = [
        _filled_or_raw(record.verdict_note, glued.get(evidence_chapter(record.evidence_link), {}))[:40]
        for record in notes.itertuples()
    ]
    shown = {}
    rows = []
    for record in notes.itertuples():
        stem = evidence_chapter(record.evidence_link)
        if stem not in notebooks:
            rows.append((record.claim_id, stem, ""))
            continue
        if stem not in shown:
            shown[stem] = shown_numbers(stem, notebooks, skip, glued)
        typed = _PLACEHOLDER.sub("", record.verdict_note)  # cited values are glued, hence shown
        rows += [(record.claim_id, stem, n) for n in sorted(numbers_in(typed) - shown[stem])]
    return pd.DataFrame(rows, columns=["claim_id", "chapter", "number"])
