"""Model identity: the same model linked across sources into ``model_identity.csv`` (see :func:`link_models`)."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from openweights import countries
from openweights.build.tables import TABLES
from openweights.errors import SourceError, ValidationError
from openweights.sources.parsing import clean_text, loose_name, strict_name

# --- model identity ----------------------------------------------------------------------------------------

_LEVELS = ("exact_full", "hf", "exact_part", "strict", "loose")
_METHOD = {
    "exact_full": "exact_id",
    "hf": "hf_repo_id",
    "exact_part": "exact_id",
    "strict": "normalised_name",
    "loose": "normalised_name",
}
#: Levels where several candidate keys mean "ambiguous": the record is left for a later level / unlinked.
_AMBIGUOUS_IF_SEVERAL = frozenset({"strict", "loose"})
_PRIORITY = {"modelsdev": 0, "openrouter": 1, "eci": 2, "manual": 3}
_HF_RE = re.compile(r"^[A-Za-z0-9][\w.-]*/[\w.-]+$")
_ECI_SETTING = re.compile(
    r"_(?:\d+k|high|medium|low|xhigh|max|min|minimal|none|unknown|thinking|nothinking)$", re.IGNORECASE
)


@dataclass
class _Rec:
    """A record to link: its ids and names by matching level."""

    source: str
    source_id: str
    full: set[str] = field(default_factory=set)
    hf: set[str] = field(default_factory=set)
    parts: set[str] = field(default_factory=set)
    names: set[str] = field(default_factory=set)
    unique: bool = True  # at most one record of this source per model_key

    def tokens(self, level: str) -> set[str]:
        if level == "exact_full":
            return {x.lower() for x in self.full if x}
        if level == "hf":
            return {x.lower() for x in self.hf if x}
        if level == "exact_part":
            return {x.lower().rsplit("/", 1)[-1] for x in self.parts if x}
        norm = strict_name if level == "strict" else loose_name
        return {t for t in (norm(x) for x in self.parts | self.names) if t}


class _Index:
    def __init__(self) -> None:
        self.maps: dict[str, dict[str, set[str]]] = {level: defaultdict(set) for level in _LEVELS}
        self.key_source: dict[str, str] = {}
        self.taken: set[tuple[str, str]] = set()

    def add(self, key: str, rec: _Rec, key_source: str) -> None:
        self.key_source.setdefault(key, key_source)
        for level in _LEVELS:
            for token in rec.tokens(level):
                self.maps[level][token].add(key)

    def candidates(self, rec: _Rec, level: str) -> list[str]:
        keys: set[str] = set()
        for token in rec.tokens(level):
            keys |= self.maps[level].get(token, set())
        if rec.unique:
            keys = {k for k in keys if (k, rec.source) not in self.taken}
        return sorted(keys, key=lambda k: (_PRIORITY[self.key_source[k]], k))


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9.]+", "-", clean_text(text).lower()).strip("-.") or "unknown"


def _match(records: list[_Rec], index: _Index, links: dict[tuple[str, str], tuple[str, str]]) -> list[_Rec]:
    """Assign records to existing keys level by level; returns the records left unlinked."""
    pending = [r for r in records if (r.source, r.source_id) not in links]
    for level in _LEVELS:
        still: list[_Rec] = []
        for rec in pending:
            cands = index.candidates(rec, level)
            if level in _AMBIGUOUS_IF_SEVERAL and len(cands) > 1:
                cands = []
            if cands:
                links[(rec.source, rec.source_id)] = (cands[0], _METHOD[level])
                if rec.unique:
                    index.taken.add((cands[0], rec.source))
            else:
                still.append(rec)
        pending = still
    return pending


@dataclass
class IdentityResult:
    links: dict[tuple[str, str], tuple[str, str]]  # (source, source_id) -> (model_key, method)
    anchors: dict[str, tuple[str, str]]  # model_key -> (key_source, defining source_id)


def link_models(
    modelsdev_models: pd.DataFrame,
    openrouter_models: pd.DataFrame,
    eci_models: pd.DataFrame,
    epoch: pd.DataFrame,
    genai: pd.DataFrame,
    offers: pd.DataFrame,
    overrides: pd.DataFrame | None = None,
    org_slug: dict[str, str] | None = None,
) -> IdentityResult:
    """Link records of every source to canonical model keys.

    Keys come from *anchor* records: each models.dev lab model defines ``model_key = model_id``; an OpenRouter
    model not matched to one defines its own key (its id without ``~`` and ``:variant``); an ECI model matched
    to neither defines ``<org>/<name-slug>``. Epoch models, genai-prices rows and models.dev offers only link
    to existing keys. Matching tries, in order, for all records of a source before moving to the next level:

    1. ``manual``: ``data/curated/model_identity_overrides.csv`` (source, source_id, model_key);
    2. ``exact_id``: the full id (``deepseek/deepseek-r1``), then ``hf_repo_id`` (Hugging Face repo id of the
       weights on either side), then ``exact_id`` on the part after the last ``/`` (case-insensitive);
    3. ``normalised_name``: :func:`~openweights.sources.parsing.strict_name`, then
       :func:`~openweights.sources.parsing.loose_name` (dates and suffixes such as ``-instruct`` dropped);
       a normalised name that fits several keys is ambiguous and links nothing (``mistral-medium-2312`` must
       not become ``mistral-medium-2505``).

    Among several candidate keys the models.dev key wins over OpenRouter over ECI, then the alphabetically
    first. One key holds at most one record of each of models.dev, OpenRouter (variants aside), ECI and Epoch;
    offers and genai-prices rows are many-to-one.
    """
    links: dict[tuple[str, str], tuple[str, str]] = {}
    anchors: dict[str, tuple[str, str]] = {}
    index = _Index()
    manual: dict[tuple[str, str], str] = {}
    if overrides is not None:
        for row in overrides.itertuples(index=False):
            manual[(row.source, row.source_id)] = row.model_key

    def add_anchor(key: str, rec: _Rec, key_source: str) -> None:
        anchors[key] = (key_source, rec.source_id)
        index.add(key, rec, key_source)
        links[(rec.source, rec.source_id)] = (key, "exact_id")
        index.taken.add((key, rec.source))

    applied: set[tuple[str, str]] = set()

    def apply_manual(recs: list[_Rec]) -> None:
        for rec in recs:
            key = manual.get((rec.source, rec.source_id))
            if key is None:
                continue
            applied.add((rec.source, rec.source_id))
            if key not in anchors:
                anchors[key] = ("manual", rec.source_id)
                index.key_source.setdefault(key, "manual")
            links[(rec.source, rec.source_id)] = (key, "manual")
            index.add(key, rec, index.key_source[key])
            if rec.unique:
                index.taken.add((key, rec.source))

    # 1. models.dev lab models: every one is an anchor.
    md_recs = []
    for row in modelsdev_models.itertuples(index=False):
        rec = _Rec(
            "modelsdev", row.model_id, {row.model_id}, {row.weights_hf_repo}, {row.model_id}, {row.name}
        )
        md_recs.append(rec)
    apply_manual(md_recs)
    for rec in md_recs:
        if (rec.source, rec.source_id) not in links:
            add_anchor(rec.source_id, rec, "modelsdev")

    # 2. OpenRouter: primary ids first, then variants/aliases (which may share a key).
    def or_rec(row: Any, unique: bool) -> _Rec:
        base = row.id.split(":", 1)[0]
        display = row.name.split(": ", 1)[-1]
        return _Rec(
            "openrouter",
            row.id,
            {base.lstrip("~"), row.canonical_slug},
            {row.hugging_face_id},
            {base.lstrip("~")},
            {display},
            unique=unique,
        )

    primary_rows = [
        r for r in openrouter_models.itertuples(index=False) if not r.is_variant and not r.is_alias
    ]
    other_rows = [r for r in openrouter_models.itertuples(index=False) if r.is_variant or r.is_alias]
    or_primary = [or_rec(r, True) for r in primary_rows]
    apply_manual(or_primary)
    for rec in _match(or_primary, index, links):
        key = rec.source_id.lstrip("~").split(":", 1)[0]
        add_anchor(key if key not in anchors else f"openrouter/{key}", rec, "openrouter")
    or_other = [or_rec(r, False) for r in other_rows]
    apply_manual(or_other)
    by_id = {r.source_id: r for r in or_primary}
    for rec in or_other:
        base = rec.source_id.split(":", 1)[0]
        if (rec.source, rec.source_id) not in links and base in by_id:
            links[(rec.source, rec.source_id)] = (links[("openrouter", base)][0], "exact_id")
    for rec in _match(or_other, index, links):
        key = rec.source_id.lstrip("~").split(":", 1)[0]
        add_anchor(
            key if key not in anchors else f"openrouter/{rec.source_id.lstrip('~')}", rec, "openrouter"
        )

    # 3. ECI models.
    eci_recs = []
    for row in eci_models.itertuples(index=False):
        versions = [v for v in row.version_ids.split(";") if v]
        stripped = {_ECI_SETTING.sub("", v) for v in versions}
        eci_recs.append(_Rec("eci", row.model_name, stripped, set(), stripped, {row.model_name}))
    apply_manual(eci_recs)
    for rec in _match(eci_recs, index, links):
        org = (org_slug or {}).get(rec.source_id) or "unknown"
        key = f"{org}/{_slug(rec.source_id)}"
        add_anchor(key if key not in anchors else f"eci/{key}", rec, "eci")

    # 4. Epoch models (one per key), genai-prices and offers (many per key): link only.
    epoch_recs = [_Rec("epoch", m, set(), set(), {m}, {m}) for m in epoch["model"]]
    genai_recs = []
    for row in genai.itertuples(index=False):
        mid = row.model_id
        genai_recs.append(
            _Rec(
                "genai_prices",
                f"{row.provider_id}:{mid}",
                {mid} if "/" in mid else set(),
                {mid} if _HF_RE.match(mid) else set(),
                {mid},
                {row.name} if row.name else set(),
                unique=False,
            )
        )
    offer_recs = []
    for row in offers.itertuples(index=False):
        sid = f"{row.provider}:{row.model_key}"
        rec = _Rec(
            "modelsdev_offers",
            sid,
            {row.model_key} if "/" in row.model_key else set(),
            {row.weights_hf_repo} | ({row.model_key} if _HF_RE.match(row.model_key) else set()),
            {row.model_key},
            {row.name} if row.name else set(),
            unique=False,
        )
        if row.base_model and row.base_model in anchors:
            links[("modelsdev_offers", sid)] = (row.base_model, "exact_id")
        offer_recs.append(rec)
    for recs in (epoch_recs, genai_recs, offer_recs):
        apply_manual(recs)
        _match(recs, index, links)

    where = (overrides.attrs.get("path") if overrides is not None else None) or "model_identity_overrides.csv"
    for number, (pair, key) in enumerate(manual.items(), start=1):
        if pair not in applied:
            raise SourceError(where, number, "source_id", f"an id that {pair[0]} lists", pair[1])
        shared = sum(1 for other in manual.values() if other == key)
        if anchors.get(key, ("manual", ""))[0] == "manual" and shared < 2:
            # a key no source lists links nothing unless two overrides share it: a typo, not a new identity
            raise SourceError(where, number, "model_key", "the key of a model another source lists", key)
    unknown = sorted({k for (_, _), (k, m) in links.items() if m == "manual" and k not in anchors})
    if unknown:
        raise ValidationError(
            "model_identity_overrides", None, "model_key", "an existing model_key", unknown[0]
        )
    return IdentityResult(links, anchors)


def _identity_table(
    result: IdentityResult, tables: dict[str, pd.DataFrame], names: dict[tuple[str, str], str]
) -> pd.DataFrame:
    """Wide identity table: one row per key with the primary id of each source."""
    method_rank = {"manual": 0, "exact_id": 1, "hf_repo_id": 2, "normalised_name": 3}
    by_key: dict[str, dict[str, list[tuple[str, str]]]] = defaultdict(lambda: defaultdict(list))
    for (source, sid), (key, method) in result.links.items():
        by_key[key][source].append((sid, method))

    org_of: dict[tuple[str, str], tuple[str, str, str]] = {}
    for source, table, id_col in (
        ("modelsdev", "modelsdev_models", "model_id"),
        ("openrouter", "openrouter_models", "id"),
        ("eci", "eci_models", "model_name"),
    ):
        frame = tables[table]
        for sid, org, country, group in zip(
            frame[id_col], frame["org_id"], frame["country"], frame["country_group"], strict=True
        ):
            org_of[(source, sid)] = (org, country, group)

    rows = []
    for key in sorted(result.anchors):
        key_source, defining = result.anchors[key]
        per = by_key[key]

        def primary(source: str, prefer: Any = None, _per: dict = per) -> tuple[str, str]:
            items = _per.get(source, [])
            if not items:
                return "", ""
            return min(items, key=lambda it: (prefer(it[0]) if prefer else 0, method_rank[it[1]], it[0]))

        or_id, or_method = primary("openrouter", lambda sid: ":" in sid or sid.startswith("~"))
        md_id, md_method = primary("modelsdev")
        lab = key.split("/", 1)[0]
        gp_id, gp_method = primary("genai_prices", lambda sid, _lab=lab: sid.split(":", 1)[0] != _lab)
        defining_source = next((s for s in ("modelsdev", "openrouter", "eci") if per.get(s)), "manual")
        defining_id = primary(defining_source)[0] if defining_source != "manual" else defining
        org, country, group = org_of.get((defining_source, defining_id), ("", "", countries.OTHER))
        rows.append(
            {
                "model_key": key,
                "name": names.get((defining_source, defining_id), ""),
                "key_source": key_source,
                "org_id": org,
                "country": country,
                "country_group": group,
                "modelsdev_id": md_id,
                "modelsdev_link_method": md_method,
                "openrouter_id": or_id,
                "openrouter_link_method": or_method,
                "eci_model_name": primary("eci")[0],
                "eci_link_method": primary("eci")[1],
                "epoch_model": primary("epoch")[0],
                "epoch_link_method": primary("epoch")[1],
                "genai_prices_id": gp_id,
                "genai_prices_link_method": gp_method,
                "n_openrouter_ids": len(per.get("openrouter", [])),
                "n_modelsdev_offers": len(per.get("modelsdev_offers", [])),
                "n_genai_prices": len(per.get("genai_prices", [])),
            }
        )
    return pd.DataFrame.from_records(rows, columns=TABLES["model_identity"].columns)


def _add_links(frame: pd.DataFrame, source: str, ids: Iterable[str], links: dict) -> pd.DataFrame:
    out = frame.copy()
    pairs = [links.get((source, sid), ("", "")) for sid in ids]
    out["canonical_model_key"] = [p[0] for p in pairs]
    out["canonical_link_method"] = [p[1] for p in pairs]
    return out


def _coverage(tables: dict[str, pd.DataFrame]) -> dict[str, Any]:
    priced: set[str] = set()
    for name in ("modelsdev_offers", "openrouter_models", "genai_prices"):
        frame = tables[name]
        has = frame["price_input_usd_per_mtok"].notna() & (frame["canonical_model_key"] != "")
        priced |= set(frame.loc[has, "canonical_model_key"])
    identity = tables["model_identity"]
    with_md = set(identity.loc[identity["modelsdev_id"] != "", "model_key"])
    with_or = set(identity.loc[identity["openrouter_id"] != "", "model_key"])

    def share(keys: pd.Series, target: set[str]) -> dict[str, Any]:
        n = len(keys)
        hit = int(keys.isin(target).sum())
        return {"linked": hit, "total": n, "share": round(hit / n, 4) if n else None}

    eci_keys = tables["eci_models"]["canonical_model_key"]
    or_keys = tables["openrouter_models"]["canonical_model_key"]
    linked = lambda name: share(tables[name]["canonical_model_key"], set(identity["model_key"]))  # noqa: E731
    return {
        "eci_models_linked_to_a_price": share(eci_keys, priced),
        "eci_models_linked_to_modelsdev": share(eci_keys, with_md),
        "eci_models_linked_to_openrouter": share(eci_keys, with_or),
        "openrouter_models_linked_to_modelsdev": share(or_keys, with_md),
        "epoch_models_linked": linked("epoch_models"),
        "genai_prices_linked": linked("genai_prices"),
        "modelsdev_offers_linked": linked("modelsdev_offers"),
    }
