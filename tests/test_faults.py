"""Clean-up after faults: workers die with a killed parent, stale temporary files are removed, and
jieba's cache lives in the user's cache folder."""
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from cleanup.batch import fix_paths
from cleanup.cli import main
from cleanup.lexicon import Entry, Lexicon
from cleanup.stale import remove_stale_temps

HOUR = 3600


def written(path: Path, hours_ago: float = 0) -> Path:
    path.write_bytes(b"half written")
    then = time.time() - hours_ago * HOUR
    os.utime(path, (then, then))
    return path


def test_stale_temps_of_the_outputs_are_removed_and_nothing_else(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    stale = written(out / ".a.txt.k2j_x9q0.tmp", hours_ago=2)
    fresh = written(out / ".a.txt.abcdefgh.tmp")                 # a run writing a.txt right now
    other = written(out / ".notes.md.abcdefgh.tmp", hours_ago=2)  # not an output of this run
    mine = written(out / ".a.txt.backup", hours_ago=2)            # not a temporary file's name
    (tmp_path / "a.txt").write_text("上汤\n", encoding="utf-8")
    result = fix_paths([tmp_path / "a.txt"], Lexicon([Entry("商汤", variants=["上汤"])]), out / "a.txt")
    assert not result.failed and (out / "a.txt").read_text(encoding="utf-8") == "商汤\n"
    assert not stale.exists() and fresh.exists() and other.exists() and mine.exists()


def test_remove_stale_temps_skips_missing_folders_and_symlinks(tmp_path):
    target = written(tmp_path / "keep.bin", hours_ago=2)
    link = tmp_path / ".a.txt.abcdefgh.tmp"
    link.symlink_to(target)
    assert remove_stale_temps([tmp_path / "a.txt", tmp_path / "missing" / "b.txt"]) == []
    assert link.is_symlink() and target.exists()


def run_python(code: str, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code], env={**os.environ, **env}, capture_output=True,
                          text=True, timeout=120)


JIEBA = "from cleanup.guards import Guards; from cleanup.lexicon import Lexicon; print(Guards.word_frequency('模型'))"


def test_jieba_cache_goes_to_xdg_cache_home(tmp_path):
    temp = tmp_path / "shared-tmp"
    temp.mkdir()
    done = run_python(JIEBA, {"XDG_CACHE_HOME": str(tmp_path / "cache"), "TMPDIR": str(temp)})
    assert done.returncode == 0, done.stderr
    (trie,) = (tmp_path / "cache" / "asr-cleanup" / "jieba").glob("*.pickle")
    assert trie.stat().st_size > 1 << 20
    assert list(temp.iterdir()) == [] and "Dump cache file failed" not in done.stderr


def test_jieba_cache_defaults_to_home_cache_and_ignores_a_foreign_temp_cache(tmp_path):
    temp = tmp_path / "shared-tmp"
    temp.mkdir()
    (temp / "jieba.cache").write_bytes(b"another user's, unreadable to us")
    env = {"HOME": str(tmp_path / "home"), "TMPDIR": str(temp), "XDG_CACHE_HOME": ""}
    done = run_python(JIEBA, env)
    assert done.returncode == 0 and int(done.stdout) > 0, done.stderr
    assert list((tmp_path / "home" / ".cache" / "asr-cleanup" / "jieba").glob("*.pickle"))
    assert "Traceback" not in done.stderr


def descendants(pid: int) -> set[int]:
    """Live processes below ``pid`` (Linux /proc; zombies count as gone)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if fields[0] != "Z":
            children.setdefault(int(fields[1]), []).append(int(entry.name))
    found, todo = set(), [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.add(child)
            todo.append(child)
    return found


def alive(pids: set[int]) -> set[int]:
    living = set()
    for pid in pids:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if state != "Z":
            living.add(pid)
    return living


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_workers_end_when_the_parent_is_killed(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    line = "今天上汤发布了日日心大魔型，商康的合作方包括open ai。\n" * 20_000
    for i in range(6):
        (raw / f"talk{i}.txt").write_text(line, encoding="utf-8")
    command = [sys.executable, "-c", "from cleanup.cli import main; main()",
               "fix", str(raw), "-o", str(tmp_path / "out"), "-j", "2", "--quiet"]
    parent = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    workers: set[int] = set()
    try:
        deadline = time.monotonic() + 60
        while len(workers := descendants(parent.pid)) < 2 and time.monotonic() < deadline:
            assert parent.poll() is None, "the run ended before its workers could be seen"
            time.sleep(0.1)
        assert len(workers) >= 2
        time.sleep(1)  # let them start on a file
        parent.send_signal(signal.SIGKILL)
        parent.wait()
        deadline = time.monotonic() + 30  # the watchdog looks every 0.5 s; a loaded machine may lag
        while alive(workers) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert alive(workers) == set()
    finally:  # leave nothing running whatever happened
        if parent.poll() is None:
            workers |= descendants(parent.pid)
            parent.kill()
            parent.wait()
        for pid in alive(workers):
            os.kill(pid, signal.SIGKILL)


def test_a_lexicon_edit_removes_what_a_killed_edit_left(tmp_path):
    stale = written(tmp_path / ".team.toml.abc_1234.tmp", hours_ago=2)
    result = CliRunner().invoke(main, ["lexicon", "add", "商汤", "--to", str(tmp_path / "team.toml")])
    assert result.exit_code == 0 and not stale.exists()
