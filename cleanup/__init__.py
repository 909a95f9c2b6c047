"""asr-cleanup: fix misrecognised names, products and jargon in Chinese/English ASR transcripts.

>>> from cleanup import Corrector, load_lexicons
>>> corrector = Corrector(load_lexicons(["terms.txt"], defaults=False))
>>> corrector.correct_text("上汤科技发布了日日新").text
"""
from .document import Document
from .edits import Edit, apply_edits, resolve_overlaps
from .lexicon import Entry, Lexicon, LexiconError, load_lexicon, load_lexicons
from .pipeline import Correction, Corrector

__all__ = ["Correction", "Corrector", "Document", "Edit", "Entry", "Lexicon", "LexiconError",
           "apply_edits", "load_lexicon", "load_lexicons", "resolve_overlaps"]
