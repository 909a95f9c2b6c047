#!/usr/bin/env python3
"""Quality, speed and memory of asr-cleanup, measured in one run through the real command line.

usage: python scripts/benchmark.py [--data ../shared] [--big-mb 200]

Prints dev-set precision/recall (with ../shared/eval/score.py), the same with 10,000 extra names,
edits on already-correct text, whole-process throughput, startup time, peak memory and near-miss
coverage. ``--big-mb N`` also streams an N MB plain-text file and reports its peak memory (slow).
"""
from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: What the benchmark reads from the shared dev set; checked before anything runs.
DEV_FILES = ("raw_000.md", "gold_000.jsonl", "lexicon_000.txt", "names_10k.txt", "clean_000.md")


# Runs a command and prints the peak RSS (KiB) of its process tree, so each run is measured alone.
PEAK_RSS = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL,"
            " stderr=subprocess.DEVNULL); print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")


def run(args: list[str]) -> tuple[float, int]:
    """Run a command; return (wall seconds, peak RSS in MB of that command alone)."""
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-c", PEAK_RSS, *args], check=True, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    return seconds, int(result.stdout) // 1024


def fix(raw: Path, out: Path, lexicons: list[Path], defaults: bool) -> tuple[float, int]:
    args = ["asr-cleanup", "fix", str(raw), "-o", str(out), "--force", "--quiet"]
    for lexicon in lexicons:
        args += ["--lexicon", str(lexicon)]
    if not defaults:
        args.append("--no-default-lexicons")
    return run(args)


def score(shared: Path, out: Path, lexicon: Path) -> dict:
    dev = shared / "data" / "dev"
    result = subprocess.run([sys.executable, str(shared / "eval" / "score.py"), str(dev / "raw_000.md"),
                             str(dev / "gold_000.jsonl"), str(out), "--lexicon", str(lexicon), "--json"],
                            check=True, capture_output=True, text=True)
    return json.loads(result.stdout)


def line(label: str, s: dict) -> str:
    return (f"{label}: P={s['precision']:.3f} R={s['recall']:.3f} F0.5={s['f0.5']:.3f} "
            f"lexR={s['lexicon_recall']:.3f} (tp={s['tp']} fp={s['fp']} fn={s['fn']})")


def repeat_to(source: Path, target: Path, chars: int) -> int:
    text = source.read_text(encoding="utf-8")
    copies = max(1, chars // len(text))
    target.write_text(text * copies, encoding="utf-8")
    return len(text) * copies


def near_miss_coverage(shared: Path, tmp: Path, out: Path) -> str:
    """Share of lexicon-scope gold errors the fix missed that `lexicon suggest` lists as near misses."""
    dev = shared / "data" / "dev"
    sys.path.insert(0, str(shared / "eval"))
    from score import in_lexicon_scope
    terms = [t.strip() for t in (dev / "lexicon_000.txt").read_text(encoding="utf-8").splitlines()
             if t.strip() and not t.startswith("#")]
    suggestions = tmp / "suggestions.csv"
    subprocess.run(["asr-cleanup", "lexicon", "suggest", str(dev / "raw_000.md"), "--lexicon",
                    str(dev / "lexicon_000.txt"), "--no-default-lexicons", "-o", str(suggestions)],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    with suggestions.open(encoding="utf-8") as f:
        near = [row["original"] for row in csv.DictReader(f) if row["kind"] == "near-miss"]
    fixed_lines = out.read_text(encoding="utf-8").split("\n")
    missed = covered = 0
    for entry in map(json.loads, (dev / "gold_000.jsonl").read_text(encoding="utf-8").splitlines()):
        if not in_lexicon_scope(entry, terms) or entry["wrong"] not in fixed_lines[entry["line"] - 1]:
            continue
        missed += 1
        covered += any(entry["wrong"] in o or (len(o) > 1 and o in entry["wrong"]) for o in near)
    return f"near-miss coverage of missed lexicon-scope errors: {covered}/{missed} = {covered / max(missed, 1):.2f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", "--shared", dest="shared", type=Path, default=ROOT.parent / "shared",
                        help="the shared folder with data/dev/ and eval/score.py (default: ../shared)")
    parser.add_argument("--big-mb", type=int, default=0, help="also measure peak memory on an N MB file")
    args = parser.parse_args()
    dev = args.shared / "data" / "dev"
    missing = [str(path) for path in [args.shared / "eval" / "score.py", *(dev / name for name in DEV_FILES)]
               if not path.is_file()]
    if missing:
        sys.exit(f"benchmark: missing data under {args.shared} (give --data DIR): " + ", ".join(missing))
    lexicon, names = dev / "lexicon_000.txt", dev / "names_10k.txt"
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        out = tmp / "out.md"
        seconds, _ = fix(dev / "raw_000.md", out, [lexicon], defaults=False)
        print(line("dev, canonical lexicon", score(args.shared, out, lexicon)) + f"  [{seconds:.2f} s]")
        print(near_miss_coverage(args.shared, tmp, out))
        out_names = tmp / "out_names.md"
        fix(dev / "raw_000.md", out_names, [lexicon, names], defaults=False)
        print(line("dev, + 10,000 names", score(args.shared, out_names, lexicon)))

        clean_out = tmp / "clean_out.md"
        edits = tmp / "clean_edits.jsonl"
        run(["asr-cleanup", "fix", str(dev / "clean_000.md"), "-o", str(clean_out), "--force", "--quiet",
             "--lexicon", str(lexicon), "--lexicon", str(names), "--edits", str(edits)])
        count = len(edits.read_text(encoding="utf-8").splitlines()) if edits.exists() else 0
        chars = len((dev / "clean_000.md").read_text(encoding="utf-8"))
        print(f"edits on correct text (defaults + lexicon + 10k names): {count} in {chars} chars "
              f"= {count * 10000 / chars:.2f} per 10,000 chars")

        tiny = tmp / "tiny.txt"
        tiny.write_text("你好\n", encoding="utf-8")
        startup, _ = fix(tiny, tmp / "tiny_out.txt", [], defaults=True)
        print(f"startup (one tiny file, default lexicons): {startup:.2f} s")
        seconds, _ = run(["asr-cleanup", "lexicon", "import", str(names), "--to", str(tmp / "names.toml")])
        print(f"lexicon import, 10,000 names into a new TOML lexicon: {seconds:.1f} s")

        big = tmp / "big.md"
        n = repeat_to(dev / "raw_000.md", big, 800_000)
        seconds, rss = fix(big, tmp / "big_out.md", [], defaults=True)
        print(f"throughput, default lexicons, {n} chars: {n / seconds:,.0f} chars/s ({seconds:.1f} s, "
              f"peak RSS {rss} MB)")
        n = repeat_to(dev / "raw_000.md", big, 400_000)
        seconds, rss = fix(big, tmp / "big_out.md", [lexicon, names], defaults=False)
        print(f"throughput, lexicon + 10k names, {n} chars: {n / seconds:,.0f} chars/s ({seconds:.1f} s, "
              f"peak RSS {rss} MB)")
        if args.big_mb:
            huge = tmp / "huge.txt"
            with huge.open("w", encoding="utf-8") as f:
                text = (dev / "raw_000.md").read_text(encoding="utf-8")
                while f.tell() < args.big_mb * 1024 * 1024:
                    f.write(text)
            seconds, rss = fix(huge, tmp / "huge_out.txt", [lexicon], defaults=False)
            print(f"{args.big_mb} MB plain text: peak RSS {rss} MB ({seconds:.0f} s)")


if __name__ == "__main__":
    main()
