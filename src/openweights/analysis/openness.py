"""Openness of model releases: lab trajectories, flagships, and a logistic model of P(open weights).

Inputs are the processed tables ``epoch_models`` (publications to 2025-03-14), ``eci_models`` (releases to
2026-04-10) and ``modelsdev_models`` (releases to 2026-07-02). Every function is pure and returns a sorted frame
or a small result object; nothing here reads files.

Releases
--------
A *release* is a model that was made available: open weights, an API or a hosted product. Models Epoch lists
as ``unreleased``, and models whose openness no source records, are not releases. The three sources overlap; ``combine_releases``
keeps one row per model (linked through ``canonical_model_key`` where a link exists, else by source and name), in
the priority order Epoch → ECI → models.dev, and records in ``source`` which table the row comes from and in
``sources`` every table that lists it. Openness is taken from the first source that knows it.

Flagship
--------
A lab's flagship is its highest-ECI model in its latest half-year with a scored release, provided that half-year
is at most one half-year before the lab's latest release (the ECI ends before models.dev). Otherwise it is the
release with the largest known parameter count in the lab's latest half-year, or, lacking sizes, that
half-year's releases as a whole. Status: ``open`` or ``closed`` by the flagship's weights; ``mixed`` when a model
of the other kind came within ``MIXED_MARGIN`` ECI points of the flagship in the same half-year, or, without a
single flagship, when the half-year's releases are of both kinds.

The logistic model
------------------
P(open weights) for Epoch records (2017 on, known accessibility) on country group (reference United States),
year (centred at ``REFERENCE_YEAR``, with a separate slope per country group), organisation type from Epoch's
categorisation (reference Industry), log10 parameters and log10 training compute (centred, each with a
missing indicator), and domain (reference Language). Fitted with scikit-learn's ``LogisticRegression``
(``newton-cholesky``, L2 penalty ``C``); bootstrap by multinomial resampling weights with a fixed seed, all
resamples refitted at once by :func:`refit_weighted`, which solves scikit-learn's objective.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.special import expit
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import brier_score_loss
from sklearn.model_selection import StratifiedKFold

from openweights.analysis.resampling import multinomial_counts, percentile_interval
from openweights.countries import CHINA, EUROPE, GROUPS, OTHER, UNITED_STATES
from openweights.tables import running_list

# ---------------------------------------------------------------------------------------------------------
# Labs followed in this chapter: org_id (organizations table) → display label. Order = display order.
CHINESE_LABS = {
    "alibaba": "Alibaba (Qwen)",
    "deepseek": "DeepSeek",
    "moonshot": "Moonshot (Kimi)",
    "zhipu": "Zhipu (Z.ai)",
    "minimax": "MiniMax",
    "tencent": "Tencent",
    "baidu": "Baidu",
    "bytedance": "ByteDance",
    "stepfun": "StepFun",
    "01ai": "01.AI",
    "xiaomi": "Xiaomi",
}
US_LABS = {
    "openai": "OpenAI",
    "google": "Google",
    "meta": "Meta",
    "anthropic": "Anthropic",
    "xai": "xAI",
    "microsoft": "Microsoft",
    "nvidia": "NVIDIA",
    "amazon": "Amazon",
}
FOCUS_LABS = {**CHINESE_LABS, **US_LABS}
LAB_GROUP = {**{k: CHINA for k in CHINESE_LABS}, **{k: UNITED_STATES for k in US_LABS}}

SOURCES = ("notable_models", "epoch_models", "eci_models", "modelsdev_models")
DIGITS = (
    6  # headline numbers are rounded so that glued values do not depend on the last bits of floating point
)
# Last release date each snapshot can show: Epoch's latest publication date, and the snapshot dates recorded in
# data/datapackage.json for the ECI and models.dev (tests/test_openness.py checks them against the data package).
SOURCE_END = {
    "notable_models": "2026-07-15",
    "epoch_models": "2025-03-14",
    "eci_models": "2026-07-01",
    "modelsdev_models": "2026-07-02",
}
RELEASE_COLUMNS = [
    "key",
    "source",
    "sources",
    "model",
    "org_id",
    "country_group",
    "release_date",
    "half_year",
    "open_weights",
    "eci_score",
    "parameters",
]


def half_year(dates: pd.Series) -> pd.Series:
    """Dates → half-year labels such as ``2025-H1`` (NA stays NA)."""
    d = pd.to_datetime(dates, errors="coerce")
    label = d.dt.year.astype("Int64").astype(str) + np.where(d.dt.month <= 6, "-H1", "-H2")
    return label.where(d.notna())


def _bool(series: pd.Series) -> pd.Series:
    return series.astype("boolean")


def _frame(source: str, rows: pd.DataFrame) -> pd.DataFrame:
    out = rows.copy()
    out["source"] = source
    out["release_date"] = pd.to_datetime(out["release_date"], errors="coerce")
    out["open_weights"] = _bool(out["open_weights"])
    for column in ("eci_score", "parameters"):
        if column not in out:
            out[column] = np.nan
        out[column] = pd.to_numeric(out[column], errors="coerce").astype(float)
    link = out["canonical_model_key"] if "canonical_model_key" in out else pd.Series(pd.NA, index=out.index)
    out["key"] = link.where(link.notna() & link.astype(str).ne(""), source + ":" + out["model"].astype(str))
    columns = ["key", "source", "model", "org_id", "country_group", "release_date", "open_weights"]
    return out[[*columns, "eci_score", "parameters"]]


def epoch_releases(
    epoch: pd.DataFrame, language_only: bool = True, source: str = "epoch_models"
) -> pd.DataFrame:
    """Released Epoch models (not ``unreleased``, accessibility known), language models by default.

    ``source`` names the table the rows come from: ``epoch_models`` (the census) or ``notable_models``."""
    keep = epoch["accessibility"].ne("unreleased") & epoch["open_weights"].notna()
    if language_only:
        domains = epoch["domains"].fillna("").astype(str)
        keep &= domains.str.contains("Language|Multimodal", regex=True)
    rows = epoch.loc[keep].rename(columns={"publication_date": "release_date"})
    return _frame(source, rows)


def eci_releases(eci: pd.DataFrame) -> pd.DataFrame:
    """ECI models (all released and scored); openness may be unknown (NA)."""
    keep = eci["accessibility"].ne("unreleased")
    return _frame("eci_models", eci.loc[keep].rename(columns={"model_name": "model"}))


TEXT_OUTPUT = re.compile(r"(?:^|;)text(?:;|$)")


def modelsdev_releases(modelsdev: pd.DataFrame) -> pd.DataFrame:
    """models.dev lab models that output text, one row per model.

    Aliases (``-latest``, dated ``-YYYYMMDD`` copies, ``-highspeed``/``-ultraspeed`` serving variants) are
    folded into one model: open models by their Hugging Face repository, others by the id without the suffix.
    """
    md = modelsdev[modelsdev["output_modalities"].fillna("").astype(str).str.contains(TEXT_OUTPUT)].copy()
    stem = (
        md["model_id"]
        .astype(str)
        .str.lower()
        .str.replace(r"-(latest|highspeed|ultraspeed)$", "", regex=True)
        .str.replace(r"-\d{8}$", "", regex=True)
    )
    repo = md["weights_hf_repo"].fillna("").astype(str).str.lower()
    md["_alias"] = np.where(repo.ne(""), "hf:" + repo, stem)
    md["release_date"] = pd.to_datetime(md["release_date"], errors="coerce")
    md = md.sort_values(["_alias", "release_date", "model_id"], na_position="last")
    md = md.drop_duplicates("_alias", keep="first").rename(columns={"model_id": "model"})
    return _frame("modelsdev_models", md)


def combine_releases(frames: list[pd.DataFrame]) -> pd.DataFrame:
    """Union of per-source release frames, one row per model (see module docstring).

    Rows share a model when they share ``key``: the ``canonical_model_key`` of ``model_identity`` where the
    source row is linked, else ``<source>:<model>``.
    """
    rows = pd.concat(frames, ignore_index=True)
    rows["_priority"] = rows["source"].map({s: i for i, s in enumerate(SOURCES)})
    rows = rows.sort_values(["key", "_priority", "model"]).reset_index(drop=True)
    grouped = rows.groupby("key", sort=True)
    first = grouped.first()  # first non-NA value per column, in priority order
    out = grouped.head(1).set_index("key")[["source", "model", "org_id", "country_group", "release_date"]]
    out["open_weights"] = _bool(first["open_weights"])
    out["eci_score"] = grouped["eci_score"].max()
    out["parameters"] = first["parameters"].astype(float)
    out["sources"] = grouped["source"].agg(lambda s: ";".join(dict.fromkeys(s)))
    out = out.reset_index()
    out = out[out["open_weights"].notna() & out["release_date"].notna()].copy()
    out["half_year"] = half_year(out["release_date"])
    return out[RELEASE_COLUMNS].sort_values(["release_date", "key"]).reset_index(drop=True)


def source_coverage(releases: pd.DataFrame) -> pd.DataFrame:
    """Releases per half-year by the source that supplies each row (a table of where the data come from)."""
    table = pd.crosstab(releases["half_year"], releases["source"]).reindex(
        columns=list(SOURCES), fill_value=0
    )
    table["total"] = table.sum(axis=1)
    return table.sort_index()


def _open_share_by(releases: pd.DataFrame, key: str, start: str, end: str | None) -> pd.DataFrame:
    """Releases, open releases, sources and open share per (key, half-year) within [start, end]."""
    rows = releases[releases["half_year"].ge(start)]
    if end is not None:
        rows = rows[rows["half_year"].le(end)]
    grouped = rows.groupby([key, "half_year"])
    table = pd.DataFrame(
        {
            "releases": grouped.size(),
            "open": grouped["open_weights"].sum().astype(int),
            "sources": grouped["source"].agg(lambda s: ";".join(sorted(set(s)))),
        }
    ).reset_index()
    table["open_share"] = table["open"] / table["releases"]
    return table


def lab_halfyear(
    releases: pd.DataFrame, labs: dict[str, str] = FOCUS_LABS, start: str = "2023-H1", end: str | None = None
) -> pd.DataFrame:
    """Per focus lab and half-year: releases, open-weight releases, open share and the sources used.

    Long format with columns lab_id, lab, country_group, half_year, releases, open, open_share, sources.
    Half-years without releases are absent.
    """
    rows = releases[releases["org_id"].isin(list(labs))]
    table = _open_share_by(rows, "org_id", start, end)
    table["lab"] = table["org_id"].map(labs)
    table["country_group"] = table["org_id"].map(LAB_GROUP)
    order = {k: i for i, k in enumerate(labs)}
    table = table.assign(_o=table["org_id"].map(order)).sort_values(["_o", "half_year"]).drop(columns="_o")
    columns = ["lab_id", "lab", "country_group", "half_year", "releases", "open", "open_share", "sources"]
    return table.rename(columns={"org_id": "lab_id"})[columns].reset_index(drop=True)


def heatmap_matrix(
    by_lab: pd.DataFrame, labs: dict[str, str] = FOCUS_LABS
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(open share, release count) matrices: labs as rows in `labs` order, half-years as columns."""
    share = by_lab.pivot(index="lab", columns="half_year", values="open_share")
    count = by_lab.pivot(index="lab", columns="half_year", values="releases")
    order = [label for label in labs.values() if label in share.index]
    columns = sorted(share.columns)
    return share.reindex(index=order, columns=columns), count.reindex(index=order, columns=columns)


def group_halfyear(releases: pd.DataFrame, start: str = "2023-H1", end: str | None = None) -> pd.DataFrame:
    """Open share of releases per country group and half-year (all developers, not only the focus labs)."""
    table = _open_share_by(releases, "country_group", start, end)
    table["country_group"] = pd.Categorical(table["country_group"], categories=list(GROUPS), ordered=True)
    return table.sort_values(["country_group", "half_year"]).reset_index(drop=True)


def latest_share(by_group: pd.DataFrame, group: str, half: str) -> float:
    """Open share of `group` in half-year `half` (NaN if it released nothing)."""
    row = by_group[by_group["country_group"].astype(str).eq(group) & by_group["half_year"].eq(half)]
    return round(float(row["open_share"].iloc[0]), DIGITS) if len(row) else float("nan")


def half_year_facts(by_group: pd.DataFrame, half: str) -> dict:
    """China's and the United States' open share in half-year ``half`` with its counts and 95% Wilson interval
    (keys ``cn_open_share_latest_halfyear``, ``..._low``, ``..._high``, ``cn_open_latest_halfyear``,
    ``cn_releases_latest_halfyear`` and the same for ``us``)."""
    from openweights.analysis.adoption import wilson_interval

    facts = {}
    for prefix, group in (("cn", CHINA), ("us", UNITED_STATES)):
        row = by_group[by_group["country_group"].astype(str).eq(group) & by_group["half_year"].eq(half)]
        opened = int(row["open"].iloc[0]) if len(row) else 0
        total = int(row["releases"].iloc[0]) if len(row) else 0
        low, high = wilson_interval(opened, total)
        facts[f"{prefix}_open_share_latest_halfyear"] = latest_share(by_group, group, half)
        facts[f"{prefix}_open_share_latest_halfyear_low"] = low
        facts[f"{prefix}_open_share_latest_halfyear_high"] = high
        facts[f"{prefix}_open_latest_halfyear"] = opened
        facts[f"{prefix}_releases_latest_halfyear"] = total
    return facts


def share_range(by_group: pd.DataFrame, group: str, since: str) -> tuple[float, float]:
    """Lowest and highest open share of `group` over the half-years from `since` on (NaNs if none)."""
    rows = by_group[by_group["country_group"].astype(str).eq(group) & by_group["half_year"].ge(since)]
    shares = rows["open_share"].astype(float)
    return round(float(shares.min()), DIGITS), round(float(shares.max()), DIGITS)


MIXED_MARGIN = (
    2.0  # ECI points: an open and a closed model this close in the flagship half-year make it "mixed"
)


def _half_index(label: str) -> int:
    """A half-year label (``2025-H2``) as a count of half-years, so that labels can be subtracted and shifted."""
    year, half = label.split("-H")
    return int(year) * 2 + int(half) - 1


def half_years_between(earlier: str, later: str) -> int:
    """Number of half-years from `earlier` to `later` (labels like ``2025-H2``)."""
    return _half_index(later) - _half_index(earlier)


def half_year_earlier(label: str) -> str:
    """The same half-year one year before `label` (``2026-H1`` → ``2025-H1``)."""
    index = _half_index(label) - 2
    return f"{index // 2}-H{index % 2 + 1}"


#: The columns of :func:`flagships` about a lab's latest half-year as a whole, which the chapter shows in a table of
#: their own so that each table fits the page.
LATEST_HALF_COLUMNS = ("latest_half_year", "releases_latest_half", "open_latest_half")


def flagships(
    releases: pd.DataFrame, labs: dict[str, str] = FOCUS_LABS, margin: float = MIXED_MARGIN, max_lag: int = 1
) -> pd.DataFrame:
    """Each focus lab's flagship and whether it is open, closed or mixed (see the module docstring).

    With ECI scores: the flagship is the highest-ECI model of the lab's latest half-year with a scored release,
    provided that half-year is at most `max_lag` half-years before the lab's latest release (ECI ends earlier
    than models.dev); the status is ``mixed`` when the best model of the other kind (open or closed) released in that half-year
    is within `margin` ECI points, else the flagship's own openness. Otherwise: the release with the
    largest known parameter count in the lab's latest half-year, or, lacking that, the half-year's releases as a
    whole (all open → ``open``, none → ``closed``, else ``mixed`` with no single flagship).

    Columns: lab_id, lab, country_group, flagship_half_year, flagship, basis, eci_score, flagship_open (boolean,
    NA when there is no single flagship), status, latest_half_year, releases_latest_half, open_latest_half,
    source (of the flagship row, or of the half-year's rows).
    """
    records = []
    for lab_id, label in labs.items():
        rows = releases[releases["org_id"].eq(lab_id)]
        if rows.empty:
            continue
        latest = rows["half_year"].max()
        latest_rows = rows[rows["half_year"].eq(latest)]
        scored = rows[rows["eci_score"].notna()]
        flagship, score, flagship_open = None, float("nan"), pd.NA  # None: no single flagship
        if len(scored) and half_years_between(scored["half_year"].max(), latest) <= max_lag:
            flag_half = scored["half_year"].max()
            half = scored[scored["half_year"].eq(flag_half)]
            top = half.sort_values(
                ["eci_score", "release_date", "model"], ascending=[False, False, True]
            ).iloc[0]
            flagship, basis, score, source = (
                top["model"],
                "highest ECI",
                float(top["eci_score"]),
                top["source"],
            )
            flagship_open = bool(top["open_weights"])
            rivals = half[half["open_weights"].ne(flagship_open)]
            close = len(rivals) and float(top["eci_score"]) - float(rivals["eci_score"].max()) <= margin
            status = "mixed" if close else ("open" if flagship_open else "closed")
        else:
            flag_half, half = latest, latest_rows
            sized = half[half["parameters"].notna()]
            if len(sized):
                top = sized.sort_values(
                    ["parameters", "release_date", "model"], ascending=[False, False, True]
                ).iloc[0]
                flagship, basis, source = top["model"], "largest parameters", top["source"]
                flagship_open = bool(top["open_weights"])
                status = "open" if flagship_open else "closed"
            else:
                n_open = int(half["open_weights"].sum())
                basis, source = "all releases", ";".join(sorted(set(half["source"])))
                status = "open" if n_open == len(half) else "closed" if n_open == 0 else "mixed"
                flagship_open = {"open": True, "closed": False}.get(status, pd.NA)
        records.append(
            {
                "lab_id": lab_id,
                "lab": label,
                "country_group": rows["country_group"].iloc[0],
                "flagship_half_year": flag_half,
                "flagship": flagship,
                "basis": basis,
                "eci_score": round(score, 1) if score == score else np.nan,
                "flagship_open": flagship_open,
                "status": status,
                "latest_half_year": latest,
                "releases_latest_half": len(latest_rows),
                "open_latest_half": int(latest_rows["open_weights"].sum()),
                "source": source,
            }
        )
    table = pd.DataFrame.from_records(records)
    table["flagship_open"] = table["flagship_open"].astype("boolean")
    return table


RECENT_FLAGSHIP_SINCE = (
    "2025-H2"  # flagships judged on older records are stale: labs release every few months
)


def recent_flagships(
    flags: pd.DataFrame, group: str = CHINA, since: str = RECENT_FLAGSHIP_SINCE
) -> pd.DataFrame:
    """Rows of `flags` for labs of `group` whose flagship half-year is `since` or later (recent evidence)."""
    return flags[flags["country_group"].eq(group) & flags["flagship_half_year"].ge(since)]


def closed_flagships(flags: pd.DataFrame, group: str = CHINA, since: str | None = None) -> pd.DataFrame:
    """Rows of `flags` for labs of `group` whose flagship model is closed (``mixed`` labs count when their top
    model is closed). With `since`, only labs whose flagship half-year is `since` or later (recent evidence)."""
    rows = flags[flags["country_group"].eq(group)] if since is None else recent_flagships(flags, group, since)
    return rows[rows["flagship_open"].eq(False).fillna(False)]


def lab_names(labels) -> str:
    """Lab labels as running text, without their bracketed product names: "MiniMax and Moonshot AI"."""
    return running_list(re.sub(r"\s*\(.*\)$", "", str(label)) for label in labels)


def count_closed_flagships(flags: pd.DataFrame, group: str = CHINA, since: str | None = None) -> int:
    """Number of rows of :func:`closed_flagships`."""
    return int(len(closed_flagships(flags, group, since)))


# ---------------------------------------------------------------------------------------------------------
# The logistic model
# Year at which country odds ratios are read: the last full year in the notable series.
REFERENCE_YEAR = 2025.0
# The models.dev model's odds ratio is read in its latest year.
CATALOGUE_REFERENCE_YEAR = 2026.0
PARAMS_CENTRE = 10.0  # log10 parameters (10 billion)
COMPUTE_CENTRE = 23.0  # log10 FLOP
ORG_TYPES = ("Industry", "Academia", "Industry and academia", "Government, collective or unknown")
DOMAINS = ("Language", "Vision", "Image and video generation", "Biology", "Other")
GROUP_DUMMIES = (CHINA, EUROPE, OTHER)  # reference United States


def org_type(categorizations: pd.Series) -> pd.Series:
    """Epoch's ';'-joined organisation categories → one of ``ORG_TYPES``."""

    def one(text: str) -> str:
        cats = {c.strip() for c in str(text).split(";") if c.strip()}
        if cats == {"Industry"}:
            return "Industry"
        if cats == {"Academia"}:
            return "Academia"
        if cats == {"Industry", "Academia"}:
            return "Industry and academia"
        return "Government, collective or unknown"

    return categorizations.fillna("").astype(str).map(one)


def domain_group(domains: pd.Series) -> pd.Series:
    """Epoch's ';'-joined domains → one of ``DOMAINS`` (Language or Multimodal first, then generation, ...)."""

    def one(text: str) -> str:
        parts = {p.strip() for p in str(text).split(";")}
        if parts & {"Language", "Multimodal"}:
            return "Language"
        if parts & {"Image generation", "Video"}:
            return "Image and video generation"
        if "Vision" in parts:
            return "Vision"
        if parts & {"Biology", "Medicine"}:
            return "Biology"
        return "Other"

    return domains.fillna("").astype(str).map(one)


def model_records(epoch: pd.DataFrame, start_year: int = 2017, released_only: bool = False) -> pd.DataFrame:
    """Epoch rows for the logistic model: known accessibility and date, from `start_year` on.

    Columns: model, open (0/1), country_group, year (fractional), org_type, log10_params, log10_compute, domain.
    ``released_only`` drops models Epoch lists as unreleased (a robustness check).
    """
    rows = epoch[epoch["open_weights"].notna() & epoch["publication_date"].notna()].copy()
    if released_only:
        rows = rows[rows["accessibility"].ne("unreleased")]
    date = pd.to_datetime(rows["publication_date"])
    rows["year"] = date.dt.year + (date.dt.day_of_year - 1) / 365.25
    rows = rows[date.dt.year >= start_year]
    params = pd.to_numeric(rows["parameters"], errors="coerce").astype(float)
    compute = pd.to_numeric(rows["training_compute_flop"], errors="coerce").astype(float)
    out = pd.DataFrame(
        {
            "model": rows["model"].astype(str),
            "open": _bool(rows["open_weights"]).astype(int),
            "country_group": rows["country_group"].fillna(OTHER).astype(str),
            "year": rows["year"].astype(float),
            "org_type": org_type(rows["org_categorizations"]),
            "log10_params": np.log10(params.where(params > 0)),
            "log10_compute": np.log10(compute.where(compute > 0)),
            "domain": domain_group(rows["domains"]),
        }
    )
    return out.sort_values(["year", "model"]).reset_index(drop=True)


def design_matrix(records: pd.DataFrame) -> pd.DataFrame:
    """Numeric design matrix (fixed column order) from `model_records` columns; no intercept column."""
    X = pd.DataFrame(index=records.index)
    t = records["year"].astype(float) - REFERENCE_YEAR
    for group in GROUP_DUMMIES:
        X[f"country:{group}"] = records["country_group"].eq(group).astype(float)
    X["year"] = t
    for group in GROUP_DUMMIES:
        X[f"year x {group}"] = t * X[f"country:{group}"]
    for kind in ORG_TYPES[1:]:
        X[f"org:{kind}"] = records["org_type"].eq(kind).astype(float)
    for column, centre, name in (
        ("log10_params", PARAMS_CENTRE, "params"),
        ("log10_compute", COMPUTE_CENTRE, "compute"),
    ):
        known = records[column].notna()
        X[f"log10 {name}"] = (records[column] - centre).where(known, 0.0).astype(float)
        X[f"{name} unknown"] = (~known).astype(float)
    for kind in DOMAINS[1:]:
        X[f"domain:{kind}"] = records["domain"].eq(kind).astype(float)
    return X


# Terms shown in the odds-ratio figure, in order, with readable labels.
TERM_LABELS = {
    "country:China": f"China vs United States ({REFERENCE_YEAR:.0f})",
    "country:Europe": f"Europe vs United States ({REFERENCE_YEAR:.0f})",
    "country:Other": f"Other vs United States ({REFERENCE_YEAR:.0f})",
    "trend per year: China": "Trend per year: China",
    "trend per year: United States": "Trend per year: United States",
    "trend per year: Europe": "Trend per year: Europe",
    "trend per year: Other": "Trend per year: Other",
    "org:Academia": "Academia vs industry",
    "org:Industry and academia": "Industry and academia vs industry",
    "org:Government, collective or unknown": "Government, collective, unknown vs industry",
    "log10 params": "Parameters ×10",
    "params unknown": "Parameters unknown",
    "log10 compute": "Training compute ×10",
    "compute unknown": "Training compute unknown",
    "domain:Vision": "Vision vs language",
    "domain:Image and video generation": "Image/video generation vs language",
    "domain:Biology": "Biology vs language",
    "domain:Other": "Other domain vs language",
}


def _logit(C: float) -> LogisticRegression:
    return LogisticRegression(C=C, solver="newton-cholesky", max_iter=200, tol=1e-10)


def refit_weighted(
    X: np.ndarray, y: np.ndarray, weights: np.ndarray, C: float, start: np.ndarray, tol: float = 1e-5
) -> np.ndarray:
    """Coefficients (intercept first) of the penalised logistic model for each row of `weights`, all at once.

    Minimises, for every weight vector w, the objective scikit-learn minimises with ``sample_weight=w``:
    Σ w_i · logloss_i + ‖β‖² / (2C), the intercept unpenalised. Newton steps run on the whole batch of weight
    vectors together, starting from `start` (the full-sample fit); rows that do not converge in 50 steps are
    refitted one by one with scikit-learn. This is the vectorised bootstrap: one row of `weights` per resample.
    """
    if len(weights) == 0:
        return np.empty((0, len(start)))
    Z = np.column_stack([np.ones(len(y)), X])
    penalty = np.eye(Z.shape[1]) / C
    penalty[0, 0] = 0.0
    beta = np.tile(start, (len(weights), 1))
    step = np.full_like(beta, np.inf)
    for _ in range(50):
        p = expit(beta @ Z.T)
        gradient = (weights * (p - y)) @ Z + beta @ penalty
        hessian = np.matmul(Z.T[None, :, :] * (weights * p * (1 - p))[:, None, :], Z) + penalty
        step = np.linalg.solve(hessian, gradient[..., None])[..., 0]
        beta -= step
        if np.abs(step).max() < tol:
            break
    for b in np.flatnonzero(np.abs(step).max(axis=1) >= tol):
        model = _logit(C).fit(X, y, sample_weight=weights[b])
        beta[b] = np.concatenate([model.intercept_, model.coef_[0]])
    return beta


@dataclass(frozen=True)
class LogitFit:
    """A fitted model: coefficient names, point estimates (intercept first) and bootstrap draws (B × p+1)."""

    names: tuple[str, ...]
    coef: np.ndarray
    boot: np.ndarray
    n: int
    n_open: int


def fit_logit(
    X: pd.DataFrame, y: pd.Series, C: float = 1.0, n_boot: int = 200, seed: int = 20250401
) -> LogitFit:
    """Fit the logistic model with scikit-learn and `n_boot` bootstrap refits.

    A bootstrap resample is a vector of multinomial row counts (fixed seed); all resamples are refitted at once
    by :func:`refit_weighted`, which solves the same objective as scikit-learn with those counts as weights.
    """
    Xa, ya = X.to_numpy(float), np.asarray(y, dtype=int)
    model = _logit(C).fit(Xa, ya)
    coef = np.concatenate([model.intercept_, model.coef_[0]])
    weights = multinomial_counts(len(ya), n_boot, seed).astype(float)
    boot = refit_weighted(Xa, ya, weights, C, coef)
    return LogitFit(("intercept", *X.columns), coef, boot, len(ya), int(ya.sum()))


def odds_ratios(fit: LogitFit, level: float = 0.95) -> pd.DataFrame:
    """Odds ratio per term with percentile bootstrap interval, plus each country group's own yearly trend."""
    names = list(fit.names)
    rows = []

    def add(term: str, point: float, draws: np.ndarray) -> None:
        rows.append(
            {
                "term": term,
                "odds_ratio": float(np.exp(point)),
                "low": float(np.exp(percentile_interval(draws, level)[0])),
                "high": float(np.exp(percentile_interval(draws, level)[1])),
            }
        )

    for i, name in enumerate(names[1:], start=1):
        add(name, fit.coef[i], fit.boot[:, i])
    year = names.index("year")
    for group in GROUP_DUMMIES:
        if f"year x {group}" not in names:
            continue
        j = names.index(f"year x {group}")
        add(f"trend per year: {group}", fit.coef[year] + fit.coef[j], fit.boot[:, year] + fit.boot[:, j])
    add(f"trend per year: {UNITED_STATES}", fit.coef[year], fit.boot[:, year])
    return pd.DataFrame(rows)


def term_ratio(table: pd.DataFrame, term: str) -> tuple[float, float, float]:
    """(odds ratio, low, high) of one term of `odds_ratios`."""
    row = table[table["term"].eq(term)].iloc[0]
    return tuple(round(float(row[c]), DIGITS) for c in ("odds_ratio", "low", "high"))


def trend_verdict(low: float, high: float) -> str:
    """'rising' if the whole interval of a yearly odds ratio is above 1, 'falling' if below, else 'no clear trend'."""
    if low > 1:
        return "rising"
    if high < 1:
        return "falling"
    return "no clear trend"


def predicted_by_group(
    fit: LogitFit,
    records: pd.DataFrame,
    years: list[float],
    groups: tuple[str, ...] = GROUPS,
    level: float = 0.95,
) -> pd.DataFrame:
    """Average predicted P(open) per country group and year, other covariates kept as observed (standardised).

    Every record is given the country group and year in turn; the predictions are averaged over records, so
    organisation type, size and domain are held at the sample's mix. Bands are bootstrap percentiles.
    """
    base = design_matrix(records)
    names = ["intercept", *base.columns]
    varying = ["year", *(f"country:{g}" for g in GROUP_DUMMIES), *(f"year x {g}" for g in GROUP_DUMMIES)]
    fixed = [i for i, name in enumerate(names) if name not in varying]
    Z = np.column_stack([np.ones(len(base)), base.to_numpy(float)])
    coefs = np.vstack([fit.coef, fit.boot])  # row 0: point estimate
    common = Z[:, fixed] @ coefs[:, fixed].T  # records × draws: the part that does not change
    rows = []
    for group in groups:
        for year in years:
            t = float(year) - REFERENCE_YEAR
            shift = coefs[:, names.index("year")] * t
            if group in GROUP_DUMMIES:
                shift = shift + coefs[:, names.index(f"country:{group}")]
                shift = shift + coefs[:, names.index(f"year x {group}")] * t
            means = expit(common + shift).mean(axis=0)
            rows.append(
                {
                    "country_group": group,
                    "year": year,
                    "p_open": float(means[0]),
                    "low": float(percentile_interval(means[1:], level)[0]),
                    "high": float(percentile_interval(means[1:], level)[1]),
                }
            )
    return pd.DataFrame(rows)


def cross_validated_probabilities(
    X: pd.DataFrame, y: pd.Series, C: float = 1.0, folds: int = 5, seed: int = 20250401
) -> np.ndarray:
    """Out-of-fold predicted P(open) from stratified k-fold cross-validation (shuffled with a fixed seed)."""
    Xa, ya = X.to_numpy(float), np.asarray(y, dtype=int)
    probs = np.empty(len(ya))
    splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed)
    for train, test in splitter.split(Xa, ya):
        probs[test] = _logit(C).fit(Xa[train], ya[train]).predict_proba(Xa[test])[:, 1]
    return probs


def calibration_table(y: pd.Series, p: np.ndarray, bins: int = 10) -> pd.DataFrame:
    """Predicted vs observed share of open models in `bins` equal-count bins of the predicted probability."""
    frame = pd.DataFrame({"y": np.asarray(y, dtype=float), "p": np.asarray(p, dtype=float)})
    order = frame["p"].rank(method="first")
    frame["bin"] = pd.qcut(order, bins, labels=False) + 1
    grouped = frame.groupby("bin")
    table = pd.DataFrame(
        {
            "models": grouped.size(),
            "mean_predicted": grouped["p"].mean(),
            "observed_share": grouped["y"].mean(),
        }
    )
    table["gap"] = table["observed_share"] - table["mean_predicted"]
    return table.reset_index()


def brier_scores(y: pd.Series, p: np.ndarray) -> dict[str, float]:
    """Brier score of `p`, of the constant base rate, and the skill score 1 − Brier/Brier_base."""
    ya, pa = np.asarray(y, dtype=float), np.asarray(p, dtype=float)
    brier = float(brier_score_loss(ya, pa))
    base = float(brier_score_loss(ya, np.full(len(ya), ya.mean())))
    skill = 1 - brier / base if base > 0 else float("nan")
    return {
        "brier": round(brier, DIGITS),
        "brier_base_rate": round(base, DIGITS),
        "skill": round(skill, DIGITS),
    }


# ---------------------------------------------------------------------------------------------------------
# models.dev check: a small separate model for 2024 on (country group and year only)
def modelsdev_records(releases: pd.DataFrame, start: str = "2024-01-01") -> pd.DataFrame:
    """models.dev rows of the combined release table from `start`: open (0/1), country_group, year."""
    rows = releases[releases["sources"].str.contains("modelsdev_models") & releases["release_date"].ge(start)]
    date = rows["release_date"]
    return pd.DataFrame(
        {
            "model": rows["model"].astype(str),
            "open": rows["open_weights"].astype(int),
            "country_group": rows["country_group"].fillna(OTHER).astype(str),
            "year": (date.dt.year + (date.dt.day_of_year - 1) / 365.25).astype(float),
        }
    ).reset_index(drop=True)


def simple_design(records: pd.DataFrame, groups: tuple[str, ...] = (CHINA, EUROPE, OTHER)) -> pd.DataFrame:
    """Country dummies (reference United States) and year centred at ``CATALOGUE_REFERENCE_YEAR`` (2026)."""
    X = pd.DataFrame(index=records.index)
    for group in groups:
        X[f"country:{group}"] = records["country_group"].eq(group).astype(float)
    X["year"] = records["year"] - CATALOGUE_REFERENCE_YEAR
    return X


def last_complete_half(date: str) -> str:
    """The latest half-year that ended on or before `date` (``2026-07-02`` → ``2026-H1``)."""
    day = pd.Timestamp(date)
    if day.month == 12 and day.day == 31:
        return f"{day.year}-H2"
    if day.month > 6:
        return f"{day.year}-H1"
    return f"{day.year - 1}-H2"


def china_summary(fit: LogitFit, table: pd.DataFrame) -> dict[str, float | str]:
    """The chapter's headline numbers from one fit: China-vs-US odds ratio at ``REFERENCE_YEAR`` and China's trend."""
    ratio, low, high = term_ratio(table, f"country:{CHINA}")
    trend, t_low, t_high = term_ratio(table, f"trend per year: {CHINA}")
    return {
        "models": fit.n,
        "open_share": fit.n_open / fit.n,
        "or_cn_us": ratio,
        "or_low": low,
        "or_high": high,
        "cn_trend": trend,
        "cn_trend_low": t_low,
        "cn_trend_high": t_high,
        "cn_direction": trend_verdict(t_low, t_high),
    }


SENSITIVITY_BOOT = 100  # bootstrap refits per robustness variant (the main model uses 200)


def sensitivity(
    epoch: pd.DataFrame,
    C: float = 1.0,
    n_boot: int = SENSITIVITY_BOOT,
    seed: int = 20250401,
    main: dict | None = None,
    start_year: int = 2017,
) -> pd.DataFrame:
    """China's odds ratio and trend under alternative samples and penalties (one row per variant).

    `main` (a :func:`china_summary` of the main fit) is put first, for comparison.
    """
    base = model_records(epoch, start_year=start_year)
    variants = {
        "Released models only": (model_records(epoch, start_year=start_year, released_only=True), C),
        "Language models only": (base[base["domain"].eq("Language")].reset_index(drop=True), C),
        f"Stronger penalty (C = {C / 10:g})": (base, C / 10),
    }
    rows = [{"variant": f"Main model (C = {C:g})", **main}] if main is not None else []
    for name, (records, penalty) in variants.items():
        fit = fit_logit(design_matrix(records), records["open"], C=penalty, n_boot=n_boot, seed=seed)
        rows.append({"variant": name, **china_summary(fit, odds_ratios(fit))})
    return pd.DataFrame(rows)


def year_earlier(date: str) -> str:
    """The same calendar day a year before `date` (ISO format)."""
    return (pd.Timestamp(date) - pd.DateOffset(years=1)).date().isoformat()
