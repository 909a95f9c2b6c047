"""A Corrector pickles (for Spark, Ray or worker processes) without jieba's dictionary."""
import pickle

from cleanup import Corrector
from cleanup.lexicon import Entry, Lexicon

TEXT = "今天上汤发布了日日心大魔型，上当科技的Sands time团队也来了。\n商汤的合作方很多。"


def test_a_pickled_corrector_makes_the_same_corrections():
    lexicon = Lexicon([Entry("商汤", variants=["上汤"]), Entry("日日新", variants=["日日心"]), Entry("商汤科技"),
                       Entry("大模型", context=["发布"]), Entry("SenseTime", kind="english")])
    corrector = Corrector(lexicon)
    before = corrector.correct_text(TEXT).edits
    assert {e.pass_name for e in before} == {"known-variants", "pinyin", "latin"}
    assert corrector.guards._tokenizer is not None  # built while correcting
    data = pickle.dumps(corrector)
    copy = pickle.loads(data)
    assert copy.guards._tokenizer is None  # jieba's dictionary is not shipped; the copy rebuilds it
    assert len(data) < 1_000_000  # pinyin readings of every Han character, yes; jieba's 10 MB dictionary, no
    assert copy.correct_text(TEXT).edits == before
