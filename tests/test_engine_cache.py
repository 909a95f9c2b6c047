"""The engine cache: a built Corrector kept in the user's cache folder, trusted only when it checks out."""
import os
import pickle
from pathlib import Path

import english_words as english_words_package
import pytest
from click.testing import CliRunner

from cleanup import engine_cache, english, pipeline
from cleanup.cli import main
from cleanup.cli.engine_options import build_spec

TEXT = "今天上汤发布了日日心，上当科技的团队也来了。\n"


@pytest.fixture
def cache(tmp_path, monkeypatch):
    """A fresh cache folder for the test, and a count of the Correctors actually built."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    builds = []
    real = pipeline.Corrector.__init__

    def counting(self, *args, **kwargs):
        builds.append(args)
        real(self, *args, **kwargs)

    monkeypatch.setattr(pipeline.Corrector, "__init__", counting)
    return builds


@pytest.fixture
def lexicon(tmp_path):
    path = tmp_path / "terms.txt"
    path.write_text("商汤 | 上汤\n日日新 | 日日心\n商汤科技\n", "utf-8")
    return path


def spec_for(lexicon, **settings):
    return build_spec(lexicons=[str(lexicon)], no_default_lexicons=True, **settings)


def entries() -> list[Path]:
    return sorted(Path(os.environ["XDG_CACHE_HOME"], "asr-cleanup", "engine").glob("*.pickle"))


def test_a_second_build_loads_the_cached_engine(cache, lexicon):
    first = spec_for(lexicon).build()
    assert len(cache) == 1 and len(entries()) == 1
    second = spec_for(lexicon).build()
    assert len(cache) == 1  # loaded, not built
    assert second is not first and second.correct_text(TEXT).edits == first.correct_text(TEXT).edits
    assert [e.replacement for e in second.correct_text(TEXT).edits] == ["商汤", "日日新", "商汤科技"]


def test_a_changed_lexicon_or_setting_is_a_new_build(cache, lexicon):
    spec_for(lexicon).build()
    lexicon.write_text("商汤 | 上汤\n", "utf-8")
    changed = spec_for(lexicon).build()
    assert len(cache) == 2 and [e.replacement for e in changed.correct_text(TEXT).edits] == ["商汤"]
    spec_for(lexicon, passes="known-variants").build()
    spec_for(lexicon, min_confidence=0.99).build()
    assert len(cache) == 4
    spec_for(lexicon, min_confidence=0.99).build()
    assert len(cache) == 4


@pytest.mark.parametrize("damage", ["truncated", "flipped", "empty", "other key"])
def test_a_damaged_cache_is_rebuilt_never_trusted(cache, lexicon, damage):
    spec_for(lexicon).build()
    (entry,) = entries()
    data = entry.read_bytes()
    if damage == "truncated":
        entry.write_bytes(data[:len(data) // 2])
    elif damage == "flipped":
        entry.write_bytes(data[:-10] + bytes([data[-10] ^ 0xFF]) + data[-9:])
    elif damage == "empty":
        entry.write_bytes(b"")
    else:  # a valid entry for another key, copied over this one
        entry.write_bytes(data.replace(entry.stem.encode(), b"0" * 64, 1))
    corrector = spec_for(lexicon).build()
    assert len(cache) == 2
    assert [e.replacement for e in corrector.correct_text(TEXT).edits] == ["商汤", "日日新", "商汤科技"]
    assert entry.read_bytes() == data  # rewritten whole
    spec_for(lexicon).build()
    assert len(cache) == 2


class Planted:
    def __reduce__(self):
        return os.system, ("touch planted",)


def test_a_folder_others_can_write_to_is_not_read(cache, lexicon, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    spec_for(lexicon).build()
    (entry,) = entries()
    cache_key = entry.stem
    engine_cache.store(cache_key, Planted())  # what another user could write if the folder let them
    entry.parent.chmod(0o777)
    spec_for(lexicon).build()
    assert len(cache) == 2 and not (tmp_path / "planted").exists()


def test_no_cache_reads_and_writes_nothing(cache, lexicon):
    spec_for(lexicon, no_cache=True).build()
    assert entries() == []
    spec_for(lexicon).build()
    assert len(cache) == 2 and len(entries()) == 1
    (entry,) = entries()
    before = entry.stat().st_mtime_ns, entry.read_bytes()
    spec_for(lexicon, no_cache=True).build()
    assert len(cache) == 3  # built again, not loaded
    assert (entry.stat().st_mtime_ns, entry.read_bytes()) == before and entries() == [entry]


def test_the_same_output_with_and_without_the_cache_and_with_jobs_2(cache, lexicon, tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    for i in range(3):
        (raw / f"{i}.txt").write_text(TEXT * (i + 2) + "SenseTime 的 Sands time 团队。\n", "utf-8")

    def fix(name, *extra):
        result = CliRunner().invoke(main, ["fix", str(raw), "-o", str(tmp_path / name), "--lexicon", str(lexicon),
                                           "--edits", str(tmp_path / f"{name}.jsonl"), "--quiet", *extra])
        assert result.exit_code == 0, result.output
        return [(tmp_path / name / f"{i}.txt").read_bytes() for i in range(3)], \
            (tmp_path / f"{name}.jsonl").read_bytes()

    no_cache = fix("none", "--no-cache")
    assert entries() == []
    cold = fix("cold")
    assert len(entries()) == 1
    builds = len(cache)
    assert fix("warm") == cold == no_cache
    assert fix("warm2", "--jobs", "2") == no_cache
    assert len(cache) == builds
    assert b"SenseTime" in no_cache[0][0] and no_cache[1].count(b"\n") > 9


def test_cache_clear_removes_every_entry(cache, lexicon):
    spec_for(lexicon).build()
    spec_for(lexicon, passes="known-variants").build()
    assert len(entries()) == 2
    result = CliRunner().invoke(main, ["cache", "clear"])
    assert result.exit_code == 0 and "removed 2 cached engines" in result.output
    assert entries() == []


def test_the_cache_folder_is_private(cache, lexicon):
    spec_for(lexicon).build()
    (entry,) = entries()
    assert entry.parent.stat().st_mode & 0o777 == 0o700 and entry.stat().st_mode & 0o777 == 0o600
    assert pickle.loads(engine_cache._checked_payload(entry.read_bytes(), entry.stem)).lexicon is not None


def data_entries() -> list[Path]:
    return sorted(Path(os.environ["XDG_CACHE_HOME"], "asr-cleanup", "data").glob("*.pickle"))


@pytest.fixture
def fresh_words(cache, monkeypatch):
    """The English word list, loaded afresh in this test (and again by the next one)."""
    english.english_words.cache_clear()
    yield
    english.english_words.cache_clear()


def test_the_english_word_list_is_kept_and_a_damaged_copy_rebuilt(fresh_words, monkeypatch):
    words = set(english.english_words())
    assert "time" in words and len(data_entries()) == 1
    english.english_words.cache_clear()

    def unavailable(*args, **kwargs):
        raise AssertionError("built from the package, not loaded from the cache")

    with monkeypatch.context() as patched:
        patched.setattr(english_words_package, "get_english_words_set", unavailable)
        assert set(english.english_words()) == words
    (entry,) = data_entries()
    entry.write_bytes(entry.read_bytes()[:1000])
    english.english_words.cache_clear()
    assert set(english.english_words()) == words and entry.stat().st_size > 1000  # rebuilt and rewritten
    result = CliRunner().invoke(main, ["cache", "clear"])
    assert result.exit_code == 0 and "and 1 cached data file" in result.output and data_entries() == []
