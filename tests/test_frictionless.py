"""The data package under Frictionless: every processed and curated table validates against the schema the
package declares for it, and those schemas are generated from the one declaration of each table."""

from __future__ import annotations

import json
import shutil

import frictionless

from openweights.paths import DATA_DIR, DATAPACKAGE_PATH
from openweights.schemas import CURATED_SCHEMAS


def _committed_tables(package: dict) -> dict:
    # raw snapshots and installed package data are recorded but not committed
    tables = [r for r in package["resources"] if not r["name"].startswith(("raw.", "python."))]
    return {**package, "resources": tables}


def test_every_committed_table_validates_against_its_declared_schema():
    package = _committed_tables(json.loads(DATAPACKAGE_PATH.read_text(encoding="utf-8")))
    report = frictionless.Package(package, basepath=str(DATA_DIR)).validate()
    problems = [f"{task.name}: {error.message}" for task in report.tasks for error in task.errors[:3]]
    assert report.valid, "\n".join(problems[:20])
    assert len(report.tasks) == len(package["resources"]) >= 25


def test_curated_schemas_in_the_package_come_from_their_declarations():
    package = json.loads(DATAPACKAGE_PATH.read_text(encoding="utf-8"))
    by_path = {r["path"]: r for r in package["resources"]}
    for name, declared in CURATED_SCHEMAS.items():
        schema = by_path[f"curated/{name}.csv"]["schema"]
        assert schema["primaryKey"] == list(declared.key), name
        fields = {f["name"]: f for f in schema["fields"]}
        for column, allowed in declared.enums.items():
            if column in fields:
                assert fields[column]["constraints"]["enum"] == list(allowed), (name, column)
        for column in declared.urls:
            if column in fields:
                assert fields[column].get("format") == "uri", (name, column)


def test_a_value_outside_the_declared_codes_fails_validation(tmp_path):
    package = _committed_tables(json.loads(DATAPACKAGE_PATH.read_text(encoding="utf-8")))
    package["resources"] = [r for r in package["resources"] if r["name"] == "policy_events"]
    copy = tmp_path / "curated"
    copy.mkdir()
    text = (DATA_DIR / "curated" / "policy_events.csv").read_text(encoding="utf-8")
    (copy / "policy_events.csv").write_text(
        text.replace(",export_control,", ",export_ban,", 1), encoding="utf-8"
    )
    del package["resources"][0]["hash"], package["resources"][0]["bytes"]
    report = frictionless.Package(package, basepath=str(tmp_path)).validate()
    assert not report.valid
    assert any("export_ban" in error.message for task in report.tasks for error in task.errors)
    shutil.rmtree(copy)
