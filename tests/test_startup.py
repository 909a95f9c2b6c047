"""A fix of a one-line file loads only what it needs: with the engine cached, neither pypinyin nor jieba."""
import os
import subprocess
import sys

HEAVY = ("pypinyin", "jieba", "pandas", "rich.progress", "rich.table", "english_words", "charset_normalizer")
PROBE = ("import sys; from cleanup.cli import main\n"
         "try:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
         f"print('loaded:' + ','.join(m for m in {HEAVY!r} if m in sys.modules))")


def loaded(tmp_path, *args) -> list[str]:
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    result = subprocess.run([sys.executable, "-c", PROBE, *map(str, args)], env=env, capture_output=True, text=True,
                            check=True)
    return [m for m in result.stdout.rpartition("loaded:")[2].strip().split(",") if m]


def test_a_warm_one_line_fix_imports_no_heavy_module(tmp_path):
    line = tmp_path / "one.txt"
    line.write_text("你好，今天天气不错。\n", "utf-8")
    cold = loaded(tmp_path, "fix", line, "-o", tmp_path / "out.txt", "--quiet")
    assert "pypinyin" in cold and "jieba" in cold  # building the engine needs them
    warm = loaded(tmp_path, "fix", line, "-o", tmp_path / "out.txt", "--quiet", "--force")
    assert warm == []
    assert (tmp_path / "out.txt").read_text("utf-8") == "你好，今天天气不错。\n"
