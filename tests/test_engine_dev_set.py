"""Regression guard on the shared dev transcript (skipped when the shared data is absent)."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

from cleanup import Corrector, load_lexicons

SHARED = Path(__file__).resolve().parents[2] / "shared"
DEV = SHARED / "data" / "dev"
SCORER = SHARED / "eval" / "score.py"
NEEDED = [DEV / "raw_000.md", DEV / "gold_000.jsonl", DEV / "clean_000.md", DEV / "lexicon_000.txt", SCORER]

pytestmark = pytest.mark.skipif(not all(p.exists() for p in NEEDED), reason=f"no dev set under {SHARED}")


@pytest.fixture(scope="module")
def corrector():
    return Corrector(load_lexicons([DEV / "lexicon_000.txt"], defaults=False))


def read(path):
    return path.read_bytes().decode("utf-8")


def test_dev_precision_and_lexicon_recall_stay_above_floors(corrector, tmp_path):
    raw = read(DEV / "raw_000.md")
    output = tmp_path / "out_000.md"
    output.write_bytes(corrector.correct_text(raw, "raw_000.md").text.encode("utf-8"))
    run = subprocess.run([sys.executable, str(SCORER), str(DEV / "raw_000.md"), str(DEV / "gold_000.jsonl"),
                          str(output), "--lexicon", str(DEV / "lexicon_000.txt"), "--json"],
                         capture_output=True, text=True, check=True)
    scores = json.loads(run.stdout)
    assert scores["tp"] > 0
    assert scores["precision"] >= 0.9, scores
    assert scores["lexicon_recall"] >= 0.5, scores


def test_clean_transcript_is_almost_untouched(corrector):
    edits = corrector.correct_text(read(DEV / "clean_000.md"), "clean_000.md").edits
    assert len(edits) <= 5, [(e.original, e.replacement) for e in edits]
