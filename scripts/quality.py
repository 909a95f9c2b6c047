#!/usr/bin/env python3
"""Quality of asr-cleanup against the bars of the judge and review issues, through the real command line
and the shared scorers. ``scripts/benchmark.py`` runs it; it also runs alone:

usage: python scripts/quality.py [--data ../shared/data] [--cross]

- the forum (``dev/``): precision and lexicon-scope recall with its lexicon, with each 10,000-name list
  added, and the edits made on the already-correct text;
- AISHELL (``aishell/``): CER and utterances made worse, with its entity list and with names added; and
  the edits the default lexicons alone make on its references, correct text of another domain (no bar:
  every one is wrong);
- the near-miss suggestions: how many of the first 30 are real misrecognitions, and how many of the
  lexicon-scope errors ``fix`` missed the first 100 name;
- ``--cross``: the judge fitted on one set alone (``scripts/fit_judge.py --cross``), measured on the other.
"""
from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Sequence

ROOT = Path(__file__).resolve().parents[1]


def cli(*args) -> list[str]:
    return [sys.executable, "-m", "cleanup", *map(str, args)]


def verdict(value: float, bar: float, higher: bool = True) -> str:
    met = value >= bar if higher else value <= bar
    return f"(bar {'≥' if higher else '≤'} {bar:g}: {'met' if met else 'NOT met'})"


def forum_score(data: Path, out: Path) -> dict:
    dev = data / "dev"
    result = subprocess.run([sys.executable, str(data.parent / "eval" / "score.py"), str(dev / "raw_000.md"),
                             str(dev / "gold_000.jsonl"), str(out), "--lexicon", str(dev / "lexicon_000.txt"),
                             "--json"], check=True, capture_output=True, text=True)
    return json.loads(result.stdout)


def edit_list(path: Path) -> tuple[int, str]:
    """How many edits an ``--edits`` file holds, and the first ten as original→replacement."""
    records = [json.loads(r) for r in path.read_text(encoding="utf-8").splitlines()] if path.exists() else []
    return len(records), ", ".join(f"{r['original']}→{r['replacement']}" for r in records[:10])


def forum(data: Path, tmp: Path, extra: list[str]) -> list[str]:
    dev = data / "dev"
    lexicon = dev / "lexicon_000.txt"
    lines = []
    runs = [("forum, its lexicon", [], 0.95, 0.64)]
    runs += [(f"forum + {names.name}", [names], 0.90, None) for names in sorted(dev.glob("names*.txt"))]
    for label, names, p_bar, r_bar in runs:
        out = tmp / "forum_out.md"
        subprocess.run(cli("fix", dev / "raw_000.md", "--lexicon", lexicon, *sum((["--lexicon", n] for n in names), []),
                           "--no-default-lexicons", "-o", out, "--force", "--quiet", *extra), check=True)
        s = forum_score(data, out)
        line = (f"{label}: P={s['precision']:.3f} {verdict(s['precision'], p_bar)} R={s['recall']:.3f} "
                f"lexR={s['lexicon_recall']:.3f}")
        if r_bar is not None:
            line += f" {verdict(s['lexicon_recall'], r_bar)}"
        lines.append(line + f" (tp={s['tp']} fp={s['fp']})")
    mixed = dev / "names_mixed_10k.txt"
    if mixed.is_file():
        edits = tmp / "clean_edits.jsonl"
        subprocess.run(cli("fix", dev / "clean_000.md", "--lexicon", lexicon, "--lexicon", mixed, "-o",
                           tmp / "clean_out.md", "--force", "--quiet", "--edits", edits, *extra), check=True)
        count, shown = edit_list(edits)
        lines.append(f"edits on clean_000.md (defaults + lexicon + names_mixed_10k): {count} "
                     f"{verdict(count, 7, higher=False)}: {shown}")
    return lines


def aishell(data: Path, tmp: Path, extra: list[str]) -> list[str]:
    folder = data / "aishell"
    lines = []
    names = data / "dev" / "names_mixed_10k.txt"
    runs = [("AISHELL dev half, ent.txt", [], 4.35, 20)]
    if names.is_file():
        runs.append(("AISHELL dev half, ent.txt + names_mixed_10k", [names], 4.70, 50))
    for i, (label, more, cer_bar, worse_bar) in enumerate(runs):
        command = [*cli("fix", "{IN}", "--lexicon", "{LEX}", *sum((["--lexicon", n] for n in more), []),
                        "--no-default-lexicons", "-o", "{OUT}", "--force", "--quiet"), *extra]
        result = subprocess.run([sys.executable, str(data.parent / "eval" / "nec_score.py"), str(folder),
                                 str(tmp / f"aishell{i}"), "--json", "--", *command],
                                check=True, capture_output=True, text=True)
        s = json.loads(result.stdout.strip().splitlines()[-1])
        lines.append(f"{label}: CER {s['cer']:.2f}% {verdict(s['cer'], cer_bar, higher=False)} "
                     f"(hypotheses {s['cer_hypotheses']:.2f}%), worse {s['worse']} "
                     f"{verdict(s['worse'], worse_bar, higher=False)}, better {s['better']}, "
                     f"entity recall {s['entity_recall']:.3f}")
    return lines + [defaults_on_references(folder, tmp, extra)]


def defaults_on_references(folder: Path, tmp: Path, extra: list[str]) -> str:
    """Edits of the default lexicons alone on AISHELL's references: correct news text, far from their domain."""
    text = "".join(line.partition(" ")[2].replace(" ", "") + "\n"
                   for line in (folder / "ref.txt").read_text(encoding="utf-8").splitlines())
    (tmp / "references.txt").write_text(text, encoding="utf-8")
    edits = tmp / "references_edits.jsonl"
    subprocess.run(cli("fix", tmp / "references.txt", "-o", tmp / "references_out.txt", "--force", "--quiet",
                       "--edits", edits, *extra), check=True)
    count, shown = edit_list(edits)
    return (f"edits on AISHELL's references (correct news text) with the default lexicons alone: {count} "
            f"(no bar; each is wrong){': ' + shown if shown else ''}")


def near_misses(data: Path, tmp: Path, extra: Sequence[str] = ()) -> list[str]:
    """Of the first 30 near-miss rows, how many are real misrecognitions of their term (the gold has an error
    there whose correction is or holds the term); of the lexicon-scope gold errors ``fix`` missed, how many
    the first 100 rows name."""
    dev = data / "dev"
    sys.path.insert(0, str(data.parent / "eval"))
    from score import in_lexicon_scope

    lexicon = dev / "lexicon_000.txt"
    terms = [t.strip() for t in lexicon.read_text(encoding="utf-8").splitlines() if t.strip() and t[0] != "#"]
    rows_path, out = tmp / "suggestions.csv", tmp / "fixed.md"
    subprocess.run(cli("lexicon", "suggest", dev / "raw_000.md", "--lexicon", lexicon, "--no-default-lexicons",
                       "-o", rows_path, "--force", *extra), check=True, capture_output=True)
    subprocess.run(cli("fix", dev / "raw_000.md", "--lexicon", lexicon, "--no-default-lexicons", "-o", out,
                       "--force", "--quiet", *extra), check=True)
    with rows_path.open(encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f) if r["kind"] == "near-miss"]
    gold = [json.loads(g) for g in (dev / "gold_000.jsonl").read_text(encoding="utf-8").splitlines()]

    def real(row) -> bool:
        return any((row["original"] in g["wrong"] or g["wrong"] in row["original"])
                   and (row["term"] in g["right"] or g["right"] in row["term"]) for g in gold)

    top30 = sum(real(r) for r in rows[:30])
    fixed_lines = out.read_text(encoding="utf-8").split("\n")
    missed = [g for g in gold if in_lexicon_scope(g, terms) and g["wrong"] in fixed_lines[g["line"] - 1]]
    named = sum(any(g["wrong"] in r["original"] or (len(r["original"]) > 1 and r["original"] in g["wrong"])
                    for r in rows[:100]) for g in missed)
    share = named / max(len(missed), 1)
    return [f"near misses: {top30} of the first 30 rows are real misrecognitions {verdict(top30, 15)}",
            f"near misses: the first 100 rows name {named} of the {len(missed)} lexicon-scope errors fix missed "
            f"= {share:.2f} {verdict(share, 0.5)}"]


def cross(data: Path, tmp: Path) -> list[str]:
    """Fit on each set alone and measure the other with the real scorers."""
    folder = tmp / "cross"
    subprocess.run([sys.executable, str(ROOT / "scripts" / "fit_judge.py"), "--data", str(data), "--out",
                    str(tmp / "params_all.json"), "--cross", str(folder)], check=True, capture_output=True)
    lines = []
    if (folder / "params_forum.json").is_file():
        lines += [f"fitted on the forum only -> {line}"
                  for line in aishell(data, tmp, ["--judge-params", str(folder / "params_forum.json")])]
    if (folder / "params_aishell.json").is_file():
        aishell_only = ["--judge-params", str(folder / "params_aishell.json")]
        lines += [f"fitted on AISHELL only -> {line}"
                  for line in forum(data, tmp, aishell_only) + near_misses(data, tmp, aishell_only)]
    return lines


def report(data: Path, with_cross: bool = False) -> list[str]:
    lines = []
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        if (data / "dev" / "raw_000.md").is_file():
            lines += forum(data, tmp, [])
            lines += near_misses(data, tmp)
        if (data / "aishell" / "hyp.txt").is_file():
            lines += aishell(data, tmp, [])
        if with_cross:
            lines += cross(data, tmp)
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--cross", action="store_true", help="also fit on each set alone and measure the other")
    args = parser.parse_args()
    if not ((args.data / "dev" / "raw_000.md").is_file() or (args.data / "aishell" / "hyp.txt").is_file()):
        print(f"error: no dev or aishell data under {args.data}", file=sys.stderr)
        return 2
    for line in report(args.data, args.cross):
        print(line, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
