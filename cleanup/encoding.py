"""Detect, decode and re-encode transcript bytes so that unchanged text round-trips byte for byte."""
from __future__ import annotations

import codecs
from dataclasses import dataclass
from typing import BinaryIO, Iterator

from .errors import InputError, UnknownEncoding

# The byte order marks we recognise, longest first (a UTF-32 LE BOM begins with the UTF-16 LE one).
BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
GB_FAMILY = {"gb2312", "gbk", "gb18030", "hz"}
#: Codecs whose decoding of valid bytes always encodes back to the same bytes.
LOSSLESS = {"utf-8", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be", "gb18030", "ascii", "latin-1", "iso8859-1"}
SAMPLE_SIZE = 64 * 1024


class EncodingError(InputError):
    """Bytes that cannot be read as text; the message names the file and byte offset (and the line)."""

    def __init__(self, path: str, message: str, line: int | None = None):
        self.path, self.line, self.message = str(path), line, message
        ValueError.__init__(self, f"{path}: {message}")


# Windows code page 936, which many GBK files really are, has one byte GB18030 lacks: 0x80 for €
# (WHATWG's gbk decoder reads it the same way). This codec is GB18030 plus that byte; as it is not
# lossless (a file may also spell € the GB18030 way), every decoding of it is checked to round-trip.
GB18030_EURO = "gb18030-euro"


def _euro_byte(exc: UnicodeError) -> tuple[str, int]:
    if isinstance(exc, UnicodeDecodeError) and exc.object[exc.start:exc.start + 1] == b"\x80":
        return "\u20ac", exc.start + 1
    raise exc


def _gb18030_euro(name: str) -> codecs.CodecInfo | None:
    if name.replace("_", "-") != GB18030_EURO:
        return None

    def encode(text: str, errors: str = "strict") -> tuple[bytes, int]:
        return b"\x80".join(part.encode("gb18030", errors) for part in text.split("\u20ac")), len(text)

    def decode(data: bytes, errors: str = "strict") -> tuple[str, int]:
        return codecs.decode(bytes(data), "gb18030", GB18030_EURO if errors == "strict" else errors), len(data)

    base = codecs.getincrementaldecoder("gb18030")

    class IncrementalDecoder(base):  # a C type: its error handler is fixed when it is created
        def __new__(cls, errors: str = "strict"):
            return base.__new__(cls, GB18030_EURO if errors == "strict" else errors)

    return codecs.CodecInfo(encode, decode, incrementaldecoder=IncrementalDecoder, name=GB18030_EURO)


codecs.register_error(GB18030_EURO, _euro_byte)
codecs.register(_gb18030_euro)


@dataclass(frozen=True)
class TextEncoding:
    """A codec plus the byte order mark the file started with (kept on output)."""

    codec: str
    bom: bytes = b""

    @property
    def name(self) -> str:
        """A name :func:`resolve` maps back to this encoding, given the same bytes."""
        if not self.bom:
            return self.codec
        return "utf-8-sig" if self.codec == "utf-8" else self.codec[:6]

    @property
    def lossless(self) -> bool:
        """Whether unchanged text is known to encode back to the very bytes it came from."""
        return self.codec in LOSSLESS

    def decode(self, data: bytes, path: str = "<bytes>") -> str:
        """The text of ``data``; for codecs not known to be lossless, checks that it encodes back the same."""
        try:
            text = data[len(self.bom):].decode(self.codec)
        except UnicodeDecodeError as exc:
            raise self.error(path, data, len(self.bom) + exc.start) from None
        _refuse_nul(path, text, 0)
        if not self.lossless and self.encode(text) != data:
            raise EncodingError(path, f"decoding as {self.name} would not give back the same bytes; "
                                      "pass --encoding to choose the encoding")
        return text

    def encode(self, text: str) -> bytes:
        return self.bom + text.encode(self.codec)

    def error(self, path: str, data: bytes, offset: int, line: int | None = None) -> EncodingError:
        if line is None:
            line = data.count(b"\n", 0, offset) + 1
        return EncodingError(path, f"cannot decode byte offset {offset} (line {line}) as {self.name}; "
                                   "pass --encoding to choose the encoding", line)

    def iter_decode(self, stream: BinaryIO, path: str, block_size: int = 1 << 20) -> Iterator[str]:
        """Decode a binary stream block by block; raises :class:`EncodingError` at the first bad byte."""
        skipped = stream.read(len(self.bom))
        if skipped != self.bom:
            raise EncodingError(path, "the file changed while it was read")
        decoder = codecs.getincrementaldecoder(self.codec)()
        offset, newlines, decoded_lines = len(self.bom), 0, 0
        while True:
            block = stream.read(block_size)
            pending = decoder.getstate()[0]
            try:
                text = decoder.decode(block, final=not block)
            except UnicodeDecodeError as exc:
                bad = offset - len(pending) + exc.start
                head = (pending + block)[:exc.start]
                raise self.error(path, b"", bad, newlines + head.count(b"\n") + 1) from None
            _refuse_nul(path, text, decoded_lines)
            decoded_lines += text.count("\n")
            newlines += block.count(b"\n")
            offset += len(block)
            if text:
                yield text
            if not block:
                return


def text_codec(name: str) -> str:
    """The codec called ``name``; UnknownEncoding unless it is a text encoding (rot13, base64, hex, zlib
    and the like map bytes to bytes or text to text, so they cannot read a transcript)."""
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        raise UnknownEncoding(f"unknown encoding {name!r}") from None
    try:
        b"a".decode(codec)  # not b"": decoding nothing skips the check
    except LookupError:
        raise UnknownEncoding(f"{name!r} is not a text encoding; choose one such as utf-8 or gb18030") from None
    except UnicodeError:  # a text encoding that cannot decode this one byte alone (UTF-16)
        pass
    return codec


def resolve(name: str, data: bytes) -> TextEncoding:
    """The encoding called ``name`` (as in ``--encoding``), keeping a BOM that ``data`` starts with."""
    codec = text_codec(name)
    family = "utf-8" if codec == "utf-8-sig" else codec
    if family.startswith("utf-"):
        for bom, bom_codec in BOMS:
            if data.startswith(bom) and bom_codec[:6] == family[:6]:
                return TextEncoding(bom_codec, bom)
        if family in ("utf-16", "utf-32"):
            return TextEncoding(f"{family}-le")
    return TextEncoding(family)


def detect(sample: bytes, path: str = "<bytes>") -> TextEncoding:
    """Guess the encoding of a file from its first bytes.

    A BOM decides; otherwise UTF-8 if the sample is valid UTF-8, else GB18030 (or GB18030 with the
    euro byte 0x80) if it decodes so into mostly Chinese, else charset-normalizer's best guess. NUL
    bytes outside UTF-16/32 mean binary (decoding checks the rest of the file).
    """
    for bom, codec in BOMS:
        if sample.startswith(bom):
            return TextEncoding(codec, bom)
    nul = sample.find(b"\x00")
    if nul >= 0:
        raise EncodingError(path, f"looks like a binary file (NUL byte at offset {nul}); not a transcript")
    utf8 = codecs.getincrementaldecoder("utf-8")()
    try:
        utf8.decode(sample, final=len(sample) < SAMPLE_SIZE)
        return TextEncoding("utf-8")
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    for codec in ("gb18030", GB18030_EURO):  # before charset-normalizer, which may guess shift_jis for Chinese
        if _mostly_chinese(sample, codec):
            return TextEncoding(codec)
    import charset_normalizer  # only here: importing it costs every run 14 ms, most of which never get this far

    best = charset_normalizer.from_bytes(sample).best()
    if best is None:
        raise TextEncoding("utf-8").error(path, sample, first_bad)
    return TextEncoding("gb18030" if best.encoding in GB_FAMILY else codecs.lookup(best.encoding).name)


def _mostly_chinese(sample: bytes, codec: str) -> bool:
    decoder = codecs.getincrementaldecoder(codec)()
    try:
        text = decoder.decode(sample, final=len(sample) < SAMPLE_SIZE)
    except UnicodeDecodeError:
        return False
    non_ascii = [ch for ch in text if ord(ch) > 127]
    # Han, CJK punctuation, full-width forms, and the emoji recognisers leave in transcripts (🎼, 😊)
    chinese = sum(1 for ch in non_ascii if "\u4e00" <= ch <= "\u9fff" or "\u3000" <= ch <= "\u303f"
                  or "\uff00" <= ch <= "\uffef" or "\u2600" <= ch <= "\u27bf" or "\U0001f000" <= ch <= "\U0001faff")
    return bool(non_ascii) and chinese / len(non_ascii) >= 0.7


def _refuse_nul(path: str, text: str, lines_before: int) -> None:
    """NUL is no character of a transcript: the file is binary (checked in the whole file, not a sample)."""
    nul = text.find("\0")
    if nul >= 0:
        line = lines_before + text.count("\n", 0, nul) + 1
        raise EncodingError(path, f"looks like a binary file (NUL character on line {line}); not a transcript", line)


def choose(sample: bytes, path: str, name: str | None = None) -> TextEncoding:
    """``--encoding NAME`` if given, else :func:`detect`."""
    return resolve(name, sample) if name else detect(sample, path)
