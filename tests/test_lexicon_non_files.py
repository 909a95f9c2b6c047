"""A named pipe, device or folder given as a lexicon is refused at once with a clean error, never read
(a FIFO with no writer would block the read for ever). Run as a subprocess, with a timeout, so a hang
fails the test instead of stalling it."""
import os
import subprocess
import sys
from pathlib import Path

import pytest

CLI = str(Path(sys.executable).parent / "asr-cleanup")
COMMANDS = {
    "fix": ["fix", "talk.txt", "--lexicon", "{}", "-o", "out.txt"],
    "diff": ["diff", "talk.txt", "--lexicon", "{}"],
    "review": ["review", "talk.txt", "--lexicon", "{}", "--export", "r.csv"],
    "suggest": ["lexicon", "suggest", "talk.txt", "--lexicon", "{}"],
    "config": ["fix", "talk.txt", "--config", "asr-cleanup.toml", "-o", "out.txt"],
    "check": ["lexicon", "check", "{}"],
}


def make(folder: Path, kind: str) -> str:
    if kind == "named pipe":
        os.mkfifo(folder / "pipe.txt")
        return "pipe.txt"
    if kind == "symlink to a named pipe":
        os.mkfifo(folder / "pipe")
        (folder / "pipe.toml").symlink_to("pipe")
        return "pipe.toml"
    if kind == "folder":
        (folder / "terms.toml").mkdir()
        return "terms.toml"
    return "/dev/zero"


@pytest.mark.parametrize("kind", ["named pipe", "symlink to a named pipe", "device", "folder"])
@pytest.mark.parametrize("command", COMMANDS)
def test_a_non_file_lexicon_is_refused_without_waiting(tmp_path, command, kind):
    (tmp_path / "talk.txt").write_text("上汤发布了新模型。\n", "utf-8")
    lexicon = make(tmp_path, kind)
    (tmp_path / "asr-cleanup.toml").write_text(f'lexicons = ["{lexicon}"]\n', "utf-8")
    argv = [a.format(lexicon) for a in COMMANDS[command]]
    result = subprocess.run([CLI, *argv], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr, result.stderr
    assert lexicon in result.stderr or lexicon in result.stdout, result.stderr
    if command == "check":  # lexicon check reports the file as an error finding (exit 1), or click refuses a folder
        assert result.returncode == (2 if kind == "folder" else 1), result.stderr
    else:  # a bad lexicon is a usage error: nothing was done
        assert result.returncode == 2, result.stderr
        assert not (tmp_path / "out.txt").exists() and not (tmp_path / "r.csv").exists()
    if kind != "folder":
        assert "not a regular file" in result.stderr + result.stdout, result.stderr
