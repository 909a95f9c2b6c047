"""Small character-level helpers shared by the passes."""
from __future__ import annotations

import re

HAN_CLASS = "\u3400-\u4dbf\u4e00-\u9fff"  # CJK unified ideographs and extension A, for regex classes
HAN_RUN = re.compile(f"[{HAN_CLASS}]+")
_ASCII_UPPER_RUN = re.compile("[A-Z]+")


def ascii_lower(text: str) -> str:
    """Lower-case ASCII letters only, so offsets never move."""
    if text.isascii():
        return text.lower()
    # only the capital runs: str.translate looks up every character of Han text, three times slower
    return _ASCII_UPPER_RUN.sub(_lower_run, text)


def _lower_run(match: re.Match) -> str:
    return match.group().lower()


def is_latin_word_char(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"
