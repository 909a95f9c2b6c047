"""``python -m cleanup``: the asr-cleanup command line."""
from .cli import run

run()
