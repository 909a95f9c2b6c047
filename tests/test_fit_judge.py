"""scripts/fit_judge.py on a tiny labelled data set: it writes parameter files the judge loads and uses."""
import json
import subprocess
import sys

import pytest

from cleanup import Corrector, load_lexicons
from cleanup.judge import JudgeConfig, JudgeParams
from cleanup.judge.features import feature_names
from cleanup.passes import PASSES
from fit_fixture import FIT_SCRIPT, fit_script, write_data


def run_fit(*args):
    return subprocess.run([sys.executable, str(FIT_SCRIPT), *map(str, args)], capture_output=True, text=True,
                          timeout=300)


@pytest.fixture(scope="module")
def fitted(tmp_path_factory):
    """(data folder, parameter file, cross folder, finished process) of one fit on the fixture."""
    root = tmp_path_factory.mktemp("fit")
    data = write_data(root / "data")
    out, cross = root / "params.json", root / "cross"
    return data, out, cross, run_fit("--data", data, "--out", out, "--cross", cross)


def test_fit_writes_loadable_parameters(fitted):
    _, out, cross, done = fitted
    assert done.returncode == 0, done.stderr
    params = JudgeParams.load(out)
    assert params.weights == json.loads(out.read_text(encoding="utf-8"))["weights"]
    assert 0.3 <= params.min_confidence <= 0.95
    assert params.weights and set(params.weights) <= set(feature_names(PASSES))
    assert "similarity" in params.weights
    assert params.provenance["fitted_on"] == ["forum", "aishell"]
    for name in ("forum", "aishell"):
        crossed = JudgeParams.load(cross / f"params_{name}.json")
        assert crossed.provenance["fitted_on"] == [name] and crossed.near_miss is not None


def test_fitted_parameters_fix_and_leave_alone(fitted):
    data, out, _, done = fitted
    assert done.returncode == 0, done.stderr
    corrector = Corrector(load_lexicons([data / "dev" / "lexicon_000.txt"], defaults=False),
                          judge=JudgeConfig(params=str(out)))
    assert corrector.judge.params == JudgeParams.load(out)
    assert corrector.correct_text("上汤科技发布了大魔型。").text == "商汤科技发布了大模型。"
    for right in ("商汤科技发布了日日新大模型。", "他在上海科技大学读书。"):
        assert corrector.correct_text(right).edits == []


def test_empty_data_folder_is_an_error(tmp_path):
    done = run_fit("--data", tmp_path, "--out", tmp_path / "params.json")
    assert done.returncode == 2
    assert f"no labelled data under {tmp_path}" in done.stderr
    assert not (tmp_path / "params.json").exists()


def test_near_miss_model_weighs_the_rules_the_fix_model_never_sees(fitted):
    _, out, _, done = fitted
    assert done.returncode == 0, done.stderr
    fitted_params = json.loads(out.read_text(encoding="utf-8"))
    assert not [name for name in fitted_params["weights"] if name.startswith("rule:")]
    assert [name for name in fitted_params["near_miss"]["weights"] if name.startswith("rule:")]


def test_halves_reports_each_set_held_out(tmp_path):
    """--halves fits on half of every set and scores the other: both sets' groups are reported held out."""
    data = write_data(tmp_path / "data")
    done = run_fit("--data", data, "--out", tmp_path / "params.json", "--halves")
    assert done.returncode == 0, done.stderr
    held_out = done.stdout.split("held out by halves")[1].split("\nfitted on")[0]
    for group in ("aishell", "forum", "forum:clean"):
        assert f"  {group}: {{'tp': " in held_out, done.stdout
    aishell = held_out.split("  aishell: ")[1].splitlines()[0]
    assert "'tp': 0," not in aishell, aishell  # the fixture's speakers share their entities, so some fixes hold


def test_regularisation_is_the_one_whose_held_out_halves_score_best(fitted):
    _, out, _, done = fitted
    assert done.returncode == 0, done.stderr
    strength = json.loads(out.read_text(encoding="utf-8"))["provenance"]["strength"]
    assert strength in fit_script().STRENGTHS
    assert f"regularisation: C {strength} " in done.stdout


@pytest.mark.parametrize("scores, chosen", [({0.5: 0.90, 1.0: 0.95, 2.0: 0.93, 5.0: 0.95}, 1.0),
                                            ({0.5: 0.90, 1.0: 0.90, 2.0: 0.90, 5.0: 0.90}, 0.5)])
def test_strength_choice_prefers_the_stronger_regularisation_on_a_tie(monkeypatch, scores, chosen):
    module = fit_script()
    examples = [module.Example({"similarity": 1.0}, label, "forum", half=half) for label in (0, 1) for half in (0, 1)]
    monkeypatch.setattr(module, "held_out_halves",
                        lambda examples, strength: {"forum": {"f0.5": scores[strength]}, "forum:clean": {"f0.5": 0}})
    assert module.choose_strength(examples) == (chosen, scores)


def test_strength_falls_back_when_a_half_has_one_class():
    module = fit_script()
    examples = [module.Example({"similarity": 1.0}, 1, "forum", half=half) for half in (0, 1)]
    assert module.choose_strength(examples) == (module.STRENGTHS[0], {})
