"""Guards shared by the passes: jieba's dictionary, word boundaries and cut words."""
import io

import jieba

from cleanup import Entry, Lexicon
from cleanup.lexicon.compiled import CompiledLexicon
from cleanup.guards import Guards, _WholeFileMarshal, _base_tokenizer


def test_jieba_dictionary_loads_through_the_whole_file_marshal():
    tokenizer = _base_tokenizer()
    assert jieba.marshal is _WholeFileMarshal
    assert tokenizer.FREQ["中国"] > 0 and tokenizer.total > 1_000_000
    buffer = io.BytesIO()
    _WholeFileMarshal.dump(({"大模型": 3}, 3), buffer)
    buffer.seek(0)
    assert _WholeFileMarshal.load(buffer) == ({"大模型": 3}, 3)


def test_cut_words_names_the_dictionary_words_a_span_begins_or_ends_inside():
    guards = Guards(CompiledLexicon.build(Lexicon([Entry("智能网联汽车")])))
    text = "重视智能网络汽车产业的发展"
    start = text.index("智能")
    assert [text[a:b] for a, b in guards.cut_words(text, start, start + 6)] == ["汽车产业"]
    assert guards.cut_words(text, start, start + 2) == []
