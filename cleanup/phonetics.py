"""Toneless pinyin with fuzzy initials and finals, and a distance between syllable sequences."""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from .english import is_english_word
from .textnorm import HAN_CLASS, is_han

DEFAULT_FUZZY_INITIALS = (("z", "zh"), ("c", "ch"), ("s", "sh"), ("n", "l"), ("l", "r"), ("f", "h"))
DEFAULT_FUZZY_FINALS = (("an", "ang"), ("en", "eng"), ("in", "ing"), ("ian", "iang"), ("uan", "uang"))
# Initials that sound alike without being a listed fuzzy pair (aspiration, place of articulation).
SIMILAR_INITIALS = (("b", "p"), ("b", "m"), ("p", "m"), ("d", "t"), ("g", "k"), ("j", "q"), ("q", "x"), ("j", "x"), ("m", "n"),
                    ("z", "c"), ("c", "s"), ("z", "s"), ("zh", "ch"), ("ch", "sh"), ("zh", "sh"), ("zh", "j"), ("ch", "q"), ("sh", "x"), ("k", "h"))
# Finals that sound alike beyond one letter's difference: mid back vowels, rounded or not (科 kē, 扩 kuò)
SIMILAR_FINALS = (("e", "uo"),)
FUZZY_COST = 0.3
SIMILAR_COST = 0.6
LENGTH_CHANGE_COST = 0.6  # a syllable heard that the term lacks, or one of the term's not heard
LATIN_NOISE_COST = 0.3  # a pinyin fragment written in Latin letters inside Han text (ang in 庄ang穆地)
COMMON_READING_SHARE = 0.2  # of a character's uses in phrases, for a reading to count as common
CONTRACTION_COST = 0.3  # on top of the sounds, for two syllables run together into one (路云 -> 轮)
# How a capital letter standing next to Han text is read (B任 for 壁仞)
LETTER_READINGS = {"A": "ei", "B": "bi", "C": "xi", "D": "di", "E": "yi", "G": "ji", "K": "kai", "O": "ou",
                   "P": "pi", "T": "ti", "V": "wei"}
LATIN_BY_HAN = re.compile(f"(?<=[{HAN_CLASS}])[A-Za-z]+|[A-Za-z]+(?=[{HAN_CLASS}])")
# pypinyin's strict finals in full (wei: uei), spelled as pinyin writes them after an initial (dui: ui), so
# the two share a final
WRITTEN_FINALS = {"iou": "iu", "uei": "ui", "uen": "un"}


@dataclass(frozen=True)
class Syllable:
    initial: str
    final: str

    def __str__(self) -> str:
        return self.initial + self.final


def split_syllable(toneless: str) -> Syllable:
    """``'zhuang'`` -> ``Syllable('zh', 'uang')``; y and w are no initials (wei -> ui), ju -> j + v."""
    found = pinyin_tables().parts.get(toneless)
    return found if found is not None else _split_by_pypinyin(toneless)


@lru_cache(maxsize=None)
def _split_by_pypinyin(toneless: str) -> Syllable:
    """pypinyin's strict initial and final of a syllable. pypinyin gives a syllabic nasal (呣 m, 嗯 ng, 噷 hm)
    no final; its nasal is the final here, after an h if it has one."""
    from pypinyin.contrib.tone_convert import to_finals, to_initials

    initial, final = to_initials(toneless, strict=True), to_finals(toneless, strict=True)
    if not final:
        initial = "h" if toneless.startswith("h") and len(toneless) > 1 else ""
        final = toneless[len(initial):]
    return Syllable(initial, WRITTEN_FINALS.get(final, final))


@lru_cache(maxsize=None)
def toneless(marked: str) -> str:
    """'lǜ' -> 'lv'."""
    from pypinyin.contrib.tone_convert import to_normal

    return to_normal(marked).replace("ü", "v")


class PinyinTables:
    """Every Han character's toneless readings, the most common first, and every toneless syllable with its
    initial and final.

    Built from pypinyin's tables on first use; importing pypinyin takes about 0.4 s, so the pinyin pass
    keeps a reference and an engine loaded from the cache brings them along (see :func:`pinyin_tables`).
    """

    def __init__(self, readings: dict[str, tuple[str, ...]], syllables: frozenset[str]):
        self.readings, self.syllables = readings, syllables
        self.parts = {syllable: _split_by_pypinyin(syllable) for syllable in syllables}  # initial and final of each

    @classmethod
    def from_pypinyin(cls) -> "PinyinTables":
        from pypinyin.pinyin_dict import pinyin_dict

        readings = {chr(code): tuple(dict.fromkeys(toneless(r) for r in marked.split(",") if r))
                    for code, marked in pinyin_dict.items() if is_han(chr(code))}
        marked = {r for found in pinyin_dict.values() for r in found.split(",")}
        return cls(readings, frozenset(toneless(r) for r in marked if r))

    def __setstate__(self, state: dict) -> None:
        global _tables
        self.__dict__.update(state)
        if _tables is None:  # unpickled with an engine: pypinyin need not be imported for them
            _tables = self


_tables: PinyinTables | None = None


def pinyin_tables() -> PinyinTables:
    global _tables
    if _tables is None:
        _tables = PinyinTables.from_pypinyin()
    return _tables


def char_readings(ch: str) -> tuple[str, ...]:
    """All toneless readings of one Han character, the most common first; () for other characters."""
    if not is_han(ch):
        return ()
    return pinyin_tables().readings.get(ch, ())


def pinyin_syllables() -> frozenset[str]:
    """Every toneless syllable some Han character is read as."""
    return pinyin_tables().syllables


def latin_reading(fragment: str) -> str | None:
    """How Latin letters written inside Han text are read: a lone capital by its name (B), lower-case
    letters as the pinyin syllable they spell (ang) unless they are an English word too (ai, fan); None
    for anything else."""
    if fragment in LETTER_READINGS:
        return LETTER_READINGS[fragment]
    if len(fragment) > 1 and fragment.islower() and fragment in pinyin_syllables() and not is_english_word(fragment):
        return fragment
    return None


def term_syllables(texts: list[str]) -> list[list[str] | None]:
    """The main toneless syllables of each term; None for a term that is not all Han.

    pypinyin's phrase data gives them where it knows the term (重庆 chong qing), else each character's
    main reading.
    """
    from pypinyin.phrases_dict import phrases_dict

    found = []
    for text in texts:
        readings = [char_readings(ch) for ch in text]
        if not text or not all(readings):
            found.append(None)
        elif text in phrases_dict and len(phrases_dict[text]) == len(text):
            found.append([toneless(r[0]) for r in phrases_dict[text]])
        else:
            found.append([r[0] for r in readings])
    return found


@lru_cache(maxsize=1)
def _phrase_reading_counts() -> dict[str, dict[str, int]]:
    """How often pypinyin's phrase data reads each character each way (with tones)."""
    from pypinyin.phrases_dict import phrases_dict

    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for phrase, readings in phrases_dict.items():
        for ch, marked in zip(phrase, readings):
            counts[ch][marked[0]] += 1
    return counts


def common_readings(ch: str) -> tuple[str, ...]:
    """A character's main reading, then any other that at least COMMON_READING_SHARE of the phrases
    using it have (长: zhang, chang; but 车 only che, since ju is rare)."""
    readings = char_readings(ch)
    if len(readings) < 2:
        return readings
    uses: dict[str, int] = defaultdict(int)
    for marked, n in _phrase_reading_counts().get(ch, {}).items():
        uses[toneless(marked)] += n
    total = sum(uses.values())
    return (readings[0], *(r for r in readings[1:] if total and uses.get(r, 0) >= COMMON_READING_SHARE * total))


def term_pronunciations(texts: list[str], most: int = 4) -> list[list[list[str]]]:
    """Up to ``most`` toneless pronunciations of each term, the main one first; none for a term that is
    not all Han. A term pypinyin's phrase data does not know may read a polyphonic character any common
    way (长尾 chang wei as well as zhang wei)."""
    from pypinyin.phrases_dict import phrases_dict

    found = []
    for text, main in zip(texts, term_syllables(texts)):
        if main is None or text in phrases_dict or all(len(char_readings(ch)) < 2 for ch in text):
            found.append([] if main is None else [main])
            continue
        combos = [main]
        for i, ch in enumerate(text):
            combos = (combos + [c[:i] + [r] + c[i + 1:] for c in combos for r in common_readings(ch)[1:]])[:most]
        found.append(combos)
    return found


class FuzzyScheme:
    """Which initials and finals count as the same (coarse key) and how far apart syllables are."""

    def __init__(self, fuzzy_initials=DEFAULT_FUZZY_INITIALS, fuzzy_finals=DEFAULT_FUZZY_FINALS):
        self.initial_groups = _groups(fuzzy_initials)
        self.final_groups = _groups(fuzzy_finals)
        self.fuzzy_initials = {frozenset(p) for p in fuzzy_initials}
        self.fuzzy_finals = {frozenset(p) for p in fuzzy_finals}
        self.similar_initials = {frozenset(p) for p in SIMILAR_INITIALS}
        self.similar_finals = {frozenset(p) for p in SIMILAR_FINALS}
        self._keys: dict[tuple[str, str], int] = {}
        self._groups_of_key: list[tuple[str, str]] = []
        self._cost_cache: dict[tuple[str, str], float] = {}
        self._contraction_cache: dict[tuple[str, str, str], float | None] = {}
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
        return SIMILAR_COST if _one_edit_apart(a, b) or frozenset((a, b)) in self.similar_finals else 1.0

    def align(self, readings: list[str], term: list[str], noise: frozenset[int] = frozenset(),
              length_change: bool = True) -> tuple[float, list[tuple[int, int]]]:
        """The cheapest reading of a span's units as a term's syllables, with at most one length change
        inside the span (its first and last units each stand for one syllable).

        Returns the summed cost and, per unit, the slice of the term's syllables it stands for: one
        syllable; none for an extra unit (LENGTH_CHANGE_COST, or LATIN_NOISE_COST for the units in
        ``noise``); two for a unit that runs two syllables together. Without ``length_change`` only
        Latin noise may be extra. A Han unit that repeats a neighbour's sound is a stutter, spoken, so it
        is never extra. An empty list means no such reading.
        """
        n, m = len(readings), len(term)
        if n == m:
            return sum(map(self.cost, readings, term)), [(i, i + 1) for i in range(n)]
        best: tuple[float, list[tuple[int, int]]] = (float("inf"), [])
        for k in range(1, n - 1):
            if n == m + 1 and (k in noise or length_change and readings[k] not in (readings[k - 1], readings[k + 1])):
                cost = (LATIN_NOISE_COST if k in noise else LENGTH_CHANGE_COST) + sum(
                    map(self.cost, readings[:k] + readings[k + 1:], term))
                groups = [(i, i + 1) for i in range(k)] + [(k, k)] + [(i - 1, i) for i in range(k + 1, n)]
            elif n == m - 1 and length_change:
                merged = self.contraction_cost(readings[k], term[k], term[k + 1])
                if merged is None:
                    continue
                cost = merged + sum(map(self.cost, readings[:k] + readings[k + 1:], term[:k] + term[k + 2:]))
                groups = [(i, i + 1) for i in range(k)] + [(k, k + 2)] + [(i + 1, i + 2) for i in range(k + 1, n)]
            else:
                break
            if cost < best[0]:
                best = (cost, groups)
        return best

    def contraction_cost(self, reading: str, first: str, second: str) -> float | None:
        """Cost of one syllable heard for two run together: the first's initial with the second's final
        (路云 -> 轮, 君安 -> 娟). None unless it sounds that way within the fuzzy pairs or one similar sound."""
        key = (reading, first, second)
        if key not in self._contraction_cache:
            self._contraction_cache[key] = self._contraction_cost(reading, first, second)
        return self._contraction_cache[key]

    def _contraction_cost(self, reading: str, first: str, second: str) -> float | None:
        heard, a, b = split_syllable(reading), split_syllable(first), split_syllable(second)
        sound = 0.5 * self._initial_cost(heard.initial, a.initial) + 0.5 * self._final_cost(heard.final, b.final)
        # heard exactly as one of the two, the other was dropped: too often the speaker's own words (车路一体化)
        dropped = reading in (first, second)
        return sound + CONTRACTION_COST if sound <= FUZZY_COST and not dropped else None

    def distance(self, readings: list[str], term: list[str], budget: float = float("inf")) -> float:
        """Summed cost of a span's readings against a term's syllables, position by position.

        Stops adding once past ``budget``.
        """
        total = 0.0
        for reading, syllable in zip(readings, term):
            total += self.cost(reading, syllable)
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
