"""Tables as the book shows them: headers in words (field titles, `HEADER_LABELS`), coded values and lab ids as names,
rounded floats, dates as text, yes and no for True and False, and a missing value as a dash, not as NaN,
<NA>, NaT or None."""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import urlparse

import pandas as pd

from openweights.codes import (
    INSTRUMENT_LABELS,
    LEVEL_LABELS,
    QUESTION_CHAPTER,
    QUESTION_LABELS,
    TARGET_LABELS,
)
from openweights.fields import FIELDS, field_title

BLANK = "–"  # en dash: "no value", as in printed statistical tables


def dates_as_text(dates: pd.Series, monthly: bool = False) -> pd.Series:
    """Datetimes as ``YYYY-MM-DD`` text (``YYYY-MM`` when `monthly`); missing dates stay missing."""
    return dates.dt.strftime("%Y-%m" if monthly else "%Y-%m-%d").astype("string")


def sites(*urls: pd.Series) -> pd.Series:
    """Per row, the site of each source URL without "www." ("cdn.deepseek.com"), several joined by "; ";
    a missing URL is skipped."""
    hosts = [
        u.map(lambda v: urlparse(v).netloc.removeprefix("www.") if isinstance(v, str) else "") for u in urls
    ]
    return pd.concat(hosts, axis=1).apply(lambda row: "; ".join(h for h in row if h), axis=1).astype(object)


def running_list(names) -> str:
    """Names as running text, sorted and without repeats: "A", "A and B", "A, B and C" ("none" if empty)."""
    names = sorted({str(name) for name in names})
    if not names:
        return "none"
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def tidy(frame: pd.DataFrame, decimals: int = 1, lab_names: Mapping[str, str] | None = None) -> pd.DataFrame:
    """A frame for display: floats rounded to ``decimals``, dates as ``YYYY-MM-DD`` (months as ``YYYY-MM``),
    then as `readable` shows it."""
    out = frame.copy()
    for column in out.columns:
        if pd.api.types.is_datetime64_any_dtype(out[column]):
            out[column] = dates_as_text(out[column], monthly=column == "month")
        elif pd.api.types.is_float_dtype(out[column]):
            out[column] = out[column].round(decimals)
    return readable(out, lab_names=lab_names)


def decimals_needed(values: pd.Series, most: int = 6) -> int:
    """The fewest decimals (at most `most`) that show every value of a float column exactly as it is."""
    numbers = values.dropna().astype(float)
    for decimals in range(most + 1):
        if (numbers.round(decimals) - numbers).abs().le(1e-9).all():
            return decimals
    return most


def readable(
    frame: pd.DataFrame, blank: str = BLANK, lab_names: Mapping[str, str] | None = None
) -> pd.DataFrame:
    """`frame` as the book shows it: plain-English headers (`labelled`) and every missing cell as `blank`.

    A URL reads as its site (``reuters.com``), so that a table of sources stays narrow; the data files keep the
    whole address.

    True and False read "yes" and "no". Otherwise only columns that have a missing value change (to object
    dtype). Numbers keep their values, so round before calling; in such a column a float prints with the
    decimals its most precise value needs, so the column reads 2.150, 1.522 and not 2.15, 1.522. Dates in
    such a column print as ``YYYY-MM-DD``.
    """
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"readable() takes a DataFrame, not {type(frame).__name__}")
    out = frame.copy()
    for column in out.columns:
        if (out[column].dtype == object or pd.api.types.is_string_dtype(out[column])) and out[column].map(
            _is_url
        ).any():
            out[column] = out[column].map(lambda v: _site(v) if _is_url(v) else v)
        if pd.api.types.is_bool_dtype(out[column]) or _holds_only_booleans(out[column]):
            out[column] = (
                out[column].map(lambda v: v if pd.isna(v) else ("yes" if v else "no")).astype(object)
            )
    for column in out.columns[out.isna().any()]:
        values = out[column]
        if pd.api.types.is_datetime64_any_dtype(values):
            values = dates_as_text(values)
        elif pd.api.types.is_float_dtype(values):
            decimals = decimals_needed(values)
            values = values.map(lambda v, d=decimals: v if pd.isna(v) else f"{v:.{d}f}")
        out[column] = values.astype(object).where(values.notna(), blank)
    return labelled(out, lab_names=lab_names)


def _is_url(value: object) -> bool:
    return isinstance(value, str) and value.startswith(("http://", "https://")) and " " not in value


def _site(url: str) -> str:
    """A URL shown in a table as its site (``reuters.com``), so that a column of links stays narrow."""
    from urllib.parse import urlparse

    host = urlparse(url).hostname or url
    return host.removeprefix("www.")


def _holds_only_booleans(values: pd.Series) -> bool:
    """An object column whose values are all True or False (missing values aside), e.g. after a merge."""
    if values.dtype != object:
        return False
    present = values.dropna()
    return len(present) > 0 and all(isinstance(value, bool) for value in present)


# Processed tables named in a source column or header, as the reader knows them.
SOURCE_LABELS = {
    "epoch_models": "Epoch AI models",
    "eci_models": "Epoch Capabilities Index",
    "modelsdev_models": "models.dev",
}

# Names of the columns that analysis code derives (no data table stores them) as the reader sees them; a table's
# own columns take their titles from the field vocabulary (openweights.fields). Only these names change: a header
# that is a value of the data (a lab id such as "deepseek", a tokeniser such as "o200k_base", a quarter) is shown
# as it is, so a name missing here stays snake_case rather than being guessed at ("Deepseek", "O200k base").
# tests/test_notebooks_meta.py fails on any snake_case header, or any name listed here, left in a chapter's
# tables.
HEADER_LABELS = {
    "chinese_base": "On a Chinese base",
    "check": "Check",
    "refused": "Refused",
    "one_line": "One-line message",
    "names_the_place": "Names file, row, column",
    "output_unchanged": "Output unchanged",
    "passed": "Passed",
    "known_base": "Models with a known base",
    "covers": "Covers",
    "sample": "Sample",
    "best_closed_model": "Best closed model",
    "best_open_model": "Best open model",
    "open_gap": "Open–closed gap (ECI points)",
    "best_us_model": "Best US model",
    "best_cn_model": "Best Chinese model",
    "cn_us_gap": "US–China gap (ECI points)",
    "base_origin": "Base from",
    "providers_not_serving": "US labs not serving",
    "notable_models": "Notable models",
    "high_share": "Countries with a share of 16% or more",
    # identifiers, dates and sources
    "chapter": "Chapter",
    "claim": "Claim",
    "event": "What happened",
    "first": "First",
    "last": "Last",
    "month": "Month",
    "package": "Package",
    "path": "Path",
    "china_subject": "What the Chinese figure counts",
    "us_subject": "What the US figure counts",
    "reported_via": "Reported via",
    "resource": "Resource",
    "rows": "Rows",
    "sha256": "SHA-256 (first 12 digits)",
    "snapshot": "Snapshot",
    "sources": "Sources",
    **SOURCE_LABELS,
    "copy_publication_date": "Copy published",
    "version": "Version",
    "half_year": "Half-year",
    # models, labs and places
    "base_family": "Base model family",
    "bloc": "Bloc",
    "jurisdictions": "Jurisdictions",
    "segment": "Segment",
    "tokenizer": "Tokeniser",
    # counts and shares
    "claims": "Claims",
    "events": "Events",
    "facts": "Facts",
    "known": "Accessibility known",
    "models": "Models",
    "open": "Open-weight releases",
    "open_releases": "Open-weight releases",
    "open_share": "Open-weight share",
    "releases": "Releases",
    "share": "Share",
    "percent_testable": "Testable (%)",
    "total": "Total",
    "linked": "Linked",
    "link": "Link",
    # licences
    "unrestricted": "Unrestricted",
    "restricted": "Restricted",
    "noncommercial": "Non-commercial",
    "permissive_share": "Unrestricted share",
    # capability (Epoch Capabilities Index)
    "best_model": "Best model",
    "best_score": "Best ECI score",
    "best_us": "Best US ECI score",
    "best_china": "Best Chinese ECI score",
    "us_model": "Best US model",
    "china_model": "Best Chinese model",
    "capability": "ECI score",
    "closed_best_model": "Best closed model then",
    "closed_best_score": "Closed model's ECI score",
    "gap_points": "Gap (ECI points)",
    "llama2_best_model": "Best Llama 2 model",
    "llama2_best_score": "Llama 2 model's ECI score",
    "gap_points_llama2": "Gap to Llama 2 (points)",
    "us_best_model": "Best US model then",
    "us_best_score": "US model's ECI score",
    "gap_points_us": "Gap to US (points)",
    "threshold": "Minimum ECI score",
    "openness": "Openness",
    # prices (USD per million tokens, blended 3 input : 1 output unless named otherwise)
    "price": "Price (USD per Mtok)",
    "price_blended": "Blended price (USD per Mtok)",
    "price_cn_open": "Chinese open (USD per Mtok)",
    "price_west_open": "US and European open (USD per Mtok)",
    "price_us_closed": "US closed (USD per Mtok)",
    "ratio_west_open_to_cn_open": "US and European open ÷ Chinese open",
    "ratio_us_closed_to_cn_open": "US closed ÷ Chinese open",
    "cheapest_segment": "Cheapest segment",
    "usd_per_million_tokens": "Output price (USD per Mtok)",
    "min": "Minimum",
    "q25": "25th percentile",
    "median": "Median",
    "q75": "75th percentile",
    "max": "Maximum",
    "comparison": "Compared with",
    "median_ratio": "Median ratio",
    "share_within_10pct": "Share within 10%",
    "increase": "Increases",
    "decrease": "Decreases",
    "unchanged": "Unchanged",
    "largest_increase_pct": "Largest increase (%)",
    # hosting
    "median_hosts": "Median hosts",
    "mean_hosts": "Mean hosts",
    "max_hosts": "Most hosts",
    "share_multi_host": "Share with several hosts",
    "median_max_to_min": "Median dearest ÷ cheapest host",
    "median_first_party_to_median": "Median developer ÷ median host",
    # self-hosting break-even
    "api": "API compared",
    "api_price_per_mtok": "API price (USD per Mtok)",
    "selfhost_cost_per_mtok": "Self-hosting at assumed utilisation (USD per Mtok)",
    "monthly_fixed_cost_usd": "Fixed cost (USD per month)",
    "breakeven_billion_tokens_per_month": "Break-even (bn tokens per month)",
    "capacity_billion_tokens_per_month": "Capacity (bn tokens per month)",
    "utilisation_needed": "Utilisation needed",
    "breaks_even": "Can break even at full throughput",
    "comparator": "Compared with",
    "priced_options": "Priced options",
    "price_median": "Median price (USD per Mtok)",
    "breakeven_btok_median": "Break-even at median price (bn tokens per month)",
    "capacity_needed_cheapest": "Capacity needed at cheapest",
    "capacity_needed_median": "Capacity needed at median",
    "capacity_needed_dearest": "Capacity needed at dearest",
    "pair": "Pair",
    "china": "China",
    "united_states": "United States",
    "ratio": "Ratio",
    # policy
    "track": "Track",
    "restrict": "Restrict",
    "engage": "Engage",
    "neutral": "Neutral",
    "promote": "Promote",
    "promote_open_weights": "Promote open weights",
    "engage_china": "Engage China",
    "restrict_china": "Restrict China",
    "engages_china": "Engages China",
    "us_tie": "US tie",
    "hedges": "Hedges",
    "first_ban": "First ban",
    "bans": "Bans",
    # sustainability
    "flagship_half_year": "Flagship's half-year",
    "flagship": "Flagship",
    "basis": "Basis",
    "flagship_open": "Flagship open",
    "latest_half_year": "Latest half-year",
    "releases_latest_half": "Releases then",
    "open_latest_half": "Open then",
    "term": "Term",
    "odds_ratio": "Odds ratio",
    "bin": "Bin",
    "mean_predicted": "Mean predicted",
    "observed_share": "Observed share",
    "gap": "Observed − predicted",
    "variant": "Variant",
    "or_cn_us": "Odds ratio China ÷ US",
    "or_low": "Interval low",
    "or_high": "Interval high",
    "cn_trend": "China trend (odds per year)",
    "cn_trend_low": "Trend low",
    "cn_trend_high": "Trend high",
    "cn_direction": "China direction",
    "engine": "Funding engine",
    "backing": "Backing",
    "capex_pledge": "Capex pledge",
    "valuation": "Valuation",
    "revenue": "Revenue",
    "unconfirmed": "Unconfirmed",
    "chinese": "Chinese lab",
    "tightening": "Tightening",
    "theme": "Theme",
    "where": "Where",
    "scenario": "Scenario",
    "indicator": "Indicator",
    "reading": "Reading",
    "read_from": "Read from",
    "points_to_scenario_if": "Points to the scenario if",
    # the corpus
    "empirical": "Empirical",
    "forecast": "Forecast",
    "opinion": "Opinion",
    "anecdote": "Anecdote",
    "context": "Context",
    # the claims ledger
    "verdicts": "Verdicts",
    "driver": "Driver",
    "strength": "Strength",
}


def header_label(name, holds_names: bool = True):
    """How a column or axis name reads in a table: its title in the field vocabulary or its `HEADER_LABELS` entry, or else, for a column name
    (`holds_names`), a lower-case phrase ("kind of claim") with a capital; anything else (a value of the
    data such as a lab id, a label already set) unchanged."""
    if not isinstance(name, str):
        return name
    if name in FIELDS:
        return field_title(name)
    if name in HEADER_LABELS:
        return HEADER_LABELS[name]
    if holds_names and " " in name and name[:1].islower():
        return name[:1].upper() + name[1:]
    return name


def labelled(frame: pd.DataFrame, lab_names: Mapping[str, str] | None = None) -> pd.DataFrame:
    """`frame` with plain-English column headers and axis names (see `header_label`).

    When the column axis has a name, its headers are values of that variable (a pivot): they change only
    when they have a label (an added "total" column, a coded question or instrument); the same holds for
    row labels, and unnamed row numbers are left blank. Cells of a coded column (question, policy
    instrument or target) take their labels too, and so do lab ids (in a column or axis named as in
    `LAB_COLUMNS`) given `lab_names`, a map from id to name such as organizations.csv's canonical names.
    Fails if two columns would read the same.
    """
    out = frame.copy()
    codes = _code_labels()
    if lab_names is not None:
        names = dict(lab_names)
        codes = codes | dict.fromkeys(LAB_COLUMNS, names)
    for column in out.columns.intersection(list(codes)):
        out[column] = out[column].map(lambda value, labels=codes[column]: _code_label(value, labels))
    holds_names = out.columns.name is None and out.columns.nlevels == 1
    out.columns = _labelled_axis(out.columns, holds_names, codes)
    if out.index.name is None and pd.api.types.is_integer_dtype(out.index):
        out.index = pd.Index([""] * len(out))  # row positions (0, 1, 2, ...) tell the reader nothing
    else:
        out.index = _labelled_axis(out.index, False, codes)
    repeated = out.columns[out.columns.duplicated()].unique().tolist()
    if repeated and not frame.columns.duplicated().any():
        raise ValueError(
            f"columns would read the same after labelling: {repeated}; give them distinct labels"
        )
    return out


# Columns that hold lab ids, shown as names when a table is given `lab_names`.
LAB_COLUMNS = ("lab", "org_id", "developer")


def _code_labels() -> dict[str, dict[str, str]]:
    chapters = {stem: QUESTION_LABELS[question] for question, stem in QUESTION_CHAPTER.items()}
    return {
        "question": QUESTION_LABELS,
        "chapter": chapters,
        "instrument": INSTRUMENT_LABELS,
        "target": TARGET_LABELS,
        "level": LEVEL_LABELS,
        "source": SOURCE_LABELS,
        "sources": SOURCE_LABELS,
    }


def _code_label(value, labels: Mapping[str, str]):
    """A code's label; a list of codes joined by ";" ("eci_models;epoch_models") when all are known."""
    if isinstance(value, str) and ";" in value:
        parts = value.split(";")
        if all(part in labels for part in parts):
            return "; ".join(labels[part] for part in parts)
    return labels.get(value, value)


def _labelled_axis(axis: pd.Index, holds_names: bool, codes: dict[str, dict[str, str]]) -> pd.Index:
    """An axis with its entries and its name relabelled; entries of a coded axis take the code's label."""
    if isinstance(axis, pd.MultiIndex):
        levels = [_labelled_axis(axis.get_level_values(level), False, codes) for level in range(axis.nlevels)]
        return pd.MultiIndex.from_arrays(levels)
    labels = codes.get(axis.name, {})
    entries = [labels.get(entry, header_label(entry, holds_names)) for entry in axis]
    if entries == list(axis):
        return axis.rename(header_label(axis.name))
    return pd.Index(entries, name=header_label(axis.name))
