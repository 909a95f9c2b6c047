"""The README's quick start runs as written on the sample shipped in transcripts/ (CI installs first)."""
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parents[1]
README = ROOT / "README.md"
BIN = Path(sys.executable).parent


def quick_start_command() -> str:
    section = README.read_text("utf-8").split("## Quick start", 1)[1]
    return re.search(r"```console\n(.*?)\n```", section, re.S).group(1)


def test_the_quick_start_command_corrects_the_shipped_sample(tmp_path):
    command = quick_start_command()
    install, _, fix = command.partition(" && ")
    assert install == "pip install ." and fix == "asr-cleanup fix transcripts/ -o cleaned/"
    shutil.copytree(ROOT / "transcripts", tmp_path / "transcripts")
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    result = subprocess.run(fix, shell=True, cwd=tmp_path, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    raw = (ROOT / "transcripts" / "sample.md").read_text("utf-8")
    cleaned = (tmp_path / "cleaned" / "sample.md").read_text("utf-8")
    for wrong, right in [("上汤科技", "商汤科技"), ("巨生智能", "具身智能"), ("Sands Time", "SenseTime"),
                         ("ChatGBT", "ChatGPT")]:
        assert wrong in raw and wrong not in cleaned and right in cleaned
    assert (tmp_path / "transcripts" / "sample.md").read_text("utf-8") == raw
    again = subprocess.run(fix, shell=True, cwd=tmp_path, env=env, capture_output=True, text=True)
    assert again.returncode == 1 and "already exists; use --force" in again.stderr
