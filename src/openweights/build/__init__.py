"""Raw snapshots + curated tables → ``data/processed/*.csv`` and ``data/datapackage.json``.

``build(raw_dir, out_dir)`` runs four steps and writes nothing until all of them pass:

1. **read** every upstream with its reader in :mod:`openweights.sources` (each validates its input and raises
   :class:`~openweights.errors.SourceError` naming file, row and column);
2. **attribute** organisations: every raw organisation name goes through ``data/curated/organization_aliases.csv``
   (``source, raw_name, org_id``) to an ``org_id`` and, via ``data/curated/organizations.csv``, to a country
   and one of the four country groups (:func:`openweights.countries.country_group`). A name missing from the
   alias table falls back to the source's own country field where it has one (Epoch, ECI) with
   ``attribution = "source_field_unmapped"``, else gets no country (``"unmapped"``); mapped names get
   ``"organizations_table"``. For multi-organisation models the first organisation listed is the primary one;
   ``org_ids`` keeps every mapped id, ';'-joined. Unmapped names are counted per source;
3. **link** the same model across sources into ``model_identity.csv`` (see :func:`link_models`);
4. **validate and write**: every table is checked against its schema (:data:`TABLES`: column order, types,
   unique non-empty key, ranges, allowed values, row-count bounds), rendered to CSV deterministically (rows
   sorted by key, UTF-8, ``\\n`` line endings, fixed number formats: prices 6 decimals, ECI 4 decimals, compute
   6 significant digits; NA is an empty cell; booleans ``true``/``false``; dates ``YYYY-MM-DD``), then all
   files are written to a temporary folder and moved into place with ``os.replace``. If any check fails,
   nothing on disk changes.

The build is in four modules, one per job: :mod:`~openweights.build.tables` (the processed tables' schemas and
CSV rendering), :mod:`~openweights.build.attribution` (organisations), :mod:`~openweights.build.identity` (the
same model across sources), :mod:`~openweights.build.datapackage` (the package's records) and
:mod:`~openweights.build.pipeline` (the steps above, and writing the set into place). This package exports
what the rest of the project uses.

The data package records every raw snapshot (path, source, URL, snapshot date, licence, attribution, sha256,
bytes), the ``genai-prices`` package data, every processed table (schema, sha256, rows, licence, sources) and
every curated CSV, with sorted keys and no build timestamp, so two builds of the same inputs are identical.
"""

from openweights.build.attribution import OrgAttribution
from openweights.build.datapackage import curated_resource_name, curated_resources, hash_tree, raw_resources
from openweights.build.identity import IdentityResult, link_models
from openweights.build.pipeline import BuildResult, assemble, build
from openweights.build.tables import TABLES, Field, Table, render_csv

__all__ = [
    "TABLES",
    "BuildResult",
    "Field",
    "IdentityResult",
    "OrgAttribution",
    "Table",
    "assemble",
    "build",
    "curated_resource_name",
    "curated_resources",
    "hash_tree",
    "link_models",
    "raw_resources",
    "render_csv",
]
