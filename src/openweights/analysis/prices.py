"""What a buyer pays per token, from whom, and under whose control.

Prices are in US dollars per million tokens (USD/Mtok), separately for input (prompt) and output
(completion) tokens. A *blended* price weights them by a stated input:output mix; the default is three
input tokens per output token (3:1), the convention Artificial Analysis uses for its price charts. The
mix is a parameter of every function that blends, because chat, retrieval and coding workloads differ.

Segments follow the chapter's question, by the developer's country group (from the organizations
table, never guessed) and whether the model's weights are open:

* ``"Chinese open-weight labs"``: a Chinese developer, open weights;
* ``"US closed labs"``: a US developer, closed weights;
* ``"US and European open-weight labs"``: a US or European developer, open weights;
* ``"Other"``: everything else (Chinese closed models, European closed models, other countries).

Sections: blended prices and segments; who sells what (first-party prices from ``genai_prices`` and
models.dev, gateways, openness per model, cross-checks, ECI join); price against capability (cost
frontier, cheapest per threshold); hosts (independent sellers per model and their price spread);
self-hosting (break-even tables from :mod:`openweights.analysis.cost_model`); list-price changes;
hosts' jurisdictions; the data-control matrix; corpus claims.

Every function is pure: it takes data frames and returns a new, sorted data frame.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from itertools import takewhile

import numpy as np
import pandas as pd

from openweights.codes import DIMENSION_LABELS, MODE_LABELS, MODES, RATING_SCORES
from openweights.countries import country_group, to_iso2
from openweights.tables import sites

# Three input tokens per output token (Artificial Analysis's blended price; cost_parameters.csv
# `api_input_token_share` = 0.75 with its source).
DEFAULT_INPUT_PER_OUTPUT = 3.0

CN_OPEN = "Chinese open-weight labs"
US_CLOSED = "US closed labs"
WEST_OPEN = "US and European open-weight labs"
OTHER = "Other"
SEGMENTS = (CN_OPEN, US_CLOSED, WEST_OPEN, OTHER)
# Capability thresholds on the Epoch Capabilities Index. ECI is scaled so that, in the 2026-04-10
# snapshot, Claude 3.5 Sonnet scores 130 and GPT-5 150; 150 is our "frontier threshold" (GPT-5 level).
ECI_THRESHOLDS = (130.0, 140.0, 145.0, 150.0, 155.0)
FRONTIER_THRESHOLD = 150.0
#: (segment, threshold, glue name) of the cheapest models that chapter 2 names in its text.
NAMED_CHEAPEST = (
    (WEST_OPEN, 140.0, "cheapest_west_open_at_140"),
    (US_CLOSED, 140.0, "cheapest_us_closed_at_140"),
    (US_CLOSED, 145.0, "cheapest_us_closed_at_145"),
    (CN_OPEN, 145.0, "cheapest_cn_open_at_145"),
)

SEGMENT_SHORT = {CN_OPEN: "cn_open", US_CLOSED: "us_closed", WEST_OPEN: "west_open", OTHER: "other"}


# --------------------------------------------------------------------------------------------------
# Blended prices and segments
# --------------------------------------------------------------------------------------------------


def blended_price(price_input, price_output, input_per_output: float = DEFAULT_INPUT_PER_OUTPUT):
    """Price of a million tokens in the mix ``input_per_output`` input tokens : 1 output token.

    Works on scalars, arrays and Series: ``(r * input + output) / (r + 1)``. With r = 3 a model at
    1 USD/Mtok input and 5 USD/Mtok output blends to (3 + 5) / 4 = 2 USD/Mtok.
    """
    if not input_per_output >= 0:
        raise ValueError(f"input_per_output must be >= 0, got {input_per_output!r}")
    r = float(input_per_output)
    return (r * price_input + price_output) / (r + 1.0)


def segment_of(country_group, open_weights) -> str:
    """The chapter's segment of one model from its developer's country group and its openness."""
    if pd.isna(open_weights) or pd.isna(country_group):
        return OTHER
    is_open = bool(open_weights)
    if country_group == "China" and is_open:
        return CN_OPEN
    if country_group == "United States" and not is_open:
        return US_CLOSED
    if country_group in ("United States", "Europe") and is_open:
        return WEST_OPEN
    return OTHER


def assign_segments(
    frame: pd.DataFrame, country_col: str = "country_group", open_col: str = "open_weights"
) -> pd.DataFrame:
    """Add a ``segment`` column (see the module docstring)."""
    out = frame.copy()
    out["segment"] = [segment_of(c, o) for c, o in zip(out[country_col], out[open_col], strict=True)]
    return out


def add_blended(
    frame: pd.DataFrame,
    input_col: str = "price_input",
    output_col: str = "price_output",
    input_per_output: float = DEFAULT_INPUT_PER_OUTPUT,
    name: str = "price_blended",
) -> pd.DataFrame:
    """Add a blended price column from an input and an output price column."""
    out = frame.copy()
    out[name] = blended_price(out[input_col].astype(float), out[output_col].astype(float), input_per_output)
    return out


def segment_summary(
    frame: pd.DataFrame, price_col: str = "price_blended", segment_col: str = "segment"
) -> pd.DataFrame:
    """Per segment (fixed order): number of priced models and the min, quartiles, median and max price."""
    priced = frame[frame[price_col].notna()]
    grouped = priced.groupby(segment_col)[price_col]
    table = pd.DataFrame(
        {
            "models": grouped.size(),
            "min": grouped.min(),
            "q25": grouped.quantile(0.25),
            "median": grouped.median(),
            "q75": grouped.quantile(0.75),
            "max": grouped.max(),
        }
    )
    table.index.name = "segment"
    return table.reindex([s for s in SEGMENTS if s in table.index])


# --------------------------------------------------------------------------------------------------
# Who sells what: first-party offers, gateways, subscription plans
# --------------------------------------------------------------------------------------------------

# models.dev provider ids that resell other companies' endpoints rather than serve models themselves:
# routers and AI gateways (the word is in their name or product page), multi-provider API aggregators
# and relays (QiHang lists closed US models far below their developers' prices), and developer-tool
# subscriptions that bundle third-party models. Listed by us from each provider's
# name and documentation page in models.dev's provider.toml (snapshot 2026-07-02); a provider not
# listed here is counted as a host, so host counts are upper bounds.
GATEWAY_PROVIDERS = frozenset(
    {
        "302ai",
        "abacus",
        "aihubmix",
        "anyapi",
        "cloudflare-ai-gateway",
        "fastrouter",
        "github-copilot",
        "github-models",
        "gitlab",
        "helicone",
        "jiekou",
        "kilo",
        "llmgateway",
        "merge-gateway",
        "nano-gpt",
        "opencode",
        "opencode-go",
        "openrouter",
        "orcarouter",
        "perplexity-agent",
        "poe",
        "qihang-ai",
        "requesty",
        "routing-run",
        "v0",
        "vercel",
        "zenmux",
    }
)
# Flat-fee subscriptions (coding and token plans) list models at zero or nominal per-token prices.
SUBSCRIPTION_MARKERS = ("coding-plan", "token-plan", "kimi-for-coding")
# Developers' mainland-China endpoints (priced for the domestic market, often in yuan converted at the
# lab's own rate). A buyer outside China uses the international endpoint, so for the *first-party*
# price these are skipped; as third-party hosts they still count.
# Besides these ids, any provider id ending in "-cn" is a mainland endpoint (alibaba-cn, moonshotai-cn, ...).
CHINA_DOMESTIC_ENDPOINTS = frozenset({"iflowcn", "modelscope", "zhipuai"})


def is_gateway(provider: str) -> bool:
    """True for routers, gateways, aggregators and subscription plans (not serving hosts)."""
    name = str(provider)
    return name in GATEWAY_PROVIDERS or any(marker in name for marker in SUBSCRIPTION_MARKERS)


def is_china_domestic(provider: str) -> bool:
    """True for a developer's mainland-China endpoint (see :data:`CHINA_DOMESTIC_ENDPOINTS`)."""
    name = str(provider)
    return name.endswith("-cn") or name in CHINA_DOMESTIC_ENDPOINTS


def _positive_or_na(series: pd.Series) -> pd.Series:
    """Prices of zero (free tiers, subscriptions) say nothing about the market price: set them to NA."""
    values = series.astype(float)
    return values.where(values > 0)


def open_weights_by_key(
    identity: pd.DataFrame,
    lab_models: pd.DataFrame,
    eci: pd.DataFrame,
    openrouter: pd.DataFrame,
    offers: pd.DataFrame,
) -> pd.DataFrame:
    """Whether each canonical model has open weights, from the most authoritative source that says.

    Order: the models.dev lab file (the developer's own record), then Epoch's ECI accessibility, then
    OpenRouter (a Hugging Face repo id means public weights; none means closed), then the majority of
    models.dev provider listings (which are sometimes wrong, so they come last). Returns model_key,
    open_weights (boolean, NA when no source says) and open_weights_source.
    """
    keys = identity["model_key"]
    out = pd.DataFrame({"model_key": keys.to_numpy()})
    out["open_weights"] = pd.array([pd.NA] * len(out), dtype="boolean")
    out["open_weights_source"] = pd.Series([pd.NA] * len(out), dtype="string")
    by_or = openrouter.dropna(subset=["canonical_model_key"]).groupby("canonical_model_key")
    or_open = by_or["hugging_face_id"].count() > 0  # count skips missing ids
    by_offer = offers.dropna(subset=["canonical_model_key", "open_weights"]).groupby("canonical_model_key")
    offer_open = by_offer["open_weights"].mean() > 0.5
    sources = [
        (
            "models.dev lab",
            lab_models.dropna(subset=["canonical_model_key"]).set_index("canonical_model_key")[
                "open_weights"
            ],
        ),
        ("ECI", eci.dropna(subset=["canonical_model_key"]).set_index("canonical_model_key")["open_weights"]),
        ("OpenRouter", or_open),
        ("models.dev offers", offer_open),
    ]
    for label, series in sources:
        series = series[~series.index.duplicated()].astype("boolean")
        values = series.reindex(keys.to_numpy()).to_numpy()
        fill = out["open_weights"].isna().to_numpy() & pd.notna(values)
        out.loc[fill, "open_weights"] = values[fill]
        out.loc[fill, "open_weights_source"] = label
    return out.sort_values("model_key").reset_index(drop=True)


def _developer(identity: pd.DataFrame, open_weights: pd.DataFrame | None = None) -> pd.DataFrame:
    columns = ["model_key", "name", "org_id", "country_group"]
    developer = identity[columns]
    if open_weights is not None:
        developer = developer.merge(open_weights[["model_key", "open_weights"]], on="model_key", how="left")
    return developer.rename(columns={"org_id": "developer_org_id"})


def _link_developer(rows: pd.DataFrame, developer: pd.DataFrame) -> pd.DataFrame:
    """Catalogue rows joined to their model's developer columns (the developer's values win)."""
    rows = rows.dropna(subset=["canonical_model_key"])
    rows = rows.drop(columns=[c for c in developer.columns if c in rows.columns])
    return rows.merge(developer, left_on="canonical_model_key", right_on="model_key", how="inner")


def _developer_rows(
    rows: pd.DataFrame, developer: pd.DataFrame, provider_col: str, source: str
) -> pd.DataFrame:
    """Rows of a price catalogue sold by the model's own developer (not by a gateway or a mainland endpoint)."""
    rows = _link_developer(rows, developer)
    providers = rows[provider_col].astype(str)
    excluded = {p for p in providers.unique() if is_gateway(p) or is_china_domestic(p)}
    keep = rows["provider_org_id"].eq(rows["developer_org_id"]).fillna(False).astype(bool)
    rows = rows[keep & ~providers.isin(excluded)].copy()
    rows["price_input"] = rows["price_input_usd_per_mtok"].astype(float)
    rows["price_output"] = rows["price_output_usd_per_mtok"].astype(float)
    rows["price_source"] = source
    return rows.rename(columns={provider_col: "provider"})


def _cheapest_listing(rows: pd.DataFrame, input_per_output: float) -> pd.DataFrame:
    """Each model's cheapest listing among :func:`_developer_rows`, at blend ``input_per_output``."""
    rows = rows.copy()
    rows["price_blended"] = _positive_or_na(
        blended_price(rows["price_input"], rows["price_output"], input_per_output)
    )
    rows = rows.dropna(subset=["price_blended"])
    rows = rows.sort_values(["model_key", "price_blended", "provider"], kind="mergesort")
    return rows.drop_duplicates("model_key")


def _developer_listings(
    rows: pd.DataFrame,
    developer: pd.DataFrame,
    provider_col: str,
    source: str,
    input_per_output: float,
) -> pd.DataFrame:
    """Rows of a price catalogue sold by the model's own developer, cheapest listing per model."""
    return _cheapest_listing(_developer_rows(rows, developer, provider_col, source), input_per_output)


FIRST_PARTY_COLUMNS = [
    "model_key",
    "name",
    "developer_org_id",
    "country_group",
    "open_weights",
    "provider",
    "price_input",
    "price_output",
    "price_blended",
    "price_source",
]


def _live(genai: pd.DataFrame) -> pd.DataFrame:
    return genai[~genai["deprecated"].fillna(False).astype(bool)]


def developer_genai_listings(
    genai: pd.DataFrame, identity: pd.DataFrame, input_per_output: float = DEFAULT_INPUT_PER_OUTPUT
) -> pd.DataFrame:
    """Each model's cheapest live genai-prices listing by its own developer, by the rules of
    :func:`first_party_prices` (one row per ``model_key``, with ``provider``, ``price_input``, ``price_output``
    and ``price_blended``); models without such a listing are absent."""
    listings = _developer_listings(
        _live(genai), _developer(identity), "provider_id", "genai-prices", input_per_output
    )
    columns = ["model_key", "provider", "price_input", "price_output", "price_blended"]
    return listings[columns].reset_index(drop=True)


def first_party_prices(
    genai: pd.DataFrame,
    offers: pd.DataFrame,
    identity: pd.DataFrame,
    open_weights: pd.DataFrame,
    input_per_output: float = DEFAULT_INPUT_PER_OUTPUT,
) -> pd.DataFrame:
    """One list price per model as sold by its own developer, with its segment.

    Primary source: genai-prices rows whose provider is the model's developer (organisation ids from the
    organizations table), not deprecated. Models that genai-prices does not price first-party get the
    developer's own listing in models.dev instead (``price_source`` says which). Skipped: subscription
    plans, gateways, the developers' mainland-China endpoints, and zero prices. When a developer lists a
    model several times (dated aliases, regional endpoints), the cheapest blended listing is kept.
    """
    return first_party_prices_by_mix(genai, offers, identity, open_weights, [input_per_output])[
        input_per_output
    ]


def first_party_prices_by_mix(
    genai: pd.DataFrame,
    offers: pd.DataFrame,
    identity: pd.DataFrame,
    open_weights: pd.DataFrame,
    mixes,
) -> dict[float, pd.DataFrame]:
    """:func:`first_party_prices` at each blend in ``mixes`` (input tokens per output token), by blend.

    The catalogues are linked to the developers once; only the blend and the cheapest listing are redone
    per mix (the cheapest listing can change with the blend).
    """
    developer = _developer(identity, open_weights)
    genai_rows = _developer_rows(_live(genai), developer, "provider_id", "genai-prices")
    md_rows = _developer_rows(offers, developer, "provider", "models.dev")
    out = {}
    for mix in mixes:
        from_genai = _cheapest_listing(genai_rows, mix)
        from_md = _cheapest_listing(md_rows, mix)
        from_md = from_md[~from_md["model_key"].isin(from_genai["model_key"])]
        table = pd.concat([from_genai[FIRST_PARTY_COLUMNS], from_md[FIRST_PARTY_COLUMNS]], ignore_index=True)
        out[mix] = assign_segments(table).sort_values("model_key").reset_index(drop=True)
    return out


def price_cross_check(
    genai: pd.DataFrame,
    offers: pd.DataFrame,
    openrouter: pd.DataFrame,
    identity: pd.DataFrame,
    open_weights: pd.DataFrame,
    input_per_output: float = DEFAULT_INPUT_PER_OUTPUT,
) -> pd.DataFrame:
    """How far other catalogues' prices for the same model are from the genai-prices first-party price.

    Two comparisons: the developer's own listing in models.dev, and OpenRouter's default route for the
    model (variants such as ``:free`` skipped; the cheapest id per model). The ratio is other price over
    genai-prices price, blended, over the models priced in both. Columns: comparison, models,
    median_ratio, share_within_10pct.
    """
    developer = _developer(identity, open_weights)
    live = genai[~genai["deprecated"].fillna(False).astype(bool)]
    base = _developer_listings(live, developer, "provider_id", "genai-prices", input_per_output)
    base = base.set_index("model_key")["price_blended"]
    md = _developer_listings(offers, developer, "provider", "models.dev", input_per_output)
    md = md.set_index("model_key")["price_blended"]
    routes = openrouter[~openrouter["is_variant"].fillna(False).astype(bool)]
    routes = routes.dropna(subset=["canonical_model_key"]).copy()
    routes["price"] = _positive_or_na(
        blended_price(
            routes["price_input_usd_per_mtok"].astype(float),
            routes["price_output_usd_per_mtok"].astype(float),
            input_per_output,
        )
    )
    orp = routes.dropna(subset=["price"]).groupby("canonical_model_key")["price"].min()
    rows = []
    for label, other in (("models.dev, developer's listing", md), ("OpenRouter, default route", orp)):
        ratio = (other.reindex(base.index) / base).dropna()
        rows.append(
            {
                "comparison": label,
                "models": int(len(ratio)),
                "median_ratio": float(ratio.median()) if len(ratio) else np.nan,
                "share_within_10pct": float(((ratio - 1).abs() <= 0.10 + 1e-9).mean())
                if len(ratio)
                else np.nan,
            }
        )
    return pd.DataFrame(rows)


def with_capability(prices_: pd.DataFrame, identity: pd.DataFrame, eci: pd.DataFrame) -> pd.DataFrame:
    """Add the ECI score of each priced model, joined through model_identity's ``eci_model_name``.

    A scored model takes the index's name (as in the adoption chapter: "DeepSeek-V3.2", not the catalogue's
    "DeepSeek Chat"); the catalogue's name stays in ``catalogue_name``.
    """
    link = identity[["model_key", "eci_model_name"]].dropna(subset=["eci_model_name"])
    scores = eci[["model_name", "eci_score"]].rename(columns={"model_name": "eci_model_name"})
    linked = link.merge(scores, on="eci_model_name", how="inner")
    out = prices_.merge(linked, on="model_key", how="left")
    if "name" in out:
        out["catalogue_name"] = out["name"]
        out["name"] = out["eci_model_name"].fillna(out["name"])
    return out.sort_values("model_key").reset_index(drop=True)


# --------------------------------------------------------------------------------------------------
# Price against capability
# --------------------------------------------------------------------------------------------------


def cost_frontier(
    frame: pd.DataFrame, capability_col: str = "eci_score", price_col: str = "price_blended"
) -> pd.DataFrame:
    """Cheapest price at or above each capability level.

    ``frontier_price`` of a row is the lowest price among all rows whose capability is at least the
    row's own; ``on_frontier`` marks the rows that set it (no model is both at least as capable and
    strictly cheaper). Rows without a price or capability are dropped; the result is sorted by
    capability (descending), then price and the original order.
    """
    data = frame.dropna(subset=[capability_col, price_col]).copy()
    data = data.sort_values([capability_col, price_col], ascending=[False, True], kind="mergesort")
    cap = data[capability_col].to_numpy(dtype=float)
    price = data[price_col].to_numpy(dtype=float)
    running = np.minimum.accumulate(price)
    # rows tied on capability share the frontier price of the whole tie group (its cheapest member
    # or anything more capable), which is the running minimum at the group's last row
    last_of_group = pd.Series(running).groupby(cap).transform("last").to_numpy()
    data["frontier_price"] = last_of_group
    previous = np.concatenate([[np.inf], running[:-1]])
    first_in_group = ~pd.Series(cap).duplicated().to_numpy()
    data["on_frontier"] = (price < previous) & first_in_group
    return data.reset_index(drop=True)


def frontier_steps(
    frame: pd.DataFrame, capability_col: str = "eci_score", price_col: str = "price_blended"
) -> pd.DataFrame:
    """The frontier models only, in ascending capability: each is the cheapest at or above its level."""
    frontier = cost_frontier(frame, capability_col, price_col)
    steps = frontier[frontier["on_frontier"]]
    return steps.sort_values(capability_col, kind="mergesort").reset_index(drop=True)


def cheapest_at_or_above(
    frame: pd.DataFrame,
    thresholds: Iterable[float],
    segments: Sequence[str] = (CN_OPEN, WEST_OPEN, US_CLOSED),
    capability_col: str = "eci_score",
    price_col: str = "price_blended",
    name_col: str = "model",
    segment_col: str = "segment",
) -> pd.DataFrame:
    """For each capability threshold and segment, the cheapest model at or above the threshold.

    Long format: threshold, segment, model, capability, price; one row per pair (the model is
    missing when no model of the segment reaches the threshold). Ties on price go to the more
    capable model, then the name.
    """
    data = frame.dropna(subset=[capability_col, price_col])
    rows = []
    for threshold in sorted(thresholds):
        for segment in segments:
            pool = data[(data[segment_col] == segment) & (data[capability_col] >= threshold)]
            pool = pool.sort_values(
                [price_col, capability_col, name_col], ascending=[True, False, True], kind="mergesort"
            )
            best = pool.iloc[0] if len(pool) else None
            rows.append(
                {
                    "threshold": threshold,
                    "segment": segment,
                    "model": None if best is None else best[name_col],
                    "capability": np.nan if best is None else float(best[capability_col]),
                    "price": np.nan if best is None else float(best[price_col]),
                }
            )
    return pd.DataFrame(rows)


def threshold_ratios(cheapest: pd.DataFrame, base: str = CN_OPEN) -> pd.DataFrame:
    """Wide table per threshold: the cheapest price of each segment and its ratio to ``base``.

    Also names the segment of the overall cheapest option among those listed (``cheapest_segment``).
    """
    wide = cheapest.pivot(index="threshold", columns="segment", values="price")
    segments = [s for s in cheapest["segment"].drop_duplicates() if s in wide.columns]
    wide = wide[segments]
    out = wide.rename(columns={s: f"price_{SEGMENT_SHORT.get(s, s)}" for s in segments})
    for s in segments:
        if s != base:
            out[f"ratio_{SEGMENT_SHORT.get(s, s)}_to_{SEGMENT_SHORT.get(base, base)}"] = wide[s] / wide[base]
    out["cheapest_segment"] = [row.idxmin() if row.notna().any() else None for _, row in wide.iterrows()]
    out.columns.name = None
    return out.reset_index()


def cheapest_listing(
    priced: pd.DataFrame, spread: pd.DataFrame, open_only: bool = True, host_price: str = "price_min"
) -> pd.DataFrame:
    """Replace an open-weight model's first-party price by the cheapest independent host's, if lower.

    A buyer of an open-weight model can shop among hosts. Closed models are left at their developer's
    price unless ``open_only`` is False: their other sellers are licensed resellers, and listings below
    the developer's own price there are promotions or catalogue errors we cannot check.
    ``price_source`` becomes ``host`` where a host undercuts the developer. ``host_price`` is the hosts' price to
    take: ``price_min`` (the cheapest host) or ``price_median`` (the median host, which no single listing sets).
    """
    lowest = spread.set_index("model_key")[host_price]
    out = priced.copy()
    host = lowest.reindex(out["model_key"]).to_numpy()
    cheaper = pd.notna(host) & (host < out["price_blended"].to_numpy())
    if open_only:
        cheaper &= out["open_weights"].fillna(False).astype(bool).to_numpy()
    out.loc[cheaper, "price_blended"] = host[cheaper]
    out.loc[cheaper, "price_source"] = "host"
    return out


# --------------------------------------------------------------------------------------------------
# Hosts: how many sell each model, and at what prices
# --------------------------------------------------------------------------------------------------


def host_spread(
    served: pd.DataFrame,
    model_col: str = "model_key",
    host_col: str = "host_org_id",
    price_col: str = "price_blended",
    first_party_col: str | None = "is_first_party",
) -> pd.DataFrame:
    """Per model: how many independent hosts serve it, the spread of their prices, and the developer's price.

    A host that lists the same model several times (regional endpoints, dated aliases, several brands of
    one company) counts once, at its cheapest listing. With ``first_party_col``, the developer's own rows
    are kept apart: ``hosts`` counts the *other* organisations (zero when only the developer sells the
    model), min/median/max are over their prices, and ``price_first_party`` is the developer's cheapest
    listing; ``first_party_to_median`` is that price over the median host price (above 1: the developer
    charges more than the typical host). Sorted by hosts (descending), then model.
    """
    is_own = (
        served[first_party_col].fillna(False).astype(bool)
        if first_party_col
        else pd.Series(False, index=served.index)
    )
    models = pd.Index(sorted(served[model_col].dropna().unique()), name=model_col)
    others = served[~is_own]
    per_host = others.groupby([model_col, host_col])[price_col].min().reset_index()
    grouped = per_host.groupby(model_col)
    table = pd.DataFrame(
        {
            "hosts": grouped[host_col].nunique(),
            "priced_hosts": grouped[price_col].count(),
            "price_min": grouped[price_col].min(),
            "price_median": grouped[price_col].median(),
            "price_max": grouped[price_col].max(),
        }
    ).reindex(models)
    table[["hosts", "priced_hosts"]] = table[["hosts", "priced_hosts"]].fillna(0).astype(int)
    table["max_to_min"] = table["price_max"] / table["price_min"]
    table["price_first_party"] = served[is_own].groupby(model_col)[price_col].min().reindex(models)
    table["first_party_to_median"] = table["price_first_party"] / table["price_median"]
    table = table.reset_index()
    return table.sort_values(["hosts", model_col], ascending=[False, True], kind="mergesort").reset_index(
        drop=True
    )


def spread_summary(comparison: pd.DataFrame, by: str = "open_weights", min_priced: int = 3) -> pd.DataFrame:
    """Per group: models with at least ``min_priced`` priced hosts, and the medians of their hosts,
    max/min price ratio and first-party price over the median host price."""
    rows = comparison[comparison["priced_hosts"] >= min_priced]
    keys = rows[by].map({True: "Open weights", False: "Closed"}) if by == "open_weights" else rows[by]
    grouped = rows.groupby(keys)
    table = pd.DataFrame(
        {
            "models": grouped.size(),
            "median_hosts": grouped["hosts"].median(),
            "median_max_to_min": grouped["max_to_min"].median(),
            "median_first_party_to_median": grouped["first_party_to_median"].median(),
        }
    )
    table.index.name = "openness" if by == "open_weights" else by
    order = ["Open weights", "Closed"] if by == "open_weights" else sorted(table.index)
    return table.reindex([k for k in order if k in table.index])


def serving_offers(
    offers: pd.DataFrame,
    identity: pd.DataFrame,
    open_weights: pd.DataFrame,
    input_per_output: float = DEFAULT_INPUT_PER_OUTPUT,
) -> pd.DataFrame:
    """models.dev provider listings of text models, linked to the model's developer, gateways removed.

    Keeps listings linked to a canonical model (``canonical_model_key``) whose output is text only.
    Drops gateways and subscription plans (:func:`is_gateway`) and the developer's own mainland-China
    endpoints. Adds developer columns, ``host_org_id`` (the provider's organisation, or the provider
    id when the organizations table has none), ``is_first_party`` and a blended price (zero → NA).
    """
    developer = _developer(identity, open_weights)
    rows = offers.dropna(subset=["canonical_model_key"])
    rows = rows[rows["output_modalities"].fillna("").eq("text")]
    rows = _link_developer(rows, developer)
    providers = rows["provider"].astype(str)
    rows = rows[~providers.map(is_gateway).astype(bool)].copy()
    rows["host_org_id"] = rows["provider_org_id"].fillna(rows["provider"]).astype(str)
    rows["is_first_party"] = rows["host_org_id"].eq(rows["developer_org_id"].fillna("")).astype(bool)
    domestic = rows["provider"].astype(str).map(is_china_domestic).astype(bool)
    rows = rows[~(rows["is_first_party"] & domestic)].copy()
    rows["price_blended"] = _positive_or_na(
        blended_price(
            rows["price_input_usd_per_mtok"].astype(float),
            rows["price_output_usd_per_mtok"].astype(float),
            input_per_output,
        )
    )
    columns = [
        "model_key",
        "name",
        "developer_org_id",
        "country_group",
        "open_weights",
        "provider",
        "host_org_id",
        "is_first_party",
        "price_blended",
    ]
    return rows[columns].sort_values(["model_key", "provider"], kind="mergesort").reset_index(drop=True)


def host_comparison(spread: pd.DataFrame, served: pd.DataFrame) -> pd.DataFrame:
    """The host spread with each model's name, developer country group and openness attached."""
    info = served.drop_duplicates("model_key").set_index("model_key")
    out = spread.copy()
    for column in ("name", "country_group", "open_weights"):
        out[column] = info[column].reindex(out["model_key"]).to_numpy()
    return out


def hosts_by_openness(spread: pd.DataFrame, open_col: str = "open_weights") -> pd.DataFrame:
    """Distribution of host counts for open-weight and closed models: models, median, mean, max, share >1."""
    grouped = spread.groupby(spread[open_col].map({True: "Open weights", False: "Closed"}))["hosts"]
    table = pd.DataFrame(
        {
            "models": grouped.size(),
            "median_hosts": grouped.median(),
            "mean_hosts": grouped.mean().round(2),
            "max_hosts": grouped.max(),
            "share_multi_host": grouped.apply(lambda s: float((s > 1).mean())).round(3),
        }
    )
    table.index.name = "openness"
    return table.reindex([k for k in ("Open weights", "Closed") if k in table.index])


# --------------------------------------------------------------------------------------------------
# Self-hosting
# --------------------------------------------------------------------------------------------------


def selfhost_breakeven(results: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Break-even table of the self-hosting cost model for several API prices.

    ``results`` maps a label of the API compared against to the frame returned by
    ``cost_model.evaluate_reference_models``. One row per reference model and API: the API's blended
    price, the self-hosting cost per million tokens, the monthly fixed cost, the break-even volume in
    billions of tokens per month, the utilisation that volume needs (above 1: one deployment cannot
    serve it) and whether self-hosting can win at all.
    """
    rows = []
    for label, frame in results.items():
        part = pd.DataFrame(
            {
                "model": frame["model"],
                "api": label,
                "api_price_per_mtok": frame["api_price_per_mtok_usd"],
                "selfhost_cost_per_mtok": frame["cost_per_mtok_usd"],
                "monthly_fixed_cost_usd": frame["monthly_fixed_cost_usd"],
                "breakeven_billion_tokens_per_month": frame["breakeven_tokens_per_month"] / 1e9,
                "capacity_billion_tokens_per_month": frame["capacity_tokens_per_month"] / 1e9,
                "utilisation_needed": frame["breakeven_utilisation"],
                "breaks_even": frame["breaks_even"].astype(bool),
            }
        )
        rows.append(part)
    return pd.concat(rows, ignore_index=True)


#: Columns of :func:`selfhost_breakeven` that depend on the model alone, not on the API it is compared with.
PER_MODEL_COLUMNS = ("monthly_fixed_cost_usd", "capacity_billion_tokens_per_month")


def split_per_model(breakeven: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """:func:`selfhost_breakeven` as two tables that each fit a page: each model's fixed cost and capacity once,
    and the comparisons with each API without them. Nothing is dropped: every row and value is in one of the two."""
    per_model = breakeven.drop_duplicates("model")[["model", *PER_MODEL_COLUMNS]].reset_index(drop=True)
    return per_model, breakeven.drop(columns=list(PER_MODEL_COLUMNS))


# Closed APIs within this many ECI points of a reference model count as of similar capability.
SIMILAR_CAPABILITY_BAND = 3.0
CLOSED_SIMILAR = "closed APIs of similar capability"
SAME_MODEL_HOSTS = "hosts of the same open model"


def selfhost_comparators(
    evaluated: pd.DataFrame,
    references: pd.DataFrame,
    capability: pd.DataFrame,
    spread: pd.DataFrame,
    band: float = SIMILAR_CAPABILITY_BAND,
) -> pd.DataFrame:
    """Break-even of each self-hosted reference model against the two fair alternatives, as a range.

    ``evaluated`` is ``cost_model.evaluate_reference_models`` (its fixed monthly cost and capacity do not
    depend on the API), ``references`` the reference-models table with ``catalogue_model_key`` and
    ``eci_model_name``, ``capability`` priced models with ``eci_score`` and ``open_weights`` (see
    :func:`with_capability`), ``spread`` the :func:`host_spread` table. Two rows per model: closed APIs
    scoring within ``band`` ECI points of the model (none when the index does not score it), and
    independent hosts of the same weights. For each, the cheapest, median and dearest price, the
    break-even volume at each (millions of tokens a month) and the share of one deployment's full
    benchmark capacity that volume needs (above 1: self-hosting never pays against that price).
    """
    fixed = evaluated.set_index("model")["monthly_fixed_cost_usd"]
    capacity = evaluated.set_index("model")["capacity_tokens_per_month"]
    closed = capability[capability["open_weights"].eq(False)].dropna(subset=["eci_score", "price_blended"])
    scores = capability.dropna(subset=["eci_score"]).drop_duplicates("eci_model_name")
    scores = scores.set_index("eci_model_name")["eci_score"]
    hosts = spread.set_index("model_key")
    rows = []
    for ref in references.sort_values("model").to_dict("records"):
        name, eci_name = ref["model"], ref.get("eci_model_name")
        score = float(scores.get(eci_name, np.nan)) if isinstance(eci_name, str) and eci_name else np.nan
        near = closed[(closed["eci_score"] - score).abs().le(band)]["price_blended"]
        key = ref["catalogue_model_key"]
        host_prices = (
            hosts.loc[key, ["price_min", "price_median", "price_max"]].astype(float).tolist()
            if key in hosts.index and hosts.loc[key, "priced_hosts"] > 0
            else [np.nan] * 3
        )
        options = {
            CLOSED_SIMILAR: (
                len(near),
                [near.min(), near.median(), near.max()] if len(near) else [np.nan] * 3,
            ),
            SAME_MODEL_HOSTS: (int(hosts.loc[key, "priced_hosts"]) if key in hosts.index else 0, host_prices),
        }
        for comparator, (count, (low, median, high)) in options.items():
            row = {"model": name, "eci_score": score, "comparator": comparator, "priced_options": count}
            for label, price in (("cheapest", low), ("median", median), ("dearest", high)):
                volume = fixed[name] / price if price > 0 else np.nan  # USD / (USD per Mtok) = Mtok
                row[f"price_{label}"] = price
                row[f"breakeven_mtok_{label}"] = volume
                row[f"utilisation_needed_{label}"] = volume * 1e6 / capacity[name]
            rows.append(row)
    return pd.DataFrame(rows)


def selfhost_range_table(comparators: pd.DataFrame) -> pd.DataFrame:
    """The break-even range as the book shows it: per model and comparator, the number of priced options,
    the median price, the break-even volume at it (billions of tokens a month) and the share of one
    deployment's capacity needed at the cheapest, median and dearest option (over 1: never pays)."""
    table = comparators[comparators["priced_options"].gt(0)]
    return pd.DataFrame(
        {
            "model": table["model"],
            "comparator": table["comparator"],
            "priced_options": table["priced_options"],
            "price_median": table["price_median"],
            "breakeven_btok_median": table["breakeven_mtok_median"] / 1e3,
            **{
                f"capacity_needed_{k}": table[f"utilisation_needed_{k}"]
                for k in ("cheapest", "median", "dearest")
            },
        }
    ).reset_index(drop=True)


def selfhost_range_facts(comparators: pd.DataFrame, assumed_utilisation: float) -> dict:
    """Named values for the break-even range: per comparator, how many reference models it prices, how
    many break even at its cheapest, median and dearest price, how many at the median price within the
    cost model's ``assumed_utilisation``, and the range of break-even volumes (billions of tokens a
    month) and of capacity needed at the median price among models that break even there."""
    facts: dict = {}
    for comparator, short in ((CLOSED_SIMILAR, "closed_similar"), (SAME_MODEL_HOSTS, "hosts")):
        part = comparators[comparators["comparator"].eq(comparator) & comparators["priced_options"].gt(0)]
        facts[f"selfhost_{short}_models"] = len(part)
        for label in ("cheapest", "median", "dearest"):
            facts[f"selfhost_{short}_breaks_even_{label}"] = int(
                part[f"utilisation_needed_{label}"].le(1).sum()
            )
        needed = part["utilisation_needed_median"]
        facts[f"selfhost_{short}_within_assumed_median"] = int(needed.le(assumed_utilisation).sum())
        paying = part[needed.le(1)]
        for stat, pick in (("low", "min"), ("high", "max")):
            volume = getattr(paying["breakeven_mtok_median"], pick)() / 1e3 if len(paying) else np.nan
            share = getattr(paying["utilisation_needed_median"], pick)() if len(paying) else np.nan
            facts[f"selfhost_{short}_median_btok_{stat}"] = float(volume)
            facts[f"selfhost_{short}_median_capacity_{stat}"] = float(share)
    return facts


# --------------------------------------------------------------------------------------------------
# List-price changes
# --------------------------------------------------------------------------------------------------


def model_line(model_id: str) -> str:
    """A model id's line: its words before the first one with a digit, lower case ("gemini-3.6-flash" is
    "gemini", "gemini-robotics-er-2-preview" "gemini-robotics-er", "mistral-large-4" "mistral-large")."""
    words = re.split(r"[-_ .]", str(model_id).lower())
    return "-".join(takewhile(lambda word: not any(ch.isdigit() for ch in word), words))


def openness_by_line(genai: pd.DataFrame, identity: pd.DataFrame, open_weights: pd.DataFrame) -> pd.DataFrame:
    """Per developer and model line (:func:`model_line`), the openness every one of its models in our snapshots
    shares, from the developer's own genai-prices ids: ``open_weights`` is NA when the line mixes open and
    closed models or holds one of unknown openness; ``models`` counts the line's models."""
    developer = _developer(identity, open_weights)
    own = _link_developer(genai, developer)
    own = own[own["provider_org_id"].eq(own["developer_org_id"])]
    own = own.assign(line=own["model_id"].map(model_line)).drop_duplicates(
        ["provider_org_id", "line", "model_key"]
    )
    own = own[own["line"].ne("")]  # an id that starts with a version ("o3") names no line

    def shared(values: pd.Series):
        known = values.dropna().unique()
        return known[0] if len(known) == 1 and values.notna().all() else pd.NA

    grouped = own.groupby(["provider_org_id", "line"], sort=True)["open_weights"]
    table = pd.DataFrame({"open_weights": grouped.agg(shared), "models": grouped.size()}).reset_index()
    table["open_weights"] = table["open_weights"].astype("boolean")
    return table.rename(columns={"provider_org_id": "developer"})


def price_change_directions(
    changes: pd.DataFrame,
    genai: pd.DataFrame,
    identity: pd.DataFrame,
    open_weights: pd.DataFrame,
    organizations: pd.DataFrame,
    input_per_output: float = DEFAULT_INPUT_PER_OUTPUT,
) -> pd.DataFrame:
    """Dated list-price changes that developers made to their own models (genai-prices), with direction.

    A change is linked to its model through the genai-prices row of the same provider and model id. It is
    the developer's own change when the provider's organisation is the model's developer; for models newer
    than our model snapshots (no canonical key), when the provider is a model developer and the model id
    names no other lab (no ``lab/`` path, ``@`` or ``region.`` / ``lab.`` prefix). ``direction`` compares the blended price after
    and before: ``increase``, ``decrease``, ``unchanged`` (the record restates the price) or ``unpriced``
    (no token price on one side). For a model not in the snapshots, ``open_weights`` is the openness its
    developer's line shares (:func:`openness_by_line`), else NA; ``openness_from`` says which ("snapshots",
    "model line" or NA).

    One decision counts once per developer: when two provider ids of one organisation (Zhipu AI lists as
    both ``zai`` and ``zhipuai``, in different currencies) move the same model's price the same way on the
    same day, the rows merge into the larger move, and ``provider_id`` lists both ("zai; zhipuai").
    ``developer`` is the organisation's id.
    """
    link = genai[
        ["provider_id", "model_id", "canonical_model_key", "provider_org_id", "provider_country_group"]
    ]
    rows = changes.merge(link, on=["provider_id", "model_id"], how="inner")
    developer = _developer(identity, open_weights).set_index("model_key")
    rows["developer_org_id"] = developer["developer_org_id"].reindex(rows["canonical_model_key"]).to_numpy()
    rows["open_weights"] = developer["open_weights"].reindex(rows["canonical_model_key"]).to_numpy()
    devs = set(organizations.loc[organizations["is_model_developer"].eq("yes"), "org_id"])
    linked = rows["canonical_model_key"].notna()
    own_linked = linked & rows["provider_org_id"].eq(rows["developer_org_id"]).fillna(False).astype(bool)
    prefixed = r"[/@]|^[A-Za-z-]+\."  # "deepseek/...", "@cf/...", "global.openai...", "qwen.qwen3..."
    bare_id = ~rows["model_id"].astype(str).str.contains(prefixed, regex=True)
    own_unlinked = ~linked & rows["provider_org_id"].isin(devs) & bare_id
    rows = rows[own_linked | own_unlinked].copy()
    rows["in_snapshots"] = rows["canonical_model_key"].notna()
    after = blended_price(
        rows["price_input_usd_per_mtok"].astype(float),
        rows["price_output_usd_per_mtok"].astype(float),
        input_per_output,
    )
    before = blended_price(
        rows["previous_input_usd_per_mtok"].astype(float),
        rows["previous_output_usd_per_mtok"].astype(float),
        input_per_output,
    )
    rows["price_before"] = before
    rows["price_after"] = after
    rows["change_pct"] = (after / before - 1) * 100
    unpriced = (after.isna() | before.isna()).to_numpy()
    same = np.isclose(after.fillna(-1), before.fillna(-2))
    rows["direction"] = np.select(
        [unpriced, same, (after > before).to_numpy()],
        ["unpriced", "unchanged", "increase"],
        default="decrease",
    )
    rows = rows.rename(columns={"provider_country_group": "country_group", "provider_org_id": "developer"})
    lines = openness_by_line(genai, identity, open_weights).set_index(["developer", "line"])["open_weights"]
    by_line = pd.Series(
        [
            lines.get((d, model_line(m)), pd.NA)
            for d, m in zip(rows["developer"], rows["model_id"], strict=True)
        ],
        index=rows.index,
        dtype="boolean",
    )
    rows["openness_from"] = np.where(
        rows["in_snapshots"], "snapshots", np.where(by_line.notna(), "model line", None)
    )
    rows["open_weights"] = rows["open_weights"].astype("boolean").where(rows["in_snapshots"], by_line)
    rows = _merge_repeated_changes(rows)
    columns = [
        "valid_from",
        "developer",
        "provider_id",
        "model_id",
        "country_group",
        "open_weights",
        "openness_from",
        "in_snapshots",
        "scheduled",
        "price_before",
        "price_after",
        "change_pct",
        "direction",
    ]
    return (
        rows[columns]
        .sort_values(["valid_from", "provider_id", "model_id"], kind="mergesort")
        .reset_index(drop=True)
    )


def _merge_repeated_changes(rows: pd.DataFrame) -> pd.DataFrame:
    """One row per developer, model (case-insensitive), date and direction: the largest move in per cent is
    kept, and ``provider_id`` joins the ids that recorded it."""
    same = ["developer", "model_key", "valid_from", "direction"]
    rows = rows.assign(
        model_key=rows["model_id"].astype(str).str.lower(), size=rows["change_pct"].abs().fillna(-1.0)
    )
    rows = rows.sort_values(
        [*same, "size", "provider_id"], ascending=[True] * 4 + [False, True], kind="mergesort"
    )
    providers = rows.groupby(same, dropna=False, sort=False)["provider_id"].transform(
        lambda ids: "; ".join(sorted(set(ids)))
    )
    merged = rows.assign(provider_id=providers).drop_duplicates(same)
    return merged.drop(columns=["model_key", "size"])


def change_counts(directions: pd.DataFrame, by: str = "developer") -> pd.DataFrame:
    """Priced list-price changes per ``by`` value: increases, decreases, restatements, largest increase (%)."""
    priced = directions[directions["direction"].ne("unpriced")]
    table = pd.crosstab(priced[by], priced["direction"])
    table = table.reindex(columns=["increase", "decrease", "unchanged"], fill_value=0)
    rises = priced[priced["direction"].eq("increase")].groupby(by)["change_pct"].max()
    table["largest_increase_pct"] = rises.reindex(table.index).round(0)
    table.columns.name = None
    return table.sort_index()


def increases_by_openness(directions: pd.DataFrame) -> dict[str, int]:
    """Named counts of list-price increases on open-weight models, on closed ones (and how many of those were
    classified by their model line), on models whose openness we cannot tell (``open_weights`` missing), and
    on scheduled ones not yet in effect, for the text and the claims ledger."""
    rises = directions[directions["direction"].eq("increase")]
    openness = rises["open_weights"].astype("boolean")
    by_line = rises["openness_from"].eq("model line")
    return {
        "price_increases_open": int(openness.eq(True).sum()),
        "price_increases_closed": int(openness.eq(False).sum()),
        "price_increases_closed_by_line": int((openness.eq(False) & by_line).sum()),
        "price_increases_openness_unknown": int(openness.isna().sum()),
        "price_increases_scheduled": int(rises["scheduled"].astype(bool).sum()),
    }


# --------------------------------------------------------------------------------------------------
# Where a model can be served: hosts' jurisdictions
# --------------------------------------------------------------------------------------------------

UNKNOWN = "Unknown"
JURISDICTION_GROUPS = ("China", "United States", "Europe", "Other", UNKNOWN)


def _group_of_code(code: str) -> str | None:
    token = str(code).strip()
    if token.upper() == "EU":
        return "Europe"
    if len(token) != 2 or token.upper() == "XX":
        return None
    iso = to_iso2(token)
    return country_group(iso) if iso else None


def server_region_groups(server_regions) -> tuple[str, ...]:
    """Country groups where a host says it runs servers, from the organizations table's ``server_regions``.

    The field is ';'-joined ISO alpha-2 codes, ``EU``, ``global``, ``local`` (runs on the user's own
    machine) or ``unknown``. Only codes and ``EU`` count; ``global`` names no place and is ignored.
    Returns the groups in the fixed order China, United States, Europe, Other.
    """
    if server_regions is None or pd.isna(server_regions):
        return ()
    groups = {_group_of_code(token) for token in str(server_regions).split(";")}
    return tuple(g for g in JURISDICTION_GROUPS if g in groups)


def host_jurisdictions(served: pd.DataFrame, organizations: pd.DataFrame) -> pd.DataFrame:
    """One row per (model, host organisation), developer included, with the host's legal seat group.

    ``seat_group`` is the country group of the host's ``legal_seat_country`` (``Unknown`` when the
    organizations table has none or ``XX``); ``server_groups`` lists where it documents servers.
    """
    hosts = served[["model_key", "host_org_id", "is_first_party"]].drop_duplicates(
        ["model_key", "host_org_id"]
    )
    orgs = organizations.set_index("org_id")
    seat = orgs["legal_seat_country"].reindex(hosts["host_org_id"]).to_numpy()
    regions = orgs["server_regions"].reindex(hosts["host_org_id"]).to_numpy()
    out = hosts.copy()
    out["seat_group"] = [(_group_of_code(s) if isinstance(s, str) else None) or UNKNOWN for s in seat]
    out["server_groups"] = [";".join(server_region_groups(r)) for r in regions]
    return out.sort_values(["model_key", "host_org_id"]).reset_index(drop=True)


def jurisdiction_table(jurisdictions: pd.DataFrame, model_keys: Sequence[str]) -> pd.DataFrame:
    """For each chosen model: hosts by legal seat (country group) and hosts documenting European servers."""
    chosen = jurisdictions[jurisdictions["model_key"].isin(list(model_keys))]
    table = pd.crosstab(chosen["model_key"], chosen["seat_group"])
    table = table.reindex(index=list(model_keys), columns=list(JURISDICTION_GROUPS), fill_value=0)
    eu = chosen["server_groups"].str.split(";").map(lambda g: "Europe" in g)
    table["Europe servers documented"] = (
        chosen[eu].groupby("model_key").size().reindex(table.index, fill_value=0)
    )
    table["All hosts"] = chosen.groupby("model_key").size().reindex(table.index, fill_value=0)
    table.columns.name = None
    return table


def price_by_seat(
    served: pd.DataFrame, jurisdictions: pd.DataFrame, model_keys: Sequence[str]
) -> pd.DataFrame:
    """Cheapest blended price of each chosen model by the legal seat of the seller, and the developer's own.

    Columns: the developer's own price, then the cheapest host seated in China, the United States and
    Europe (NA where none prices it), and the European price as a multiple of the developer's.
    """
    seats = jurisdictions.set_index(["model_key", "host_org_id"])["seat_group"]
    rows = served[served["model_key"].isin(list(model_keys))].copy()
    rows["seat_group"] = seats.reindex(
        pd.MultiIndex.from_frame(rows[["model_key", "host_org_id"]])
    ).to_numpy()
    own = rows[rows["is_first_party"]].groupby("model_key")["price_blended"].min()
    hosts = rows[~rows["is_first_party"]]
    table = hosts.pivot_table(index="model_key", columns="seat_group", values="price_blended", aggfunc="min")
    table = table.reindex(index=list(model_keys), columns=["China", "United States", "Europe"])
    table.insert(0, "developer's API", own.reindex(table.index))
    table["Europe / developer"] = table["Europe"] / table["developer's API"]
    table.columns.name = None
    return table


def major_open_models(comparison: pd.DataFrame, n: int = 10) -> list[str]:
    """The ``n`` open-weight models served by the most independent hosts (ties by key)."""
    open_rows = comparison[comparison["open_weights"].fillna(False).astype(bool)]
    ranked = open_rows.sort_values(["hosts", "model_key"], ascending=[False, True], kind="mergesort")
    return ranked["model_key"].head(n).tolist()


# --------------------------------------------------------------------------------------------------
# Data control by deployment mode
# --------------------------------------------------------------------------------------------------


def control_matrix(matrix: pd.DataFrame) -> pd.DataFrame:
    """Deployment modes (rows) × control dimensions (columns) with the rating of each cell, in fixed order."""
    wide = matrix.pivot(index="mode", columns="dimension", values="rating")
    modes = [m for m in MODES if m in wide.index] + sorted(set(wide.index) - set(MODES))
    dims = [d for d in DIMENSION_LABELS if d in wide.columns] + sorted(
        set(wide.columns) - set(DIMENSION_LABELS)
    )
    wide = wide.reindex(index=modes, columns=dims)
    wide.index = [MODE_LABELS.get(m, m) for m in wide.index]
    wide.columns = [DIMENSION_LABELS.get(d, d) for d in wide.columns]
    wide.index.name = "deployment mode"
    return wide


def control_evidence(matrix: pd.DataFrame) -> pd.DataFrame:
    """Each cell of the matrix with its rating, evidence and the sites of its sources (``source_url`` and,
    where the row has one, ``source_url_2``), modes and dimensions named as in :func:`control_matrix`, in the
    matrix's order of modes and dimensions."""
    mode_rank = {m: i for i, m in enumerate(MODES)}
    dim_rank = {d: i for i, d in enumerate(DIMENSION_LABELS)}
    rows = matrix.assign(
        _mode=matrix["mode"].map(mode_rank).fillna(len(MODES)),
        _dim=matrix["dimension"].map(dim_rank).fillna(len(DIMENSION_LABELS)),
    ).sort_values(["_mode", "mode", "_dim", "dimension"], kind="mergesort")
    return pd.DataFrame(
        {
            "deployment mode": rows["mode"].map(lambda m: MODE_LABELS.get(m, m)),
            "dimension": rows["dimension"].map(lambda d: DIMENSION_LABELS.get(d, d)),
            "rating": rows["rating"],
            "evidence": rows["summary"],
            "source": sites(*(rows[c] for c in ("source_url", "source_url_2") if c in rows)),
        }
    ).reset_index(drop=True)


def control_scores(wide: pd.DataFrame) -> pd.Series:
    """Sum of ratings per deployment mode (none 0, partial 1, full 2; the maximum is twice the dimensions)."""
    return wide.apply(lambda row: sum(RATING_SCORES[str(v)] for v in row), axis=1).rename("control score")


def matched_capability_facts(
    capability: pd.DataFrame,
    at_developer: pd.DataFrame,
    at_host: pd.DataFrame,
    threshold: float = FRONTIER_THRESHOLD,
    at_median_host: pd.DataFrame | None = None,
) -> dict:
    """Named values for a like-for-like price comparison at ``threshold``: the cheapest Chinese open model and the
    cheapest US closed model that reach it, at the developer's price and (open models) at the cheapest host, their
    ratios, how many Chinese open models reach it, and the level above which US closed models are the only option
    (the best-scoring priced Chinese or Western open model). ``at_developer`` and ``at_host`` are
    :func:`cheapest_at_or_above` tables on developers' and cheapest-host prices."""
    key = f"{threshold:.0f}"
    facts: dict = {}
    bases = [("", at_developer), ("_host", at_host)]
    if at_median_host is not None:
        bases.append(("_median_host", at_median_host))
    for basis, table in bases:
        rows = table[table["threshold"].eq(threshold)].set_index("segment")
        for segment, short in ((CN_OPEN, "cn_open"), (US_CLOSED, "us_closed")):
            facts[f"matched_{short}_model_{key}{basis}"] = str(rows.loc[segment, "model"])
            facts[f"matched_{short}_price_{key}{basis}"] = round(float(rows.loc[segment, "price"]), 6)
        facts[f"matched_ratio_us_closed_to_cn_open_{key}{basis}"] = round(
            float(rows.loc[US_CLOSED, "price"] / rows.loc[CN_OPEN, "price"]), 6
        )
    ratio = facts[f"matched_ratio_us_closed_to_cn_open_{key}"]
    facts[f"matched_direction_{key}"] = "reverses" if ratio < 1 else "holds"
    scored = capability.dropna(subset=["eci_score", "price_blended"])
    cn_open = scored[scored["segment"].eq(CN_OPEN)]
    facts[f"matched_cn_open_count_{key}"] = int(cn_open["eci_score"].ge(threshold).sum())
    best_open = scored[scored["segment"].isin([CN_OPEN, WEST_OPEN])].sort_values("eci_score").iloc[-1]
    above = scored[scored["eci_score"].gt(best_open["eci_score"])]
    facts["only_option_above_score"] = round(float(best_open["eci_score"]), 4)
    facts["only_option_above_model"] = str(best_open["name"])
    facts["only_option_us_closed_models"] = int(above["segment"].eq(US_CLOSED).sum())
    facts["only_option_other_models"] = (
        ", ".join(sorted(above.loc[~above["segment"].eq(US_CLOSED), "name"])) or "none"
    )
    return facts
