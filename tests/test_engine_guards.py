"""Guards shared by the passes: jieba's dictionary, word boundaries and cut words."""
from cleanup import Entry, Lexicon
from cleanup.lexicon.compiled import CompiledLexicon
from cleanup.guards import Guards, _base_tokenizer


def test_the_base_tokenizer_reads_jiebas_dictionary():
    tokenizer = _base_tokenizer()
    assert tokenizer.FREQ.get("中国") > 0 and tokenizer.total > 1_000_000
    assert Guards.word_frequency("中国") == tokenizer.FREQ.get("中国") and Guards.word_frequency("商汤科技") == 0


def test_cut_words_names_the_dictionary_words_a_span_begins_or_ends_inside():
    guards = Guards(CompiledLexicon.build(Lexicon([Entry("智能网联汽车")])))
    text = "重视智能网络汽车产业的发展"
    start = text.index("智能")
    assert [text[a:b] for a, b in guards.cut_words(text, start, start + 6)] == ["汽车产业"]
    assert guards.cut_words(text, start, start + 2) == []
