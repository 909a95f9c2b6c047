"""Syllables split into initial and final by pypinyin's public API (its strict initials and finals), with
each final spelled as pinyin writes it after an initial, so sounds that rhyme share a final."""
import pickle

import pytest
from pypinyin.contrib.tone_convert import to_finals, to_initials

from cleanup.phonetics import PinyinTables, Syllable, pinyin_syllables, pinyin_tables, split_syllable


@pytest.mark.parametrize("syllable, initial, final", [
    ("zhuang", "zh", "uang"), ("shi", "sh", "i"), ("ju", "j", "v"), ("lv", "l", "v"),
    ("wei", "", "ui"), ("dui", "d", "ui"),    # y and w are no initials; wei rhymes with dui
    ("you", "", "iu"), ("liu", "l", "iu"), ("wen", "", "un"), ("lun", "l", "un"),
    ("yu", "", "v"), ("yuan", "", "van"), ("yo", "", "o"), ("er", "", "er"),
    ("ng", "", "ng"), ("n", "", "n"), ("m", "", "m"), ("hm", "h", "m"), ("hng", "h", "ng"),  # syllabic nasals
])
def test_a_syllable_splits_into_initial_and_final(syllable, initial, final):
    assert split_syllable(syllable) == Syllable(initial, final)


def test_every_syllable_with_a_vowel_takes_pypinyins_strict_initial():
    wrong = {s: split_syllable(s).initial for s in pinyin_syllables()
             if to_finals(s, strict=True) and split_syllable(s).initial != to_initials(s, strict=True)}
    assert not wrong


def test_the_splits_travel_with_the_pickled_tables():
    """An engine loaded from the cache splits syllables without importing pypinyin."""
    tables = pickle.loads(pickle.dumps(pinyin_tables()))
    assert isinstance(tables, PinyinTables)
    assert tables.parts["zhuang"] == Syllable("zh", "uang")
    assert set(tables.parts) == set(tables.syllables)
