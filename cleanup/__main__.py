"""``python -m cleanup``: the asr-cleanup command line."""
from .cli import main

main(prog_name="asr-cleanup")
