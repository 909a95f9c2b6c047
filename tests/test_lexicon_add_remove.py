"""lexicon add/remove as a pair: remove takes back a merge instead of deleting the term; BOMs and
symlinks survive edits."""
import codecs

from cleanup.lexicon import load_lexicon
from lexicon_helpers import run


def test_remove_after_a_merging_add_restores_the_file(team):
    before = team.read_bytes()
    run("add", "深度求索", "--variant", "深度秋锁", "--alias", "DeepSeek", "--to", team)
    assert "深度秋锁" in load_lexicon(team).get("深度求索").variants
    assert "restored" in run("remove", "深度求索", "--from", team)
    assert team.read_bytes() == before
    run("remove", "深度求索", "--from", team)  # nothing left to take back: now the term goes
    assert load_lexicon(team).get("深度求索") is None and load_lexicon(team).get("梁文锋")


def test_merges_are_taken_back_last_first(team):
    before = team.read_bytes()
    run("add", "深度求索", "--variant", "深度秋锁", "--to", team)
    middle = team.read_bytes()
    run("add", "深度求索", "--context", "大模型", "--to", team)
    run("remove", "深度求索", "--from", team)
    assert team.read_bytes() == middle
    run("remove", "深度求索", "--from", team)
    assert team.read_bytes() == before


def test_remove_after_other_edits_takes_back_only_the_added_values(team):
    run("add", "深度求索", "--variant", "深度秋锁", "--context", "大模型", "--to", team)
    run("add", "月之暗面", "--variant", "月之暗门", "--to", team)  # the file changes after the merge
    assert "variants -= 深度秋锁" in run("remove", "深度求索", "--from", team)
    entry = load_lexicon(team).get("深度求索")
    assert (entry.variants, entry.context, entry.kind) == (["深度球索", "深度求所"], [], "org")
    assert "# heard in the 2024 all-hands" in team.read_text(encoding="utf-8")
    assert load_lexicon(team).get("月之暗面").variants == ["月之暗门"]


def test_a_new_term_is_still_removed_whole(team):
    before = team.read_bytes()
    run("add", "月之暗面", "--variant", "月之暗门", "--to", team)
    run("add", "月之暗面", "--variant", "月之俺们", "--to", team)
    run("remove", "月之暗面", "--from", team)  # takes back the second add
    run("remove", "月之暗面", "--from", team)  # and then the term the first one created
    assert team.read_bytes() == before


def test_bom_survives_add_and_remove(team):
    with_bom = codecs.BOM_UTF8 + team.read_bytes()
    team.write_bytes(with_bom)
    run("add", "月之暗面", "--variant", "月之暗门", "--to", team)
    assert team.read_bytes().startswith(codecs.BOM_UTF8)
    assert load_lexicon(team).get("月之暗面").variants == ["月之暗门"]
    run("add", "深度求索", "--variant", "深度秋锁", "--to", team)
    assert team.read_bytes().startswith(codecs.BOM_UTF8)
    run("remove", "深度求索", "--from", team)
    run("remove", "月之暗面", "--from", team)
    assert team.read_bytes() == with_bom


def test_add_through_a_symlink_edits_the_target(team, tmp_path):
    link = tmp_path / "link.toml"
    link.symlink_to(team)
    run("add", "月之暗面", "--variant", "月之暗门", "--to", link)
    assert link.is_symlink() and link.resolve() == team.resolve()
    assert load_lexicon(team).get("月之暗面").variants == ["月之暗门"]
    run("remove", "月之暗面", "--from", link)
    assert link.is_symlink() and "月之暗面" not in team.read_text(encoding="utf-8")


def test_undo_log_lives_in_the_user_cache(team, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    run("add", "深度求索", "--variant", "深度秋锁", "--to", team)
    assert list((tmp_path / "cache" / "asr-cleanup" / "lexicon-undo").glob("*.json"))
    assert not [p for p in team.parent.iterdir() if p.name.startswith(".")]
