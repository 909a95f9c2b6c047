"""How plausible a piece of text is: the judge's language models.

Built in: :class:`WordFrequencyModel`, a unigram model over jieba's dictionary and the lexicon's terms that
scores a string by its most probable segmentation (the model jieba itself segments with). Pluggable: :class:`KenLMModel`,
an n-gram model file (ARPA or binary, character or word tokens) read by the optional ``kenlm`` package,
the kind of model pycorrector uses. Both give natural-log probabilities.
"""
from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Protocol

from ..errors import InputError
from ..guards import _base_tokenizer, base_segment
from ..textnorm import HAN_CLASS

HAN_OR_OTHER = re.compile(f"[{HAN_CLASS}]+|[^{HAN_CLASS}\\s]+")
# A run of Latin letters, digits or symbols counts as one rare token: the models are for Han text
OTHER_RUN_LOGPROB = math.log(1e-6)


class LanguageModel(Protocol):
    name: str

    def logprob(self, text: str) -> float:
        """Natural-log probability of ``text`` standing on its own."""


class WordFrequencyModel:
    """log P(text) of the best segmentation into jieba's dictionary words, each word independent.

    Given the engine's ``guards``, the lexicon's terms are words too (as jieba segments with them), so a
    fix is weighed with its term as the word it is, not as loose characters: 礼贤镇子各庄 read with the
    term 礼贤镇 against as written, 北京市间 against 北京时间.
    """

    name = "word-frequency"

    def __init__(self, guards=None):
        self.guards = guards
        self._cache: dict[str, float] = {}

    def logprob(self, text: str) -> float:
        found = self._cache.get(text)
        if found is None:
            if len(self._cache) > 200_000:
                self._cache.clear()
            found = self._cache[text] = sum(self._run(m.group()) for m in HAN_OR_OTHER.finditer(text))
        return found

    def _run(self, run: str) -> float:
        if not ("\u3400" <= run[0] <= "\u9fff"):
            return OTHER_RUN_LOGPROB
        tokenizer = self.guards.tokenizer if self.guards is not None else _base_tokenizer()
        route: dict[int, tuple[float, int]] = {}
        tokenizer.calc(run, tokenizer.get_DAG(run), route)
        return route[0][0]

    def __getstate__(self) -> dict:
        return {**self.__dict__, "_cache": {}}


class KenLMModel:
    """An n-gram model file read by ``kenlm``; ``tokens`` is ``chars`` (one Han character a token, as
    pycorrector's models are) or ``words`` (jieba's words)."""

    name = "kenlm"

    def __init__(self, path: str | Path, tokens: str = "chars"):
        try:
            import kenlm
        except ImportError:
            raise InputError(path, None, "a kenlm model needs the kenlm package: pip install kenlm") from None
        if tokens not in ("chars", "words"):
            raise ValueError(f"tokens must be 'chars' or 'words', not {tokens!r}")
        if not Path(path).is_file():
            raise InputError(path, None, "language model file not found")
        try:
            self._model = kenlm.Model(str(path))
        except (OSError, RuntimeError, ValueError) as exc:  # ValueError: kenlm's message holds undecodable bytes
            raise InputError(path, None, f"not a kenlm model: {exc}") from None
        self.path, self.tokens = str(path), tokens
        self._cache: dict[str, float] = {}

    def logprob(self, text: str) -> float:
        found = self._cache.get(text)
        if found is None:
            if self.tokens == "chars":
                pieces = [ch for ch in text if not ch.isspace()]
            else:
                pieces = [w for w in base_segment(text) if w.strip()]
            found = self._cache[text] = self._model.score(" ".join(pieces), bos=False, eos=False) * math.log(10)
        return found

    def __reduce__(self):
        return KenLMModel, (self.path, self.tokens)
