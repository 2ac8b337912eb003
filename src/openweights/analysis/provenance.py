"""Tables for the data appendix, generated from `data/datapackage.json`."""

from __future__ import annotations

from typing import Any

import pandas as pd

ROLES = {"raw": "upstream snapshot", "processed": "processed table", "curated": "curated table"}


def _role(resource: dict[str, Any]) -> str:
    if resource["name"].startswith(("raw.", "python.")):
        return "raw"
    return "curated" if str(resource["path"]).startswith("curated/") else "processed"


def resources_table(package: dict[str, Any], role: str) -> pd.DataFrame:
    """One row per resource of a role (raw, processed or curated), sorted by name; the SHA-256 shortened to
    its first 12 hex digits."""
    if role not in ROLES:
        raise ValueError(f"role must be one of {sorted(ROLES)}, not {role!r}")
    rows = []
    for resource in package["resources"]:
        if _role(resource) != role:
            continue
        sources = "; ".join(s.get("title", "") for s in resource.get("sources", []))
        licences = ", ".join(lic.get("name", "") for lic in resource.get("licenses", []))
        rows.append(
            {
                "resource": resource["name"],
                "path": resource["path"],
                "source": sources,
                "snapshot": resource.get("x_snapshot_date", ""),
                "licence": licences,
                "attribution": resource.get("x_attribution", ""),
                "rows": resource.get("x_rows", pd.NA),
                # the first 12 hex digits identify a file in practice; the full digest is in datapackage.json
                "sha256": str(resource.get("x_sha256", ""))[:12],
            }
        )
    table = pd.DataFrame(rows).sort_values("resource").reset_index(drop=True)
    empty = [c for c in table.columns if table[c].replace("", pd.NA).isna().all()]
    return table.drop(columns=empty)


def identity_coverage(package: dict[str, Any]) -> pd.DataFrame:
    """How many rows of each source the model identity table links, as recorded by the build."""
    coverage = package.get("x_build", {}).get("identity_coverage", {})
    table = pd.DataFrame(
        [
            {"link": name, "linked": v["linked"], "total": v["total"], "share": v["share"]}
            for name, v in coverage.items()
        ]
    )
    return table.sort_values("link").reset_index(drop=True)
