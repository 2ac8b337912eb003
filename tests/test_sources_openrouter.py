"""OpenRouter reader on a synthetic models.json."""

import datetime as dt
import json
from pathlib import Path

import pandas as pd
import pytest

from openweights.errors import SourceError
from openweights.sources import openrouter

FIXTURE = Path(__file__).parent / "fixtures" / "sources" / "openrouter" / "models.json"


def test_read():
    frame = openrouter.read(FIXTURE.parent).set_index("id")
    assert list(frame.reset_index().columns) == openrouter.COLUMNS
    lotus = frame.loc["lotus/lotus-chat-70b"]
    assert lotus.price_input_usd_per_mtok == 0.3 and lotus.price_output_usd_per_mtok == 1.2
    assert lotus.price_cache_read_usd_per_mtok == 0.03
    assert lotus.created_date == dt.date(2024, 5, 1) and lotus.context_length == 131072
    assert lotus.hugging_face_id == "lotus-ai/Lotus-Chat-70B-Instruct" and not lotus.is_variant
    free = frame.loc["lotus/lotus-chat-70b:free"]
    assert free.is_variant and free.price_input_usd_per_mtok == 0.0
    latest = frame.loc["~maple-ai/maple-latest"]
    assert latest.author == "maple-ai" and latest.is_alias
    assert pd.isna(latest.price_input_usd_per_mtok) and pd.isna(latest.price_output_usd_per_mtok)  # "-1"
    assert pd.isna(frame.loc["fjord/fjord-3b", "price_output_usd_per_mtok"])  # missing
    assert frame.loc["maple-ai/maple-vision", "input_modalities"] == "text;image"
    assert "description" not in frame.columns


def _write(tmp_path, text):
    path = tmp_path / "models.json"
    path.write_text(text, encoding="utf-8")
    return path


def test_truncated_json(tmp_path):
    text = FIXTURE.read_text(encoding="utf-8")
    path = _write(tmp_path, text[: len(text) // 2])
    with pytest.raises(SourceError, match=r"models.json, line \d+, column \d+: expected a complete JSON"):
        openrouter.read(path)


@pytest.mark.parametrize(
    ("mutate", "pattern"),
    [
        (lambda d: d["data"].append(dict(d["data"][0])), r"data\[6\], column 'id': expected a unique id"),
        (lambda d: d["data"][2]["pricing"].update(prompt="cheap"), r"data\[2\], column 'pricing.prompt'"),
        (
            lambda d: d["data"][2]["pricing"].update(prompt="-0.5"),
            r"data\[2\], column 'pricing.prompt'.*>= 0",
        ),
        (lambda d: d["data"][1].update(created="yesterday"), r"data\[1\], column 'created'"),
        (lambda d: d.pop("data"), r"column 'data'"),
        (lambda d: d.update(data=[]), r"at least one model"),
    ],
    ids=["duplicate", "price-text", "negative-price", "created", "no-data", "empty"],
)
def test_bad_input(tmp_path, mutate, pattern):
    doc = json.loads(FIXTURE.read_text(encoding="utf-8"))
    mutate(doc)
    with pytest.raises(SourceError, match=pattern):
        openrouter.read(_write(tmp_path, json.dumps(doc)))


def test_empty_and_wrong_encoding(tmp_path):
    with pytest.raises(SourceError, match="non-empty file"):
        openrouter.read(_write(tmp_path, ""))
    path = tmp_path / "models.json"
    path.write_bytes('{"data": [{"id": "a/b", "name": "caf\u00e9"}]}'.encode("utf-16"))
    with pytest.raises(SourceError, match="UTF-8"):
        openrouter.read(path)
