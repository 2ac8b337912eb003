"""The rule that keeps the book's execution cache from serving stale outputs."""

import os

from openweights import bookcache


def make_tree(tmp_path):
    build, src, data = tmp_path / "_build", tmp_path / "src", tmp_path / "data"
    for folder in (build / ".jupyter_cache", build / ".doctrees", src, data):
        folder.mkdir(parents=True)
    (src / "code.py").write_text("x = 1")
    (data / "table.csv").write_text("a\n1\n")
    return build, (src, data)


def test_without_a_stamp_the_cache_and_doctrees_are_dropped(tmp_path):
    build, watched = make_tree(tmp_path)
    assert bookcache.clear_if_stale(build, watched)
    assert not (build / ".jupyter_cache").exists() and not (build / ".doctrees").exists()
    assert not bookcache.clear_if_stale(build, watched)  # nothing left to drop


def test_a_stamp_newer_than_src_and_data_keeps_the_cache_until_data_changes(tmp_path):
    build, (src, data) = make_tree(tmp_path)
    bookcache.stamp(build)
    for path in (src / "code.py", data / "table.csv"):
        os.utime(path, (1_000, 1_000))
    os.utime(build / ".book-built", (2_000, 2_000))
    assert not bookcache.clear_if_stale(build, (src, data), layout=())
    assert (build / ".jupyter_cache").exists()
    os.utime(data / "table.csv", (3_000, 3_000))  # data changed after the last build
    assert bookcache.clear_if_stale(build, (src, data), layout=())
    assert not (build / ".jupyter_cache").exists() and not (build / ".doctrees").exists()


def test_the_command_line_stamps_and_reports(tmp_path, capsys):
    build, _ = make_tree(tmp_path)
    assert bookcache.main(["clear-if-stale", "--build-dir", str(build)]) == 0  # no stamp yet
    assert "re-executing every chapter" in capsys.readouterr().out
    assert bookcache.main(["stamp", "--build-dir", str(build)]) == 0
    assert (build / ".book-built").exists()


def test_a_layout_change_drops_only_the_doctrees(tmp_path):
    build, (src, data) = make_tree(tmp_path)
    static = tmp_path / "_static"
    static.mkdir()
    (static / "book.css").write_text("td {}")
    bookcache.stamp(build)
    for path in (src / "code.py", data / "table.csv", static / "book.css"):
        os.utime(path, (1_000, 1_000))
    os.utime(build / ".book-built", (2_000, 2_000))
    assert not bookcache.clear_if_stale(build, (src, data), (static,))
    os.utime(static / "book.css", (3_000, 3_000))  # the book's CSS changed after the last build
    assert "writing every page again" in bookcache.clear_if_stale(build, (src, data), (static,))
    assert (build / ".jupyter_cache").exists() and not (build / ".doctrees").exists()
