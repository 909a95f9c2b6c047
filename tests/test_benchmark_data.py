"""scripts/benchmark.py without its data exits non-zero with a message naming what is missing."""
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).parents[1] / "scripts" / "benchmark.py"


@pytest.mark.parametrize("option", ["--data", "--shared"])
def test_missing_data_is_a_clear_error(tmp_path, option):
    (tmp_path / "data" / "dev").mkdir(parents=True)
    (tmp_path / "data" / "dev" / "raw_000.md").write_text("上汤\n", "utf-8")
    result = subprocess.run([sys.executable, str(SCRIPT), option, str(tmp_path)], capture_output=True, text=True,
                            timeout=60)
    assert result.returncode != 0
    assert f"missing data under {tmp_path}" in result.stderr and "--data DIR" in result.stderr
    assert str(tmp_path / "eval" / "score.py") in result.stderr
    assert str(tmp_path / "data" / "dev" / "gold_000.jsonl") in result.stderr
    assert "raw_000.md" not in result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""
