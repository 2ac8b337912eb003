"""OpenRouter model catalogue (``models.json`` from ``/api/v1/models``) → one row per model id.

Upstream: https://openrouter.ai/api/v1/models (OpenRouter terms; cite OpenRouter). The document is
``{"data": [ {...}, ... ]}``. Prices are strings in **USD per token**; ``"-1"`` or a missing price means
variable or unknown and becomes NA. Prices are converted to **USD per million tokens** (× 10**6 in decimal
arithmetic, rounded to 6 decimals). ``description`` and other free text are never read.

Output columns (key ``id``; sorted)
-----------------------------------
id                              str    OpenRouter model id, e.g. ``deepseek/deepseek-r1`` or ``...:free``
author                          str    part before ``/`` with a leading ``~`` stripped (``~openai/...`` → openai)
canonical_slug                  str    OpenRouter's dated canonical slug
hugging_face_id                 str    Hugging Face repo id when OpenRouter gives one ("" otherwise)
name                            str    display name
created_date                    date   UTC date of the Unix ``created`` timestamp (when listed)
context_length                  int    tokens
price_input_usd_per_mtok        float  ``pricing.prompt`` × 10**6
price_output_usd_per_mtok       float  ``pricing.completion`` × 10**6
price_cache_read_usd_per_mtok   float  ``pricing.input_cache_read`` × 10**6
input_modalities                str    ';'-joined ``architecture.input_modalities``
output_modalities               str    ';'-joined ``architecture.output_modalities``
is_variant                      bool   the id has a ``:variant`` suffix (``:free``, ``:thinking``, ...)
is_alias                        bool   the id starts with ``~`` (a moving "latest" alias)
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pandas as pd

from openweights.errors import SourceError
from openweights.sources.parsing import parse_int, parse_price_per_token_to_mtok, read_text

__all__ = ["read", "COLUMNS"]

FILE_NAME = "models.json"

COLUMNS = [
    "id",
    "author",
    "canonical_slug",
    "hugging_face_id",
    "name",
    "created_date",
    "context_length",
    "price_input_usd_per_mtok",
    "price_output_usd_per_mtok",
    "price_cache_read_usd_per_mtok",
    "input_modalities",
    "output_modalities",
    "is_variant",
    "is_alias",
]

_PRICE_FIELDS = {
    "price_input_usd_per_mtok": "prompt",
    "price_output_usd_per_mtok": "completion",
    "price_cache_read_usd_per_mtok": "input_cache_read",
}


def load_json(path: Path) -> Any:
    """Parse a UTF-8 JSON file; a truncated or malformed document raises :class:`SourceError` with its line."""
    text = read_text(path)
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise SourceError(
            path, f"line {exc.lineno}, column {exc.colno}", None, "a complete JSON document", exc.msg
        ) from exc


def _str(item: dict[str, Any], key: str, path: Path, where: str, *, required: bool = False) -> str:
    value = item.get(key)
    if value is None or value == "":
        if required:
            raise SourceError(path, where, key, "a non-empty string", value)
        return ""
    if not isinstance(value, str):
        raise SourceError(path, where, key, "a string", value)
    return value.strip()


def _modalities(item: dict[str, Any], key: str, path: Path, where: str) -> str:
    arch = item.get("architecture") or {}
    if not isinstance(arch, dict):
        raise SourceError(path, where, "architecture", "an object", arch)
    values = arch.get(key) or []
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise SourceError(path, where, f"architecture.{key}", "a list of strings", values)
    return ";".join(values)


def read(path_or_dir: str | Path) -> pd.DataFrame:
    """Read ``models.json`` (a file, or a directory containing it) → validated tidy frame."""
    path = Path(path_or_dir)
    if path.is_dir():
        path = path / FILE_NAME
    doc = load_json(path)
    if not isinstance(doc, dict) or not isinstance(doc.get("data"), list):
        raise SourceError(path, "$", "data", 'an object {"data": [...]}', type(doc).__name__)
    items = doc["data"]
    if not items:
        raise SourceError(path, "$.data", None, "at least one model", "an empty list")
    records = []
    seen: dict[str, str] = {}
    for i, item in enumerate(items):
        where = f"data[{i}]"
        if not isinstance(item, dict):
            raise SourceError(path, where, None, "an object", type(item).__name__)
        model_id = _str(item, "id", path, where, required=True)
        if "/" not in model_id:
            raise SourceError(path, where, "id", "an id of the form author/model", model_id)
        if model_id in seen:
            raise SourceError(path, where, "id", f"a unique id (first seen at {seen[model_id]})", model_id)
        seen[model_id] = where
        created = item.get("created")
        if created is None:
            created_date = None
        elif isinstance(created, bool) or not isinstance(created, int | float) or created < 0:
            raise SourceError(path, where, "created", "a Unix timestamp in seconds", created)
        else:
            try:
                created_date = dt.datetime.fromtimestamp(created, tz=dt.UTC).date()
            except (OverflowError, ValueError, OSError) as exc:
                raise SourceError(path, where, "created", "a Unix timestamp in seconds", created) from exc
        pricing = item.get("pricing") or {}
        if not isinstance(pricing, dict):
            raise SourceError(path, where, "pricing", "an object of prices", pricing)
        record: dict[str, Any] = {
            "id": model_id,
            "author": model_id.split("/", 1)[0].lstrip("~"),
            "canonical_slug": _str(item, "canonical_slug", path, where),
            "hugging_face_id": _str(item, "hugging_face_id", path, where),
            "name": _str(item, "name", path, where),
            "created_date": created_date,
            "context_length": parse_int(
                item.get("context_length"), file=path, row=where, column="context_length", minimum=0
            ),
            "input_modalities": _modalities(item, "input_modalities", path, where),
            "output_modalities": _modalities(item, "output_modalities", path, where),
            "is_variant": ":" in model_id,
            "is_alias": model_id.startswith("~"),
        }
        for column, key in _PRICE_FIELDS.items():
            record[column] = parse_price_per_token_to_mtok(
                pricing.get(key), file=path, row=where, column=f"pricing.{key}"
            )
        records.append(record)
    out = pd.DataFrame.from_records(records, columns=COLUMNS)
    return out.sort_values("id", kind="stable").reset_index(drop=True)
