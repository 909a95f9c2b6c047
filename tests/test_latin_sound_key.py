"""The Latin pass's rough English sound key: each of its rules, in order, on a word that needs it."""
import pytest

from cleanup.passes.latin_terms import sound_key


@pytest.mark.parametrize("folded, key", [
    ("sensetime", "sansatam"), ("sincetime", "sansatam"),  # c before e/i/y is s; vowel runs are one a
    ("phone", "fan"),  # ph is f; a final e after two letters goes
    ("check", "kak"),  # ck is k; h after a letter goes
    ("cyber", "sapar"), ("cat", "kat"),  # c is s before y, else k; b is p
    ("quick", "kak"), ("xeon", "ksan"), ("zoom", "sam"),  # q is k, x is ks, z is s
    ("vivid", "fafat"), ("dad", "tat"),  # v is f, d is t
    ("ghost", "gast"), ("good", "kat"),  # g stays before h, else k
    ("letter", "latar"),  # doubled letters are one
    ("kafd", "kaft"), ("caft", "kaft"),
    ("ee", "a"), ("me", "ma"),  # a final e needs two letters before it
])
def test_sound_key(folded, key):
    assert sound_key(folded) == key
