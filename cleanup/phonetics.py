"""Toneless pinyin with fuzzy initials and finals, and a distance between syllable sequences."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from pypinyin.contrib.tone_convert import to_normal
from pypinyin.pinyin_dict import pinyin_dict

from .textnorm import is_han

INITIALS = ("zh", "ch", "sh", "b", "p", "m", "f", "d", "t", "n", "l", "g", "k", "h", "j", "q", "x", "r", "z", "c", "s")
DEFAULT_FUZZY_INITIALS = (("z", "zh"), ("c", "ch"), ("s", "sh"), ("n", "l"), ("l", "r"), ("f", "h"))
DEFAULT_FUZZY_FINALS = (("an", "ang"), ("en", "eng"), ("in", "ing"), ("ian", "iang"), ("uan", "uang"))
# Initials that sound alike without being a listed fuzzy pair (aspiration, place of articulation).
SIMILAR_INITIALS = (("b", "p"), ("b", "m"), ("p", "m"), ("d", "t"), ("g", "k"), ("j", "q"), ("q", "x"), ("j", "x"), ("m", "n"),
                    ("z", "c"), ("c", "s"), ("z", "s"), ("zh", "ch"), ("ch", "sh"), ("zh", "sh"), ("zh", "j"), ("ch", "q"), ("sh", "x"), ("k", "h"))
FUZZY_COST = 0.3
SIMILAR_COST = 0.6
Y_W_FINALS = {"yi": "i", "ya": "ia", "ye": "ie", "yao": "iao", "you": "iu", "yan": "ian", "yang": "iang",
              "yong": "iong", "yin": "in", "ying": "ing", "yu": "v", "yue": "ve", "yuan": "van", "yun": "vn",
              "wu": "u", "wa": "ua", "wo": "uo", "wai": "uai", "wei": "ui", "wan": "uan", "wen": "un",
              "wang": "uang", "weng": "ueng"}


@dataclass(frozen=True)
class Syllable:
    initial: str
    final: str

    def __str__(self) -> str:
        return self.initial + self.final


@lru_cache(maxsize=None)
def split_syllable(toneless: str) -> Syllable:
    """``'zhuang'`` -> ``Syllable('zh', 'uang')``; y/w spellings become their finals, ju -> j + v."""
    if toneless in Y_W_FINALS:
        return Syllable("", Y_W_FINALS[toneless])
    for initial in INITIALS:
        if toneless.startswith(initial) and len(toneless) > len(initial):
            final = toneless[len(initial):]
            if initial in ("j", "q", "x") and final.startswith("u"):
                final = "v" + final[1:]
            return Syllable(initial, final)
    return Syllable("", toneless)


@lru_cache(maxsize=None)
def char_readings(ch: str) -> tuple[str, ...]:
    """All toneless readings of one Han character, the most common first; () for other characters."""
    if not is_han(ch):
        return ()
    marked = pinyin_dict.get(ord(ch), "")
    return tuple(dict.fromkeys(to_normal(r).replace("ü", "v") for r in marked.split(",") if r))


def term_syllables(texts: list[str]) -> list[list[str] | None]:
    """The toneless syllables of each term; None for a term that is not all Han.

    A term has one intended pronunciation, so unlike text characters it gets no alternatives: pypinyin's
    phrase data gives it where it knows the term (重庆 chong qing), else each character's main reading.
    """
    from pypinyin.phrases_dict import phrases_dict

    found = []
    for text in texts:
        readings = [char_readings(ch) for ch in text]
        if not text or not all(readings):
            found.append(None)
        elif text in phrases_dict and len(phrases_dict[text]) == len(text):
            found.append([to_normal(r[0]).replace("ü", "v") for r in phrases_dict[text]])
        else:
            found.append([r[0] for r in readings])
    return found


class FuzzyScheme:
    """Which initials and finals count as the same (coarse key) and how far apart syllables are."""

    def __init__(self, fuzzy_initials=DEFAULT_FUZZY_INITIALS, fuzzy_finals=DEFAULT_FUZZY_FINALS):
        self.initial_groups = _groups(fuzzy_initials)
        self.final_groups = _groups(fuzzy_finals)
        self.fuzzy_initials = {frozenset(p) for p in fuzzy_initials}
        self.fuzzy_finals = {frozenset(p) for p in fuzzy_finals}
        self.similar_initials = {frozenset(p) for p in SIMILAR_INITIALS}
        self._keys: dict[tuple[str, str], int] = {}
        self._groups_of_key: list[tuple[str, str]] = []
        self._cost_cache: dict[tuple[str, str], float] = {}
        self._char_cost_cache: dict[tuple[str, str], float] = {}
        self.key_costs: dict[tuple, float] = {}  # (key, key) and (part, group, group) -> least cost

    def key(self, toneless: str) -> int:
        """A small integer shared by syllables that are equal up to the fuzzy pairs."""
        syl = split_syllable(toneless)
        coarse = (self.initial_groups.get(syl.initial, syl.initial), self.final_groups.get(syl.final, syl.final))
        key = self._keys.get(coarse)
        if key is None:
            key = self._keys[coarse] = len(self._groups_of_key)
            self._groups_of_key.append(coarse)
        return key

    def key_cost(self, a: int, b: int) -> float:
        """The least cost between any two syllables with keys ``a`` and ``b`` (a bound for pruning)."""
        cost = self.key_costs.get((a, b))
        if cost is None:
            (ia, fa), (ib, fb) = self._groups_of_key[a], self._groups_of_key[b]
            cost = 0.5 * self._group_cost("initial", ia, ib) + 0.5 * self._group_cost("final", fa, fb)
            self.key_costs[(a, b)] = cost
        return cost

    def _group_cost(self, part: str, a: str, b: str) -> float:
        """The least cost between members of two initial (or final) groups."""
        cost = self.key_costs.get((part, a, b))
        if cost is None:
            groups, part_cost = ((self.initial_groups, self._initial_cost) if part == "initial"
                                 else (self.final_groups, self._final_cost))
            cost = min(part_cost(x, y) for x in _members(groups, a) for y in _members(groups, b))
            self.key_costs[(part, a, b)] = cost
        return cost

    def cost(self, a: str, b: str) -> float:
        """0 for the same toneless syllable, up to 1 for unrelated ones."""
        if a == b:
            return 0.0
        cached = self._cost_cache.get((a, b))
        if cached is None:
            sa, sb = split_syllable(a), split_syllable(b)
            cached = 0.5 * self._initial_cost(sa.initial, sb.initial) + 0.5 * self._final_cost(sa.final, sb.final)
            self._cost_cache[(a, b)] = cached
        return cached

    def _initial_cost(self, a: str, b: str) -> float:
        if a == b:
            return 0.0
        pair = frozenset((a, b))
        if pair in self.fuzzy_initials or self.initial_groups.get(a, a) == self.initial_groups.get(b, b):
            return FUZZY_COST
        return SIMILAR_COST if pair in self.similar_initials else 1.0

    def _final_cost(self, a: str, b: str) -> float:
        if a == b:
            return 0.0
        if frozenset((a, b)) in self.fuzzy_finals or self.final_groups.get(a, a) == self.final_groups.get(b, b):
            return FUZZY_COST
        return SIMILAR_COST if _one_edit_apart(a, b) else 1.0

    def char_cost(self, ch: str, syllable: str) -> float:
        """Cost of the closest reading of a text character against a term syllable."""
        key = (ch, syllable)
        cost = self._char_cost_cache.get(key)
        if cost is None:
            cost = min((self.cost(r, syllable) for r in char_readings(ch)[:1]), default=1.0)
            self._char_cost_cache[key] = cost
        return cost

    def distance(self, span: str, term: list[str], budget: float = float("inf")) -> float:
        """Summed cost of a text span against a term's syllables, position by position.

        Stops adding once past ``budget``.
        """
        total = 0.0
        for ch, syllable in zip(span, term):
            total += self.char_cost(ch, syllable)
            if total > budget:
                break
        return total


def _members(groups: dict[str, str], group: str) -> list[str]:
    """Every initial or final in ``group`` (a lone one is its own group)."""
    return [group, *(x for x, g in groups.items() if g == group and x != group)]


def _groups(pairs) -> dict[str, str]:
    """Union the pairs into groups, mapping each member to its group's smallest member."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            x = parent[x]
        return x

    for a, b in pairs:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return {x: find(x) for x in parent}


def _one_edit_apart(a: str, b: str) -> bool:
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) == 1
    short, long_ = sorted((a, b), key=len)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))
