"""The pass interface: a named plugin that proposes candidate fixes on a document, with their evidence."""
from __future__ import annotations

from abc import ABC, abstractmethod
from typing import ClassVar, Mapping

from ..candidates import Candidate
from ..document import Document
from ..guards import Guards
from ..lexicon.compiled import CompiledLexicon
from .options import Check, OptionError

# Slack in score comparisons, so float rounding never decides a threshold ((0.6 + 1.0) / 2 reaches 0.8)
EPSILON = 1e-6


def at_least(value: float, bound: float) -> bool:
    """``value >= bound`` for scores, forgiving float rounding."""
    return value >= bound - EPSILON


class Pass(ABC):
    """Subclasses set ``name`` and ``description``, declare their options with defaults and types, and
    implement :meth:`propose`. A pass never decides: the judge does, from the evidence it attaches.

    Options arrive as keyword arguments, so a pass is configured by name from the CLI, a config file or
    the API; each is checked by its type when the pass is built.
    """

    name: ClassVar[str]
    description: ClassVar[str]

    def __init__(self, lexicon: CompiledLexicon, guards: Guards, **options):
        self.lexicon = lexicon
        self.guards = guards
        self.options = {**self.option_defaults(), **self.check_options(options)}

    @classmethod
    def option_defaults(cls) -> dict:
        return {}

    @classmethod
    def option_types(cls) -> Mapping[str, Check]:
        return {}

    @classmethod
    def check_options(cls, options: Mapping) -> dict:
        """The options, each checked by its type; OptionError names the first bad one."""
        unknown = sorted(set(options) - set(cls.option_defaults()))
        if unknown:
            raise OptionError(f"pass {cls.name!r} has no option(s) {', '.join(unknown)}; "
                              f"it takes {', '.join(sorted(cls.option_defaults()))}")
        checked = {}
        for key, value in options.items():
            try:
                checked[key] = cls.option_types()[key](value)
            except OptionError as exc:
                raise OptionError(f"{cls.name}.{key} {exc}") from None
        return checked

    @abstractmethod
    def propose(self, doc: Document, floor: float | None = None) -> list[Candidate]:
        """Candidates on ``doc.text``, each inside one of ``doc.segments``; ``floor`` loosens the pass's
        own similarity minimum (for mining near misses)."""
