"""The "token tax": how many more tokens a tokeniser spends on a language than on English.

A model is billed, and its context window filled, in tokens. A tokeniser trained mostly on English
text splits other languages into more, shorter pieces, so the same content costs more in those
languages. This module measures that for the tokenisers of Chinese open-weight models (Qwen,
DeepSeek) and of US models (OpenAI's o200k_base and cl100k_base, Meta's Llama 3), on text that people
translated from English, and turns the result into a cost per 1,000 English-equivalent words.

The tokenisers, the parallel text and the counting live in :mod:`openweights.tokenizers`; the data build
counts once and commits the counts, which chapters read with ``load("token_counts")`` and
:func:`counts_from_table`. This module analyses them.

The analysis functions are pure: they take data frames and return new, sorted data frames, with a
fixed-seed bootstrap, so the same inputs give the same outputs byte for byte.

The limits of the parallel text, which the report must state, are in :mod:`openweights.tokenizers`.
"""

from __future__ import annotations

import zlib
from collections.abc import Mapping

import numpy as np
import pandas as pd

from openweights.analysis.resampling import percentile_interval, resample_counts
from openweights.tokenizers import (  # noqa: F401  (re-exported: chapters call tokens.language_name)
    REFERENCE,
    TOKEN_COLUMN_PREFIX,
    count_tokens,
    language_name,
)


def summarise_counts(counts: pd.DataFrame) -> pd.DataFrame:
    """Totals per (tokenizer, language): segments, tokens, characters, words and characters per token."""
    summary = (
        counts.groupby(["tokenizer", "language"], sort=True)
        .agg(segments=("segment_id", "size"), tokens=("tokens", "sum"), characters=("characters", "sum"))
        .reset_index()
    )
    summary["words"] = counts.groupby(["tokenizer", "language"], sort=True)["words"].sum().to_numpy()
    summary["characters_per_token"] = summary["characters"] / summary["tokens"]
    return summary


def _bootstrap_weights(n: int, n_boot: int, seed: int, key: str) -> np.ndarray:
    """Resample counts whose stream depends on ``seed`` and ``key`` (a language) only, so a language's interval
    does not change when other languages or tokenisers are added, and every tokeniser sees the same resamples."""
    return resample_counts(n, n_boot, [seed, zlib.crc32(key.encode())])


def token_tax(
    counts: pd.DataFrame,
    reference: str = REFERENCE,
    n_boot: int = 1000,
    seed: int = 20261123,
    confidence: float = 0.95,
) -> pd.DataFrame:
    """Tokens a tokeniser spends on each language relative to English, for the same segments.

    For tokeniser t and language L, over the segments S that exist in both L and ``reference``::

        ratio = sum(tokens of L's text of S) / sum(tokens of the English text of S)

    (a ratio of totals, so long segments weigh more, as they do on a bill). The interval is a
    percentile bootstrap over segments: ``n_boot`` resamples of S with replacement, the same resamples
    for every tokeniser, from a generator seeded by ``seed`` and the language.

    Returns columns ``tokenizer, language, segments, tokens, reference_tokens, ratio, ci_low, ci_high,
    reference_words, tokens_per_reference_word`` sorted by tokenizer and language; the reference
    language itself is included with ratio 1. ``tokens_per_reference_word`` is the English tokens per
    English (whitespace) word on S, which :func:`cost_per_1000_words` uses.
    """
    languages = sorted(counts["language"].unique())
    if reference not in languages:
        raise ValueError(f"no token counts for the reference language {reference!r}")
    # one pivot for all languages; a language's slice keeps only the tokenisers it was counted with
    wide = counts.pivot_table(
        index=["language", "segment_id"], columns="tokenizer", values="tokens", aggfunc="sum"
    )
    ref_tokens = wide.loc[reference].dropna(axis=1, how="all")
    ref = counts.loc[counts["language"] == reference]
    ref_words = ref.drop_duplicates("segment_id").set_index("segment_id")["words"]
    rows = []
    for language in languages:
        tokens = wide.loc[language].dropna(axis=1, how="all")
        segments = tokens.index.intersection(ref_tokens.index).sort_values()
        tokenizers = sorted(set(tokens.columns) & set(ref_tokens.columns))
        if len(segments) == 0 or not tokenizers:
            continue
        numerator = tokens.loc[segments, tokenizers].to_numpy(dtype=float)
        denominator = ref_tokens.loc[segments, tokenizers].to_numpy(dtype=float)
        weights = _bootstrap_weights(len(segments), n_boot, seed, language).astype(float)
        boot = (weights @ numerator) / (weights @ denominator)
        low, high = percentile_interval(boot, confidence, axis=0)
        words = float(ref_words.loc[segments].sum())
        for j, name in enumerate(tokenizers):
            total, ref_total = numerator[:, j].sum(), denominator[:, j].sum()
            rows.append(
                {
                    "tokenizer": name,
                    "language": language,
                    "segments": len(segments),
                    "tokens": int(total),
                    "reference_tokens": int(ref_total),
                    "ratio": total / ref_total,
                    "ci_low": float(low[j]),
                    "ci_high": float(high[j]),
                    "reference_words": int(words),
                    "tokens_per_reference_word": ref_total / words,
                }
            )
    return pd.DataFrame(rows).sort_values(["tokenizer", "language"], ignore_index=True)


def compare_tokenizers(
    counts: pd.DataFrame,
    baseline: str = "o200k_base",
    n_boot: int = 1000,
    seed: int = 20261123,
    confidence: float = 0.95,
) -> pd.DataFrame:
    """Tokens each tokeniser spends on a language relative to the ``baseline`` tokeniser, same segments.

    ``ratio < 1`` means the tokeniser needs fewer tokens than the baseline for that language's text
    (before any difference in price per token). Interval: percentile bootstrap over segments, as in
    :func:`token_tax`. Columns ``tokenizer, language, segments, tokens, baseline_tokens, ratio, ci_low,
    ci_high``, sorted by tokenizer and language.
    """
    rows = []
    for language in sorted(counts["language"].unique()):
        table = counts.loc[counts["language"] == language].pivot_table(
            index="segment_id", columns="tokenizer", values="tokens", aggfunc="sum"
        )
        if baseline not in table.columns:
            raise ValueError(f"baseline tokenizer {baseline!r} is not in counts")
        table = table.dropna().sort_index()
        tokenizers = sorted(table.columns)
        numerator = table[tokenizers].to_numpy(dtype=float)
        denominator = table[[baseline]].to_numpy(dtype=float)
        weights = _bootstrap_weights(len(table), n_boot, seed, language).astype(float)
        boot = (weights @ numerator) / (weights @ denominator)
        low, high = percentile_interval(boot, confidence, axis=0)
        for j, name in enumerate(tokenizers):
            rows.append(
                {
                    "tokenizer": name,
                    "language": language,
                    "segments": len(table),
                    "tokens": int(numerator[:, j].sum()),
                    "baseline_tokens": int(denominator.sum()),
                    "ratio": numerator[:, j].sum() / denominator.sum(),
                    "ci_low": float(low[j]),
                    "ci_high": float(high[j]),
                }
            )
    return pd.DataFrame(rows).sort_values(["tokenizer", "language"], ignore_index=True)


# --------------------------------------------------------------------------------------------------
# Cost


def _price_frame(prices) -> pd.DataFrame:
    if isinstance(prices, pd.DataFrame):
        frame = prices.copy()
    elif isinstance(prices, Mapping):
        frame = pd.DataFrame(
            [(model, tokenizer, price) for model, (tokenizer, price) in prices.items()],
            columns=["model", "tokenizer", "usd_per_million_tokens"],
        )
    else:
        frame = pd.DataFrame(list(prices))
    missing = {"model", "tokenizer", "usd_per_million_tokens"} - set(frame.columns)
    if missing:
        raise ValueError(f"prices lack columns {sorted(missing)}")
    return frame[["model", "tokenizer", "usd_per_million_tokens"]]


def cost_per_1000_words(token_tax_df: pd.DataFrame, prices, words: float = 1000.0) -> pd.DataFrame:
    """USD cost of ``words`` English-equivalent words of content in each language, per model.

    ``prices`` gives each model's tokeniser and price, either as a DataFrame with columns ``model,
    tokenizer, usd_per_million_tokens`` or as a mapping ``{model: (tokenizer, usd_per_million_tokens)}``.
    Use input or output prices as the question requires; this function does not care which.

    For a model with tokeniser t and language L::

        tokens = words * tokens_per_reference_word(t) * ratio(t, L)
        usd    = tokens * usd_per_million_tokens / 1e6

    The interval scales the ratio's interval the same way (the price is taken as exact). Returns
    ``model, tokenizer, language, usd_per_million_tokens, tokens, usd, usd_ci_low, usd_ci_high,
    usd_vs_reference`` (the cost relative to the same model's English cost, i.e. the ratio), sorted
    by model and language. A model whose tokeniser is missing from ``token_tax_df`` is an error.
    """
    price_frame = _price_frame(prices)
    unknown = sorted(set(price_frame["tokenizer"]) - set(token_tax_df["tokenizer"]))
    if unknown:
        raise ValueError(f"prices name tokenizers with no token-tax rows: {unknown}")
    merged = price_frame.merge(token_tax_df, on="tokenizer", how="inner", validate="many_to_many")
    per_word = words * merged["tokens_per_reference_word"]
    scale = merged["usd_per_million_tokens"] / 1e6
    out = pd.DataFrame(
        {
            "model": merged["model"],
            "tokenizer": merged["tokenizer"],
            "language": merged["language"],
            "usd_per_million_tokens": merged["usd_per_million_tokens"],
            "tokens": per_word * merged["ratio"],
            "usd": per_word * merged["ratio"] * scale,
            "usd_ci_low": per_word * merged["ci_low"] * scale,
            "usd_ci_high": per_word * merged["ci_high"] * scale,
            "usd_vs_reference": merged["ratio"],
        }
    )
    return out.sort_values(["model", "language"], ignore_index=True)


def counts_from_table(table: pd.DataFrame) -> pd.DataFrame:
    """The committed wide table back in the long form of :func:`count_tokens`."""
    token_columns = [c for c in table.columns if c.startswith(TOKEN_COLUMN_PREFIX)]
    if not token_columns:
        raise ValueError(f"no '{TOKEN_COLUMN_PREFIX}<tokenizer>' columns in the token count table")
    long = table.melt(
        id_vars=["language", "segment_id", "characters", "words"],
        value_vars=token_columns,
        var_name="tokenizer",
        value_name="tokens",
    )
    long["tokenizer"] = long["tokenizer"].str.removeprefix(TOKEN_COLUMN_PREFIX)
    for column in ("tokens", "characters", "words"):
        long[column] = long[column].astype(np.int64)
    long["segment_id"] = long["segment_id"].astype(str)
    long["language"] = long["language"].astype(str)
    columns = ["tokenizer", "language", "segment_id", "tokens", "characters", "words"]
    return long[columns].sort_values(["tokenizer", "language", "segment_id"], ignore_index=True)
