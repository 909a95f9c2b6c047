"""Lexicons: the terms a team cares about, their known misrecognitions and their exceptions."""
from .loader import default_lexicon_paths, load_lexicon, load_lexicons
from .model import KINDS, Conflict, Entry, Lexicon, LexiconError

__all__ = ["KINDS", "Conflict", "Entry", "Lexicon", "LexiconError",
           "default_lexicon_paths", "load_lexicon", "load_lexicons"]
