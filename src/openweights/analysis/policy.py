"""Policy responses to Chinese open models: who acted, with which instrument, in which direction.

Input is the curated table ``policy_events`` (one row per dated government or multilateral act, each with a
source URL). Two stances are coded per event: toward *open-weight models* (``promote``/``restrict``/``neutral``)
and toward *Chinese AI* (``engage``/``restrict``/``neutral``). Coding conventions of the table's curator:

- China's own promotion of Chinese AI (plans, governance initiatives, open-source policy) is ``engage``; China's
  domestic content rules and its rare-earth controls are ``neutral`` toward Chinese AI.
- US moves that loosen chip exports to China (the H20 revenue-share deal, H200 approval, the January 2026 rule)
  are ``engage``.
- A bill is dated at the step the table records (introduction, a committee vote or passage in one chamber) and
  its summary says how far it got; such steps count as proposals (``is_proposal``), not enacted acts.

Jurisdictions are ISO 3166-1 alpha-2 codes, ``EU`` for the Union's institutions and ``INT`` for what no single
government did (multilateral forums and summits, a US–China leaders' agreement, a research institutes' blueprint).
For the chapter they are grouped into *blocs* (:data:`BLOCS`); the "bridge countries" are the middle powers of
South-East Asia, the Gulf, Latin America, Africa and South Asia that the press describes as hedging between the
United States and China.

Every function is pure: it takes data frames and returns a new, sorted frame (or a scalar).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd

from openweights import sourcekinds
from openweights.codes import (  # noqa: F401  (the chapters read the codes through this module)
    INSTRUMENT_LABELS,
    INSTRUMENTS,
    LEVEL_LABELS,
    LEVELS,
    STANCES_CHINESE_AI,
    STANCES_OPEN_WEIGHTS,
    TARGET_LABELS,
    TARGETS,
)
from openweights.countries import EUROPE_CODES, country_name
from openweights.tables import running_list

US_BLOC = "United States"
CN_BLOC = "China"
EUROPE_BLOC = "Europe"
ALLIES_BLOC = "US allies (Asia-Pacific)"
BRIDGE_BLOC = "Bridge countries"
INT_BLOC = "International"
OTHER_BLOC = "Other"
BLOCS = (US_BLOC, CN_BLOC, EUROPE_BLOC, ALLIES_BLOC, BRIDGE_BLOC, INT_BLOC, OTHER_BLOC)

# Regions of the bridge countries (ISO2 → region); every code here belongs to the bridge bloc.
BRIDGE_REGIONS = {
    "SG": "South-East Asia",
    "MY": "South-East Asia",
    "VN": "South-East Asia",
    "ID": "South-East Asia",
    "TH": "South-East Asia",
    "PH": "South-East Asia",
    "AE": "Gulf",
    "SA": "Gulf",
    "QA": "Gulf",
    "BR": "Latin America",
    "CL": "Latin America",
    "MX": "Latin America",
    "AR": "Latin America",
    "RW": "Africa",
    "NG": "Africa",
    "KE": "Africa",
    "ZA": "Africa",
    "IN": "South Asia",
}
ALLIES = frozenset({"JP", "KR", "TW", "AU", "NZ", "CA"})
# The EU's institutions plus the European states of openweights.countries.
EUROPE = EUROPE_CODES | {"EU"}

# Instruments that can bar the use of a Chinese model or app (a ban or a binding order); warnings, reports
# and entity listings are restrictions of other kinds.
BAN_INSTRUMENTS = ("procurement_device_ban", "law_regulation")

# A summary that says a measure was only introduced, not enacted, or dropped marks a proposal, not an act.
PROPOSAL_PATTERN = re.compile(r"not (?:been )?enacted|\bintroduced\b|dropped from", re.IGNORECASE)
# A summary that names a US partner, US chips or a US-made model marks a tie to the US side.
US_TIE_PATTERN = re.compile(r"\bUS\b|\bU\.S\.|United States|American|\bLlama\b|\bMeta\b|\bNvidia\b")

# Events marked on the capability chart: event id → short label.
KEY_EVENTS = {
    "E005": "US chip export controls",
    "E009": "US controls tightened",
    "E035": "First DeepSeek ban",
    "E061": "Diffusion rule rescinded",
    "E073": "US AI Action Plan",
    "E091": "H200 sales allowed",
}

# Kinds of source, strongest first: the curated table's own source_kind and source_kind_2 (see
# openweights.sourcekinds), never guessed again from the URL.
SOURCE_KINDS = sourcekinds.KINDS

# Tracks of China's policy (see china_tracks).
CN_TRACK_CHIPS = "Chips, rare earths and export controls"
CN_TRACK_PROMOTE = "Promotion and open source"
CN_TRACK_CONTENT = "Content and data rules"
CN_TRACKS = (CN_TRACK_CONTENT, CN_TRACK_PROMOTE, CN_TRACK_CHIPS)


def bloc_of(jurisdiction: str) -> str:
    """The bloc of one jurisdiction code (see the module docstring)."""
    if jurisdiction == "US":
        return US_BLOC
    if jurisdiction in ("CN", "HK", "MO"):
        return CN_BLOC
    if jurisdiction in EUROPE:
        return EUROPE_BLOC
    if jurisdiction in ALLIES:
        return ALLIES_BLOC
    if jurisdiction in BRIDGE_REGIONS:
        return BRIDGE_BLOC
    if jurisdiction == "INT":
        return INT_BLOC
    return OTHER_BLOC


def prepare_events(events: pd.DataFrame) -> pd.DataFrame:
    """Parse dates, add ``bloc``, ``region`` and ``is_proposal``; sort by date then event id."""
    out = events.copy()
    out["date"] = pd.to_datetime(out["date"])
    out["bloc"] = out["jurisdiction"].map(bloc_of)
    out["region"] = out["jurisdiction"].map(BRIDGE_REGIONS).fillna(out["bloc"])
    out["is_proposal"] = out["summary"].fillna("").str.contains(PROPOSAL_PATTERN)
    return out.sort_values(["date", "event_id"]).reset_index(drop=True)


def best_source(events: pd.DataFrame) -> pd.Series:
    """Per event, the strongest kind of source it cites (primary, news, secondary) among ``source_kind`` and
    ``source_kind_2``."""
    kinds = [events[c].fillna("") for c in ("source_kind", "source_kind_2") if c in events]
    ranks = pd.concat([k.map(sourcekinds.rank) for k in kinds], axis=1).min(axis=1)
    return ranks.map(dict(enumerate(SOURCE_KINDS))).rename("best_source")


def source_counts(events: pd.DataFrame) -> pd.DataFrame:
    """Events per year (rows) by the strongest kind of source they cite (columns, :data:`SOURCE_KINDS` order)."""
    table = pd.crosstab(events["date"].dt.year.rename("year"), best_source(events))
    table = table.reindex(columns=list(SOURCE_KINDS), fill_value=0).astype(int)
    table.columns.name = "best_source"
    return table


def jurisdiction_order(events: pd.DataFrame) -> list[str]:
    """Jurisdictions grouped by bloc (in :data:`BLOCS` order), within a bloc by first event date then code."""
    first = events.groupby("jurisdiction")["date"].min().rename("first").reset_index()
    first["bloc_rank"] = first["jurisdiction"].map(bloc_of).map(BLOCS.index)
    first = first.sort_values(["bloc_rank", "first", "jurisdiction"])
    return first["jurisdiction"].tolist()


def headline_counts(events: pd.DataFrame) -> dict[str, int]:
    """Totals for the chapter: events, jurisdictions (codes other than ``INT``), events of international forums
    (``INT``), restrictions, promotions."""
    return {
        "events": int(len(events)),
        "jurisdictions": int(events.loc[events["jurisdiction"] != "INT", "jurisdiction"].nunique()),
        "international_events": int(events["jurisdiction"].eq("INT").sum()),
        "restrict_chinese_ai": int(events["stance_chinese_ai"].eq("restrict").sum()),
        "engage_chinese_ai": int(events["stance_chinese_ai"].eq("engage").sum()),
        "promote_open_models": int(events["stance_open_weights"].eq("promote").sum()),
        "restrict_open_models": int(events["stance_open_weights"].eq("restrict").sum()),
    }


def crosstab_with_totals(
    events: pd.DataFrame, rows: str, cols: str, row_order: Sequence[str], col_order: Sequence[str]
) -> pd.DataFrame:
    """Event counts for ``rows`` × ``cols`` in fixed orders (absent levels dropped), with a total row and column."""
    table = pd.crosstab(events[rows], events[cols])
    table = table.reindex(
        index=[r for r in row_order if r in table.index], columns=list(col_order), fill_value=0
    ).astype(int)
    table.index.name, table.columns.name = rows, cols
    table["total"] = table.sum(axis=1)
    table.loc["total"] = table.sum()
    return table


def counts_by_instrument(events: pd.DataFrame) -> pd.DataFrame:
    """Events per instrument by stance toward Chinese AI, plus a column counting open-weight promotions."""
    table = crosstab_with_totals(events, "instrument", "stance_chinese_ai", INSTRUMENTS, STANCES_CHINESE_AI)
    promote = events[events["stance_open_weights"].eq("promote")].groupby("instrument").size()
    table["promote_open_weights"] = promote.reindex(table.index, fill_value=0).astype(int)
    table.loc["total", "promote_open_weights"] = int(promote.sum())
    return table


def counts_by_bloc(events: pd.DataFrame) -> pd.DataFrame:
    """Events per bloc by stance toward Chinese AI, with the number of jurisdictions and open-weight promotions.

    International forums (``INT``) are not a jurisdiction: their row's ``jurisdictions`` is missing and the
    total counts governments only, as :func:`headline_counts` does.
    """
    table = crosstab_with_totals(events, "bloc", "stance_chinese_ai", BLOCS, STANCES_CHINESE_AI)
    governments = events["jurisdiction"].where(events["jurisdiction"].ne("INT"))
    grouped = events.assign(government=governments).groupby("bloc")
    extra = pd.DataFrame(
        {
            "jurisdictions": grouped["government"].nunique(),
            "promote_open_weights": grouped["stance_open_weights"].apply(
                lambda s: int(s.eq("promote").sum())
            ),
        }
    ).reindex(table.index[:-1])
    extra.loc["total"] = [governments.nunique(), int(events["stance_open_weights"].eq("promote").sum())]
    extra = extra.astype("Int64")
    extra.loc[extra.index.isin([INT_BLOC]), "jurisdictions"] = pd.NA
    return pd.concat([extra, table], axis=1)


def counts_by_jurisdiction(events: pd.DataFrame) -> pd.DataFrame:
    """Per jurisdiction (bloc order): events, restrictions of and engagements with Chinese AI, first and last date."""
    order = jurisdiction_order(events)
    grouped = events.groupby("jurisdiction")
    table = pd.DataFrame(
        {
            "bloc": grouped["jurisdiction"].first().map(bloc_of),
            "events": grouped.size(),
            "restrict": grouped["stance_chinese_ai"].apply(lambda s: int(s.eq("restrict").sum())),
            "engage": grouped["stance_chinese_ai"].apply(lambda s: int(s.eq("engage").sum())),
            "promote_open_weights": grouped["stance_open_weights"].apply(
                lambda s: int(s.eq("promote").sum())
            ),
            "first": grouped["date"].min().dt.strftime("%Y-%m-%d"),
            "last": grouped["date"].max().dt.strftime("%Y-%m-%d"),
        }
    )
    return table.reindex(order).rename_axis("jurisdiction")


def stance_matrix(events: pd.DataFrame) -> pd.DataFrame:
    """Events by stance toward open weights (rows) × stance toward Chinese AI (columns)."""
    return crosstab_with_totals(
        events, "stance_open_weights", "stance_chinese_ai", STANCES_OPEN_WEIGHTS, STANCES_CHINESE_AI
    )


def event_table(events: pd.DataFrame, columns: Sequence[str] | None = None) -> pd.DataFrame:
    """A display table of events: date as ``YYYY-MM-DD`` (``YYYY-MM`` when only the month is known)."""
    columns = list(
        columns
        or ["event_id", "date", "actor", "instrument", "stance_chinese_ai", "stance_open_weights", "summary"]
    )
    out = events.sort_values(["date", "event_id"]).copy()
    month_only = out["date_precision"].eq("month")
    out["date"] = np.where(month_only, out["date"].dt.strftime("%Y-%m"), out["date"].dt.strftime("%Y-%m-%d"))
    return out[columns].reset_index(drop=True)


def select(
    events: pd.DataFrame,
    jurisdictions: Iterable[str] | None = None,
    instruments: Iterable[str] | None = None,
    targets: Iterable[str] | None = None,
    exclude_targets: Iterable[str] | None = None,
) -> pd.DataFrame:
    """Events filtered by jurisdiction, instrument and target (``None`` keeps all), sorted by date."""
    mask = pd.Series(True, index=events.index)
    if jurisdictions is not None:
        mask &= events["jurisdiction"].isin(list(jurisdictions))
    if instruments is not None:
        mask &= events["instrument"].isin(list(instruments))
    if targets is not None:
        mask &= events["target"].isin(list(targets))
    if exclude_targets is not None:
        mask &= ~events["target"].isin(list(exclude_targets))
    return events[mask].sort_values(["date", "event_id"]).reset_index(drop=True)


def direction_by_year(
    events: pd.DataFrame, jurisdiction: str, instrument: str, enacted_only: bool = True
) -> pd.DataFrame:
    """Per year, how many of a jurisdiction's events of one instrument restrict or engage Chinese AI.

    For US export controls ``restrict`` means a tightening toward China and ``engage`` a loosening. With
    ``enacted_only`` proposals (``is_proposal``, see prepare_events) are left out.
    """
    chosen = select(events, jurisdictions=[jurisdiction], instruments=[instrument])
    if enacted_only:
        chosen = chosen[~chosen["is_proposal"]]
    table = pd.crosstab(chosen["date"].dt.year.rename("year"), chosen["stance_chinese_ai"])
    table = table.reindex(columns=list(STANCES_CHINESE_AI), fill_value=0).astype(int)
    table.columns.name = "stance_chinese_ai"
    return table.sort_index()


def china_tracks(events: pd.DataFrame) -> pd.DataFrame:
    """China's events, each assigned to one of three tracks, in date order.

    Rules, applied in order: target ``compute_chips`` → chips, rare earths and export controls; stance
    ``engage`` toward Chinese AI or ``promote`` toward open weights → promotion and open source; otherwise
    (domestic laws, standards, guidance) → content and data rules.
    """
    cn = select(events, jurisdictions=["CN"]).copy()
    promote = cn["stance_chinese_ai"].eq("engage") | cn["stance_open_weights"].eq("promote")
    cn["track"] = np.select(
        [cn["target"].eq("compute_chips"), promote], [CN_TRACK_CHIPS, CN_TRACK_PROMOTE], CN_TRACK_CONTENT
    )
    return cn


def track_counts(tracked: pd.DataFrame) -> pd.DataFrame:
    """Events per China track, with first and last date."""
    grouped = tracked.groupby("track")
    table = pd.DataFrame(
        {
            "events": grouped.size(),
            "first": grouped["date"].min().dt.strftime("%Y-%m-%d"),
            "last": grouped["date"].max().dt.strftime("%Y-%m-%d"),
        }
    )
    return table.reindex([t for t in CN_TRACKS if t in table.index]).rename_axis("track")


def bans(events: pd.DataFrame, instruments: Sequence[str] = BAN_INSTRUMENTS) -> pd.DataFrame:
    """Enacted bans on Chinese models or apps: restrictive events of a ban instrument targeting them.

    Proposals (bills introduced but not enacted) are left out. Needs ``is_proposal`` (see prepare_events).
    """
    mask = (
        events["target"].eq("chinese_models_apps")
        & events["stance_chinese_ai"].eq("restrict")
        & events["instrument"].isin(list(instruments))
        & ~events["is_proposal"]
    )
    return events[mask].sort_values(["date", "event_id"]).reset_index(drop=True)


def first_ban_by_country(events: pd.DataFrame, instruments: Sequence[str] = BAN_INSTRUMENTS) -> pd.DataFrame:
    """One row per jurisdiction with an enacted ban: first ban date, its event and actor, and the ban count."""
    banned = bans(events, instruments)
    if banned.empty:
        return pd.DataFrame(columns=["jurisdiction", "first_ban", "event_id", "actor", "level", "bans"])
    first = banned.groupby("jurisdiction", as_index=False).first()
    first["bans"] = first["jurisdiction"].map(banned.groupby("jurisdiction").size()).astype(int)
    first["first_ban"] = first["date"].dt.strftime("%Y-%m-%d")
    first = first.sort_values(["date", "jurisdiction"]).reset_index(drop=True)
    return first[["jurisdiction", "first_ban", "event_id", "actor", "level", "bans"]]


def first_ban_date(events: pd.DataFrame, instruments: Sequence[str] = BAN_INSTRUMENTS) -> str:
    """Date (``YYYY-MM-DD``) of the first enacted ban on a Chinese model or app anywhere; empty if none."""
    banned = bans(events, instruments)
    return "" if banned.empty else banned["date"].min().strftime("%Y-%m-%d")


def countries_within_days(first_bans: pd.DataFrame, days: int) -> int:
    """How many jurisdictions in a first-ban table (see first_ban_by_country) banned within ``days`` of the first."""
    if first_bans.empty:
        return 0
    dates = pd.to_datetime(first_bans["first_ban"])
    return int((dates <= dates.min() + pd.Timedelta(days=days)).sum())


def days_between(first: str, second: str) -> int:
    """Whole days from date ``first`` to date ``second``."""
    return int((pd.Timestamp(second) - pd.Timestamp(first)).days)


def bridge_hedging(events: pd.DataFrame) -> pd.DataFrame:
    """Per bridge country: events, engagements with Chinese AI, events tied to the US side, and a hedge flag.

    A tie to the US side is an event whose summary names a US partner, US chips or a US-made model
    (:data:`US_TIE_PATTERN`); an engagement with China is an event coded ``engage`` toward Chinese AI. A country
    *hedges* in our table when it has at least one of each.
    """
    bridge = events[events["bloc"].eq(BRIDGE_BLOC)].copy()
    bridge["us_tie"] = bridge["summary"].fillna("").str.contains(US_TIE_PATTERN)
    bridge["china_engage"] = bridge["stance_chinese_ai"].eq("engage")
    grouped = bridge.groupby("jurisdiction")
    table = pd.DataFrame(
        {
            "region": grouped["region"].first(),
            "events": grouped.size(),
            "engage_china": grouped["china_engage"].sum().astype(int),
            "restrict_china": grouped["stance_chinese_ai"].apply(lambda s: int(s.eq("restrict").sum())),
            "us_tie": grouped["us_tie"].sum().astype(int),
            "promote_open_weights": grouped["stance_open_weights"].apply(
                lambda s: int(s.eq("promote").sum())
            ),
        }
    )
    table["hedges"] = (table["engage_china"] > 0) & (table["us_tie"] > 0)
    table = table.reset_index().sort_values(["region", "jurisdiction"]).set_index("jurisdiction")
    return table


def hedger_names(bridge: pd.DataFrame) -> str:
    """The bridge countries that hedge (see :func:`bridge_hedging`) as running text: "India and Malaysia"."""
    return running_list(country_name(code) for code in bridge.index[bridge["hedges"]])


def bridge_tie_events(events: pd.DataFrame) -> pd.DataFrame:
    """The bridge countries' events that engage Chinese AI or name the US side, with both flags."""
    bridge = events[events["bloc"].eq(BRIDGE_BLOC)].copy()
    bridge["us_tie"] = bridge["summary"].fillna("").str.contains(US_TIE_PATTERN)
    bridge["china_engage"] = bridge["stance_chinese_ai"].eq("engage")
    chosen = bridge[bridge["us_tie"] | bridge["china_engage"]]
    table = event_table(chosen, ["event_id", "date", "jurisdiction", "summary"])
    flags = chosen.sort_values(["date", "event_id"]).reset_index(drop=True)
    table.insert(3, "engages_china", flags["china_engage"].to_numpy())
    table.insert(4, "us_tie", flags["us_tie"].to_numpy())
    return table


def first_law_by_jurisdiction(events: pd.DataFrame, targets: Sequence[str] = ("ai_general",)) -> pd.DataFrame:
    """First enacted ``law_regulation`` event per jurisdiction on the given targets, earliest first."""
    laws = select(events, instruments=["law_regulation"], targets=targets)
    laws = laws[~laws["is_proposal"] & laws["jurisdiction"].ne("INT")]
    first = laws.groupby("jurisdiction", as_index=False).first()
    first = first.sort_values(["date", "jurisdiction"]).reset_index(drop=True)
    first["date"] = first["date"].dt.strftime("%Y-%m-%d")
    return first[["jurisdiction", "date", "event_id", "actor"]]


# --- capability series -------------------------------------------------------------------------------


def frontier(
    models: pd.DataFrame,
    groups: Sequence[str] = ("China", "United States"),
    open_only: bool = False,
    score: str = "eci_score",
) -> pd.DataFrame:
    """Running best score per country group: one row per model that raised its group's best so far.

    Columns: ``country_group``, ``release_date``, ``model_name``, ``best`` (the record score), ``open_weights``
    (of the record-setting model; None when unknown). Models without a
    release date or score are dropped; with ``open_only`` only open-weight models count.
    """
    data = models.dropna(subset=["release_date", score]).copy()
    data["release_date"] = pd.to_datetime(data["release_date"])
    data = data[data["country_group"].isin(list(groups))]
    if open_only:
        data = data[data["open_weights"].fillna(False).astype(bool)]
    rows = []
    for group in groups:
        sub = data[data["country_group"].eq(group)].sort_values(
            ["release_date", score, "model_name"], ascending=[True, False, True]
        )
        record = -np.inf
        for row in sub.itertuples(index=False):
            value = getattr(row, score)
            if value > record:
                record = value
                is_open = row.open_weights
                rows.append(
                    (
                        group,
                        row.release_date,
                        row.model_name,
                        float(value),
                        bool(is_open) if pd.notna(is_open) else None,
                    )
                )
    out = pd.DataFrame(rows, columns=["country_group", "release_date", "model_name", "best", "open_weights"])
    return out.sort_values(["country_group", "release_date"]).reset_index(drop=True)


def best_at(records: pd.DataFrame, group: str, date) -> tuple[float, str]:
    """Best score of ``group`` among models released on or before ``date`` (NaN and "" if none)."""
    sub = records[records["country_group"].eq(group) & (records["release_date"] <= pd.Timestamp(date))]
    if sub.empty:
        return float("nan"), ""
    last = sub.sort_values("release_date").iloc[-1]
    return float(last["best"]), str(last["model_name"])


def gap_path(records: pd.DataFrame, leader: str = "United States", follower: str = "China") -> pd.DataFrame:
    """The gap (leader's best minus follower's best) after every record of either group, once both have one."""
    rows = []
    for date in sorted(records["release_date"].unique()):
        lead, lead_model = best_at(records, leader, date)
        follow, follow_model = best_at(records, follower, date)
        if np.isnan(lead) or np.isnan(follow):
            continue
        rows.append((pd.Timestamp(date), lead, follow, lead - follow, lead_model, follow_model))
    columns = [
        "date",
        f"best_{_slug(leader)}",
        f"best_{_slug(follower)}",
        "gap_points",
        "leader_model",
        "follower_model",
    ]
    return pd.DataFrame(rows, columns=columns)


def record_open_share(records: pd.DataFrame, group: str) -> float:
    """Share of a group's records (see frontier) set by open-weight models."""
    sub = records.loc[records["country_group"].eq(group), "open_weights"]
    return float(sub.eq(True).mean()) if len(sub) else float("nan")


def gap_on(records: pd.DataFrame, date, leader: str = "United States", follower: str = "China") -> float:
    """Leader's best score minus follower's best score among models released on or before ``date``."""
    return best_at(records, leader, date)[0] - best_at(records, follower, date)[0]


def gap_at_events(
    records: pd.DataFrame,
    events: pd.DataFrame,
    event_ids: Iterable[str],
    leader: str = "United States",
    follower: str = "China",
) -> pd.DataFrame:
    """For each chosen event: the leader's and follower's best score on that date and the gap in points (a
    group's model is missing, None, on a date before its first record)."""
    chosen = events[events["event_id"].isin(list(event_ids))].sort_values(["date", "event_id"])
    rows = []
    for event in chosen.itertuples(index=False):
        lead_best, lead_model = best_at(records, leader, event.date)
        follow_best, follow_model = best_at(records, follower, event.date)
        lead_model, follow_model = lead_model or None, follow_model or None  # no model yet: a missing value
        rows.append(
            {
                "event_id": event.event_id,
                "date": event.date.strftime("%Y-%m-%d"),
                "event": KEY_EVENTS.get(event.event_id, event.event_id),
                f"best_{_slug(leader)}": round(lead_best, 1),
                f"best_{_slug(follower)}": round(follow_best, 1),
                "gap_points": round(lead_best - follow_best, 1),
                f"{_slug(leader)}_model": lead_model,
                f"{_slug(follower)}_model": follow_model,
            }
        )
    return pd.DataFrame(rows)


def _slug(group: str) -> str:
    return {"United States": "us", "China": "china", "Europe": "europe"}.get(group, group.lower())


#: Restriction scopes in words, for tables.
SCOPE_LABELS = {
    "service_or_app": "a service or app",
    "devices": "government or other devices",
    "download_or_run_weights": "downloading or running weights",
    "self_hosted_use": "self-hosted use",
    "chips_or_compute": "chips or compute",
    "exports_of_models": "exports of models",
    "other": "other",
}
#: Restriction scopes that would reach open weights themselves.
WEIGHT_SCOPES = ("download_or_run_weights", "self_hosted_use")


def _is(events: pd.DataFrame, column: str, value: str) -> pd.Series:
    return events[column].fillna("").astype(str).eq(value)


def _restrict(events: pd.DataFrame) -> pd.Series:
    return _is(events, "stance_chinese_ai", "restrict") | _is(events, "stance_open_weights", "restrict")


def force_facts(events: pd.DataFrame) -> dict[str, int]:
    """Restrictions by force: enacted binding acts against everything else (proposals, guidance and plans, reported
    intentions, lapsed acts), how many reach open weights themselves, and how many enacted binding restrictions rest
    on secondary sources alone."""
    restrict = _restrict(events)
    binding = _is(events, "binding", "yes") & _is(events, "status", "enacted")
    scopes = events["ban_scope"].fillna("").str.split(";")
    weights = scopes.map(lambda s: any(scope in WEIGHT_SCOPES for scope in s))
    secondary = best_source(events).eq(sourcekinds.SECONDARY)
    return {
        "policy_restrict_all": int(restrict.sum()),
        "policy_restrict_enacted_binding": int((restrict & binding).sum()),
        "policy_restrict_other": int((restrict & ~binding).sum()),
        "policy_restrict_proposed": int((restrict & _is(events, "status", "proposed")).sum()),
        "policy_restrict_reported": int((restrict & _is(events, "status", "reported")).sum()),
        "policy_restrict_lapsed": int((restrict & _is(events, "status", "lapsed")).sum()),
        "policy_restrict_nonbinding": int(
            (restrict & ~_is(events, "binding", "yes") & _is(events, "status", "enacted")).sum()
        ),
        "policy_restrict_weights": int((restrict & weights).sum()),
        "policy_restrict_binding_secondary_only": int((restrict & binding & secondary).sum()),
    }


def force_table(events: pd.DataFrame) -> pd.DataFrame:
    """Restricting events by status (rows) and whether the instrument binds (columns), with totals."""
    rows = events[_restrict(events)]
    return crosstab_with_totals(
        rows, "status", "binding", ("enacted", "proposed", "reported", "lapsed"), ("yes", "no", "unknown")
    )


def scope_table(events: pd.DataFrame) -> pd.DataFrame:
    """Restricting events per scope (an event with several scopes counts in each), enacted and binding or not."""
    rows = events[_restrict(events) & events["ban_scope"].fillna("").ne("")].copy()
    rows["enacted_binding"] = np.where(
        _is(rows, "binding", "yes") & _is(rows, "status", "enacted"), "enacted, binding", "other"
    )
    rows = rows.assign(scope=rows["ban_scope"].str.split(";")).explode("scope")
    table = pd.crosstab(rows["scope"], rows["enacted_binding"]).reindex(
        columns=["enacted, binding", "other"], fill_value=0
    )
    table.columns.name = None
    table.index = table.index.map(SCOPE_LABELS).rename("covers")
    return table.sort_values(["enacted, binding", "other"], ascending=False)
