from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from scaleready.atomic import write_atomic
from scaleready.errors import UsageError


def test_writes_and_replaces(tmp_path: Path) -> None:
    path = tmp_path / "r.txt"
    write_atomic(path, "one\n")
    write_atomic(path, "two\n")
    assert path.read_text() == "two\n"
    assert [p.name for p in tmp_path.iterdir()] == ["r.txt"]


def test_a_failed_write_keeps_the_old_file_and_leaves_no_litter(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "r.txt"
    path.write_text("precious\n")

    def full_disk(*_: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    with pytest.raises(UsageError) as info:
        write_atomic(path, "new\n")
    assert (
        str(info.value)
        == f"cannot save {path}: No space left on device; the previous file is intact"
    )
    assert path.read_text() == "precious\n"
    assert [p.name for p in tmp_path.iterdir()] == ["r.txt"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write into read-only directories")
def test_a_read_only_directory(tmp_path: Path) -> None:
    tmp_path.chmod(0o500)
    try:
        with pytest.raises(UsageError, match="nothing was written"):
            write_atomic(tmp_path / "r.txt", "x")
    finally:
        tmp_path.chmod(0o700)


def test_removes_what_a_killed_write_left_behind_but_not_a_write_in_progress(
    tmp_path: Path,
) -> None:
    path = tmp_path / "a.yaml"
    stale = tmp_path / ".a.yaml.k3j_x9q2.tmp"  # as mkstemp names them
    fresh = tmp_path / ".a.yaml.p0w8zz1m.tmp"
    other = tmp_path / ".b.yaml.k3j_x9q2.tmp"  # another file's
    for leftover in (stale, fresh, other):
        leftover.write_text("answers: {}\n")
    an_hour_ago = time.time() - 3600
    for old in (stale, other):
        os.utime(old, (an_hour_ago, an_hour_ago))
    write_atomic(path, "x\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == [fresh.name, other.name, "a.yaml"]


def test_a_symlink_stays_a_link(tmp_path: Path) -> None:
    real = tmp_path / "real.txt"
    real.write_text("old")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    write_atomic(link, "new")
    assert link.is_symlink()
    assert real.read_text() == "new"


def test_keeps_the_mode_of_the_file_it_replaces(tmp_path: Path) -> None:
    path = tmp_path / "r.txt"
    path.write_text("x")
    path.chmod(0o640)
    write_atomic(path, "y")
    assert path.stat().st_mode & 0o777 == 0o640
