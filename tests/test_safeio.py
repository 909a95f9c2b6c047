"""Atomic writes, backups and refused destinations."""
import io
import os

import pytest

from cleanup.safeio import (AtomicFile, SpooledOutput, UnsafeOutput, atomic_write, backup, check_destination,
                            prepare_destination)


def test_atomic_file_replaces_only_on_commit(tmp_path):
    dest = tmp_path / "out.txt"
    dest.write_bytes(b"old")
    with AtomicFile(dest) as out:
        out.write(b"new")
        assert dest.read_bytes() == b"old"
    assert dest.read_bytes() == b"old"  # not committed
    with AtomicFile(dest) as out:
        out.write(b"new")
        out.commit()
    assert dest.read_bytes() == b"new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.txt"]  # no temporary files left


def test_an_exception_leaves_no_output(tmp_path):
    dest = tmp_path / "out.txt"
    with pytest.raises(RuntimeError):
        with AtomicFile(dest) as out:
            out.write(b"partial")
            raise RuntimeError("boom")
    assert list(tmp_path.iterdir()) == []


def test_replacing_keeps_permissions(tmp_path):
    dest = tmp_path / "out.txt"
    dest.write_bytes(b"old")
    dest.chmod(0o640)
    atomic_write(dest, b"new")
    assert dest.stat().st_mode & 0o777 == 0o640


def test_backup_takes_the_first_free_name(tmp_path):
    original = tmp_path / "a.srt"
    original.write_bytes(b"one")
    assert backup(original) == tmp_path / "a.srt.bak"
    original.write_bytes(b"two")
    assert backup(original) == tmp_path / "a.srt.bak.1"
    assert (tmp_path / "a.srt.bak").read_bytes() == b"one"
    assert (tmp_path / "a.srt.bak.1").read_bytes() == b"two"


def test_spooled_output_reaches_the_stream_only_on_commit():
    stream = io.BytesIO()
    with SpooledOutput(stream) as out:
        out.write(b"abc")
    assert stream.getvalue() == b""
    with SpooledOutput(stream) as out:
        out.write(b"abc")
        out.commit()
    assert stream.getvalue() == b"abc"


def test_existing_destination_needs_force(tmp_path):
    dest = tmp_path / "out.txt"
    check_destination(dest)
    dest.write_bytes(b"x")
    with pytest.raises(UnsafeOutput, match="already exists; use --force"):
        check_destination(dest)
    check_destination(dest, force=True)


def test_an_empty_placeholder_may_be_written_without_force(tmp_path):
    dest = tmp_path / "placeholder.md"  # as `mktemp` leaves it
    dest.touch()
    check_destination(dest)


def test_symlinks_are_never_written_through(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    root = tmp_path / "out"
    root.mkdir()
    (root / "link.txt").symlink_to(outside / "target.txt")
    with pytest.raises(UnsafeOutput, match="is a symlink"):
        check_destination(root / "link.txt", root, force=True)
    (root / "sub").symlink_to(outside, target_is_directory=True)
    with pytest.raises(UnsafeOutput, match="leads outside"):
        check_destination(root / "sub" / "a.txt", root, force=True)
    os.makedirs(root / "real")
    check_destination(root / "real" / "a.txt", root)


def test_no_folder_is_created_outside_the_root(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    root = tmp_path / "out"
    root.mkdir()
    (root / "sub").symlink_to(outside, target_is_directory=True)
    with pytest.raises(UnsafeOutput, match="leads outside"):
        prepare_destination(root / "sub" / "deeper" / "a.txt", root)
    assert list(outside.iterdir()) == []
    prepare_destination(root / "new" / "deeper" / "a.txt", root)
    assert (root / "new" / "deeper").is_dir()
