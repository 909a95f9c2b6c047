#!/usr/bin/env python3
"""Fit the judge's parameters from labelled candidates, and check them across sets.

usage: python scripts/fit_judge.py [--data ../shared/data] [--out cleanup/judge/params.json]
                                   [--fit-on forum,aishell] [--cross DIR]

Every candidate the passes propose is labelled:
- forum (``DATA/dev``): on ``raw_000.md``, positive where a gold edit of ``gold_000.jsonl`` gives the same
  line, negative otherwise; on the already-correct ``clean_000.md``, negative. With ``lexicon_000.txt``
  alone, with the default lexicons, and with each ``names*.txt`` list added (imported names).
- aishell (``DATA/aishell``): hypotheses grouped one document per speaker, as the benchmark does;
  positive where the fix alone brings the utterance closer to its reference. With ``ent.txt`` alone and
  with a names list added as distractors.
A candidate a named rule refuses is left out of the fix model (it never decides on it); the near-miss
model sees it, with the rule as a feature, since a reviewer may still want to read it.

The model is a logistic regression (scikit-learn, the ``fit`` extra) on the features of
``cleanup.judge.features``, with the regularisation (of STRENGTHS) whose held-out halves (see ``--halves``)
score best, the strongest on a tie. Its weights, bias and the confidence that maximises F0.5 are written to
``--out``, with a second model fitted on every candidate down to ``lexicon suggest``'s similarity floor
that ranks near misses. ``--cross DIR`` also fits on each set alone, reports it on the other, and writes those
parameter files to DIR (so ``asr-cleanup fix --judge-params`` can measure them with the real scorers).
``--halves`` holds out half of each set in turn, as held-out material would be (the forum in blocks of
HALF_BLOCK lines, AISHELL by speaker): it fits on one half of every set, scores the other, and prints the
two held-out halves summed.
"""
from __future__ import annotations

import argparse
import json
import math
import re
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from cleanup import Corrector, Document, load_lexicons  # noqa: E402
from cleanup.formats import read_source  # noqa: E402
from cleanup.judge import JudgeConfig  # noqa: E402

FOLD = re.compile(r"[ \u00b7\u30fb]")
NEAR_MISS_FLOOR = 0.6  # lexicon suggest's default --floor
THRESHOLDS = [round(0.30 + 0.01 * i, 2) for i in range(66)]
HALF_BLOCK = 20  # forum lines kept in one half: neighbouring lines share a topic and its terms
# Inverse regularisation strengths tried for the fix model; the one whose held-out halves score best is used
STRENGTHS = (0.5, 1.0, 2.0, 5.0)
NEAR_MISS_STRENGTH = 0.5


@dataclass
class Example:
    features: dict
    label: int
    group: str  # set and lexicon configuration, e.g. "forum+names_mixed_10k"
    proposed: bool = True  # False: only a near miss (below the passes' own similarity minimums)
    vetoed: bool = False  # a named rule refuses it: only the near-miss model sees it
    half: int = 0  # which half of its set it falls in, for --halves


def fold(text: str) -> str:
    return FOLD.sub("", text).lower()


def replaced(line: str, start: int, end: int, replacement: str) -> str:
    return line[:start] + replacement + line[end:]


SETTINGS = {"judge": JudgeConfig(), "options": {}}  # the engine settings the candidates come from


def corrector_for(lexicons: list[Path], defaults: bool) -> Corrector:
    return Corrector(load_lexicons(lexicons, defaults=defaults), options=SETTINGS["options"], judge=SETTINGS["judge"])


def candidates(corrector: Corrector, doc: Document):
    """(candidate, features, whether the passes propose it by default, whether a named rule refuses it)
    for each candidate down to the near-miss similarity floor (the near-miss model is fitted on all of them)."""
    proposed = {(v.candidate.start, v.candidate.end, v.candidate.replacement) for v in corrector.verdicts(doc)}
    for verdict in corrector.verdicts(doc, NEAR_MISS_FLOOR):
        c = verdict.candidate
        yield c, verdict.features, (c.start, c.end, c.replacement) in proposed, bool(verdict.vetoes)


def forum_examples(dev: Path, lexicons: list[Path], defaults: bool, group: str) -> list[Example]:
    corrector = corrector_for(lexicons, defaults)
    raw = read_source(dev / "raw_000.md", None, None).document
    lines = raw.text.split("\n")
    gold_lines: dict[int, set[str]] = defaultdict(set)  # line -> the line with one gold edit applied, folded
    for entry in map(json.loads, (dev / "gold_000.jsonl").read_text(encoding="utf-8").splitlines()):
        text, pos = lines[entry["line"] - 1], -1
        for _ in range(entry.get("occurrence", 1)):
            pos = text.find(entry["wrong"], pos + 1)
        if pos >= 0:
            gold_lines[entry["line"]].add(fold(replaced(text, pos, pos + len(entry["wrong"]), entry["right"])))
    found = []
    for candidate, features, proposed, vetoed in candidates(corrector, raw):
        line, column = raw.line_col(candidate.start)
        fixed = replaced(lines[line - 1], column - 1, column - 1 + len(candidate.original), candidate.replacement)
        found.append(Example(features, int(fold(fixed) in gold_lines[line]), group, proposed, vetoed,
                             _forum_half(line)))
    clean = read_source(dev / "clean_000.md", None, None).document
    found += [Example(features, 0, group + ":clean", proposed, vetoed, _forum_half(clean.line_col(c.start)[0]))
              for c, features, proposed, vetoed in candidates(corrector, clean)]
    return found


def _forum_half(line: int) -> int:
    return (line - 1) // HALF_BLOCK % 2


def levenshtein(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def kaldi(path: Path) -> dict[str, str]:
    found = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        key, _, text = line.partition(" ")
        found[key] = text.replace(" ", "")
    return found


def aishell_examples(folder: Path, lexicons: list[Path], group: str, speakers=None) -> list[Example]:
    corrector = corrector_for([folder / "ent.txt", *lexicons], False)
    refs, hyps = kaldi(folder / "ref.txt"), kaldi(folder / "hyp.txt")
    by_speaker: dict[str, list[str]] = defaultdict(list)
    for key in sorted(refs):
        by_speaker[key[6:11]].append(key)
    found = []
    for number, (speaker, keys) in enumerate(sorted(by_speaker.items())):
        if speakers is not None and speaker not in speakers:
            continue
        doc = Document.from_text("".join(hyps[k] + "\n" for k in keys), speaker)
        for candidate, features, proposed, vetoed in candidates(corrector, doc):
            line, column = doc.line_col(candidate.start)
            key = keys[line - 1]
            fixed = replaced(hyps[key], column - 1, column - 1 + len(candidate.original), candidate.replacement)
            better = levenshtein(fixed, refs[key]) < levenshtein(hyps[key], refs[key])
            found.append(Example(features, int(better), group, proposed, vetoed, number % 2))
    return found


def build_sets(data: Path) -> dict[str, list[Example]]:
    """Labelled candidates by set name."""
    sets: dict[str, list[Example]] = {}
    dev = data / "dev"
    names = sorted(dev.glob("names*.txt"))
    if (dev / "raw_000.md").is_file():
        lexicon = dev / "lexicon_000.txt"
        found = forum_examples(dev, [lexicon], False, "forum")
        found += forum_examples(dev, [lexicon], True, "forum+defaults")
        for extra in names:
            found += forum_examples(dev, [lexicon, extra], False, f"forum+{extra.stem}")
        sets["forum"] = found
    aishell = data / "aishell"
    if (aishell / "hyp.txt").is_file():
        found = aishell_examples(aishell, [], "aishell")
        for extra in names:
            found += aishell_examples(aishell, [extra], f"aishell+{extra.stem}")
        sets["aishell"] = found
    return sets


def fit(examples: list[Example], strength: float = NEAR_MISS_STRENGTH) -> tuple[dict[str, float], float]:
    """Weights by feature name and bias of an L2 logistic regression on standardised features (``strength``:
    scikit-learn's C, the inverse of the regularisation)."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    names = sorted({name for e in examples for name in e.features})
    x = np.array([[e.features.get(n, 0.0) for n in names] for e in examples])
    y = np.array([e.label for e in examples])
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    model = LogisticRegression(C=strength, max_iter=5000).fit((x - mean) / scale, y)
    weights = model.coef_[0] / scale
    bias = float(model.intercept_[0] - (weights * mean).sum())
    return {n: round(float(w), 6) for n, w in zip(names, weights) if w}, round(bias, 6)


def confidence(weights: dict[str, float], bias: float, features: dict) -> float:
    z = bias + sum(weights.get(n, 0.0) * v for n, v in features.items())
    return 1 / (1 + math.exp(-max(min(z, 700), -700)))


def scores(examples: list[Example], weights, bias, threshold: float) -> dict:
    """Candidate-level precision, recall and F0.5 at ``threshold``."""
    tp = fp = fn = 0
    for e in examples:
        accepted = confidence(weights, bias, e.features) >= threshold
        tp += accepted and e.label
        fp += accepted and not e.label
        fn += (not accepted) and e.label
    return summary(tp, fp, fn)


def summary(tp: int, fp: int, fn: int) -> dict:
    """Precision, recall and F0.5 from the counts."""
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f = 1.25 * precision * recall / (0.25 * precision + recall) if precision + recall else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": round(precision, 3), "recall": round(recall, 3),
            "f0.5": round(f, 3)}


def best_threshold(examples: list[Example], weights, bias) -> float:
    """The confidence that maximises the mean F0.5 over the configurations (each weighs the same)."""
    groups = defaultdict(list)
    for e in examples:
        groups[e.group.split(":")[0]].append(e)

    def mean_f(threshold: float) -> float:
        return sum(scores(g, weights, bias, threshold)["f0.5"] for g in groups.values()) / len(groups)

    return max(THRESHOLDS, key=lambda t: (mean_f(t), t))


def calibration(examples: list[Example], weights, bias, buckets: int = 10) -> list[dict]:
    """Observed share of right fixes per confidence bucket."""
    table = [[0, 0] for _ in range(buckets)]
    for e in examples:
        b = min(int(confidence(weights, bias, e.features) * buckets), buckets - 1)
        table[b][0] += 1
        table[b][1] += e.label
    return [{"bucket": f"{i / buckets:.1f}-{(i + 1) / buckets:.1f}", "n": n, "right": round(r / n, 3) if n else None}
            for i, (n, r) in enumerate(table)]


def by_group(examples: list[Example]) -> dict[str, list[Example]]:
    groups = defaultdict(list)
    for e in examples:
        groups[e.group].append(e)
    return dict(groups)


def held_out_halves(examples: list[Example], strength: float) -> dict[str, dict]:
    """Fit on each half (threshold chosen there), score the other; the counts of both held-out halves summed."""
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for half in (0, 1):
        train = [e for e in examples if e.half == half]
        weights, bias = fit(train, strength)
        threshold = best_threshold(train, weights, bias)
        for group, held_out in by_group([e for e in examples if e.half != half]).items():
            s = scores(held_out, weights, bias, threshold)
            counts[group] = [total + s[name] for total, name in zip(counts[group], ("tp", "fp", "fn"))]
    return {group: summary(*counts[group]) for group in sorted(counts)}


def choose_strength(examples: list[Example]) -> tuple[float, dict[float, float]]:
    """The strength whose held-out halves give the best mean F0.5 over the configurations (the weakest
    regularisation wins only by scoring better), and that score for each strength tried. The first strength
    where a half holds only right or only wrong candidates (too little data to hold any out)."""
    if any(len({e.label for e in examples if e.half == half}) < 2 for half in (0, 1)):
        return STRENGTHS[0], {}
    def mean_f(strength: float) -> float:
        held_out = held_out_halves(examples, strength)
        configurations = [s["f0.5"] for group, s in held_out.items() if ":" not in group]
        return round(sum(configurations) / len(configurations), 4)

    tried = {strength: mean_f(strength) for strength in STRENGTHS}
    return max(STRENGTHS, key=lambda s: (tried[s], -s)), tried


def params(weights, bias, threshold, fitted_on: list[str], report: dict, strength: float) -> dict:
    return {"weights": weights, "bias": bias, "min_confidence": threshold,
            "provenance": {"fitted_on": fitted_on, "script": "scripts/fit_judge.py", "strength": strength,
                           "report": report}}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--out", type=Path, default=ROOT / "cleanup" / "judge" / "params.json")
    parser.add_argument("--fit-on", default="forum,aishell", help="comma-separated sets to fit the shipped file on")
    parser.add_argument("--cross", type=Path, help="fit on each set alone, report on the other, write them here")
    parser.add_argument("--halves", action="store_true",
                        help="also fit on half of each set and report the other half (held-out estimate)")
    parser.add_argument("--disable-rule", action="append", default=[], metavar="ID",
                        help="fit with a named rule off (to measure whether it earns its place)")
    parser.add_argument("--pass-option", action="append", default=[], metavar="PASS.KEY=JSON",
                        help="fit on the candidates of passes set this way")
    args = parser.parse_args()
    SETTINGS["judge"] = JudgeConfig(disabled_rules=tuple(args.disable_rule))
    for item in args.pass_option:
        target, _, value = item.partition("=")
        name, _, key = target.partition(".")
        SETTINGS["options"].setdefault(name, {})[key] = json.loads(value)
    sets = build_sets(args.data)
    if not sets:
        print(f"error: no labelled data under {args.data} (expected dev/raw_000.md or aishell/hyp.txt)",
              file=sys.stderr)
        return 2
    near = {name: examples for name, examples in sets.items()}
    sets = {name: [e for e in examples if e.proposed and not e.vetoed] for name, examples in sets.items()}
    for name, examples in sets.items():
        print(f"{name}: {len(examples)} candidates, {sum(e.label for e in examples)} right "
              f"({len(near[name])} down to the near-miss floor)")
    if args.cross:
        args.cross.mkdir(parents=True, exist_ok=True)
        for train in sets:
            strength, _ = choose_strength(sets[train])
            weights, bias = fit(sets[train], strength)
            threshold = best_threshold(sets[train], weights, bias)
            report = {}
            for test in sets:
                if test != train:
                    for group, examples in sorted(by_group(sets[test]).items()):
                        report[group] = scores(examples, weights, bias, threshold)
            print(f"fitted on {train} (min_confidence {threshold}):")
            for group, s in report.items():
                print(f"  {group}: {s}")
            crossed = params(weights, bias, threshold, [train], report, strength)
            near_weights, near_bias = fit(near[train])
            crossed["near_miss"] = {"weights": near_weights, "bias": near_bias}
            path = args.cross / f"params_{train}.json"
            path.write_text(json.dumps(crossed, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    chosen = [s for s in args.fit_on.split(",") if s in sets]
    if not chosen:
        print(f"error: none of the sets {args.fit_on} has data", file=sys.stderr)
        return 2
    examples = [e for s in chosen for e in sets[s]]
    strength, tried = choose_strength(examples)
    print(f"regularisation: C {strength} (held-out halves' mean F0.5 by C: {tried})")
    if args.halves:
        print("held out by halves (fitted on the other half of every set):")
        for group, s in held_out_halves(examples, strength).items():
            print(f"  {group}: {s}")
    weights, bias = fit(examples, strength)
    threshold = best_threshold(examples, weights, bias)
    report = {group: scores(g, weights, bias, threshold) for group, g in sorted(by_group(examples).items())}
    report["calibration"] = calibration(examples, weights, bias)
    fitted = params(weights, bias, threshold, chosen, report, strength)
    near_weights, near_bias = fit([e for s in chosen for e in near[s]])
    fitted["near_miss"] = {"weights": near_weights, "bias": near_bias}
    args.out.write_text(json.dumps(fitted, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"fitted on {', '.join(chosen)}: min_confidence {threshold}; wrote {args.out}")
    for group, s in report.items():
        print(f"  {group}: {s}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
