"""The judge's confidence means what it says: calibrated on a labelled fixture, and precise on the dev forum."""
from pathlib import Path

import pytest

from cleanup.judge import JudgeParams
from fit_fixture import fit_script, write_data

BUCKETS = [(0.0, 0.5), (0.5, 0.8), (0.8, 1.0)]
# The fixture labels about 100 candidates, the middle bucket only about 10, so a bucket's observed share of right
# fixes has a binomial standard error of up to about 0.15: 0.25 absorbs that and the fit's L2 shrinkage, and still
# fails a judge whose confidences are off by a bucket's width.
TOLERANCE = 0.25
DEV = Path(__file__).resolve().parents[2] / "shared" / "data" / "dev"


def bucketed(params, examples):
    """(mean confidence, observed share right, count) for each bucket."""
    found = [[] for _ in BUCKETS]
    for e in examples:
        confidence = params.confidence(e.features)
        found[sum(confidence >= low for low, _ in BUCKETS) - 1].append((confidence, e.label))
    assert all(found), [len(f) for f in found]
    return [(sum(c for c, _ in f) / len(f), sum(label for _, label in f) / len(f), len(f)) for f in found]


def test_confidence_is_calibrated_on_the_fixture(tmp_path):
    script = fit_script()
    examples = [e for found in script.build_sets(write_data(tmp_path)).values() for e in found]
    weights, bias = script.fit(examples)
    rows = bucketed(JudgeParams(weights, bias, 0.5, {}), examples)
    observed = [right for _, right, _ in rows]
    assert observed == sorted(observed) and observed[0] < observed[-1], rows
    for mean, right, _ in rows:
        assert abs(right - mean) <= TOLERANCE, rows


@pytest.mark.skipif(not (DEV / "raw_000.md").is_file(), reason="../shared/data/dev is not here")
@pytest.mark.parametrize("defaults", [False, True], ids=["forum-lexicon", "with-defaults"])
def test_shipped_judge_is_precise_on_the_dev_forum(defaults):
    params = JudgeParams.load()
    examples = fit_script().forum_examples(DEV, [DEV / "lexicon_000.txt"], defaults, "forum")
    accepted = [e.label for e in examples
                if e.proposed and not e.vetoed and params.confidence(e.features) >= params.min_confidence]
    assert len(accepted) >= 50
    assert sum(accepted) / len(accepted) >= 0.90
