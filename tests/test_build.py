"""build(): attribution, identity links, deterministic and atomic output, data package, reference rebuild."""

import importlib.util
import json
import os
import shutil
from pathlib import Path

import pandas as pd
import pytest

from openweights import build as build_module
from openweights.build import TABLES, build
from openweights.build import identity as identity_module
from openweights.cli import check, main
from openweights.digest import sha256_bytes
from openweights.errors import SourceError, ValidationError
from openweights.paths import DATAPACKAGE_PATH, PROCESSED_DIR, SHARED_REFERENCE_DIR
from openweights.sources import genai_prices

FIXTURES = Path(__file__).parent / "fixtures" / "sources"
CURATED = FIXTURES / "curated"


def _providers():
    spec = importlib.util.spec_from_file_location("genai_providers", FIXTURES / "genai_providers.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.providers()


def _build(raw, out, **kw):
    return build(raw, out, curated_dir=kw.pop("curated_dir", CURATED), genai_providers=_providers(), **kw)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("build") / "processed"
    result = _build(FIXTURES, out)
    tables = {n: pd.read_csv(out / f"{n}.csv", dtype=str, keep_default_na=False) for n in result.rows}
    return result, out, tables


def test_every_table_written_with_schema_columns(built):
    result, out, tables = built
    assert set(result.rows) == set(TABLES)
    for name, frame in tables.items():
        assert list(frame.columns) == TABLES[name].columns
        key = list(TABLES[name].key)
        assert not frame.duplicated(key).any()
        assert frame[key].apply(tuple, axis=1).tolist() == sorted(frame[key].apply(tuple, axis=1).tolist())
        data = (out / f"{name}.csv").read_bytes()
        assert b"\r" not in data and data.endswith(b"\n")
        data.decode("utf-8")


def test_no_free_text_reaches_the_tables(built):
    _, out, _ = built
    for path in out.glob("*.csv"):
        text = path.read_text(encoding="utf-8")
        assert "made-up" not in text and "Invented free text" not in text and "A. Writer" not in text


def test_attribution(built):
    _, _, tables = built
    epoch = tables["epoch_models"].set_index("model")
    assert epoch.loc["Lotus-Chat 70B", ["org_id", "country", "country_group", "attribution"]].tolist() == [
        "lotus",
        "CN",
        "China",
        "organizations_table",
    ]
    harbor = epoch.loc["Harbor Coder"]
    assert (harbor.org_id, harbor.org_ids, harbor.country_group) == (
        "harbor",
        "harbor;lotus",
        "United States",
    )
    fjord = epoch.loc["Fjord-3B"]  # not in the alias table: the source's own country field
    assert (fjord.org_id, fjord.country, fjord.country_group, fjord.attribution) == (
        "",
        "NO",
        "Europe",
        "source_field_unmapped",
    )
    assert epoch.loc["Quill", "country"] == "XM" and epoch.loc["Quill", "country_group"] == "Other"
    offers = tables["modelsdev_offers"].set_index(["provider", "model_key"])
    cn = offers.loc[("hostco-cn", "lotus-ai/Lotus-Chat-70B-Instruct")]
    assert (cn.provider_attribution, cn.provider_country_group) == ("unmapped", "Other")  # no country field
    hostco = offers.loc[("hostco", "maple-vision")]
    assert (hostco.provider_org_id, hostco.provider_country) == ("hostco", "")  # XX = unknown
    orouter = tables["openrouter_models"].set_index("id")
    assert orouter.loc["maple-ai/maple-vision", "org_id"] == "maple"  # same org across sources
    assert tables["eci_models"].set_index("model_name").loc["Maple Vision", "org_id"] == "maple"


def test_unmapped_counts_in_report_and_datapackage(built):
    result, out, _ = built
    expected = {
        "epoch": 5,
        "eci": 1,
        "modelsdev_lab": 0,
        "modelsdev_provider": 1,
        "openrouter": 2,
        "genai_prices": 1,
    }
    assert result.report["unmapped_org_names"] == expected
    package = json.loads((out / "datapackage.json").read_text())
    assert package["x_build"]["unmapped_org_names"] == expected
    assert "unmapped organisation names" in result.summary()


def test_identity_links(built):
    result, _, tables = built
    ident = tables["model_identity"].set_index("model_key")
    lotus = ident.loc["lotus/lotus-chat-70b"]
    assert (lotus.modelsdev_id, lotus.openrouter_id, lotus.eci_model_name) == (
        "lotus/lotus-chat-70b",
        "lotus/lotus-chat-70b",
        "Lotus-Chat 70B",
    )
    assert lotus.openrouter_link_method == "exact_id" and lotus.n_openrouter_ids == "2"  # incl. :free
    assert lotus.genai_prices_id == "lotus:lotus-chat-70b" and lotus.n_genai_prices == "2"
    assert lotus.epoch_model == "Lotus-Chat 70B" and lotus.epoch_link_method == "normalised_name"
    assert ident.loc["maple/maple-vision", "openrouter_id"] == "maple-ai/maple-vision"
    assert ident.loc["tern/tern-1", "epoch_model"] == "Quill"  # manual override
    assert ident.loc["tern/tern-1", "epoch_link_method"] == "manual"
    genai = tables["genai_prices"].set_index(["provider_id", "model_id"])
    hosted = genai.loc[("hostco", "lotus-ai/Lotus-Chat-70B-Instruct")]
    assert (hosted.canonical_model_key, hosted.canonical_link_method) == (
        "lotus/lotus-chat-70b",
        "hf_repo_id",
    )
    offers = tables["modelsdev_offers"].set_index(["provider", "model_key"])
    assert offers.loc[("hostco", "lotus-ai/Lotus-Chat-70B-Instruct"), "canonical_link_method"] == "hf_repo_id"
    assert offers.loc[("lotus", "lotus-chat-70b"), "canonical_model_key"] == "lotus/lotus-chat-70b"
    coverage = result.report["identity_coverage"]
    assert coverage["eci_models_linked_to_a_price"] == {"linked": 3, "total": 4, "share": 0.75}
    assert coverage["openrouter_models_linked_to_modelsdev"]["linked"] == 3


def test_ambiguous_normalised_names_do_not_link():
    index = identity_module._Index()
    a = identity_module._Rec("modelsdev", "x/model-2312", {"x/model-2312"}, set(), {"x/model-2312"}, set())
    b = identity_module._Rec("modelsdev", "x/model-2505", {"x/model-2505"}, set(), {"x/model-2505"}, set())
    index.add("x/model-2312", a, "modelsdev")
    index.add("x/model-2505", b, "modelsdev")
    rec = identity_module._Rec(
        "genai_prices", "p:model-2411", set(), set(), {"model-2411"}, set(), unique=False
    )
    links = {}
    assert identity_module._match([rec], index, links) == [rec] and links == {}


def test_build_is_deterministic(built, tmp_path):
    result, out, _ = built
    again = _build(FIXTURES, tmp_path / "processed")
    for name in result.rows:
        assert (again.out_dir / f"{name}.csv").read_bytes() == (out / f"{name}.csv").read_bytes()
    assert (tmp_path / "processed" / "datapackage.json").read_bytes() == (
        out / "datapackage.json"
    ).read_bytes()


def test_datapackage_describes_every_resource(built):
    _, out, _ = built
    package = json.loads((out / "datapackage.json").read_text())
    names = [r["name"] for r in package["resources"]]
    assert names == sorted(names)
    by_name = {r["name"]: r for r in package["resources"]}
    for name in TABLES:
        res = by_name[name]
        assert res["path"] == f"processed/{name}.csv" and res["x_rows"] > 0
        assert [f["name"] for f in res["schema"]["fields"]] == TABLES[name].columns
        assert res["x_sha256"] == sha256_bytes((out / f"{name}.csv").read_bytes())
        assert res["licenses"] and res["sources"]
    raw = by_name["raw.epoch.all_ai_models"]
    assert raw["path"] == "epoch/all_ai_models.csv" and raw["x_snapshot_date"] == "2025-04"
    assert raw["x_sha256"] == sha256_bytes((FIXTURES / "epoch" / "all_ai_models.csv").read_bytes())
    assert by_name["raw.models.dev.providers"]["x_files"] == 10
    assert by_name["python.genai-prices.data"]["x_package_version"]
    curated = by_name["nested.extra"]
    assert curated["path"] == "curated/nested/extra.csv" and curated["x_rows"] == 2
    assert [f["type"] for f in curated["schema"]["fields"]] == ["string", "integer", "date", "boolean"]
    assert curated["licenses"][0]["name"] == "CC-BY-4.0"
    assert "timestamp" not in json.dumps(package).lower()


def test_check_passes_then_flags_an_edited_table(built, tmp_path, capsys):
    _, out, _ = built
    copy = tmp_path / "processed"
    shutil.copytree(out, copy)
    args = {"datapackage_path": copy / "datapackage.json", "processed_dir": copy, "curated_dir": CURATED}
    assert check(FIXTURES, **args) == 0
    text = capsys.readouterr().out
    assert "epoch: 5" in text and "Northfield University ×1" in text and "data check: OK" in text
    path = copy / "eci_models.csv"
    path.write_text(path.read_text().replace("125.25", "126"))
    assert check(**args) == 1
    assert "processed/eci_models.csv: changed since datapackage.json was written" in capsys.readouterr().out


def _corrupt(tmp_path, rel, edit):
    raw = tmp_path / "raw"
    shutil.copytree(FIXTURES, raw)
    path = raw / rel
    path.write_bytes(edit(path.read_bytes()))
    return raw


BAD_INPUTS = {
    "empty-file": ("epoch/all_ai_models.csv", lambda b: b"", r"all_ai_models.csv: expected a non-empty file"),
    "missing-column": (
        "epoch-current/epoch_capabilities_index.csv",
        lambda b: b.replace(b"ECI Score", b"Score", 1),
        r"epoch_capabilities_index.csv, header, column 'ECI Score'",
    ),
    "bad-date": (
        "epoch/all_ai_models.csv",
        lambda b: b.replace(b"2023-11-20", b"20/11/2023", 1),
        r"all_ai_models.csv, row 2, column 'Publication date': expected a date",
    ),
    "bad-number": (
        "epoch-current/epoch_capabilities_index.csv",
        lambda b: b.replace(b"112.123456", b"112,1", 1),
        r"epoch_capabilities_index.csv, row \d+, column 'ECI Score'|epoch_capabilities_index.csv, line",
    ),
    "duplicate-key": (
        "openrouter/models.json",
        lambda b: b.replace(b'"id": "tern/tern-1"', b'"id": "fjord/fjord-3b"'),
        r"models.json, data\[5\], column 'id': expected a unique id",
    ),
    "truncated-json": ("openrouter/models.json", lambda b: b[:700], r"models.json, line \d+, column \d+"),
    "truncated-toml": (
        "models.dev/models/maple/maple-vision.toml",
        lambda b: b[: b.index(b"[modalities]") + 5],
        r"maple-vision.toml, (line \d+, column \d+|end of document): expected valid \(complete\) TOML",
    ),
    "wrong-encoding": (
        "epoch/all_ai_models.csv",
        lambda b: b.replace(b"Fjord Labs", "Fj\u00f8rd Labs".encode("latin-1")),
        r"all_ai_models.csv, line 4: expected UTF-8 text",
    ),
}


@pytest.mark.parametrize("case", list(BAD_INPUTS))
def test_bad_input_changes_nothing_on_disk(built, tmp_path, case):
    _, out, _ = built
    target = tmp_path / "processed"
    shutil.copytree(out, target)
    before = {p.name: p.read_bytes() for p in target.iterdir()}
    rel, edit, pattern = BAD_INPUTS[case]
    with pytest.raises(SourceError, match=pattern):
        _build(_corrupt(tmp_path, rel, edit), target)
    assert {p.name: p.read_bytes() for p in target.iterdir()} == before
    assert not list(tmp_path.glob(".build-*"))


def test_validation_failure_changes_nothing_on_disk(built, tmp_path, monkeypatch):
    _, out, _ = built
    target = tmp_path / "processed"
    shutil.copytree(out, target)
    before = {p.name: p.read_bytes() for p in target.iterdir()}
    raw = _corrupt(
        tmp_path,
        "openrouter/models.json",
        lambda b: b.replace(b'"created": 1735689600', b'"created": 2000000000'),
    )
    with pytest.raises(
        ValidationError, match=r"openrouter_models, row \d+, column 'created_date': expected a value <="
    ):
        _build(raw, target)
    assert {p.name: p.read_bytes() for p in target.iterdir()} == before
    small = build_module.Table(
        "eci_models", "t", ("model_name",), TABLES["eci_models"].fields, (), max_rows=2
    )
    monkeypatch.setitem(TABLES, "eci_models", small)
    with pytest.raises(ValidationError, match="between 1 and 2 rows"):
        _build(FIXTURES, target)
    assert {p.name: p.read_bytes() for p in target.iterdir()} == before


def test_missing_curated_tables_mean_everything_is_unmapped(tmp_path):
    result = _build(FIXTURES, tmp_path / "processed", curated_dir=tmp_path / "nothing")
    assert result.report["unmapped_org_names"]["modelsdev_lab"] == 2
    assert any("organizations.csv not found" in n for n in result.report["notes"])


def test_cli_build_prints_summary(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(genai_prices, "read", lambda providers=None, **kw: _real_read(_providers()))
    monkeypatch.setattr(
        genai_prices, "read_changes", lambda providers=None, **kw: _real_changes(_providers())
    )
    code = main(
        ["data", "build", "--from", str(FIXTURES), "--out", str(tmp_path / "p"), "--curated", str(CURATED)]
    )
    assert code == 0
    text = capsys.readouterr().out
    assert "eci_models" in text and "identity coverage" in text and "data package" in text


_real_read = genai_prices.read
_real_changes = genai_prices.read_changes


def test_cli_errors_are_one_line(tmp_path, capsys):
    assert main(["data", "build", "--from", str(tmp_path / "nowhere"), "--out", str(tmp_path / "p")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: no raw data") and "Traceback" not in err and err.count("\n") == 1


@pytest.mark.skipif(
    not SHARED_REFERENCE_DIR.is_dir(),
    reason="../shared/reference (upstream snapshots) is not beside this checkout; the committed tables stand",
)
def test_reference_build_matches_committed_tables(tmp_path):
    result = build(SHARED_REFERENCE_DIR, tmp_path / "processed")
    assert DATAPACKAGE_PATH.is_file(), (
        "data/datapackage.json is missing: run `python -m openweights data build`"
    )
    committed = {r["name"]: r for r in json.loads(DATAPACKAGE_PATH.read_text())["resources"]}
    rebuilt = {
        r["name"]: r
        for r in json.loads((tmp_path / "processed" / "datapackage.json").read_text())["resources"]
    }
    for name in result.rows:
        fresh = (tmp_path / "processed" / f"{name}.csv").read_bytes()
        assert fresh == (PROCESSED_DIR / f"{name}.csv").read_bytes(), (
            f"{name}.csv differs: rebuild and commit"
        )
        assert committed[name]["x_sha256"] == rebuilt[name]["x_sha256"] == sha256_bytes(fresh)
    for name, res in rebuilt.items():
        if name.startswith(("raw.", "python.")):
            assert committed[name]["x_sha256"] == res["x_sha256"], name


@pytest.mark.skipif(
    not SHARED_REFERENCE_DIR.is_dir(),
    reason="../shared/reference (upstream snapshots) is not beside this checkout; the committed tables stand",
)
def test_reference_rebuild_reproduces_the_whole_data_package(tmp_path):
    """Rebuilt from the mirror, the data package is the committed one byte for byte: every resource and the build
    record, whichever way the mirror's path is written."""
    out = tmp_path / "processed"
    relative = Path(os.path.relpath(SHARED_REFERENCE_DIR, Path.cwd()))
    build(relative, out)
    assert (out / "datapackage.json").read_bytes() == DATAPACKAGE_PATH.read_bytes()
