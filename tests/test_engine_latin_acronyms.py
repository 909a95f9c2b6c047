"""The Latin pass on acronyms heard letter by letter, short names said with a vowel swallowed, and scores
that land exactly on the threshold."""
import pytest

from cleanup import Corrector, Entry, Lexicon
from cleanup.passes.latin_terms import spoken_alike


def latin(text, *terms):
    return Corrector(Lexicon([Entry(t) for t in terms]), passes=["latin"]).correct_text(text).text


# ── a score exactly on the threshold ─────────────────────────────────────────────
def test_score_exactly_on_the_threshold_is_fixed():
    # spelled 0.6, sounds the same: (0.6 + 1.0) / 2 is the 0.8 threshold
    assert latin("你参加的是WUICC就是那个大会", "WAIC") == "你参加的是WAIC就是那个大会"


def test_english_word_on_the_threshold_stays():
    # 'which' sounds like WAIC and is spelled 0.6 like it: too little of an English word agrees
    text = "WAIC is in July, which is a big month"
    assert latin(text, "WAIC") == text


# ── acronyms with a letter whose name sounds alike ───────────────────────────────
@pytest.mark.parametrize("text, term, expected", [
    ("please welcome LEBC to the stage", "LEVC", "please welcome LEVC to the stage"),   # bee / vee
    ("华为的CAMN架构", "CANN", "华为的CANN架构"),                                          # em / en
    ("please welcome andLEBC to the stage", "LEVC", "please welcome andLEVC to the stage"),  # glued to 'and'
])
def test_acronym_with_a_sound_alike_letter_is_fixed(text, term, expected):
    assert latin(text, term) == expected


@pytest.mark.parametrize("text, term", [
    ("显卡来自MBIDIA公司", "NVIDIA"),   # two alike letters in six is too many
    ("please welcome lebc here", "LEVC"),  # lower case: not spelled out letter by letter
    ("please welcome xqzLEBC here", "LEVC"),  # glued to something that is not a word
    ("BEAM is new, not the BEAN", "BEAM"),  # an English word in capitals
    ("我们用MLP来做分类", "NLP"),          # three-letter acronyms are too dense to guess between
])
def test_acronym_guards(text, term):
    assert latin(text, term) == text


def test_acronym_tail_of_a_two_word_term_may_have_a_sound_alike_letter():
    assert latin("不会具备像chGBT这样的智能", "ChatGPT") == "不会具备像ChatGPT这样的智能"


def test_acronym_tail_with_an_unlike_letter_stays():
    # C and G sound different (CPU and GPU are both real)
    assert latin("不会具备像chCPT这样的智能", "ChatGPT") == "不会具备像chCPT这样的智能"


@pytest.mark.parametrize("written, term, alike", [
    ("LEBC", "LEVC", True),
    ("GBT", "GPT", True),
    ("TPU", "DPU", True),
    ("CPU", "GPU", False),     # C and G are kept apart
    ("GBD", "GPT", False),     # two alike letters in three
    ("LEBCX", "LEVC", False),  # another length
    ("V100", "B100", False),   # model numbers are not spelled out
])
def test_spoken_alike(written, term, alike):
    assert spoken_alike(written, term) is alike


# ── a short name with a vowel swallowed ──────────────────────────────────────────
def test_short_name_missing_a_vowel_is_fixed():
    assert latin("我们的这个产品叫Vmi用单张图片", "Vimi") == "我们的这个产品叫Vimi用单张图片"


@pytest.mark.parametrize("text, terms", [
    ("我们的这个产品叫vmi用单张图片", ["Vimi"]),          # lower case: not written as a name
    ("我们的这个产品叫VMI用单张图片", ["Vimi"]),          # capitals: an acronym
    ("我们的这个产品叫Vmi用单张图片", ["Vimi", "Vami"]),  # two names drop a vowel the same way
    ("Mrs Wang is here", ["Mars"]),                      # an English word
    ("我们的这个产品叫Vmi用单张图片", ["VIMI"]),          # an acronym is said letter by letter
])
def test_short_name_guards(text, terms):
    assert latin(text, *terms) == text
