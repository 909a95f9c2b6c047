#!/usr/bin/env python3
"""Quality, speed and memory of asr-cleanup, measured in one run through the real command line.

usage: python scripts/benchmark.py [--data ../shared] [--big-mb 200]

Prints the quality bars of scripts/quality.py (the forum with its lexicon and with each 10,000-name
list, edits on already-correct text, near-miss suggestions, AISHELL's CER; ``--cross`` adds the judge
fitted on one set and measured on the other); then speed, each figure from runs in this one
invocation (alternating where two are compared): start-up on a one-line file with the engine cache
warm and cold, --jobs 2 against --jobs 1, and whole-process throughput. ``--big-mb N`` also streams
an N MB plain-text file and reports its peak memory (slow). Caches live in a temporary folder.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
import quality  # noqa: E402  (scripts/quality.py: the quality bars, runnable alone)
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


def repeat_to(source: Path, target: Path, chars: int) -> int:
    text = source.read_text(encoding="utf-8")
    copies = max(1, chars // len(text))
    target.write_text(text * copies, encoding="utf-8")
    return len(text) * copies


def timed(args: list[str], env: dict) -> float:
    """Wall seconds of one run of a command (no wrapper process around it)."""
    start = time.perf_counter()
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    return time.perf_counter() - start


def fix_args(raw: Path, out: Path, lexicons: list[Path], *extra: str) -> list[str]:
    return ["asr-cleanup", "fix", str(raw), "-o", str(out), "--force", "--quiet",
            *(a for lexicon in lexicons for a in ("--lexicon", str(lexicon))), *extra]


def startup(tmp: Path, env: dict, names: Path) -> None:
    """A one-line file: median of 5 runs with the engine cached, and the first run with it not cached."""
    tiny = tmp / "tiny.txt"
    tiny.write_text("你好，今天天气不错。\n", encoding="utf-8")
    for label, lexicons, bar in [("defaults", [], 0.5), ("defaults + 10k names", [names], 0.8)]:
        args = fix_args(tiny, tmp / "tiny_out.txt", lexicons)
        timed(args, env)  # fills the cache (and jieba's own dictionary cache)
        subprocess.run(["asr-cleanup", "cache", "clear"], check=True, stdout=subprocess.DEVNULL, env=env)
        cold = timed(args, env)
        warm = statistics.median(timed(args, env) for _ in range(5))
        print(f"startup, one-line file, {label}: cache warm {warm:.2f} s (median of 5; bar {bar} s), "
              f"cold {cold:.2f} s{' (bar 3 s)' if lexicons else ''}, no cache "
              f"{timed([*args, '--no-cache'], env):.2f} s")


JOBS_RUNS = 5  # on a shared machine, medians of three ranged from 0.67 to 0.90 in runs minutes apart


def jobs_ratio(folder: Path, out: Path, env: dict) -> tuple[float, float]:
    """Medians of JOBS_RUNS runs each of --jobs 1 and --jobs 2 on ``folder``, alternating."""
    times: dict[int, list[float]] = {1: [], 2: []}
    for _ in range(JOBS_RUNS):
        for jobs in (1, 2):
            times[jobs].append(timed(fix_args(folder, out, [], "--jobs", str(jobs)), env))
    return statistics.median(times[1]), statistics.median(times[2])


def parallel(tmp: Path, env: dict, sources: list[Path]) -> None:
    """--jobs 2 against --jobs 1 on four 80,000-character transcripts, alternating, cache warm.

    The four are cut from ``sources`` one after another, so they share as little text as the data allows
    (shared text would favour one process, whose memoised work the next file reuses). Then the same on one
    240,000-character transcript, which the workers share in pieces."""
    folder, single = tmp / "four", tmp / "one"
    folder.mkdir()
    single.mkdir()
    text = "".join(path.read_text(encoding="utf-8") for path in sources)
    text *= -(-320_000 // len(text))
    for i in range(4):
        (folder / f"t{i}.md").write_text(text[i * 80_000:(i + 1) * 80_000], encoding="utf-8")
    (single / "talk.md").write_text(text[:240_000], encoding="utf-8")
    timed(fix_args(folder, tmp / "four_out", []), env)
    one, two = jobs_ratio(folder, tmp / "four_out", env)
    print(f"--jobs 2 / --jobs 1, four 80k-character transcripts: {two:.2f} s / {one:.2f} s = {two / one:.2f} "
          f"(median of {JOBS_RUNS} each, alternating; bar 0.65)")
    one, two = jobs_ratio(single, tmp / "one_out", env)
    print(f"--jobs 2 / --jobs 1, one 240k-character transcript: {two:.2f} s / {one:.2f} s = {two / one:.2f} "
          f"(median of {JOBS_RUNS} each, alternating)")


def throughput(tmp: Path, env: dict, raw: Path, names: Path) -> None:
    """Whole-process characters per second over about 800,000 characters, cache warm, alternating."""
    big = tmp / "big.md"
    n = repeat_to(raw, big, 800_000)
    runs = {"default lexicons": ([], 200_000), "defaults + 10k names": ([names], 100_000)}
    times: dict[str, list[float]] = {label: [] for label in runs}
    for label, (lexicons, _) in runs.items():
        timed(fix_args(big, tmp / "big_out.md", lexicons), env)
    for _ in range(2):
        for label, (lexicons, _) in runs.items():
            times[label].append(timed(fix_args(big, tmp / "big_out.md", lexicons), env))
    for label, (_, bar) in runs.items():
        seconds = min(times[label])
        print(f"throughput, {label}, {n} chars: {n / seconds:,.0f} chars/s ({seconds:.1f} s, best of 2; "
              f"bar {bar:,})")


def big_file_memory(tmp: Path, env: dict, raw: Path, lexicon: Path, megabytes: int) -> None:
    """Peak memory streaming a big plain-text file."""
    huge = tmp / "huge.txt"
    text = raw.read_text(encoding="utf-8")
    with huge.open("w", encoding="utf-8") as f:
        while f.tell() < megabytes * 1024 * 1024:
            f.write(text)
    seconds, rss = run(fix_args(huge, tmp / "huge_out.txt", [lexicon], "--no-default-lexicons"))
    print(f"{megabytes} MB plain text: peak RSS {rss} MB ({seconds:.0f} s; bar 500 MB)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", "--shared", dest="shared", type=Path, default=ROOT.parent / "shared",
                        help="the shared folder with data/dev/ and eval/score.py (default: ../shared)")
    parser.add_argument("--big-mb", type=int, default=0, help="also measure peak memory on an N MB file")
    parser.add_argument("--cross", action="store_true",
                        help="also fit the judge on each set alone and measure it on the other (slow)")
    args = parser.parse_args()
    dev = args.shared / "data" / "dev"
    missing = [str(path) for path in [args.shared / "eval" / "score.py", *(dev / name for name in DEV_FILES)]
               if not path.is_file()]
    if missing:
        sys.exit(f"benchmark: missing data under {args.shared} (give --data DIR): " + ", ".join(missing))
    lexicon, names = dev / "lexicon_000.txt", dev / "names_10k.txt"
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        os.environ["XDG_CACHE_HOME"] = str(tmp / "cache")  # the engine and jieba caches start empty, not the user's
        env = dict(os.environ)
        for result in quality.report(args.shared / "data", with_cross=args.cross):  # the judge and review bars
            print(result, flush=True)

        seconds, _ = run(["asr-cleanup", "lexicon", "import", str(names), "--to", str(tmp / "names.toml")])
        print(f"lexicon import, 10,000 names into a new TOML lexicon: {seconds:.1f} s")

        startup(tmp, env, names)
        parallel(tmp, env, [dev / "raw_000.md", dev / "clean_000.md", args.shared / "data" / "aishell" / "hyp.txt"])
        throughput(tmp, env, dev / "raw_000.md", names)
        if args.big_mb:
            big_file_memory(tmp, env, dev / "raw_000.md", lexicon, args.big_mb)

if __name__ == "__main__":
    main()
