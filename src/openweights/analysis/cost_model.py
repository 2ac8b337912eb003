"""Self-hosting cost model for open-weight language models (chapter 2, "Cost and data control").

The model answers one question: what does it cost to run an open-weight model on rented GPUs, per million
tokens and per month, and above which monthly token volume does that beat paying an API per token?

Every function is pure (no I/O except the two loaders) and works in these units:

* parameters: billions of parameters (``total_params_b``);
* memory: gigabytes (GB, 1e9 bytes);
* money: US dollars (USD); prices per GPU-hour, API prices per million tokens (USD/Mtok);
* throughput: tokens per second for one deployment (all its GPUs together), input plus output tokens
  unless a parameter says otherwise;
* time: hours; a month of always-on running is ``hours_per_month`` hours (730 in the parameters file);
* fractions (utilisation, overhead, memory share) are plain numbers in [0, 1] (overhead may exceed 1).

The chain of formulas is::

    memory_gb      = total_params_b * bytes_per_param * (1 + overhead)
    memory_gpus    = ceil(memory_gb / (gpu_memory_gb * usable_fraction))
    gpus           = max(memory_gpus, benchmark_gpus)      # the throughput figure was measured on those
    hourly_cost    = gpus * price_per_gpu_hour
    tokens_per_hr  = throughput_tok_s * 3600 * utilisation
    cost_per_mtok  = hourly_cost / tokens_per_hr * 1e6
    monthly_fixed  = hourly_cost * hours_per_month (+ optional operations staff)
    breakeven      = monthly_fixed / (api_price_per_mtok / 1e6)   # tokens per month
    capacity       = throughput_tok_s * 3600 * hours_per_month  # tokens per month at 100% of the benchmark

Self-hosting beats the API at volume V only if V >= breakeven *and* the deployment can serve V, i.e.
``breakeven <= capacity`` (equivalently the utilisation needed to break even, breakeven / capacity, is at
most 1). The always-on deployment costs the same whatever the volume, so utilisation does not move the
break-even volume; it moves the cost per token actually served.

Inputs come from ``data/curated/cost_parameters.csv`` (one sourced row per assumption, with low and high
values) and ``data/curated/reference_models.csv`` (which parameters apply to which model).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from pathlib import Path

import pandas as pd

from openweights.paths import CURATED_DIR
from openweights.schemas import CURATED_SCHEMAS

__all__ = [
    "PRECISIONS",
    "PARAMETER_COLUMNS",
    "REFERENCE_COLUMNS",
    "SENSITIVITY_ASSUMPTIONS",
    "bytes_per_param",
    "memory_needed_gb",
    "gpus_needed",
    "deployment_gpus",
    "hourly_cost",
    "tokens_per_hour",
    "cost_per_million_tokens",
    "monthly_fixed_cost",
    "ops_monthly_cost",
    "blended_api_price",
    "breakeven_tokens_per_month",
    "monthly_capacity_tokens",
    "breakeven_summary",
    "load_parameters",
    "load_reference_models",
    "parameter_values",
    "evaluate_model",
    "evaluate_reference_models",
    "sensitivity",
]

SECONDS_PER_HOUR = 3600.0
TOKENS_PER_MTOK = 1e6

# Bytes per parameter by weight precision. The same numbers, with a source, are rows
# bytes_per_param_bf16/fp8/int4 of the parameters file; evaluate_model() reads them from there.
PRECISIONS: dict[str, float] = {"bf16": 2.0, "fp16": 2.0, "fp8": 1.0, "int8": 1.0, "int4": 0.5}

# The parameters file's columns are defined once, by its schema.
PARAMETER_COLUMNS = CURATED_SCHEMAS["cost_parameters"].columns
REFERENCE_COLUMNS = (
    "model",
    "total_params_b",
    "active_params_b",
    "default_precision",
    "benchmark_gpus",
    "throughput_parameter",
    "gpu_price_parameter",
    "gpu_memory_parameter",
    "api_price_input_parameter",
    "api_price_output_parameter",
    "source_url",
)

# Generic assumption names understood by sensitivity(); model-specific ones are resolved per model.
SENSITIVITY_ASSUMPTIONS = (
    "gpu_price",
    "throughput",
    "utilisation",
    "memory_overhead_fraction",
    "usable_memory_fraction",
    "api_price",
    "api_input_token_share",
    "ops_fte",
    "ops_cost_per_fte_year",
)

# Assumptions that are fractions and cannot exceed 1 when scaled by a factor.
_CAPPED_AT_ONE = ("utilisation", "usable_memory_fraction", "api_input_token_share")


# --------------------------------------------------------------------------------------------------
# Input checks
# --------------------------------------------------------------------------------------------------


def _number(name: str, value: object) -> float:
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a number, got {value!r}") from None
    if math.isnan(number) or math.isinf(number):
        raise ValueError(f"{name} must be a finite number, got {value!r}")
    return number


def _positive(name: str, value: object, unit: str) -> float:
    number = _number(name, value)
    if number <= 0:
        raise ValueError(f"{name} must be greater than 0 {unit}, got {number!r}")
    return number


def _non_negative(name: str, value: object, unit: str) -> float:
    number = _number(name, value)
    if number < 0:
        raise ValueError(f"{name} must not be negative ({unit}), got {number!r}")
    return number


def _fraction(name: str, value: object, *, allow_zero: bool = False) -> float:
    number = _number(name, value)
    low_ok = number >= 0 if allow_zero else number > 0
    if not low_ok or number > 1:
        bound = "[0, 1]" if allow_zero else "(0, 1]"
        raise ValueError(f"{name} must be a fraction in {bound}, got {number!r}")
    return number


# --------------------------------------------------------------------------------------------------
# Memory and GPU count
# --------------------------------------------------------------------------------------------------


def bytes_per_param(precision: str, table: Mapping[str, float] | None = None) -> float:
    """Bytes needed to store one weight at ``precision`` ('bf16', 'fp16', 'fp8', 'int8' or 'int4')."""
    table = PRECISIONS if table is None else table
    key = str(precision).strip().lower()
    if key not in table:
        raise ValueError(f"unknown precision {precision!r}; expected one of {sorted(table)}")
    return float(table[key])


def memory_needed_gb(total_params_b: float, precision: str | float, overhead: float) -> float:
    """GPU memory (GB) to serve a model: weights times (1 + overhead for KV cache and activations).

    ``total_params_b`` is the total parameter count in billions (for a mixture-of-experts model all
    experts must be resident, so total, not active, parameters count). ``precision`` is a precision name
    or a number of bytes per parameter. ``overhead`` is a fraction of the weight memory (0.2 = 20%).
    """
    params = _positive("total_params_b", total_params_b, "billion parameters")
    per_param = (
        bytes_per_param(precision)
        if isinstance(precision, str)
        else _positive("bytes per parameter", precision, "bytes")
    )
    extra = _non_negative("overhead", overhead, "fraction of weight memory")
    return params * per_param * (1.0 + extra)


def gpus_needed(memory_gb: float, gpu_memory_gb: float, usable_fraction: float = 1.0) -> int:
    """Smallest whole number of GPUs whose usable memory holds ``memory_gb``.

    ``usable_fraction`` is the share of each GPU's memory the serving engine may use (vLLM's default
    ``gpu_memory_utilization`` is 0.9).
    """
    need = _positive("memory_gb", memory_gb, "GB")
    per_gpu = _positive("gpu_memory_gb", gpu_memory_gb, "GB") * _fraction("usable_fraction", usable_fraction)
    # Round away float noise (e.g. 168/80*... = 2.0000000000000004) before taking the ceiling.
    return max(1, math.ceil(round(need / per_gpu, 9)))


def deployment_gpus(memory_gpus: int, benchmark_gpus: int) -> int:
    """GPUs actually rented: at least what memory needs and at least what the throughput benchmark used.

    A throughput figure measured on N GPUs only holds for a deployment of N GPUs; tensor-parallel serving
    also wants power-of-two GPU counts, which the benchmark configurations respect.
    """
    mem = int(_positive("memory_gpus", memory_gpus, "GPUs"))
    bench = int(_positive("benchmark_gpus", benchmark_gpus, "GPUs"))
    return max(mem, bench)


# --------------------------------------------------------------------------------------------------
# Cost per token, monthly cost, break-even
# --------------------------------------------------------------------------------------------------


def hourly_cost(gpus: int, price_per_gpu_hour: float) -> float:
    """USD per hour for ``gpus`` rented GPUs at ``price_per_gpu_hour`` USD each."""
    count = _positive("gpus", gpus, "GPUs")
    price = _positive("price_per_gpu_hour", price_per_gpu_hour, "USD per GPU-hour")
    return count * price


def tokens_per_hour(throughput_tok_s: float, utilisation: float) -> float:
    """Tokens served per hour: benchmark throughput (tokens/s) times 3600 times average utilisation."""
    rate = _positive("throughput_tok_s", throughput_tok_s, "tokens per second")
    used = _fraction("utilisation", utilisation)
    return rate * SECONDS_PER_HOUR * used


def cost_per_million_tokens(hourly_cost_usd: float, tokens_per_hour_: float) -> float:
    """USD per million tokens served = hourly cost / tokens per hour * 1e6."""
    cost = _positive("hourly_cost_usd", hourly_cost_usd, "USD per hour")
    tokens = _positive("tokens_per_hour", tokens_per_hour_, "tokens per hour")
    return cost / tokens * TOKENS_PER_MTOK


def ops_monthly_cost(fte: float, cost_per_fte_year: float) -> float:
    """USD per month of operations staff: ``fte`` full-time equivalents at ``cost_per_fte_year`` USD each."""
    staff = _non_negative("ops_fte", fte, "full-time equivalents")
    salary = _non_negative("ops_cost_per_fte_year", cost_per_fte_year, "USD per year")
    return staff * salary / 12.0


def monthly_fixed_cost(
    hourly_cost_usd: float, hours_per_month: float = 730.0, ops_monthly: float = 0.0
) -> float:
    """USD per month of an always-on deployment: hourly cost times hours per month, plus operations staff."""
    cost = _positive("hourly_cost_usd", hourly_cost_usd, "USD per hour")
    hours = _positive("hours_per_month", hours_per_month, "hours")
    if hours > 744:
        raise ValueError(f"hours_per_month must be at most 744 (31 days), got {hours!r}")
    staff = _non_negative("ops_monthly", ops_monthly, "USD per month")
    return cost * hours + staff


def blended_api_price(input_price: float, output_price: float, input_share: float = 0.75) -> float:
    """USD per million tokens when ``input_share`` of the tokens are input (0.75 = Artificial Analysis' 3:1)."""
    price_in = _non_negative("input_price", input_price, "USD per million tokens")
    price_out = _non_negative("output_price", output_price, "USD per million tokens")
    share = _fraction("input_share", input_share, allow_zero=True)
    return share * price_in + (1.0 - share) * price_out


def breakeven_tokens_per_month(monthly_fixed_cost_usd: float, api_price_per_mtok: float) -> float:
    """Monthly token volume at which the API bill equals the fixed self-hosting cost.

    = monthly fixed cost (USD) / API price per token (USD/Mtok / 1e6). Above it self-hosting is cheaper,
    provided the deployment has the capacity (see ``monthly_capacity_tokens``).
    """
    fixed = _positive("monthly_fixed_cost_usd", monthly_fixed_cost_usd, "USD per month")
    price = _positive("api_price_per_mtok", api_price_per_mtok, "USD per million tokens")
    return fixed / (price / TOKENS_PER_MTOK)


def monthly_capacity_tokens(
    throughput_tok_s: float, hours_per_month: float = 730.0, max_utilisation: float = 1.0
) -> float:
    """Tokens per month one deployment can serve at ``max_utilisation`` of its benchmark throughput."""
    rate = _positive("throughput_tok_s", throughput_tok_s, "tokens per second")
    hours = _positive("hours_per_month", hours_per_month, "hours")
    used = _fraction("max_utilisation", max_utilisation)
    return rate * SECONDS_PER_HOUR * hours * used


def breakeven_summary(
    monthly_fixed_cost_usd: float,
    api_price_per_mtok: float,
    throughput_tok_s: float,
    hours_per_month: float = 730.0,
) -> dict[str, float | bool]:
    """Break-even volume, the deployment's capacity, and whether the one deployment can reach break-even.

    Returns ``breakeven_tokens_per_month``, ``capacity_tokens_per_month`` (at 100% of benchmark
    throughput), ``breakeven_utilisation`` (= breakeven / capacity; above 1 means never) and
    ``breaks_even`` (True when breakeven_utilisation <= 1).
    """
    breakeven = breakeven_tokens_per_month(monthly_fixed_cost_usd, api_price_per_mtok)
    capacity = monthly_capacity_tokens(throughput_tok_s, hours_per_month)
    needed = breakeven / capacity
    return {
        "breakeven_tokens_per_month": breakeven,
        "capacity_tokens_per_month": capacity,
        "breakeven_utilisation": needed,
        "breaks_even": bool(needed <= 1.0),
    }


# --------------------------------------------------------------------------------------------------
# Loading the curated inputs
# --------------------------------------------------------------------------------------------------


def load_parameters(path: str | Path | None = None) -> pd.DataFrame:
    """The sourced assumptions (``data/curated/cost_parameters.csv``), checked.

    Raises ValueError naming the row when a parameter is duplicated, a number is missing, a row has no
    source URL or date, or ``low <= value <= high`` does not hold.
    """
    path = Path(path) if path is not None else CURATED_DIR / "cost_parameters.csv"
    frame = pd.read_csv(path, dtype={"parameter": str, "unit": str, "source_url": str, "source_date": str})
    missing = [c for c in PARAMETER_COLUMNS if c not in frame.columns]
    if missing:
        raise ValueError(f"{path}: missing columns {missing}")
    duplicated = frame["parameter"][frame["parameter"].duplicated()].tolist()
    if duplicated:
        raise ValueError(f"{path}: parameters listed twice: {duplicated}")
    for column in ("value", "low", "high"):
        frame[column] = pd.to_numeric(frame[column], errors="coerce")
    for number, row in enumerate(frame.itertuples(index=False), start=1):
        where = f"{path}, row {number} ({row.parameter})"
        if any(pd.isna(getattr(row, c)) for c in ("value", "low", "high")):
            raise ValueError(f"{where}: value, low and high must all be numbers")
        if not (row.low <= row.value <= row.high):
            raise ValueError(
                f"{where}: expected low <= value <= high, found {row.low}, {row.value}, {row.high}"
            )
        if not isinstance(row.source_url, str) or not row.source_url.startswith(("http://", "https://")):
            raise ValueError(f"{where}: expected an http(s) source_url, found {row.source_url!r}")
        if pd.isna(pd.to_datetime(row.source_date, format="%Y-%m-%d", errors="coerce")):
            raise ValueError(f"{where}: expected source_date YYYY-MM-DD, found {row.source_date!r}")
    return frame


def load_reference_models(path: str | Path | None = None) -> pd.DataFrame:
    """The representative models (``data/curated/reference_models.csv``) and the parameters each uses."""
    path = Path(path) if path is not None else CURATED_DIR / "reference_models.csv"
    frame = pd.read_csv(path)
    missing = [c for c in REFERENCE_COLUMNS if c not in frame.columns]
    if missing:
        raise ValueError(f"{path}: missing columns {missing}")
    return frame


def parameter_values(params: pd.DataFrame, column: str = "value") -> dict[str, float]:
    """``{parameter: number}`` from the parameters frame (``column`` is 'value', 'low' or 'high')."""
    if column not in ("value", "low", "high"):
        raise ValueError(f"column must be 'value', 'low' or 'high', got {column!r}")
    return dict(zip(params["parameter"], params[column].astype(float), strict=True))


# --------------------------------------------------------------------------------------------------
# Putting it together for one model
# --------------------------------------------------------------------------------------------------


def _lookup(values: Mapping[str, float], name: str) -> float:
    if name not in values:
        raise ValueError(f"parameter {name!r} is not in the parameters file")
    return float(values[name])


def _resolve(model: Mapping[str, object], api: str) -> dict[str, str]:
    """Map the generic assumption names to this model's rows of the parameters file."""
    if api == "matched":
        api_in, api_out = str(model["api_price_input_parameter"]), str(model["api_price_output_parameter"])
    else:
        api_in, api_out = f"api_price_input_{api}", f"api_price_output_{api}"
    return {
        "gpu_price": str(model["gpu_price_parameter"]),
        "gpu_memory": str(model["gpu_memory_parameter"]),
        "throughput": str(model["throughput_parameter"]),
        "api_price_input": api_in,
        "api_price_output": api_out,
    }


def evaluate_model(
    model: Mapping[str, object],
    values: Mapping[str, float],
    api: str = "matched",
    include_ops: bool = False,
) -> dict[str, object]:
    """Every quantity of the chain for one reference model under one set of parameter values.

    ``model`` is a row of the reference-models table; ``values`` maps parameter names to numbers
    (see ``parameter_values``). ``api`` chooses the API price compared against: 'matched' uses the
    model's own hosted-API price columns, any other string ``x`` uses parameters ``api_price_input_x``
    and ``api_price_output_x`` (e.g. 'deepseek_v32', 'gpt61_sol'). With ``include_ops`` the monthly
    fixed cost includes ``ops_fte * ops_cost_per_fte_year / 12``.
    """
    names = _resolve(model, api)
    precision = str(model["default_precision"])
    per_param = (
        _lookup(values, f"bytes_per_param_{precision}")
        if precision in ("bf16", "fp8", "int4")
        else bytes_per_param(precision)
    )
    memory = memory_needed_gb(
        float(model["total_params_b"]), per_param, _lookup(values, "memory_overhead_fraction")
    )
    mem_gpus = gpus_needed(
        memory, _lookup(values, names["gpu_memory"]), _lookup(values, "usable_memory_fraction")
    )
    gpus = deployment_gpus(mem_gpus, int(model["benchmark_gpus"]))
    per_hour = hourly_cost(gpus, _lookup(values, names["gpu_price"]))
    throughput = _lookup(values, names["throughput"])
    served = tokens_per_hour(throughput, _lookup(values, "utilisation"))
    hours = _lookup(values, "hours_per_month")
    ops = (
        ops_monthly_cost(_lookup(values, "ops_fte"), _lookup(values, "ops_cost_per_fte_year"))
        if include_ops
        else 0.0
    )
    fixed = monthly_fixed_cost(per_hour, hours, ops)
    api_price = blended_api_price(
        _lookup(values, names["api_price_input"]),
        _lookup(values, names["api_price_output"]),
        _lookup(values, "api_input_token_share"),
    )
    summary = breakeven_summary(fixed, api_price, throughput, hours)
    monthly_tokens_served = served * hours
    return {
        "model": model["model"],
        "api": api,
        "include_ops": include_ops,
        "memory_gb": memory,
        "memory_gpus": mem_gpus,
        "gpus": gpus,
        "hourly_cost_usd": per_hour,
        "tokens_per_hour": served,
        "cost_per_mtok_usd": fixed / monthly_tokens_served * TOKENS_PER_MTOK,
        "gpu_cost_per_mtok_usd": cost_per_million_tokens(per_hour, served),
        "monthly_fixed_cost_usd": fixed,
        "api_price_per_mtok_usd": api_price,
        **summary,
    }


def evaluate_reference_models(
    params: pd.DataFrame | None = None,
    models: pd.DataFrame | None = None,
    api: str = "matched",
    include_ops: bool = False,
    column: str = "value",
) -> pd.DataFrame:
    """One row per reference model with the chain's quantities (see ``evaluate_model``)."""
    params = load_parameters() if params is None else params
    models = load_reference_models() if models is None else models
    values = parameter_values(params, column)
    rows = [
        evaluate_model(row, values, api=api, include_ops=include_ops) for row in models.to_dict("records")
    ]
    return pd.DataFrame(rows)


# --------------------------------------------------------------------------------------------------
# Sensitivity (tornado chart)
# --------------------------------------------------------------------------------------------------


def _targets(assumption: str, names: Mapping[str, str]) -> list[str]:
    if assumption in ("gpu_price", "throughput"):
        return [names[assumption]]
    if assumption == "api_price":
        return [names["api_price_input"], names["api_price_output"]]
    return [assumption]


def sensitivity(
    params: pd.DataFrame,
    model: Mapping[str, object],
    which: Iterable[str] = SENSITIVITY_ASSUMPTIONS,
    metric: str = "cost_per_mtok_usd",
    api: str = "matched",
    include_ops: bool = False,
    mode: str = "range",
    factor: float = 2.0,
) -> pd.DataFrame:
    """Tidy frame for a tornado chart: the metric with each assumption at its low and high setting.

    ``mode='range'`` takes the sourced low and high of each assumption from the parameters file;
    ``mode='factor'`` divides and multiplies the central value by ``factor`` (fractions are capped at 1).
    ``which`` lists generic names from ``SENSITIVITY_ASSUMPTIONS``; 'gpu_price' and 'throughput' resolve to
    the model's own rows and 'api_price' moves input and output prices together. ``metric`` is any
    numeric key returned by ``evaluate_model`` (e.g. 'cost_per_mtok_usd', 'breakeven_tokens_per_month').

    Columns: model, assumption, parameter (the file rows changed), bound ('low'/'high'),
    assumption_value (first changed row's value), metric, baseline, value, change, change_pct, swing
    (|high - low| of the metric for that assumption; the frame is sorted by it, largest first).
    """
    if mode not in ("range", "factor"):
        raise ValueError(f"mode must be 'range' or 'factor', got {mode!r}")
    if mode == "factor":
        factor = _positive("factor", factor, "(multiplier)")
    which = list(which)
    unknown = [w for w in which if w not in SENSITIVITY_ASSUMPTIONS]
    if unknown:
        raise ValueError(f"unknown assumptions {unknown}; expected names from {SENSITIVITY_ASSUMPTIONS}")
    central = parameter_values(params, "value")
    lows, highs = parameter_values(params, "low"), parameter_values(params, "high")
    names = _resolve(model, api)
    baseline_result = evaluate_model(model, central, api=api, include_ops=include_ops)
    if metric not in baseline_result or isinstance(baseline_result[metric], (str, bool)):
        raise ValueError(f"metric {metric!r} is not a numeric output of evaluate_model")
    baseline = float(baseline_result[metric])
    rows = []
    for assumption in which:
        targets = _targets(assumption, names)
        for bound in ("low", "high"):
            values = dict(central)
            for target in targets:
                _lookup(central, target)
                if mode == "range":
                    values[target] = (lows if bound == "low" else highs)[target]
                else:
                    scaled = central[target] / factor if bound == "low" else central[target] * factor
                    values[target] = min(scaled, 1.0) if assumption in _CAPPED_AT_ONE else scaled
            result = float(evaluate_model(model, values, api=api, include_ops=include_ops)[metric])
            rows.append(
                {
                    "model": model["model"],
                    "assumption": assumption,
                    "parameter": ";".join(targets),
                    "bound": bound,
                    "assumption_value": values[targets[0]],
                    "metric": metric,
                    "baseline": baseline,
                    "value": result,
                    "change": result - baseline,
                    "change_pct": (result - baseline) / baseline * 100.0,
                }
            )
    frame = pd.DataFrame(rows)
    swing = frame.groupby("assumption")["value"].agg(lambda s: s.max() - s.min())
    frame["swing"] = frame["assumption"].map(swing)
    order = {name: i for i, name in enumerate(swing.sort_values(ascending=False, kind="stable").index)}
    frame["_order"] = frame["assumption"].map(order) * 2 + (frame["bound"] == "high").astype(int)
    return frame.sort_values("_order", kind="stable").drop(columns="_order").reset_index(drop=True)
