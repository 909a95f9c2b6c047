"""Typed pass options: each option's type checks and normalises a value when the engine is built, so a
bad value is a usage error naming the option, never a failure in the middle of a run."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable


class OptionError(ValueError):
    """A pass option with a value of the wrong type or out of range."""


@dataclass(frozen=True)
class Number:
    kind: type  # int or float
    low: float
    high: float

    def __call__(self, value: Any) -> float | int:
        if isinstance(value, bool) or not isinstance(value, (int, float)) or (
                self.kind is int and not float(value).is_integer()):
            raise OptionError(f"expects {'an integer' if self.kind is int else 'a number'}, got {value!r}")
        if not self.low <= value <= self.high:
            raise OptionError(f"expects a value from {self.low:g} to {self.high:g}, got {value!r}")
        return self.kind(value)


def similarity_by_length(value: Any) -> dict[str, float]:
    """``{"2": 0.85, "4": 0.75}``: a similarity from 0 to 1 for each term length in syllables."""
    if not isinstance(value, dict) or not value:
        raise OptionError(f'expects a table of term length to similarity, like {{"2": 0.85}}, got {value!r}')
    checked = {}
    for length, similarity in value.items():
        if not str(length).isdigit() or int(length) < 1:
            raise OptionError(f"expects term lengths as positive integers, got {length!r}")
        checked[str(int(length))] = Number(float, 0.0, 1.0)(similarity)
    return checked


def pairs(value: Any) -> list[list[str]]:
    """``[["z", "zh"], ["n", "l"]]``: pairs of pinyin initials or finals."""
    if not isinstance(value, list) or not all(
            isinstance(p, list) and len(p) == 2 and all(isinstance(x, str) and x.isalpha() for x in p) for p in value):
        raise OptionError(f'expects a list of pairs of pinyin parts, like [["z", "zh"]], got {value!r}')
    return [list(p) for p in value]


Check = Callable[[Any], Any]
