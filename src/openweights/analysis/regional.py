"""Who builds on what outside the US and Europe: the base models of regional language models (chapter 1.3).

Reads the curated ``regional_models`` table (one row per released model version by a builder based outside the
US, the EU/EEA, the UK, Switzerland and China) and ``service_access`` (where US labs' services are offered).
Every function is pure and returns a sorted frame or plain numbers.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy.stats import fisher_exact

from openweights.analysis.adoption import wilson_interval
from openweights.codes import SERVICE_PROVIDER_LABELS
from openweights.countries import EUROPE_CODES, country_name
from openweights.sourcekinds import KINDS

__all__ = [
    "BASE_ORIGINS",
    "EUROPE",
    "base_origin",
    "with_origin",
    "half_year",
    "origin_shares",
    "origin_by_region",
    "shift_test",
    "not_served",
]

BASE_ORIGINS = ("China", "United States", "Europe", "Own or regional", "Unknown")
#: Base developers' countries counted as Europe: the EU, the EEA, the UK and Switzerland.
EUROPE = EUROPE_CODES
REGION_LABELS = {
    "east_asia": "East Asia (Japan, Korea, Taiwan)",
    "south_east_asia": "South-East Asia",
    "south_asia": "South Asia",
    "central_asia": "Central Asia",
    "middle_east_north_africa": "Middle East and North Africa",
    "sub_saharan_africa": "Sub-Saharan Africa",
    "latin_america": "Latin America",
    "rest_of_europe": "Rest of Europe (Russia, Turkey, Ukraine)",
}


def _text(value: object) -> str:
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)


def base_origin(base_model: str, base_country: str) -> str:
    """Where a regional model's base comes from: China, the United States, Europe, the builder's own or another
    regional lab's model (including "from scratch"), or Unknown (base not stated, or two bases of two origins)."""
    base_model = _text(base_model).strip().lower()
    countries = {c.strip() for c in _text(base_country).replace(",", ";").split(";") if c.strip()}
    if base_model == "from scratch":
        return "Own or regional"
    if base_model in ("", "unknown") or not countries:
        return "Unknown"
    origins = {
        "China"
        if c == "CN"
        else "United States"
        if c == "US"
        else "Europe"
        if c in EUROPE
        else "Own or regional"
        for c in countries
    }
    return origins.pop() if len(origins) == 1 else "Unknown"


def half_year(release: pd.Series) -> pd.Series:
    """``YYYY-MM[-DD]`` → ``YYYY-H1``/``YYYY-H2``; a date with only a year (or none) gives NA."""
    text = release.fillna("").astype(str)
    year, month = text.str[:4], pd.to_numeric(text.str[5:7], errors="coerce")
    label = year + np.where(month <= 6, "-H1", "-H2")
    return label.where(month.notna())


def with_origin(models: pd.DataFrame, include_rest_of_europe: bool = True) -> pd.DataFrame:
    """The regional models with ``base_origin``, ``year`` and ``half_year`` columns."""
    out = models.copy()
    if not include_rest_of_europe:
        out = out[out["region"].ne("rest_of_europe")]
    out["base_origin"] = [
        base_origin(m, c) for m, c in zip(out["base_model"], out["base_developer_country"], strict=True)
    ]
    out["year"] = pd.to_numeric(out["release_date"].fillna("").astype(str).str[:4], errors="coerce").astype(
        "Int64"
    )
    out["half_year"] = half_year(out["release_date"])
    return out.sort_values(["model_id"]).reset_index(drop=True)


def origin_shares(models: pd.DataFrame, by: str = "year") -> pd.DataFrame:
    """Per period: models with a known base, and the count, share and 95% Wilson interval of each origin among them."""
    known = models[models["base_origin"].ne("Unknown") & models[by].notna()]
    rows = []
    for period, group in known.groupby(by, sort=True):
        n = len(group)
        for origin in BASE_ORIGINS[:-1]:
            k = int(group["base_origin"].eq(origin).sum())
            low, high = wilson_interval(k, n)
            rows.append(
                {
                    by: period,
                    "base_origin": origin,
                    "models": k,
                    "known_base": n,
                    "share": k / n,
                    "low": low,
                    "high": high,
                }
            )
    return pd.DataFrame(rows).sort_values([by, "base_origin"]).reset_index(drop=True)


def origin_by_region(models: pd.DataFrame) -> pd.DataFrame:
    """Models per region and base origin (a count table, regions as rows, with countries counted)."""
    table = pd.crosstab(models["region"].map(REGION_LABELS), models["base_origin"]).reindex(
        columns=list(BASE_ORIGINS), fill_value=0
    )
    table["models"] = table.sum(axis=1)
    table["countries"] = models.groupby(models["region"].map(REGION_LABELS))["builder_country"].nunique()
    return table.sort_values("models", ascending=False)


def shift_test(models: pd.DataFrame, origin: str = "China", early=(2023, 2024), late=(2025, 2026)) -> dict:
    """Share of ``origin`` bases among known-base models in two periods, with counts, intervals and Fisher's exact
    test of the difference."""
    known = models[models["base_origin"].ne("Unknown") & models["year"].notna()]
    out = {}
    table = []
    for label, (start, end) in (("early", early), ("late", late)):
        rows = known[known["year"].between(start, end)]
        k, n = int(rows["base_origin"].eq(origin).sum()), len(rows)
        low, high = wilson_interval(k, n)
        out.update(
            {
                f"{label}_count": k,
                f"{label}_known": n,
                f"{label}_share": round(k / n, 6) if n else float("nan"),
            }
        )
        out.update({f"{label}_low": low, f"{label}_high": high})
        table.append([k, n - k])
    out["p_value"] = round(float(fisher_exact(table).pvalue), 6)
    return out


def not_served(access: pd.DataFrame) -> pd.DataFrame:
    """Countries that at least one US provider does not serve, one row per country with each provider's status.

    A provider serves a country when any version of its pages that we hold lists it: where two versions disagree
    (Anthropic's API list of late 2025 and its later policy page), the country counts as served, so that "not
    served" rests on every page we read."""
    status = (
        access.assign(listed=access["offered"].eq("yes"))
        .groupby(["country", "provider"])["listed"]
        .any()
        .map({True: "yes", False: "not_listed"})
        .unstack("provider")
        .fillna("")
    )
    missing = status.apply(lambda row: sum(v == "not_listed" for v in row), axis=1)
    status["providers_not_serving"] = missing
    status.columns.name = None
    return (
        status[missing > 0]
        .sort_values(["providers_not_serving"], ascending=False, kind="stable")
        .reset_index()
    )


def not_served_table(gaps: pd.DataFrame) -> pd.DataFrame:
    """:func:`not_served` as the book shows it: countries and labs by name, each status "listed" or "not listed";
    countries that more labs leave out first, then by name."""
    labs = [code for code in SERVICE_PROVIDER_LABELS if code in gaps.columns]
    shown = gaps.assign(
        country=gaps["country"].map(lambda code: country_name(code) or code),
        **{lab: gaps[lab].map({"yes": "listed", "not_listed": "not listed"}).fillna("") for lab in labs},
    )
    shown = shown.sort_values(["providers_not_serving", "country"], ascending=[False, True], kind="stable")
    return shown[["country", *labs, "providers_not_serving"]].rename(columns=SERVICE_PROVIDER_LABELS)


#: Where the press located DeepSeek's users: Microsoft's telemetry of AI users by country (AI Diffusion Report).
MICROSOFT = "Microsoft AI Economy Institute (AI for Good Lab)"
UNITED_STATES_AND_EUROPE = EUROPE | {"US"}


def located_measurements(measurements: pd.DataFrame) -> pd.DataFrame:
    """Adoption measurements with a country or region (not ``global``), sorted by geography and id."""
    located = measurements[measurements["geography"].ne("global")]
    return located.sort_values(["geography", "measurement_id"]).reset_index(drop=True)


def deepseek_by_country(measurements: pd.DataFrame, access: pd.DataFrame | None = None) -> pd.DataFrame:
    """Microsoft's estimate of DeepSeek's share of AI users, one row per country (the report's own value: a printed
    number, or the colour class of its map as a low-high range), with whether the country is outside the US and
    Europe and, given ``access``, how many of the three US labs do not list it."""
    rows = measurements[
        measurements["publisher"].eq(MICROSOFT)
        & measurements["metric"].eq("market_share")
        & measurements["origin"].eq("china")
        & measurements["geography"].str.fullmatch(r"[A-Z]{2}")
    ].copy()
    rows["low"] = pd.to_numeric(rows["value"], errors="coerce")
    high = pd.to_numeric(rows["value_high"], errors="coerce")
    rows["high"] = high.fillna(rows["low"])
    rows["printed"] = high.isna()
    rows["outside_us_europe"] = ~rows["geography"].isin(UNITED_STATES_AND_EUROPE)
    columns = ["geography", "measurement_id", "low", "high", "printed", "outside_us_europe"]
    out = rows[columns].rename(columns={"geography": "country"})
    if access is not None:
        gaps = not_served(access[access["service"].str.contains("API")]).set_index("country")
        out["us_labs_not_serving"] = out["country"].map(gaps["providers_not_serving"]).fillna(0).astype(int)
    return out.sort_values(["low", "high", "country"], ascending=[False, False, True]).reset_index(drop=True)


def share_by_access(by_country: pd.DataFrame, threshold: float = 16.0) -> pd.DataFrame:
    """Countries outside the US and Europe where DeepSeek's share is at least ``threshold`` percent (its lower
    bound), among those that some US lab does not serve and those all three serve, with 95% Wilson intervals and
    Fisher's exact test of the difference (in ``frame.attrs["p_value"]``)."""
    outside = by_country[by_country["outside_us_europe"]]
    rows, table = [], []
    for label, mask in (
        ("not served by at least one US lab", outside["us_labs_not_serving"].gt(0)),
        ("served by all three US labs", outside["us_labs_not_serving"].eq(0)),
    ):
        group = outside[mask]
        k, n = int(group["low"].ge(threshold).sum()), len(group)
        low, high = wilson_interval(k, n)
        rows.append(
            {
                "countries": label,
                "high_share": k,
                "total": n,
                "share": k / n if n else float("nan"),
                "low": low,
                "high": high,
            }
        )
        table.append([k, n - k])
    out = pd.DataFrame(rows)
    out.attrs["p_value"] = round(float(fisher_exact(table).pvalue), 6)
    return out


def access_facts(by_access: pd.DataFrame) -> dict:
    """Named values of :func:`share_by_access` for the text: ``access_high_<blocked|served>`` (countries at or above
    the threshold), ``access_total_...``, ``access_high_..._share``, ``_low``, ``_high`` and ``access_p``."""
    facts: dict = {}
    for (_, row), prefix in zip(by_access.iterrows(), ("blocked", "served"), strict=True):
        facts[f"access_high_{prefix}"] = int(row["high_share"])
        facts[f"access_total_{prefix}"] = int(row["total"])
        facts[f"access_high_{prefix}_share"] = float(row["share"])
        facts[f"access_high_{prefix}_low"] = float(row["low"])
        facts[f"access_high_{prefix}_high"] = float(row["high"])
    facts["access_p"] = by_access.attrs["p_value"]
    return facts


def dataset_facts(models: pd.DataFrame) -> dict:
    """Named values for the text: rows, countries, rows by source kind, rows with an unknown base."""
    facts = {
        "regional_models_total": int(len(models)),
        "regional_countries": int(models["builder_country"].nunique()),
        "regional_unknown_base": int(models["base_origin"].eq("Unknown").sum()),
        "regional_east_asia": float(models["region"].eq("east_asia").mean()),
    }
    for kind in KINDS:
        facts[f"regional_{kind}"] = int(models["source_kind"].eq(kind).sum())
    return facts


def shift_facts(shift: dict, suffix: str = "") -> dict:
    """Named values of :func:`shift_test` for the text (``regional_cn_share_early``, ``..._low``, counts, p)."""
    facts = {}
    for period in ("early", "late"):
        facts[f"regional_cn_{period}{suffix}"] = shift[f"{period}_count"]
        facts[f"regional_known_{period}{suffix}"] = shift[f"{period}_known"]
        facts[f"regional_cn_share_{period}{suffix}"] = shift[f"{period}_share"]
        facts[f"regional_cn_share_{period}{suffix}_low"] = shift[f"{period}_low"]
        facts[f"regional_cn_share_{period}{suffix}_high"] = shift[f"{period}_high"]
    facts[f"regional_shift_p{suffix}"] = shift["p_value"]
    return facts


def china_share_by_region(models: pd.DataFrame) -> pd.DataFrame:
    """Per region: models with a known base, those on a Chinese base, and that share with its 95% Wilson interval."""
    known = models[models["base_origin"].ne("Unknown")]
    rows = []
    for region, group in known.groupby(known["region"].map(REGION_LABELS), sort=True):
        k, n = int(group["base_origin"].eq("China").sum()), len(group)
        low, high = wilson_interval(k, n)
        rows.append(
            {"region": region, "known_base": n, "chinese_base": k, "share": k / n, "low": low, "high": high}
        )
    return pd.DataFrame(rows).sort_values("known_base", ascending=False).reset_index(drop=True)
