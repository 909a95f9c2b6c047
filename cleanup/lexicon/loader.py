"""Find, read and merge lexicon files."""
from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Iterable

from ..errors import InputError
from ..formats import open_regular
from .model import Entry, Lexicon, LexiconError
from .text_format import parse_text
from .toml_format import parse_toml

PARSERS = {".toml": parse_toml, ".txt": parse_text}


def read_lexicon_source(path: Path) -> str:
    """The text of a lexicon file, which must be UTF-8 (a BOM is allowed) and a regular file (reading a
    named pipe would wait for a writer, a device might never end)."""
    try:
        with open_regular(Path(path), "a lexicon") as stream:
            data = stream.read()
    except OSError as exc:
        raise LexiconError(path, None, f"cannot read lexicon: {exc.strerror}") from None
    except InputError as exc:
        raise LexiconError(path, None, exc.message) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise LexiconError(path, line, f"not UTF-8 (byte offset {exc.start}); save the lexicon as UTF-8") from None


def load_entries(path: str | Path) -> list[Entry]:
    path = Path(path)
    parser = PARSERS.get(path.suffix.lower(), parse_text)
    return parser(read_lexicon_source(path), str(path))


def load_lexicon(path: str | Path) -> Lexicon:
    return Lexicon(load_entries(path))


def default_lexicon_paths() -> list[Path]:
    """The lexicons shipped with the package (``lexicons/`` in a source checkout)."""
    packaged = resources.files("cleanup") / "default_lexicons"
    folder = Path(str(packaged))
    if not folder.is_dir():
        folder = Path(__file__).resolve().parents[2] / "lexicons"
    return sorted(folder.glob("*.toml"))


def load_lexicons(paths: Iterable[str | Path] = (), defaults: bool = True) -> Lexicon:
    """Merge the default lexicons (unless ``defaults`` is false) with ``paths``, in that order."""
    lexicon = Lexicon()
    for path in [*(default_lexicon_paths() if defaults else []), *paths]:
        lexicon.merge(load_lexicon(path))
    return lexicon
