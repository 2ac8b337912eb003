"""Who releases open weights, under which terms, and what the third-party adoption figures say.

Inputs are the processed tables ``epoch_models`` (Epoch AI's model database, a census of *notable and
documented* models up to its snapshot), ``modelsdev_models`` (a catalogue of models that providers serve,
not a census), the curated ``adoption_measurements`` and the corpus ``claims``. Every function is pure
and returns a new frame sorted by its keys.

Conventions
-----------
- Country group: the developer's group ("China", "United States", "Europe", "Other"), one per model, as
  attributed in the processed tables.
- Open share: open-weight releases divided by releases whose openness is *known* (Epoch's
  ``accessibility == "unknown"`` rows are counted separately, never as closed).
- Accessibility category: Epoch's levels mapped to the report's four categories (:data:`CATEGORY_OF`).
  "Permissive" means ``Open (unrestricted)``; restricted-use and non-commercial licences are the rest
  of the open releases.
"""

from __future__ import annotations

from urllib.parse import urlparse

import numpy as np
import pandas as pd

from openweights.analysis import ledger
from openweights.countries import GROUPS
from openweights.tables import BLANK, sites
from openweights.tokenizers import tokenizer_label

UNRESTRICTED = "Open (unrestricted)"
RESTRICTED = "Open (restricted use)"
NONCOMMERCIAL = "Open (non-commercial)"
CLOSED = "Closed"
UNKNOWN = "Unknown"
OPEN_CATEGORIES = (UNRESTRICTED, RESTRICTED, NONCOMMERCIAL)
CATEGORIES = (*OPEN_CATEGORIES, CLOSED, UNKNOWN)
CATEGORY_OF = {
    "open_unrestricted": UNRESTRICTED,
    "open_restricted": RESTRICTED,
    "open_noncommercial": NONCOMMERCIAL,
    "api": CLOSED,
    "hosted": CLOSED,
    "unreleased": CLOSED,
    "unknown": UNKNOWN,
}


# --------------------------------------------------------------------------------------------------
# Releases


def accessibility_category(accessibility: pd.Series) -> pd.Series:
    """Epoch accessibility level → report category (missing or unrecognised → "Unknown")."""
    return accessibility.map(CATEGORY_OF).fillna(UNKNOWN).astype("string")


def with_year(frame: pd.DataFrame, date_column: str) -> pd.DataFrame:
    """Add an integer ``year`` column from a date column (rows without a date get NA)."""
    out = frame.copy()
    out["year"] = pd.to_datetime(out[date_column]).dt.year.astype("Int64")
    return out


def attributed(models: pd.DataFrame) -> pd.DataFrame:
    """Drop models with no organisation and no country in the source (``attribution == "unmapped"``).

    The build puts them in the "Other" group; counting them there would mix "unknown" with "other
    countries", so country comparisons leave them out.
    """
    return models[models["attribution"].ne("unmapped").fillna(True)].copy()


def releases_by_group_year(models: pd.DataFrame, years, group: str = "country_group") -> pd.DataFrame:
    """Releases per country group and year with the open-weight share.

    ``models`` needs ``year``, ``open_weights`` (True/False/NA) and the group column. Returns every
    (year, group) pair of the grid with ``releases``, ``known`` (openness known), ``open_releases`` and
    ``open_share`` (= open / known; NA when nothing is known), sorted by year and group order.
    """
    years = list(years)
    frame = models[models["year"].isin(years)]
    flags = frame["open_weights"].astype("boolean")
    counts = (
        pd.DataFrame(
            {
                "year": frame["year"].astype(int),
                group: frame[group],
                "releases": 1,
                "known": flags.notna().astype(int),
                "open_releases": flags.eq(True).fillna(False).astype(int),
            }
        )
        .groupby(["year", group])
        .sum()
    )
    grid = pd.MultiIndex.from_product([years, list(GROUPS)], names=["year", group])
    table = counts.reindex(grid, fill_value=0).reset_index()
    table["open_share"] = (table["open_releases"] / table["known"].where(table["known"] > 0)).astype(float)
    return table


def lookup(table: pd.DataFrame, column: str, **keys) -> float:
    """The one value of ``column`` in the row matching ``keys`` (e.g. ``year=2024, country_group="China"``)."""
    mask = np.ones(len(table), dtype=bool)
    for key, value in keys.items():
        mask &= table[key].to_numpy() == value
    values = table.loc[mask, column]
    if len(values) != 1:
        raise KeyError(f"{len(values)} rows match {keys}")
    return float(values.iloc[0])


def accessibility_mix(models: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """Releases per accessibility category within each ``by`` cell, with counts and shares of all releases.

    Returns ``*by, category, releases, share`` with every category present (zero when absent).
    """
    frame = models.assign(category=accessibility_category(models["accessibility"]))
    counts = frame.groupby([*by, "category"]).size()
    cells = frame[by].drop_duplicates().sort_values(by)
    grid = pd.MultiIndex.from_tuples(
        [(*cell, category) for cell in cells.itertuples(index=False) for category in CATEGORIES],
        names=[*by, "category"],
    )
    table = counts.reindex(grid, fill_value=0).rename("releases").reset_index()
    table["share"] = table["releases"] / table.groupby(by)["releases"].transform("sum")
    return table


def licence_mix(models: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """Among open-weight releases: counts and shares by licence category within each ``by`` cell.

    Returns ``*by, open_releases, unrestricted, restricted, noncommercial, permissive_share`` where
    ``permissive_share`` = unrestricted / open releases.
    """
    frame = models.assign(category=accessibility_category(models["accessibility"]))
    frame = frame[frame["category"].isin(OPEN_CATEGORIES)]
    wide = pd.crosstab([frame[c] for c in by], frame["category"]).reindex(
        columns=list(OPEN_CATEGORIES), fill_value=0
    )
    wide.columns = ["unrestricted", "restricted", "noncommercial"]
    wide.insert(0, "open_releases", wide.sum(axis=1))
    wide["permissive_share"] = wide["unrestricted"] / wide["open_releases"]
    return wide.reset_index().sort_values(by, ignore_index=True)


def period_of(year: pd.Series, edges: dict[str, tuple[int, int]]) -> pd.Series:
    """Label each year with the period whose inclusive (first, last) year range contains it (else NA)."""
    labels = pd.Series(pd.NA, index=year.index, dtype="string")
    for label, (first, last) in edges.items():
        labels[year.between(first, last).fillna(False)] = label
    return labels


def notable_by_group_year(models: pd.DataFrame, years, group: str = "country_group") -> pd.DataFrame:
    """Count of notable models (``notable`` True) per year (rows) and country group (columns)."""
    frame = models[models["notable"].astype("boolean").fillna(False) & models["year"].isin(list(years))]
    table = pd.crosstab(frame["year"].astype(int), frame[group])
    return table.reindex(index=list(years), columns=list(GROUPS), fill_value=0).rename_axis(
        index="year", columns=None
    )


def primary_org(organizations: pd.Series) -> pd.Series:
    """First organisation of a ';'-joined list (Epoch lists the lead organisation first)."""
    return organizations.fillna("").astype(str).str.split(";").str[0].str.strip()


def labs_behind(models: pd.DataFrame, org: str = "lab", top: int = 10) -> pd.DataFrame:
    """Open-weight and total releases per lab, most open releases first (ties: most releases, then name)."""
    flags = models["open_weights"].astype("boolean").eq(True).fillna(False)
    table = (
        pd.DataFrame({"lab": models[org], "releases": 1, "open_releases": flags.astype(int)})
        .groupby("lab")
        .sum()
        .reset_index()
    )
    table = table.sort_values(["open_releases", "releases", "lab"], ascending=[False, False, True])
    return table.head(top).reset_index(drop=True)


def distinct_open_labs(
    models: pd.DataFrame, years, org: str = "lab", group: str = "country_group"
) -> pd.DataFrame:
    """Number of distinct labs releasing at least one open-weight model, per year and country group."""
    flags = models["open_weights"].astype("boolean").eq(True).fillna(False)
    frame = models[flags & models["year"].isin(list(years))]
    table = frame.groupby(["year", group])[org].nunique().unstack(fill_value=0)
    return table.reindex(index=list(years), columns=list(GROUPS), fill_value=0).rename_axis(
        index="year", columns=None
    )


LINEAGE_PATTERNS = (
    ("Meta Llama", r"llama|vicuna|llava|alpaca"),
    ("Mistral", r"mistral|mixtral"),
    ("Qwen", r"qwen"),
    ("DeepSeek", r"deepseek"),
    ("GLM", r"glm"),
)


def base_family(base_model: pd.Series) -> pd.Series:
    """Family of a model's base model by name ("Meta Llama", "Mistral", ...; "Other"; "" when none)."""
    text = base_model.fillna("").astype(str).str.lower()
    family = pd.Series("Other", index=base_model.index, dtype="string")
    for label, pattern in reversed(LINEAGE_PATTERNS):
        family[text.str.contains(pattern, regex=True)] = label
    family[text.str.strip() == ""] = ""
    return family


#: Curated measurements the chapter quotes, by the name it glues them under.
MEASUREMENT_FACTS = {
    "hf_download_share_cn": "M001",
    "hf_download_share_us": "M002",
    "derivatives_share_cn": "M005",
    "derivatives_qwen": "M006",
    "derivatives_llama": "M007",
    "derivatives_qwen_2026": "M008",
    "derivatives_google_2026": "M009",
    "openrouter_open_share_cn_2024": "M015",
    "openrouter_open_share_cn_2026": "M016",
    "survey_us_big3": "M023",
    "ai_index_notable_2024_us": "M025",
    "ai_index_notable_2024_cn": "M026",
}


def measurement_value(measurements: pd.DataFrame, measurement_id: str) -> float:
    """The value of one curated adoption measurement, by id."""
    return float(measurements.set_index("measurement_id").loc[measurement_id, "value"])


def lineage_table(models: pd.DataFrame) -> pd.DataFrame:
    """Fine-tunes (models with a base model) by base-model family, with the share of all fine-tunes.

    Returns ``base_family, models, share`` sorted by count (descending) then name; models without a base
    model are left out.
    """
    family = base_family(models["base_model"])
    family = family[family != ""]
    counts = family.value_counts().rename_axis("base_family").reset_index(name="models")
    counts["share"] = counts["models"] / counts["models"].sum()
    return counts.sort_values(["models", "base_family"], ascending=[False, True], ignore_index=True)


def open_releases_by_lab_period(
    models: pd.DataFrame, start, end, freq: str = "Q", org: str = "lab"
) -> pd.DataFrame:
    """Open-weight releases per lab (rows) and period (columns, e.g. ``2025Q1`` for ``freq="Q"`` or
    ``2025-01`` for ``"M"``) between ``start`` and ``end``, with a ``total`` column; most releases first."""
    dates = pd.to_datetime(models["release_date"])
    flags = models["open_weights"].astype("boolean").eq(True).fillna(False)
    frame = models[flags & dates.between(pd.Timestamp(start), pd.Timestamp(end))]
    periods = pd.period_range(pd.Timestamp(start), pd.Timestamp(end), freq=freq).astype(str)
    label = pd.to_datetime(frame["release_date"]).dt.to_period(freq).astype(str)
    table = pd.crosstab(frame[org], label).reindex(columns=list(periods), fill_value=0)
    table["total"] = table.sum(axis=1)
    table = table.sort_index().sort_values("total", ascending=False, kind="stable")
    return table.rename_axis(index="lab", columns=None)


def releases_in_window(sources: dict[str, tuple], start, end) -> pd.DataFrame:
    """Models released between ``start`` and ``end`` (inclusive) in several sources, one row per model and source.

    ``sources`` maps a source label to ``(frame, model column, lab column, date column)``; each frame
    also needs ``open_weights``. Returns ``release_date, lab, model, open_weights, source`` sorted by
    date, lab, model and source.
    """
    frames = []
    for label, (frame, model, lab, date) in sources.items():
        dates = pd.to_datetime(frame[date])
        rows = frame[dates.between(pd.Timestamp(start), pd.Timestamp(end))]
        frames.append(
            pd.DataFrame(
                {
                    "release_date": pd.to_datetime(rows[date]).dt.date.astype(str),
                    "lab": rows[lab].astype(str),
                    "model": rows[model].astype(str),
                    "open_weights": rows["open_weights"].astype("boolean"),
                    "source": label,
                }
            )
        )
    table = pd.concat(frames, ignore_index=True)
    return table.sort_values(["release_date", "lab", "model", "source"], ignore_index=True)


def top_lab_share(models: pd.DataFrame, top: int = 3, org: str = "lab") -> float:
    """Share of open-weight releases made by the ``top`` labs with the most open releases."""
    flags = models["open_weights"].astype("boolean").eq(True).fillna(False)
    counts = models.loc[flags, org].value_counts()
    return float(counts.head(top).sum() / counts.sum()) if counts.sum() else float("nan")


# --------------------------------------------------------------------------------------------------
# Third-party adoption measurements

#: Hosts where a publisher posts its own figures; a row citing any other host is a secondary report.
PRIMARY_HOSTS = (
    "raw.githubusercontent.com",
    "natolambert.com",
    "accesspartnership.com",
    "nbdpress.com",
    "hai.stanford.edu",  # Stanford HAI, AI Index
    "hai-production.s3.amazonaws.com",  # Stanford HAI's own host for the AI Index PDF
    "epoch.ai",
)
ORIGIN_LABELS = {"china": "China", "united_states": "United States", "europe": "Europe", "other": "Other"}


def reported_via(url: pd.Series) -> pd.Series:
    """ "primary" when the URL is the publisher's own page (:data:`PRIMARY_HOSTS`), else "secondary"."""
    hosts = url.fillna("").map(lambda u: urlparse(str(u)).netloc.lower().removeprefix("www."))
    return hosts.map(lambda h: "primary" if h in PRIMARY_HOSTS else "secondary").astype("string")


def value_text(value) -> str:
    """A measured value as the source gives it: whole numbers with thousands separators ("151,448"), others
    with their own decimals ("17.1", "0.63"); a missing value as "–". One column mixes units, so no
    common number of decimals fits it."""
    if pd.isna(value):
        return BLANK
    number = float(value)
    return f"{number:,.0f}" if number.is_integer() else f"{number:,.6g}"


def measurements_overview(measurements: pd.DataFrame) -> pd.DataFrame:
    """One row per measurement: what (the metric's name), whose, how much (as text, see :func:`value_text`),
    in what unit, when, who measured it, and how we got it."""
    table = measurements.assign(
        origin=measurements["origin"].map(ORIGIN_LABELS).fillna(measurements["origin"]),
        period=_period_label(measurements),
        reported_via=reported_via(measurements["source_url"]),
        source=sites(measurements["source_url"]),
        value=[value_text(v) for v in measurements["value"]],
        metric=[
            _metric_label(m, u) for m, u in zip(measurements["metric"], measurements["unit"], strict=True)
        ],
        unit=measurements["unit"].str.replace("_", " "),
    )
    columns = [
        "measurement_id",
        "metric",
        "origin",
        "value",
        "unit",
        "period",
        "publisher",
        "reported_via",
        "source",
    ]
    return table[columns].sort_values("measurement_id", ignore_index=True)


def _period_label(measurements: pd.DataFrame) -> pd.Series:
    start = measurements["period_start"].fillna("").astype(str)
    end = measurements["period_end"].fillna("").astype(str)
    label = np.where(
        start == end,
        end,
        np.where(start == "", end, np.where(end == "", "from " + start, start + " to " + end)),
    )
    return pd.Series(label, index=measurements.index, dtype="string").replace("", "undated")


PAIR_KEY = ("source_title", "metric", "unit", "period_start", "period_end")


def paired_measurements(measurements: pd.DataFrame) -> pd.DataFrame:
    """Measurements that compare China with the United States in one source, period and unit.

    Returns one row per pair: ``pair`` (a short label), ``metric``, ``unit``, ``period``, ``publisher``,
    ``china``, ``united_states``, ``ratio`` (China / US), ``china_subject``/``us_subject`` (what each side
    counts: a whole country's models in some sources, one family in others), ``china_ids``/``us_ids`` and
    ``reported_via``; several rows of one origin in a group are summed (e.g. Gemma and Llama as "US").
    """
    frame = measurements.assign(
        period=_period_label(measurements), reported_via=reported_via(measurements["source_url"])
    )
    key = [frame[c].fillna("").astype(str) for c in PAIR_KEY]
    frame["pair_key"] = key[0]
    for part in key[1:]:
        frame["pair_key"] = frame["pair_key"] + "|" + part
    rows = []
    for _, block in frame.groupby("pair_key", sort=True):
        china = block[block["origin"] == "china"]
        us = block[block["origin"] == "united_states"]
        if china.empty or us.empty:
            continue
        first = block.iloc[0]
        rows.append(
            {
                "metric": first["metric"],
                "unit": first["unit"].replace("_", " "),
                "period": first["period"],
                "publisher": first["publisher"],
                "china": float(china["value"].sum()),
                "united_states": float(us["value"].sum()),
                "china_subject": "; ".join(china.sort_values("measurement_id")["subject"]),
                "us_subject": "; ".join(us.sort_values("measurement_id")["subject"]),
                "china_ids": ";".join(sorted(china["measurement_id"])),
                "us_ids": ";".join(sorted(us["measurement_id"])),
                "reported_via": first["reported_via"],
            }
        )
    table = pd.DataFrame(rows)
    table["ratio"] = table["china"] / table["united_states"]
    table = table.sort_values(["china_ids"], ignore_index=True)
    table.insert(
        0,
        "pair",
        [
            f"{_metric_label(m, u)} ({p})"
            for m, u, p in zip(table["metric"], table["unit"], table["period"], strict=True)
        ],
    )
    table["label"] = [
        f"{_metric_label(m, u)}, {p}\n{pub.split(' (')[0].split(' / ')[0]} · {u}"
        for m, u, p, pub in zip(
            table["metric"], table["unit"], table["period"], table["publisher"], strict=True
        )
    ]
    return table


METRIC_LABELS = {
    "downloads_share": "Download share",
    "downloads_count": "Downloads",
    "derivatives_share": "Share of fine-tunes",
    "derivatives_count": "Derivative models",
    "inference_token_share": "Token share",
    "survey_share": "Survey share",
    "model_count": "Notable models",
    "benchmark_gap": "Benchmark gap",
}


def _metric_label(metric: str, unit: str) -> str:
    """Readable name of a measurement metric; "other" is named by its unit (tokens, share, ...)."""
    if metric in METRIC_LABELS:
        return METRIC_LABELS[metric]
    return "Tokens served" if "token" in unit else "Other"


# --------------------------------------------------------------------------------------------------
# Claims and the drivers table


def drivers_table(drivers: list[dict], claims: pd.DataFrame, question: str = "adoption") -> pd.DataFrame:
    """Drivers × evidence × strength, with the verdicts of the claims each driver rests on.

    ``drivers`` is a list of dicts with ``driver, evidence, strength, claims`` (a list of claim ids);
    ``evidence`` is text assembled from computed numbers. The ``verdicts`` column reads each claim's
    verdict from ``claims`` (``pending`` before the verdicts are merged).
    """
    verdicts = ledger.question_verdicts(claims, question)
    rows = []
    for driver in drivers:
        ids = list(driver["claims"])
        unknown = [i for i in ids if i not in verdicts.index]
        if unknown:
            raise KeyError(
                f"driver {driver['driver']!r} cites claims not in the {question} question: {unknown}"
            )
        rows.append(
            {
                "driver": driver["driver"],
                "evidence": driver["evidence"],
                "strength": driver["strength"],
                "claims": ", ".join(ids) if ids else "none",
                "verdicts": "; ".join(f"{i}: {ledger.verdict_label(verdicts[i]).lower()}" for i in ids)
                if ids
                else "(no claim)",
            }
        )
    return pd.DataFrame(rows)


# --------------------------------------------------------------------------------------------------
# Prices for the token tax

#: Models priced in section 5: label -> (genai-prices provider_id, model_id, tokeniser of
#: :mod:`openweights.analysis.tokens`, developer's country group). First-party list prices where the
#: package has them, else OpenRouter's or a large host's. Tokeniser assignments follow the model cards
#: named in ``tokens.TOKENIZERS`` (``used_by``); Qwen3.6-Plus and GPT-5.5 are assumed to share their
#: family's open tokeniser (o200k_base for OpenAI's GPT-5 line).
PRICE_MODELS: dict[str, tuple[str, str, str, str]] = {
    "DeepSeek V4 Pro": ("deepseek", "deepseek-v4-pro", "deepseek-v4", "China"),
    "DeepSeek V4 Flash": ("deepseek", "deepseek-v4-flash", "deepseek-v4", "China"),
    "Qwen3.6 Plus": ("openrouter", "qwen/qwen3.6-plus", "qwen3.6", "China"),
    "Qwen3.6 27B": ("openrouter", "qwen/qwen3.6-27b", "qwen3.6", "China"),
    "GPT-5.5": ("openai", "gpt-5.5", "o200k_base", "United States"),
    "GPT-5.4 mini": ("openai", "gpt-5.4-mini", "o200k_base", "United States"),
    "gpt-oss-120b": ("openrouter", "openai/gpt-oss-120b", "o200k_base", "United States"),
    "Llama 3.3 70B": ("groq", "llama-3.3-70b-versatile", "llama3", "United States"),
}


def token_prices(prices: pd.DataFrame, models: dict = PRICE_MODELS, side: str = "output") -> pd.DataFrame:
    """Price per million tokens of each model in ``models`` (``side``: "input" or "output").

    Returns ``model, provider_id, model_id, tokenizer, country_group, usd_per_million_tokens`` in the
    order of ``models``; a model missing from ``prices`` is an error.
    """
    column = f"price_{side}_usd_per_mtok"
    keyed = prices.set_index(["provider_id", "model_id"])[column]
    rows = []
    for label, (provider, model_id, tokenizer, group) in models.items():
        if (provider, model_id) not in keyed.index:
            raise KeyError(f"genai-prices has no {provider}:{model_id} (for {label})")
        rows.append((label, provider, model_id, tokenizer, group, float(keyed.loc[(provider, model_id)])))
    columns = ["model", "provider_id", "model_id", "tokenizer", "country_group", "usd_per_million_tokens"]
    return pd.DataFrame(rows, columns=columns)


def max_token_tax(tax: pd.DataFrame, tokenizers=None) -> pd.Series:
    """The (tokeniser, language) with the highest ratio to English, among ``tokenizers`` (default: all)."""
    rows = tax if tokenizers is None else tax[tax["tokenizer"].isin(list(tokenizers))]
    best = rows.sort_values(["ratio", "tokenizer", "language"], ascending=[False, True, True]).iloc[0]
    return best[["tokenizer", "language", "ratio", "ci_low", "ci_high"]]


def token_tax_wide(tax: pd.DataFrame, language_names: dict[str, str] | None = None) -> pd.DataFrame:
    """Ratios as a table: languages (rows, English left out) by tokeniser (columns), rounded to 2 decimals."""
    wide = tax[tax["language"] != "en"].pivot(index="language", columns="tokenizer", values="ratio")
    if language_names:
        wide.index = [language_names.get(code, code) for code in wide.index]
    return wide.sort_index().rename_axis(index="language", columns=None).round(2)


def relative_efficiency(wide: pd.DataFrame, tokenizer: str, reference: str, tolerance: float = 0.05) -> dict:
    """Languages (rows of :func:`token_tax_wide`) where `tokenizer` needs fewer tokens than `reference`
    (``more``), about as many, within ``tolerance`` as a share (``level``), or more (``less``); each sorted."""
    if tolerance < 0:
        raise ValueError(f"tolerance must not be negative, got {tolerance}")
    ratio = wide[tokenizer] / wide[reference]
    groups = {
        "more": ratio < 1 - tolerance,
        "level": ratio.between(1 - tolerance, 1 + tolerance),
        "less": ratio > 1 + tolerance,
    }
    return {name: sorted(wide.index[mask]) for name, mask in groups.items()}


# Our judgement of how strong the evidence for each driver is, and the corpus claims it bears on. The
# evidence sentences are filled with numbers computed in the chapter (see :func:`adoption_drivers`).
DRIVER_CLAIMS = {
    "Capability": ["C002", "C039", "C050", "C058", "C083"],
    "Cost": ["C004", "C005"],
    "Licence": ["C028", "C053", "C055"],
    "Data control": [],
    "Fine-tuning": ["C043", "C057"],
    "Local languages": ["C014", "C038"],
    "Access": ["C001"],
    "Soft power": ["C063", "C064"],
}


def adoption_drivers(v: dict) -> list[dict]:
    """The drivers table's rows, with evidence sentences built from the chapter's computed values ``v``."""
    return [
        {
            "driver": "Capability",
            "evidence": (
                f"Best open model ({v['eci_best_open_model']}) is {v['eci_gap_points_latest']:.1f} ECI points and "
                f"{v['eci_lag_months_latest']:.1f} months behind the best closed one; a Chinese model held the "
                f"open lead in {v['best_open_model_cn_share_since_2024']:.0%} of months since January 2024."
            ),
            "strength": "strong for 'best open model', weak for 'best model'",
            "claims": DRIVER_CLAIMS["Capability"],
        },
        {
            "driver": "Cost",
            "evidence": (
                f"At the level of the best open model, the cheapest Chinese open model lists at "
                f"{v['price_cn_open_at_best']:.2f} USD per million blended tokens, the cheapest US closed one at "
                f"{v['price_us_closed_at_best']:.2f}; US labs also sell cheap closed models."
            ),
            "strength": "moderate: cheap, but not uniquely so at list prices",
            "claims": DRIVER_CLAIMS["Cost"],
        },
        {
            "driver": "Licence",
            "evidence": (
                f"Among leading open models tracked by the ECI since 2024, {v['permissive_share_eci_cn']:.0%} of "
                f"Chinese and {v['permissive_share_eci_us']:.0%} of US releases carry unrestricted licences; across "
                f"all 2024 language models the shares are {v['permissive_share_2024_cn']:.0%} and "
                f"{v['permissive_share_2024_us']:.0%}."
            ),
            "strength": "moderate: holds for flagships, not for the whole field",
            "claims": DRIVER_CLAIMS["Licence"],
        },
        {
            "driver": "Data control",
            "evidence": "Open weights can run on the user's own servers; this chapter does not measure it "
            "(see the cost and control chapter).",
            "strength": "not tested here",
            "claims": DRIVER_CLAIMS["Data control"],
        },
        {
            "driver": "Fine-tuning",
            "evidence": (
                f"Hugging Face counts {v['derivatives_qwen']:,.0f} Qwen-based against {v['derivatives_llama']:,.0f} "
                f"Llama-based repositories (mid-2025); {v['derivatives_share_cn']:.0f}% of new fine-tunes used a "
                "Chinese base (Stanford HAI, via a secondary report)."
            ),
            "strength": "strong on the Hub, silent on production use",
            "claims": DRIVER_CLAIMS["Fine-tuning"],
        },
        {
            "driver": "Local languages",
            "evidence": (
                f"Qwen3.6's tokeniser needs fewer tokens than OpenAI's o200k in {v['qwen_beats_o200k']} of "
                f"{v['languages_compared']} non-English languages; the largest token tax among current tokenisers "
                f"is {v['token_tax_max_ratio']:.1f}x ({v['token_tax_max_tokenizer']}, {v['token_tax_max_language']})."
            ),
            "strength": "mixed: efficiency differs by model and language; quality not measured",
            "claims": DRIVER_CLAIMS["Local languages"],
        },
        {
            "driver": "Access",
            "evidence": (
                f"{v['access_not_served_all']} countries are served by none of OpenAI, Anthropic and Google; outside "
                f"the US and Europe, DeepSeek holds 16% or more of AI users in {v['access_high_blocked']} of "
                f"{v['access_total_blocked']} countries a US lab does not serve, against {v['access_high_served']} of "
                f"{v['access_total_served']} that all three serve (Microsoft telemetry, late 2025)."
            ),
            "strength": "strong where US services are absent; says nothing of firms that could choose",
            "claims": DRIVER_CLAIMS["Access"],
        },
        {
            "driver": "Soft power",
            "evidence": "No data in this report measures reputation or 'vibes'.",
            "strength": "not testable",
            "claims": DRIVER_CLAIMS["Soft power"],
        },
    ]


# --------------------------------------------------------------------------------------------------
# Named values for the chapter text (plain Python numbers and strings, ready to glue)


def release_facts(
    census: pd.DataFrame, catalogue: pd.DataFrame, year: int = 2024, catalogue_year: int = 2026
) -> dict:
    """Open shares and open-release counts of China and the United States in the census and the catalogue."""
    facts = {}
    for name, group in (("us", "United States"), ("cn", "China")):
        facts[f"open_share_lm_{year}_{name}"] = lookup(census, "open_share", year=year, country_group=group)
        facts[f"open_releases_lm_{year}_{name}"] = int(
            lookup(census, "open_releases", year=year, country_group=group)
        )
        facts[f"open_share_catalogue_{catalogue_year}_{name}"] = lookup(
            catalogue, "open_share", year=catalogue_year, country_group=group
        )
    return facts


def lab_facts(language: pd.DataFrame, year: int = 2024, years=(2023, 2024), org: str = "org_id") -> dict:
    """Distinct labs with an open release in ``year`` and the top-3 labs' share of open releases in ``years``."""
    labs = distinct_open_labs(language, [year], org=org)
    recent = language[language["year"].between(*years)]
    facts = {}
    for name, group in (("cn", "China"), ("us", "United States")):
        facts[f"open_labs_{year}_{name}"] = int(labs.loc[year, group])
        facts[f"top3_share_{name}"] = top_lab_share(recent[recent["country_group"] == group], 3, org)
    return facts


def licence_facts(census_licences: pd.DataFrame, leading: pd.DataFrame, period: str = "2024") -> dict:
    """Unrestricted shares of open releases: census ``period`` (by country group and period) and leading models."""
    leading = leading.set_index("country_group")
    facts = {}
    for name, group in (("cn", "China"), ("us", "United States")):
        facts[f"permissive_share_{period}_{name}"] = lookup(
            census_licences, "permissive_share", country_group=group, period=period
        )
        facts[f"permissive_share_eci_{name}"] = float(leading.loc[group, "permissive_share"])
    return facts


def token_facts(
    tax: pd.DataFrame,
    names: dict[str, str],
    current,
    challenger: str = "qwen3.6",
    incumbent: str = "o200k_base",
) -> dict:
    """Largest token tax among ``current`` tokenisers and in how many languages ``challenger`` beats ``incumbent``."""
    top = max_token_tax(tax, current)
    wide = token_tax_wide(tax)
    return {
        "token_tax_max_language": names.get(top["language"], top["language"]),
        "token_tax_max_ratio": float(top["ratio"]),
        "token_tax_max_tokenizer": tokenizer_label(str(top["tokenizer"])),
        "qwen_beats_o200k": int((wide[challenger] < wide[incumbent]).sum()),
        "languages_compared": int(len(wide)),
        "token_segments": int(tax["segments"].max()),
    }


def wilson_interval(successes: int, trials: int, level: float = 0.95) -> tuple[float, float]:
    """Wilson score interval of a share (scipy's ``binomtest``); NaNs when there are no trials."""
    from scipy.stats import binomtest

    if trials <= 0:
        return float("nan"), float("nan")
    ci = binomtest(int(successes), int(trials)).proportion_ci(confidence_level=level, method="wilson")
    return round(float(ci.low), 6), round(float(ci.high), 6)


def notable_facts(series: pd.DataFrame, years) -> dict:
    """China's and the United States' open share of notable language-model releases in each of ``years``,
    with the counts behind it and its 95% Wilson interval (keys ``notable_open_share_<year>_<cn|us>`` and
    ``..._low``, ``..._high``, ``notable_open_<year>_<cn|us>``, ``notable_known_<year>_<cn|us>``)."""
    facts = {}
    for year in years:
        for name, group in (("cn", "China"), ("us", "United States")):
            opened = int(lookup(series, "open_releases", year=year, country_group=group))
            known = int(lookup(series, "known", year=year, country_group=group))
            low, high = wilson_interval(opened, known)
            key = f"{year}_{name}"
            facts[f"notable_open_{key}"] = opened
            facts[f"notable_known_{key}"] = known
            facts[f"notable_open_share_{key}"] = round(opened / known, 6) if known else float("nan")
            facts[f"notable_open_share_{key}_low"] = low
            facts[f"notable_open_share_{key}_high"] = high
    return facts


#: Pairs of models of similar capability for the local-language cost comparison (ECI scores of June 2026: GPT-5.4
#: mini 149.0, DeepSeek V4 Pro 149.7, Qwen3.6 Plus 149.4), as (US model, Chinese model, short name).
MATCHED_PAIRS = (("GPT-5.4 mini", "DeepSeek V4 Pro", "ds"), ("GPT-5.4 mini", "Qwen3.6 Plus", "qwen"))


def matched_cost_facts(cost: pd.DataFrame, language: str = "th", pairs=MATCHED_PAIRS) -> dict:
    """For each capability-matched pair, the cost ratio of 1,000 words in ``language`` (US model over Chinese model)
    split into its two factors: tokens needed (the token tax) and price per token."""
    rows = cost[cost["language"].eq(language)].set_index("model")
    facts = {}
    for us, cn, short in pairs:
        total = float(rows.loc[us, "usd"] / rows.loc[cn, "usd"])
        tokens_part = float(rows.loc[us, "usd_vs_reference"] / rows.loc[cn, "usd_vs_reference"])
        facts[f"cost_{language}_matched_ratio_{short}"] = round(total, 6)
        facts[f"cost_{language}_matched_tokens_{short}"] = round(tokens_part, 6)
        facts[f"cost_{language}_matched_price_{short}"] = round(total / tokens_part, 6)
    return facts
