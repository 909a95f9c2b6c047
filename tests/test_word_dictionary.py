"""jieba's dictionary as a trie: the same words, counts and segmentation as jieba's own, kept in the cache."""
import os
import random
from pathlib import Path

import pytest

from cleanup import word_dictionary
from cleanup.word_dictionary import base_dictionary, tokenizer

SENTENCES = [
    "商汤科技董事长徐立博士发布了日日新5.5大模型",
    "临港新片区的人工智能产业发展得很快，我们看到了很多机会",
    "他说AIGC是工具的革命，GPT-4o和Sora都很热",
    "嗯，好呀，那个。AR出来啊，它不仅是一个新的终端",
    "车路云一体化和单车智能，端到端的自动驾驶",
    "庞清和佟健终于可以放心地考虑退役的事情了",
    "",
    "abc 123 +#&._%-",
]


@pytest.fixture(scope="module")
def jiebas_own():
    own = word_dictionary._jieba().Tokenizer()
    own.tmp_dir = os.environ["XDG_CACHE_HOME"]
    own.initialize()
    return own


def random_sentences(count: int, seed: int = 7) -> list[str]:
    """Chinese-looking text from the dictionary's own words, single characters and Latin runs."""
    rng = random.Random(seed)
    words = [w for w in base_dictionary().trie.keys("中")][:200] + [w for w in base_dictionary().trie.keys("智")][:200]
    pieces = words + list("的了是在我有和人这中大为上个国") + ["AI", "GPT", "5.5", "，", " "]
    return ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 30))) for _ in range(count)]


@pytest.mark.parametrize("hmm", [True, False])
def test_segments_exactly_as_jieba_with_its_own_dictionary(jiebas_own, hmm):
    ours = tokenizer(base_dictionary())
    for sentence in SENTENCES + random_sentences(300):
        assert list(ours.cut(sentence, HMM=hmm)) == list(jiebas_own.cut(sentence, HMM=hmm)), sentence


def test_the_route_and_its_log_probabilities_are_jiebas(jiebas_own):
    ours = tokenizer(base_dictionary())
    for sentence in ["商汤科技董事长徐立博士发布了日日新", "临港新片区的人工智能"]:
        mine, theirs = {}, {}
        ours.calc(sentence, ours.get_DAG(sentence), mine)
        jiebas_own.calc(sentence, jiebas_own.get_DAG(sentence), theirs)
        assert mine == theirs


def test_counts_and_total_are_jiebas(jiebas_own):
    words = base_dictionary()
    assert words.total == jiebas_own.total
    for word in ["中国", "的", "模型", "大模型", "人工智能", "商汤", "中", "xyz"]:
        assert words.get(word, 0) == (jiebas_own.FREQ.get(word) or 0), word
    assert words.get("商汤科技") is None  # a word jieba does not have


def test_added_words_segment_as_jiebas_add_word(jiebas_own):
    jieba = word_dictionary._jieba()
    theirs = jieba.Tokenizer()
    theirs.FREQ, theirs.total, theirs.initialized = dict(jiebas_own.FREQ), jiebas_own.total, True
    added = ["商汤科技", "日日新", "车路云一体化", "单车智能", "佟健", "中国"]
    for word in added:
        theirs.add_word(word, freq=max(theirs.FREQ.get(word) or 0, 1000))
    ours = tokenizer(base_dictionary().with_words(added, 1000))
    assert ours.total == theirs.total
    assert ours.FREQ.get("日日新") == 1000 and ours.FREQ.get("中国") == jiebas_own.FREQ["中国"]
    for sentence in SENTENCES + random_sentences(200, seed=11):
        assert list(ours.cut(sentence)) == list(theirs.cut(sentence)), sentence
    assert "日日新" in ours.lcut("发布了日日新大模型") and "日日新" not in jiebas_own.lcut("发布了日日新大模型")


def trie_entries() -> list[Path]:
    return sorted(Path(os.environ["XDG_CACHE_HOME"], "asr-cleanup", word_dictionary.FOLDER).glob("*.pickle"))


def test_the_trie_is_kept_in_the_cache_and_a_damaged_copy_rebuilt(monkeypatch):
    base_dictionary.cache_clear()
    try:
        expected = base_dictionary().total
        (entry,) = trie_entries()
        base_dictionary.cache_clear()
        with monkeypatch.context() as patched:
            patched.setattr(word_dictionary, "_build", lambda: pytest.fail("built, not loaded from the cache"))
            assert base_dictionary().total == expected
        entry.write_bytes(entry.read_bytes()[:5000])
        base_dictionary.cache_clear()
        assert base_dictionary().total == expected and entry.stat().st_size > 1 << 20  # rebuilt and rewritten
    finally:
        base_dictionary.cache_clear()
