"""The judge's language models: the built-in word-frequency model and a kenlm model read from a tiny ARPA file."""
import math
import pickle
import sys

import pytest

from cleanup import Corrector
from cleanup.errors import InputError
from cleanup.judge import JudgeConfig
from cleanup.judge.language_model import KenLMModel, WordFrequencyModel
from cleanup.lexicon import Entry, Lexicon

# A character bigram model: log10 probabilities, and backoffs for the unigrams
ARPA = """\\data\\
ngram 1=9
ngram 2=4

\\1-grams:
-1.0\t<unk>\t0
-99\t<s>\t-0.5
-1.0\t</s>\t0
-0.8\t商\t-0.3
-0.8\t汤\t-0.3
-0.9\t科\t-0.3
-0.9\t技\t-0.3
-1.2\t上\t-0.3
-1.2\t当\t-0.3

\\2-grams:
-0.1\t<s>\t商
-0.1\t商\t汤
-0.1\t汤\t科
-0.1\t科\t技

\\end\\
"""


@pytest.fixture
def arpa(tmp_path):
    path = tmp_path / "chars.arpa"
    path.write_text(ARPA, encoding="utf-8")
    return path


def test_word_frequency_model_prefers_a_common_word():
    model = WordFrequencyModel()
    assert model.logprob("模型") > model.logprob("魔型")
    assert model.logprob("我们") > model.logprob("们我")


def test_the_engine_s_model_reads_the_lexicon_s_terms_as_words():
    """A fix is weighed with its term as a word: 礼贤镇子各庄 is likelier with the term 礼贤镇 than as loose
    characters, and the engine's judge uses that model; without the lexicon the term has no such weight."""
    from cleanup import Corrector
    from cleanup.lexicon import Entry, Lexicon

    corrector = Corrector(Lexicon([Entry("礼贤镇", kind="place")]))
    engine, plain = corrector.judge.model, WordFrequencyModel()
    assert engine.logprob("礼贤镇子各庄") > plain.logprob("礼贤镇子各庄") + 1
    assert engine.logprob("北京时间") == pytest.approx(plain.logprob("北京时间"), abs=0.01)
    assert engine.logprob("礼贤镇子各庄") - engine.logprob("李贤镇子各庄") > 1  # the fix now reads better


def test_kenlm_model_ranks_a_seen_bigram_above_an_unseen_one(arpa):
    model = KenLMModel(arpa)
    assert model.logprob("商汤") == pytest.approx((-0.8 - 0.1) * math.log(10))
    assert model.logprob("汤商") == pytest.approx((-0.8 - 0.3 - 0.8) * math.log(10))
    assert model.logprob("商汤") > model.logprob("汤商")


def test_corrector_runs_with_a_kenlm_model(arpa):
    corrector = Corrector(Lexicon([Entry("商汤科技")]), judge=JudgeConfig(language_model=str(arpa)))
    assert isinstance(corrector.judge.model, KenLMModel)
    correction = corrector.correct_text("上汤科技发布了新模型。")
    assert correction.text == "商汤科技发布了新模型。"
    assert pickle.loads(pickle.dumps(corrector)).correct_text("上汤科技").text == "商汤科技"


@pytest.mark.parametrize("content", [None, b"just some text\n", b"\xdb\xff\xfe not a model\n" * 4],
                         ids=["missing", "text", "binary"])
def test_unreadable_model_is_an_input_error_naming_the_file(tmp_path, content):
    path = tmp_path / "model.arpa"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(InputError) as caught:
        KenLMModel(path)
    assert caught.value.path == str(path) and str(caught.value).startswith(f"{path}: ")


def test_without_kenlm_the_error_says_to_install_it(arpa, monkeypatch):
    monkeypatch.setitem(sys.modules, "kenlm", None)
    with pytest.raises(InputError, match="pip install kenlm"):
        KenLMModel(arpa)


def test_models_pickle(arpa):
    for model in (WordFrequencyModel(), KenLMModel(arpa)):
        before = model.logprob("商汤科技")
        again = pickle.loads(pickle.dumps(model))
        assert type(again) is type(model) and again.logprob("商汤科技") == pytest.approx(before)
