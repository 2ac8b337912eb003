"""models.dev TOML tree → lab models and provider offers (prices).

Upstream: https://github.com/anomalyco/models.dev (MIT). The project reads the repository's TOML tree, not the
generated ``https://models.dev/api.json``: the tree keeps the provider-agnostic ``models/<lab>/<model>.toml``
files and the ``base_model`` links that the API flattens away. ``openweights data fetch`` therefore downloads
the repository tarball (``https://github.com/anomalyco/models.dev/archive/HEAD.tar.gz``) and keeps only
``models/`` and ``providers/``.

Layout read (``root`` is the folder holding ``models/`` and ``providers/``)
---------------------------------------------------------------------------
- ``models/<lab>/<model>.toml`` → one row of :func:`read` per file, ``model_id = "<lab>/<model>"``.
- ``providers/<provider>/models/<path>.toml`` → one row of :func:`read_offers` per file,
  ``model_key = <path>`` (may contain ``/``). ``providers/<provider>/provider.toml`` holds provider metadata
  and is not read. Every non-TOML file (``data/*.json``, logos, READMEs) is skipped explicitly and counted.
- A ``.toml`` file whose whole content is a relative path to another ``.toml`` file is a git symlink checked out
  as text: it is followed (within the tree). A link whose target is missing is skipped and listed in
  ``attrs["dangling_links"]``.

Inheritance: a provider file with ``base_model = "<lab>/<model>"`` inherits every field it does not set from
``models/<lab>/<model>.toml``; tables (``[limit]``, ``[cost]``, ``[modalities]``) are merged key by key,
arrays and plain values are replaced. Dotted paths listed in ``base_model_omit`` (e.g. ``"cost.tiers"``,
``"limit.input"``) are removed from the inherited data before the merge, so only the provider's own values
remain there. A ``base_model`` whose target file is missing raises :class:`~openweights.errors.SourceError`.

Dates: a value shaped like a date but not on the calendar (``"2025-25-11"`` in the 2026-07-02 snapshot) and
the placeholder ``1970-01-01`` (Unix time 0) are kept as NA and listed in ``attrs["report"]["invalid_dates"]``;
any other malformed date raises.

Units: models.dev prices are already **USD per million tokens**; they are kept as floats rounded to 6 decimals
(columns ``*_usd_per_mtok``). Missing prices are NA (a free model is 0, not NA). Token limits are tokens.
Dates ``YYYY-MM`` mean the first day of that month.

:func:`read` columns (key ``model_id``)
--------------------------------------
model_id, lab, name, family, release_date (date), last_updated (date), open_weights (bool), reasoning (bool),
tool_call (bool), attachment (bool), context_limit (int, tokens), output_limit (int, tokens),
input_modalities / output_modalities (';'-joined), weights_host (host of the first weights URL, e.g.
``huggingface.co``), weights_hf_repo (Hugging Face repo id ``org/name`` when the weights are there),
license (licence id when given), status (alpha/beta/deprecated or empty),
cost_input_usd_per_mtok, cost_output_usd_per_mtok (only if the lab file has a ``[cost]`` table).

:func:`read_offers` columns (key ``provider, model_key``)
-------------------------------------------------------
provider, model_key, base_model ("" when none), name, family, release_date, last_updated, open_weights,
reasoning, tool_call, context_limit, output_limit, input_modalities, output_modalities, weights_hf_repo
(inherited), price_input_usd_per_mtok, price_output_usd_per_mtok, price_cache_read_usd_per_mtok,
price_cache_write_usd_per_mtok, tiered (bool: ``cost.tiers`` or ``cost.context_over_200k`` present; the prices
are the base tier), status.
"""

from __future__ import annotations

import copy
import datetime as dt
import os
import re
import tomllib
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urlparse

import pandas as pd

from openweights.errors import SourceError
from openweights.sources.parsing import (
    CALENDAR_DATE,
    decode_utf8,
    parse_date,
    parse_int,
    parse_price_per_mtok,
    read_bytes,
)

__all__ = ["read", "read_offers", "read_all", "MODEL_COLUMNS", "OFFER_COLUMNS"]

MODEL_COLUMNS = [
    "model_id",
    "lab",
    "name",
    "family",
    "release_date",
    "last_updated",
    "open_weights",
    "reasoning",
    "tool_call",
    "attachment",
    "context_limit",
    "output_limit",
    "input_modalities",
    "output_modalities",
    "weights_host",
    "weights_hf_repo",
    "license",
    "status",
    "cost_input_usd_per_mtok",
    "cost_output_usd_per_mtok",
]

OFFER_COLUMNS = [
    "provider",
    "model_key",
    "base_model",
    "name",
    "family",
    "release_date",
    "last_updated",
    "open_weights",
    "reasoning",
    "tool_call",
    "context_limit",
    "output_limit",
    "input_modalities",
    "output_modalities",
    "weights_hf_repo",
    "price_input_usd_per_mtok",
    "price_output_usd_per_mtok",
    "price_cache_read_usd_per_mtok",
    "price_cache_write_usd_per_mtok",
    "tiered",
    "status",
]

#: Placeholder some provider files use for "unknown" dates; read as NA and reported like impossible dates.
UNIX_EPOCH = dt.date(1970, 1, 1)
_LINK_RE = re.compile(r"^[^\s=\[\]\"']+\.toml$")
_TOML_POS = re.compile(r"\(at line (\d+), column (\d+)\)")
_MAX_LINK_HOPS = 8


class _Tree:
    """Reads TOML files of one models.dev tree, following text-file symlinks, caching parsed documents."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.resolved_root = root.resolve()
        self.cache: dict[Path, dict[str, Any]] = {}
        self.dangling: list[str] = []
        self.links = 0
        #: (file, field, value) of dates shaped like YYYY-MM-DD that are not calendar dates (kept as NA).
        self.invalid_dates: list[tuple[str, str, str]] = []

    def rel(self, path: Path) -> str:
        return PurePosixPath(os.path.relpath(path, self.root)).as_posix()

    def load(self, path: Path) -> dict[str, Any] | None:
        """Parsed TOML of ``path`` (following links); ``None`` for a dangling link."""
        current = path
        for _ in range(_MAX_LINK_HOPS):
            # cache by the resolved path: a file reached by the walk and through a link is one file, however
            # the tree's root is written (relative or absolute) and whether links are real or text
            if (
                current.is_symlink()
            ):  # a real link (a git checkout): read it as the text link an archive holds
                stripped = text = os.readlink(current)
            else:
                key = current.resolve()
                if key in self.cache:
                    return self.cache[key]
                text = decode_utf8(read_bytes(current), current)
                stripped = text.strip()
            if "\n" not in stripped and _LINK_RE.match(stripped):
                target = Path(os.path.normpath(current.parent / stripped)).resolve()
                if not target.is_relative_to(self.resolved_root):
                    raise SourceError(current, None, None, "a link inside the models.dev tree", stripped)
                if current is path:
                    self.links += 1
                if not target.is_file():
                    self.dangling.append(self.rel(path))
                    return None
                current = target
                continue
            try:
                data = tomllib.loads(text)
            except tomllib.TOMLDecodeError as exc:
                pos = _TOML_POS.search(str(exc))
                if pos:
                    where = f"line {pos.group(1)}, column {pos.group(2)}"
                else:
                    where = "end of document" if "end of document" in str(exc) else None
                raise SourceError(current, where, None, "valid (complete) TOML", str(exc)) from exc
            self.cache[key] = data
            return data
        raise SourceError(path, None, None, f"at most {_MAX_LINK_HOPS} chained links", "a longer chain")


def _where(dotted: str) -> tuple[str, str]:
    table, _, key = dotted.rpartition(".")
    return (f"[{table}]" if table else "[top level]"), key


def _get(data: dict[str, Any], dotted: str) -> Any:
    node: Any = data
    for part in dotted.split("."):
        if not isinstance(node, dict) or part not in node:
            return None
        node = node[part]
    return node


def _typed(data: dict[str, Any], dotted: str, kind: type, file: Path) -> Any:
    value = _get(data, dotted)
    if value is None:
        return None
    if kind is bool and not isinstance(value, bool):
        row, col = _where(dotted)
        raise SourceError(file, row, col, "true or false", value)
    if kind is str and not isinstance(value, str):
        row, col = _where(dotted)
        raise SourceError(file, row, col, "a string", value)
    return value


def _date(data: dict[str, Any], dotted: str, file: Path, invalid: list[tuple[str, str, str]]):  # noqa: ANN202
    row, col = _where(dotted)
    value = _get(data, dotted)
    try:
        parsed = parse_date(value, file=file, row=row, column=col)
    except SourceError as exc:
        if exc.expected != CALENDAR_DATE:
            raise
        invalid.append((str(file), dotted, str(value)))
        return None
    if parsed == UNIX_EPOCH:
        invalid.append((str(file), dotted, str(value)))
        return None
    return parsed


def _int(data: dict[str, Any], dotted: str, file: Path) -> int | None:
    row, col = _where(dotted)
    value = _get(data, dotted)
    if isinstance(value, bool | str):
        raise SourceError(file, row, col, "a whole number of tokens", value)
    return parse_int(value, file=file, row=row, column=col, minimum=0)


def _price(data: dict[str, Any], dotted: str, file: Path) -> float | None:
    row, col = _where(dotted)
    value = _get(data, dotted)
    if isinstance(value, str):
        raise SourceError(file, row, col, "a number (USD per million tokens)", value)
    return parse_price_per_mtok(value, file=file, row=row, column=col)


def _modalities(data: dict[str, Any], dotted: str, file: Path) -> str:
    value = _get(data, dotted)
    if value is None:
        return ""
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        row, col = _where(dotted)
        raise SourceError(file, row, col, "a list of strings", value)
    return ";".join(value)


def _weights(data: dict[str, Any]) -> tuple[str, str]:
    """(host, hf_repo) of the first weights URL, preferring a Hugging Face one."""
    entries = data.get("weights")
    if not isinstance(entries, list):
        return "", ""
    urls = [e.get("url") for e in entries if isinstance(e, dict) and isinstance(e.get("url"), str)]
    if not urls:
        return "", ""
    hf = [u for u in urls if (urlparse(u).hostname or "").endswith("huggingface.co")]
    url = hf[0] if hf else urls[0]
    parsed = urlparse(url)
    host = parsed.hostname or ""
    repo = ""
    if host.endswith("huggingface.co"):
        parts = [p for p in parsed.path.split("/") if p]
        if len(parts) >= 2:
            repo = f"{parts[0]}/{parts[1]}"
    return host, repo


def _omit(data: dict[str, Any], dotted: str) -> None:
    parts = dotted.split(".")
    node: Any = data
    for part in parts[:-1]:
        if not isinstance(node, dict) or part not in node:
            return
        node = node[part]
    if isinstance(node, dict):
        node.pop(parts[-1], None)


def _merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


def _common(data: dict[str, Any], file: Path, invalid: list[tuple[str, str, str]]) -> dict[str, Any]:
    return {
        "name": _typed(data, "name", str, file) or "",
        "family": _typed(data, "family", str, file) or "",
        "release_date": _date(data, "release_date", file, invalid),
        "last_updated": _date(data, "last_updated", file, invalid),
        "open_weights": _typed(data, "open_weights", bool, file),
        "reasoning": _typed(data, "reasoning", bool, file),
        "tool_call": _typed(data, "tool_call", bool, file),
        "context_limit": _int(data, "limit.context", file),
        "output_limit": _int(data, "limit.output", file),
        "input_modalities": _modalities(data, "modalities.input", file),
        "output_modalities": _modalities(data, "modalities.output", file),
        "status": _typed(data, "status", str, file) or "",
    }


def _walk_toml(top: Path) -> tuple[list[Path], int]:
    """All ``*.toml`` files under ``top`` (sorted) and the number of other files skipped."""
    found: list[Path] = []
    skipped = 0
    for dirpath, dirnames, filenames in os.walk(top):
        dirnames.sort()
        for name in sorted(filenames):
            if name.endswith(".toml"):
                found.append(Path(dirpath) / name)
            else:
                skipped += 1
    return found, skipped


def read_all(path_or_dir: str | Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Parse the whole tree once → ``(models, offers)`` frames (see the module docstring)."""
    root = Path(path_or_dir)
    models_dir, providers_dir = root / "models", root / "providers"
    for sub in (models_dir, providers_dir):
        if not sub.is_dir():
            raise SourceError(
                root, None, None, "a models.dev tree with models/ and providers/", f"no {sub.name}/"
            )
    tree = _Tree(root)

    lab_raw: dict[str, dict[str, Any]] = {}
    model_rows = []
    model_files, skipped_models = _walk_toml(models_dir)
    for file in model_files:
        rel = PurePosixPath(os.path.relpath(file, models_dir))
        if len(rel.parts) < 2:
            skipped_models += 1
            continue
        data = tree.load(file)
        if data is None:
            continue
        lab = rel.parts[0]
        model_id = str(rel.with_suffix(""))
        lab_raw[model_id] = data
        host, repo = _weights(data)
        row = {"model_id": model_id, "lab": lab, **_common(data, file, tree.invalid_dates)}
        row.update(
            {
                "attachment": _typed(data, "attachment", bool, file),
                "weights_host": host,
                "weights_hf_repo": repo,
                "license": _typed(data, "license", str, file) or "",
                "cost_input_usd_per_mtok": _price(data, "cost.input", file),
                "cost_output_usd_per_mtok": _price(data, "cost.output", file),
            }
        )
        model_rows.append(row)

    offer_rows = []
    skipped_other = 0
    provider_meta = 0
    for provider_dir in sorted(p for p in providers_dir.iterdir() if p.is_dir()):
        files, skipped = _walk_toml(provider_dir)
        skipped_other += skipped
        offers_dir = provider_dir / "models"
        for file in files:
            if file.parent == provider_dir and file.name == "provider.toml":
                provider_meta += 1
                continue
            if not file.is_relative_to(offers_dir):
                skipped_other += 1
                continue
            data = tree.load(file)
            if data is None:
                continue
            offer_rows.append(_offer(provider_dir.name, offers_dir, file, data, lab_raw, tree))
    for file in providers_dir.iterdir():
        if file.is_file():
            skipped_other += 1

    if not model_rows:
        raise SourceError(models_dir, None, None, "at least one models/<lab>/<model>.toml", "none")
    if not offer_rows:
        raise SourceError(providers_dir, None, None, "at least one providers/<p>/models/*.toml", "none")
    models = pd.DataFrame.from_records(model_rows, columns=MODEL_COLUMNS)
    models = models.sort_values("model_id", kind="stable").reset_index(drop=True)
    offers = pd.DataFrame.from_records(offer_rows, columns=OFFER_COLUMNS)
    offers = offers.sort_values(["provider", "model_key"], kind="stable").reset_index(drop=True)
    report = {
        "toml_files_read": len(tree.cache),
        "links_followed": tree.links,
        "dangling_links": sorted(tree.dangling),
        "non_toml_files_skipped": skipped_models + skipped_other,
        "provider_metadata_files": provider_meta,
        "invalid_dates": sorted(
            (os.path.relpath(f, root), field, value) for f, field, value in set(tree.invalid_dates)
        ),
    }
    models.attrs["report"] = report
    offers.attrs["report"] = report
    return models, offers


def _offer(
    provider: str,
    offers_dir: Path,
    file: Path,
    data: dict[str, Any],
    lab_raw: dict[str, dict[str, Any]],
    tree: _Tree,
) -> dict[str, Any]:
    model_key = str(PurePosixPath(os.path.relpath(file, offers_dir)).with_suffix(""))
    base_model = _typed(data, "base_model", str, file) or ""
    merged = data
    if base_model:
        if base_model not in lab_raw:
            raise SourceError(
                file, "[top level]", "base_model", f"an existing models/{base_model}.toml", base_model
            )
        omit = data.get("base_model_omit", [])
        if not isinstance(omit, list) or not all(isinstance(p, str) for p in omit):
            raise SourceError(file, "[top level]", "base_model_omit", "a list of dotted paths", omit)
        base = copy.deepcopy(lab_raw[base_model])
        for dotted in omit:
            _omit(base, dotted)
        own = {k: v for k, v in data.items() if k not in ("base_model", "base_model_omit")}
        merged = _merge(base, own)
    cost = merged.get("cost")
    tiered = isinstance(cost, dict) and ("tiers" in cost or "context_over_200k" in cost)
    _, repo = _weights(merged)
    row = {
        "provider": provider,
        "model_key": model_key,
        "base_model": base_model,
        **_common(merged, file, tree.invalid_dates),
    }
    row.update(
        {
            "weights_hf_repo": repo,
            "price_input_usd_per_mtok": _price(merged, "cost.input", file),
            "price_output_usd_per_mtok": _price(merged, "cost.output", file),
            "price_cache_read_usd_per_mtok": _price(merged, "cost.cache_read", file),
            "price_cache_write_usd_per_mtok": _price(merged, "cost.cache_write", file),
            "tiered": bool(tiered),
        }
    )
    return row


def read(path_or_dir: str | Path) -> pd.DataFrame:
    """Lab models (``models/<lab>/<model>.toml``) as a tidy frame; see the module docstring."""
    return read_all(path_or_dir)[0]


def read_offers(path_or_dir: str | Path) -> pd.DataFrame:
    """Provider offers (``providers/<p>/models/**.toml``) with inherited fields and prices."""
    return read_all(path_or_dir)[1]
