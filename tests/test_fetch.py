"""fetch(): downloads from a local HTTP server (127.0.0.1 only), cut-short downloads, offline message, mirror."""

import dataclasses
import http.server
import io
import json
import shutil
import socket
import tarfile
import threading
import time
import zipfile
from pathlib import Path

import pytest

from openweights import snapshots
from openweights.cli import main
from openweights.errors import FetchError, SourceError
from openweights.fetch import download, fetch, retry_policy
from openweights.paths import SNAPSHOTS_DIR
from openweights.sources import catalog

FIXTURES = Path(__file__).parent / "fixtures" / "sources"


COMMIT = "0123456789abcdef0123456789abcdef01234567"


@pytest.fixture
def snapshot_records(tmp_path_factory):
    """A copy of data/snapshots, so that fetches in tests never touch the committed records."""
    folder = tmp_path_factory.mktemp("snapshots")
    for path in SNAPSHOTS_DIR.glob("*.json"):
        shutil.copy(path, folder / path.name)
    return folder


def _zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.write(
            FIXTURES / "epoch-current" / "epoch_capabilities_index.csv",
            "benchmark_data/epoch_capabilities_index.csv",
        )
        zf.writestr("benchmark_data/other_benchmark.csv", "a,b\n1,2\n")
    return buffer.getvalue()


def _tarball() -> bytes:
    buffer = io.BytesIO()
    # GitHub writes the commit of a source archive into its global pax header
    with tarfile.open(
        fileobj=buffer, mode="w:gz", format=tarfile.PAX_FORMAT, pax_headers={"comment": COMMIT}
    ) as tf:
        root = FIXTURES / "models.dev"
        for path in sorted(root.rglob("*")):
            if path.is_file():
                tf.add(path, f"models.dev-main/{path.relative_to(root).as_posix()}")
        link = tarfile.TarInfo("models.dev-main/providers/hostco-cn/models/maple-vision.toml")
        link.type = tarfile.SYMTYPE
        link.linkname = "../../hostco/models/maple-vision.toml"
        tf.addfile(link)
        readme = b"not kept\n"
        info = tarfile.TarInfo("models.dev-main/README.md")
        info.size = len(readme)
        tf.addfile(info, io.BytesIO(readme))
    return buffer.getvalue()


class _Handler(http.server.BaseHTTPRequestHandler):
    files: dict = {}
    hits: dict = {}

    def do_GET(self):  # noqa: N802 - http.server API
        self.hits[self.path] = self.hits.get(self.path, 0) + 1
        if self.path in ("/flaky", "/down"):
            if self.path == "/down" or self.hits[self.path] == 1:
                # busy: ask the client to come back in a second
                self.send_response(503)
                self.send_header("Retry-After", "1")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            self.path = "/models.json"
        if self.path == "/short":
            body = b'{"data": [{"id": "a/b"'
            self.send_response(200)
            self.send_header("Content-Length", str(len(body) + 500))
            self.end_headers()
            self.wfile.write(body)
            self.wfile.flush()
            self.close_connection = True
            return
        body = self.files.get(self.path)
        if body is None:
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server():
    _Handler.files = {
        "/all_ai_models.csv": (FIXTURES / "epoch" / "all_ai_models.csv").read_bytes(),
        "/notable_ai_models.csv": (FIXTURES / "epoch-current" / "notable_ai_models.csv").read_bytes(),
        "/benchmark_data.zip": _zip(),
        "/models.dev.tar.gz": _tarball(),
        "/models.json": (FIXTURES / "openrouter" / "models.json").read_bytes(),
    }
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def _urls(base):
    return {
        "raw.epoch.all_ai_models": f"{base}/all_ai_models.csv",
        "raw.epoch-current.notable_ai_models": f"{base}/notable_ai_models.csv",
        "raw.epoch-current.epoch_capabilities_index": f"{base}/benchmark_data.zip",
        "raw.models.dev.models": f"{base}/models.dev.tar.gz",
        "raw.models.dev.providers": f"{base}/models.dev.tar.gz",
        "raw.openrouter.models": f"{base}/models.json",
    }


def test_fetch_everything_from_a_local_server(server, tmp_path, snapshot_records):
    written = fetch(
        tmp_path,
        urls=_urls(server),
        snapshot_date="2026-11-23",
        progress=False,
        retries=1,
        snapshots_dir=snapshot_records,
    )
    assert set(written) == {"epoch", "epoch-current", "models.dev", "openrouter"}
    epoch = tmp_path / "epoch" / "2026-11-23"
    assert (epoch / "all_ai_models.csv").read_bytes() == (
        FIXTURES / "epoch" / "all_ai_models.csv"
    ).read_bytes()
    current = tmp_path / "epoch-current" / "2026-11-23"
    assert (current / "epoch_capabilities_index.csv").read_bytes() == (
        FIXTURES / "epoch-current" / "epoch_capabilities_index.csv"
    ).read_bytes()
    assert (current / "notable_ai_models.csv").read_bytes() == (
        FIXTURES / "epoch-current" / "notable_ai_models.csv"
    ).read_bytes()
    manifest = json.loads((epoch / "manifest.json").read_text())
    entry = manifest["resources"]["raw.epoch.all_ai_models"]
    assert entry["snapshot_date"] == "2026-11-23" and len(entry["sha256"]) == 64 and entry["bytes"] > 0
    tree = tmp_path / "models.dev" / "2026-11-23"
    assert (tree / "models" / "lotus" / "lotus-flash.toml").is_file()
    stub = tree / "providers" / "hostco-cn" / "models" / "maple-vision.toml"
    assert stub.read_text().strip() == "../../hostco/models/maple-vision.toml"  # symlink kept as a text link
    assert not (tree / "README.md").exists() and not list(tmp_path.rglob("*.part"))
    assert not list(tmp_path.rglob(".fetch-*")) and not list(tmp_path.rglob(".downloads"))
    # the fetch is recorded: the commit of the repository archive, today's date, each file's sha256
    models_dev = snapshots.read("models.dev", snapshot_records)["snapshot"]
    assert models_dev["commit"] == COMMIT and models_dev["date_published"] == "2026-11-23"
    assert models_dev["date_accessed"] is not None
    recorded = snapshots.read("epoch", snapshot_records)["snapshot"]["resources"]["raw.epoch.all_ai_models"]
    assert recorded["sha256"] == entry["sha256"]
    assert snapshots.check(tmp_path, snapshot_records) == []
    # the fetched layout builds, and the snapshot dates come from the manifests
    assert catalog.locate(tmp_path, "epoch") == epoch
    assert catalog.snapshot_dates(tmp_path)["raw.openrouter.models"] == "2026-11-23"


def test_cut_short_download_leaves_nothing(server, tmp_path):
    urls = {"raw.openrouter.models": f"{server}/short"}
    with pytest.raises(
        SourceError, match=r"models.json: expected \d+ bytes \(Content-Length\); found '\d+ bytes: cut short'"
    ):
        fetch(tmp_path, urls=urls, sources=("openrouter",), progress=False, retries=1, snapshots_dir=None)
    assert list(tmp_path.rglob("*")) == []


def test_download_checks_size_limit_and_sha(server, tmp_path):
    with pytest.raises(FetchError, match="limit"):
        download(f"{server}/models.json", tmp_path / "m.json", max_bytes=10, progress=False, retries=1)
    with pytest.raises(SourceError, match="sha256"):
        download(
            f"{server}/models.json", tmp_path / "m.json", expected_sha256="0" * 64, progress=False, retries=1
        )
    with pytest.raises(FetchError, match="HTTP 404"):
        download(f"{server}/missing", tmp_path / "m.json", progress=False, retries=1)
    assert not list(tmp_path.iterdir())
    sha, size = download(f"{server}/models.json", tmp_path / "m.json", progress=False)
    assert size == (tmp_path / "m.json").stat().st_size and len(sha) == 64


def test_download_retries_a_busy_server_after_the_wait_it_asks_for(server, tmp_path):
    """The retry path (urllib3's Retry): a 503 with Retry-After is asked again after that many seconds, even with
    no backoff of our own; a server that stays busy fails after the attempts allowed, leaving nothing."""
    start = time.perf_counter()
    sha, size = download(f"{server}/flaky", tmp_path / "m.json", progress=False, retries=2, backoff=0)
    waited = time.perf_counter() - start
    assert _Handler.hits["/flaky"] == 2 and waited >= 0.9 and size > 0 and len(sha) == 64
    with pytest.raises(FetchError, match=r"HTTP 503 .*after 2 attempts"):
        download(f"{server}/down", tmp_path / "d.json", progress=False, retries=2, backoff=0)
    assert _Handler.hits["/down"] == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m.json"]


def test_retry_policy_counts_attempts_and_respects_retry_after():
    policy = retry_policy(3, 0.5)
    assert policy.total == 2 and policy.respect_retry_after_header and 503 in policy.status_forcelist
    assert retry_policy(1, 0.5).total == 0


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_offline_prints_one_message(tmp_path, monkeypatch, capsys):
    dead = f"http://127.0.0.1:{_closed_port()}/x"
    offline = tuple(dataclasses.replace(r, download_url=dead) for r in catalog.RAW_RESOURCES)
    monkeypatch.setattr(catalog, "RAW_RESOURCES", offline)
    code = main(["data", "fetch", "--raw", str(tmp_path), "--retries", "1", "--quiet"])
    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") == 1 and "Traceback" not in err
    assert "network unreachable" in err and "--from ../shared/reference" in err and "make data" in err
    assert list(tmp_path.rglob("*")) == []


def test_copy_from_a_mirror(tmp_path, capsys, snapshot_records):
    command = ["data", "fetch", "--from", str(FIXTURES), "--raw", str(tmp_path), "--quiet"]
    assert main([*command, "--snapshots", str(snapshot_records)]) == 0
    assert (tmp_path / "epoch" / "2025-04" / "all_ai_models.csv").is_file()
    assert (tmp_path / "epoch-current" / "2026-07-19" / "notable_ai_models.csv").is_file()
    assert (tmp_path / "models.dev" / "2026-07-02" / "providers" / "hostco" / "data" / "notes.json").is_file()
    manifest = json.loads((tmp_path / "epoch" / "2025-04" / "manifest.json").read_text())
    assert manifest["resources"]["raw.epoch.all_ai_models"]["snapshot_date"] == "2025-04"
    dates = catalog.snapshot_dates(tmp_path)
    assert dates == catalog.snapshot_dates(FIXTURES)
    with pytest.raises(FetchError, match="does not exist"):
        fetch(tmp_path, mirror=tmp_path / "nowhere", snapshots_dir=None)
