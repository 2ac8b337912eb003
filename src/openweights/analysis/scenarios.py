"""Will Chinese openness last? Business models, state signals, and a watch-list of leading indicators.

Inputs: the curated tables ``lab_economics`` (sourced facts per lab) and ``policy_events`` (sourced policy
events), and the release table built by :mod:`openweights.analysis.openness`. Every function is pure.

Judgements that are ours, not the sources', are constants here with their reasons: how each lab's revenue
engine is classified (``REVENUE_ENGINES``), which words flag a figure as reported rather than confirmed
(``UNCONFIRMED``), and the precedents of Chinese technology-export control that the policy table does not hold
(``EXTERNAL_PRECEDENTS``, each with its source).
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from openweights.analysis.openness import (
    CHINESE_LABS,
    RECENT_FLAGSHIP_SINCE,
    SOURCE_END,
    count_closed_flagships,
    recent_flagships,
    year_earlier,
)
from openweights.countries import CHINA, UNITED_STATES

# ---------------------------------------------------------------------------------------------------------
# Business models
INDEPENDENT = "Revenue engine independent of model sales"
MODEL_SALES = "Earns by selling model access"
INVESTORS = "Funded by investors"
BACKING = (INDEPENDENT, MODEL_SALES, INVESTORS)

# Each `revenue_engine` fact of lab_economics → (engine, backing). The brief test: would the lab still earn
# this money if its models were free to download? Cloud compute, a parent's other business, consumer apps and
# hardware: yes. API access, subscriptions, licensing and on-premise model deployments: no.
REVENUE_ENGINES = {
    "L001": ("Cloud computing (Alibaba Cloud)", INDEPENDENT),
    "L011": ("Parent's quant fund (High-Flyer)", INDEPENDENT),
    "L024": ("Rounds led by platform companies", INVESTORS),
    "L028": ("On-premise model deployments", MODEL_SALES),
    "L038": ("Consumer apps (companions, video)", INDEPENDENT),
    "L042": ("Games and advertising", INDEPENDENT),
    "L046": ("Search advertising, AI cloud", INDEPENDENT),
    "L051": ("Free consumer app inside a platform group", INDEPENDENT),
    "L053": ("Models licensed into phones and cars", MODEL_SALES),
    "L055": ("Services on other labs' models", INDEPENDENT),
    "L059": ("Devices (phones, cars, home)", INDEPENDENT),
    "L061": ("Digital advertising", INDEPENDENT),
    "L065": ("Subscriptions and API", MODEL_SALES),
    "L071": ("Enterprise and government contracts", MODEL_SALES),
}

# lab_economics `lab` → organisation id of the release tables.
LAB_ORG = {
    "Alibaba (Qwen)": "alibaba",
    "DeepSeek": "deepseek",
    "Moonshot AI (Kimi)": "moonshot",
    "Zhipu AI / Z.ai (GLM)": "zhipu",
    "MiniMax": "minimax",
    "Tencent (Hunyuan)": "tencent",
    "Baidu (ERNIE)": "baidu",
    "ByteDance (Doubao / Seed)": "bytedance",
    "StepFun": "stepfun",
    "01.AI": "01ai",
    "Xiaomi (MiMo)": "xiaomi",
    "Meta (Llama)": "meta",
    "OpenAI": "openai",
    "Mistral AI": "mistral",
}

# Words in a fact's description or period that mark the figure as reported, estimated or planned.
UNCONFIRMED = re.compile(
    r"\(reported|\breportedly\b|\b(?:was|were|is|are) reported\b|\bunconfirmed\b|\bestimated?\b|\bestimates\b"
    r"|\btarget(?:ed)?\b|\bprojected\b|\bnot final\b|\bnot certain\b|\btheoretical\b",
    re.IGNORECASE,
)
# A figure its source calls theoretical (what a lab would earn, not what it earned) is tagged as such.
THEORETICAL = re.compile(r"\btheoretical\b", re.IGNORECASE)
# Words in an open_weights_policy fact that mark a tightening: restrictive licence terms, or a closed flagship.
LICENCE_RESTRICTION = re.compile(r"non-commercial|revenue-share|display the \w+ brand", re.I)
CLOSED_FLAGSHIP = re.compile(r"stays closed|could be proprietary", re.I)


def flag_unconfirmed(economics: pd.DataFrame) -> pd.Series:
    """True where the description or period says the figure is reported, estimated, targeted or projected."""
    text = economics["description"].fillna("").astype(str) + " " + economics["period"].fillna("").astype(str)
    return text.str.contains(UNCONFIRMED)


def classify_engines(economics: pd.DataFrame) -> pd.DataFrame:
    """The `revenue_engine` facts with our engine label and backing class; an unclassified fact raises."""
    engines = economics[economics["fact_type"].eq("revenue_engine")]
    missing = sorted(set(engines["fact_id"]) - set(REVENUE_ENGINES))
    if missing:
        raise KeyError(f"revenue_engine facts without a classification in REVENUE_ENGINES: {missing}")
    out = engines[["fact_id", "lab", "parent_company"]].copy()
    out["engine"] = out["fact_id"].map(lambda f: REVENUE_ENGINES[f][0])
    out["backing"] = out["fact_id"].map(lambda f: REVENUE_ENGINES[f][1])
    return out.sort_values("fact_id").reset_index(drop=True)


def _figure(row: pd.Series) -> str | None:
    value = pd.to_numeric(row["value"], errors="coerce")
    if pd.isna(value):
        return None
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return f"{text} {row['unit']}, {row['period']}"


def _tag(row: pd.Series) -> str:
    """The tag after a figure: ``[theoretical]`` if its source calls it theoretical, ``[reported]`` if it is
    otherwise unconfirmed (see :func:`flag_unconfirmed`), else nothing."""
    if not row["unconfirmed"]:
        return ""
    text = f"{row['description']} {row['period']}"
    return " [theoretical]" if THEORETICAL.search(text) else " [reported]"


def business_models(economics: pd.DataFrame) -> pd.DataFrame:
    """One row per lab: revenue engine, backing class, largest capex pledge, latest valuation and latest revenue
    figure (confirmed figures preferred; a reported or estimated one is tagged ``[reported]``, one its source
    calls theoretical ``[theoretical]``), number of facts and how many are reported/unconfirmed; a lab without
    such a figure or engine has a missing value (None). Labs in first-appearance order of the table."""
    facts = economics.assign(unconfirmed=flag_unconfirmed(economics))
    engines = classify_engines(economics).drop_duplicates("lab").set_index("lab")
    rows = []
    for lab, group in facts.groupby("lab", sort=False):
        values = pd.to_numeric(group["value"], errors="coerce")

        def pick(kind: str, largest: bool = False, frame=group, numbers=values) -> str | None:
            subset = frame[frame["fact_type"].eq(kind) & numbers.notna()]
            confirmed = subset[~subset["unconfirmed"]]
            chosen = confirmed if len(confirmed) else subset
            if chosen.empty:
                return None
            row = chosen.loc[numbers[chosen.index].idxmax()] if largest else chosen.iloc[-1]
            return _figure(row) + _tag(row)

        rows.append(
            {
                "lab": lab,
                "engine": engines["engine"].get(lab),
                "backing": engines["backing"].get(lab),
                "capex_pledge": pick("capex_pledge", largest=True),
                "valuation": pick("valuation"),
                "revenue": pick("revenue"),
                "facts": len(group),
                "unconfirmed": int(group["unconfirmed"].sum()),
            }
        )
    return pd.DataFrame(rows)


def openness_by_backing(
    business: pd.DataFrame, releases: pd.DataFrame, since: str = "2025-H1", end: str | None = None
) -> pd.DataFrame:
    """Open share of each lab's releases from half-year `since` (combined release table) next to its backing."""
    rows = releases[releases["half_year"].ge(since)]
    if end is not None:
        rows = rows[rows["half_year"].le(end)]
    out = business[["lab", "engine", "backing"]].copy()
    out["org_id"] = out["lab"].map(LAB_ORG)
    grouped = rows.groupby("org_id")["open_weights"]
    out["releases"] = out["org_id"].map(grouped.size()).fillna(0).astype(int)
    out["open"] = out["org_id"].map(grouped.sum()).fillna(0).astype(int)
    out["open_share"] = (out["open"] / out["releases"].replace(0, np.nan)).astype(float)
    return out.sort_values(["backing", "open_share", "lab"], ascending=[True, False, True]).reset_index(
        drop=True
    )


def lab_facts(economics: pd.DataFrame, lab: str, fact_type: str | None = None) -> pd.DataFrame:
    """One lab's facts (optionally of one type) with period, value, unit and description, in table order."""
    rows = economics[economics["lab"].eq(lab)]
    if fact_type is not None:
        rows = rows[rows["fact_type"].eq(fact_type)]
    return rows[["fact_id", "fact_type", "period", "value", "unit", "description"]].reset_index(drop=True)


TIGHTENING_KINDS = ("licence terms", "closed flagship")


def licence_signals(economics: pd.DataFrame) -> pd.DataFrame:
    """`open_weights_policy` facts with whether the lab is one of the Chinese labs followed and the kind of
    tightening each records: ``licence terms`` (non-commercial, revenue-share or branding clauses), ``closed
    flagship``, or ``none``."""
    columns = ["fact_id", "lab", "period", "description"]
    policy = economics[economics["fact_type"].eq("open_weights_policy")][columns]
    text = policy["description"].fillna("").astype(str)
    licence_terms, closed_flagship = TIGHTENING_KINDS
    kind = np.where(
        text.str.contains(LICENCE_RESTRICTION),
        licence_terms,
        np.where(text.str.contains(CLOSED_FLAGSHIP), closed_flagship, "none"),
    )
    policy = policy.assign(chinese=policy["lab"].map(LAB_ORG).isin(list(CHINESE_LABS)), tightening=kind)
    return policy.sort_values("fact_id").reset_index(drop=True)


def labs_tightening(
    licences: pd.DataFrame, chinese: bool = True, kinds: tuple[str, ...] = TIGHTENING_KINDS
) -> list[str]:
    """Labs (Chinese by default) with at least one tightening fact of one of `kinds`, sorted."""
    unknown = sorted(set(kinds) - set(TIGHTENING_KINDS))
    if unknown:
        raise ValueError(f"unknown tightening kinds {unknown}; expected some of {TIGHTENING_KINDS}")
    rows = licences[licences["tightening"].isin(kinds) & licences["chinese"].eq(chinese)]
    return sorted(set(rows["lab"]))


# ---------------------------------------------------------------------------------------------------------
# State signals
THEMES = (
    "Open-source promotion and strategy",
    "Content and security rules",
    "Technology export control",
    "Chip self-reliance",
    "Oversight of labs and staff",
)


def theme(events: pd.DataFrame) -> pd.Series:
    """Policy events → one of ``THEMES`` (by instrument and target)."""
    instrument, target = events["instrument"].astype(str), events["target"].astype(str)
    out = pd.Series("Content and security rules", index=events.index, dtype=object)
    out[instrument.isin(["strategy_plan", "diplomacy_white_paper", "investment_funding"])] = THEMES[0]
    out[target.eq("compute_chips") & ~instrument.eq("export_control")] = THEMES[3]
    out[instrument.eq("export_control")] = THEMES[2]
    return out.astype(str)


def china_signals(policy: pd.DataFrame) -> pd.DataFrame:
    """Chinese policy events with their theme, oldest first."""
    cn = policy[policy["jurisdiction"].eq("CN")].copy()
    cn["theme"] = theme(cn)
    cn["date"] = pd.to_datetime(cn["date"])
    columns = ["event_id", "date", "theme", "instrument", "target", "stance_open_weights", "summary"]
    return cn[columns].sort_values(["date", "event_id"]).reset_index(drop=True)


def signal_counts(signals: pd.DataFrame) -> pd.DataFrame:
    """Chinese events per theme and stance toward open weights (themes with events, in ``THEMES`` order)."""
    table = pd.crosstab(signals["theme"], signals["stance_open_weights"])
    themes = [t for t in THEMES if t in table.index]
    table = table.reindex(index=themes, columns=["promote", "neutral", "restrict"], fill_value=0)
    table["total"] = table.sum(axis=1)
    return table


# How reader-facing cells name our policy events table (capitalised where it starts a cell).
POLICY_TABLE = "our policy events table"

# Precedents the corpus cites (or that bear on it) which the policy table does not hold; each names its source.
EXTERNAL_PRECEDENTS = (
    {
        "date": "2020-08-28",
        "theme": "Technology export control",
        "event": "AI speech, AI interaction-interface and data-driven recommendation technologies added to "
        "China's restricted-export catalogue during the forced TikTok sale",
        "source_url": "https://cset.georgetown.edu/publication/"
        "revisions-to-the-content-of-the-catalog-of-prohibited-or-restricted-technology-exports",
    },
    {
        "date": "2025-03-14",
        "theme": "Oversight of labs and staff",
        "event": "The Information reports that DeepSeek holds some staff passports and limits their travel abroad",
        "source_url": "https://the-decoder.com/chinas-deepseek-reportedly-restricts-employee-travel-amid-ai-"
        "security-concerns",
    },
    {
        "date": "2025-03-19",
        "theme": "Technology export control",
        "event": "Financial Times reports that the commerce ministry is holding back approval of BYD's Mexico "
        "plant for fear its technology would reach the United States",
        "source_url": "https://bne.eu/china-stalls-byd-s-mexican-electric-vehicle-plant-approval-over-us-tech-"
        "concerns-372551/?source=mexico",
    },
    {
        "date": "2025-07-15",
        "theme": "Technology export control",
        "event": "Battery-cathode (LFP, LMFP) and lithium-processing technologies added to the restricted-export "
        "catalogue",
        "source_url": "https://www.mondaq.com/china/mining/1658182/"
        "chinas-battery-technology-export-restrictions-cathode-lithium-gallium",
    },
)


def external_precedents() -> pd.DataFrame:
    """``EXTERNAL_PRECEDENTS`` as a frame (date, theme, event, source_url)."""
    return pd.DataFrame(list(EXTERNAL_PRECEDENTS))


def precedents(signals: pd.DataFrame) -> pd.DataFrame:
    """Precedents of state control over technology: the table's Chinese export-control events (``where`` names
    our policy events table and the event) plus ``EXTERNAL_PRECEDENTS`` (with their source URL), oldest first."""
    table = signals[signals["theme"].eq("Technology export control")]
    inside = pd.DataFrame(
        {
            "date": table["date"].dt.date.astype(str),
            "event": table["summary"],
            "where": POLICY_TABLE.capitalize() + " (" + table["event_id"] + ")",
        }
    )
    outside = pd.DataFrame(EXTERNAL_PRECEDENTS)
    outside = pd.DataFrame(
        {"date": outside["date"], "event": outside["event"], "where": outside["source_url"]}
    )
    return (
        pd.concat([inside, outside], ignore_index=True).sort_values(["date", "event"]).reset_index(drop=True)
    )


# Our summaries say "suspended", "lifted" or "eased" when an act relaxes a control; such an act is no sign of
# closure, so the export-control indicator leaves it out.
EASING = re.compile(
    r"\b(?:suspend(?:s|ed)?|lift(?:s|ed|ing)?|eas(?:e|es|ed|ing)|paus(?:e|es|ed))\b", re.IGNORECASE
)


def eases_controls(summary: pd.Series) -> pd.Series:
    """True where an event's summary says it suspends, lifts, pauses or eases a control."""
    return summary.fillna("").astype(str).str.contains(EASING)


def count_events(
    signals: pd.DataFrame,
    end: str,
    months: int = 12,
    theme_name: str | None = None,
    stance: str | None = None,
) -> int:
    """Chinese events in the `months` up to and including `end`, optionally of one theme and/or stance."""
    end_ts = pd.Timestamp(end)
    start_ts = end_ts - pd.DateOffset(months=months)
    rows = signals[(signals["date"] > start_ts) & (signals["date"] <= end_ts)]
    if theme_name is not None:
        rows = rows[rows["theme"].eq(theme_name)]
    if stance is not None:
        rows = rows[rows["stance_open_weights"].eq(stance)]
    return int(len(rows))


# ---------------------------------------------------------------------------------------------------------
# Indicators and the watch-list
def frontier_gap(eci: pd.DataFrame, end: str) -> float:
    """ECI points between the best US and the best Chinese model released up to `end` (positive: US ahead).

    `eci` holds eci_score, release_date and country_group (the ECI table itself: openness does not matter here).
    """
    rows = eci[eci["eci_score"].notna() & pd.to_datetime(eci["release_date"]).le(pd.Timestamp(end))]
    best = rows.groupby("country_group")["eci_score"].max()
    return round(float(best.get(UNITED_STATES, np.nan) - best.get(CHINA, np.nan)), 6)


FRONTIER_TOP = 5  # how many of a country's best ECI models count as its frontier

# What may follow a model's name in the name of another version of the same model: "DeepSeek-V3.2-Exp" and
# "DeepSeek-R1 (May 2025)" are versions of DeepSeek-V3.2 and DeepSeek-R1; "Kimi K2.5" is not one of Kimi K2.
VERSION_SEPARATORS = ("-", " ", "(")


def same_family(name: str, other: str) -> bool:
    """True when one model name is the other or the other followed by a version suffix (see VERSION_SEPARATORS)."""
    short, long = sorted((str(name), str(other)), key=len)
    return long == short or (long.startswith(short) and long[len(short)] in VERSION_SEPARATORS)


def _version_of(row: pd.Series, other: pd.Series) -> bool:
    """`row` is another version of `other`: the same family and the same openness. A closed "Max" beside an
    open model of the same name is a different release decision, which the open share must count."""
    mine, theirs = row["open_weights"], other["open_weights"]
    same_openness = pd.isna(mine) == pd.isna(theirs) and (pd.isna(mine) or bool(mine == theirs))
    return same_openness and same_family(row["model"], other["model"])


def frontier_models(
    releases: pd.DataFrame, group: str, end: str, months: int = 12, top: int = FRONTIER_TOP
) -> pd.DataFrame:
    """`group`'s `top` highest-ECI models released in the `months` up to `end`, one per family (a version of a
    better-scored model with the same openness, see :func:`same_family`, is left out), best first."""
    end_ts = pd.Timestamp(end)
    rows = releases[
        releases["eci_score"].notna()
        & releases["country_group"].eq(group)
        & releases["release_date"].le(end_ts)
        & releases["release_date"].gt(end_ts - pd.DateOffset(months=months))
    ]
    kept: list[int] = []
    for index, row in rows.sort_values(["eci_score", "model"], ascending=[False, True]).iterrows():
        if len(kept) < top and not any(_version_of(row, rows.loc[k]) for k in kept):
            kept.append(index)
    return rows.loc[kept]


def frontier_open_share(
    releases: pd.DataFrame, group: str, end: str, months: int = 12, top: int = FRONTIER_TOP
) -> float:
    """Share with open weights among `group`'s frontier models (see :func:`frontier_models`)."""
    best = frontier_models(releases, group, end, months, top)
    return round(float(best["open_weights"].astype(float).mean()), 6) if len(best) else float("nan")


SCENARIOS = (
    "Openness holds",
    "Selective closing of frontier models",
    "State-driven closure",
)

# The watch-list: each indicator, the scenario it speaks to, and the reading that would point toward it.
INDICATORS = (
    (
        "cn_open_share",
        SCENARIOS[0],
        "Chinese open share of releases, latest half-year",
        "stays above one half",
    ),
    (
        "cn_open_share_change",
        SCENARIOS[0],
        "Change in that share from a year earlier (percentage points)",
        "not falling",
    ),
    (
        "cn_vs_us_odds_modelsdev",
        SCENARIOS[0],
        "Odds ratio China vs US of an open release (models.dev)",
        "above 1",
    ),
    (
        "cn_promote_events",
        SCENARIOS[0],
        "Chinese policy events promoting open source, last 24 months",
        "at least 1",
    ),
    ("cn_closed_flagships", SCENARIOS[1], "Chinese labs whose recent flagship is closed", "rising"),
    (
        "cn_frontier_open_share",
        SCENARIOS[1],
        "Open share of China's five best models (ECI, one per family), last 12 months",
        "falling",
    ),
    (
        "licence_tightening",
        SCENARIOS[1],
        "Chinese labs with a tighter licence or closed flagship on record",
        "rising",
    ),
    ("cn_restrict_events", SCENARIOS[2], "Chinese policy events restricting open weights, all time", "any"),
    (
        "cn_export_events",
        SCENARIOS[2],
        "Chinese technology-export-control events that add or extend controls, last 12 months",
        "rising",
    ),
    ("eci_gap", SCENARIOS[2], "ECI points between best US and best Chinese model", "near zero or negative"),
)


def current_readings(
    *,
    by_group: pd.DataFrame,
    latest: str,
    modelsdev_odds: tuple[float, float, float],
    flags: pd.DataFrame,
    releases: pd.DataFrame,
    eci: pd.DataFrame,
    licences: pd.DataFrame,
    signals: pd.DataFrame,
    eci_end: str = SOURCE_END["eci_models"],
) -> tuple[dict[str, str], dict[str, str]]:
    """The current reading of every indicator in ``INDICATORS`` and the data it is read from.

    `by_group` is ``openness.group_halfyear``; `flags` is ``openness.flagships``; `releases` the combined release
    table; `licences` is :func:`licence_signals`; `signals` is :func:`china_signals`. Event windows end at the
    latest Chinese event in the policy table.
    """

    def share(half: str) -> float:
        row = by_group[by_group["country_group"].astype(str).eq(CHINA) & by_group["half_year"].eq(half)]
        return float(row["open_share"].iloc[0]) if len(row) else float("nan")

    year_before = f"{int(latest[:4]) - 1}{latest[4:]}"
    one_year_before = year_earlier(eci_end)
    end = signals["date"].max().date().isoformat()
    closed = count_closed_flagships(flags, CHINA, since=RECENT_FLAGSHIP_SINCE)
    recent = len(recent_flagships(flags, CHINA))
    ratio, low, high = modelsdev_odds
    readings = {
        "cn_open_share": f"{share(latest):.0%}",
        "cn_open_share_change": f"{(share(latest) - share(year_before)) * 100:+.0f}",
        "cn_vs_us_odds_modelsdev": f"{ratio:.1f} ({low:.1f} to {high:.1f})",
        "cn_promote_events": str(count_events(signals, end, 24, stance="promote")),
        "cn_closed_flagships": f"{closed} of {recent}",
        "cn_frontier_open_share": f"{frontier_open_share(releases, CHINA, eci_end):.0%}",
        "licence_tightening": str(len(labs_tightening(licences))),
        "cn_restrict_events": str(int(signals["stance_open_weights"].eq("restrict").sum())),
        "cn_export_events": str(
            count_events(signals[~eases_controls(signals["summary"])], end, 12, "Technology export control")
        ),
        "eci_gap": f"{frontier_gap(eci, eci_end):.1f} ({frontier_gap(eci, one_year_before):.1f} a year earlier)",
    }
    read_from = {
        "cn_open_share": f"combined release tables, {latest}",
        "cn_open_share_change": f"{latest} vs {year_before}",
        "cn_vs_us_odds_modelsdev": "models.dev releases from 2024",
        "cn_promote_events": f"{POLICY_TABLE}, 24 months to {end}",
        "cn_closed_flagships": f"flagship table (section 1), labs with a flagship from {RECENT_FLAGSHIP_SINCE} on",
        "cn_frontier_open_share": f"ECI, 12 months to {eci_end}; one model per family",
        "licence_tightening": "our lab economics facts on open-weights policy (licence terms or closed flagship)",
        "cn_restrict_events": f"{POLICY_TABLE}, to {end}",
        "cn_export_events": f"{POLICY_TABLE}, 12 months to {end}; suspensions and easings left out",
        "eci_gap": f"ECI to {eci_end}",
    }
    return readings, read_from


def watchlist(readings: dict[str, str], as_of: dict[str, str]) -> pd.DataFrame:
    """The watch-list table: scenario, indicator, current reading, what it is read from, and the signal to watch."""
    missing = [key for key, *_ in INDICATORS if key not in readings]
    if missing:
        raise KeyError(f"no reading for indicators {missing}")
    rows = [
        {
            "scenario": scenario,
            "indicator": label,
            "reading": readings[key],
            "read_from": as_of.get(key, ""),
            "points_to_scenario_if": signal,
        }
        for key, scenario, label, signal in INDICATORS
    ]
    return pd.DataFrame(rows)


def flagship_facts(flagships: pd.DataFrame) -> dict:
    """Counts of the researched 2026 flagships by openness (``lab_flagships``), with the labs in each group."""
    facts = {"flagships_researched": int(len(flagships))}
    for value in ("yes", "no", "unknown"):
        rows = flagships[flagships["open_weights"].eq(value)]
        facts[f"flagships_open_{value}"] = int(len(rows))
        facts[f"flagships_open_{value}_labs"] = ", ".join(sorted(rows["lab"])) or "none"
    return facts
