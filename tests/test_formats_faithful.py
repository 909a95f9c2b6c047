"""Faithful formats: JSON escapes outside a fix stay as written, subtitles with any line break, GB18030
before other CJK guesses, NUL anywhere means binary, empty files and files with nothing to correct."""
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from cleanup.cli import main
from cleanup.edits import Edit, apply_edits
from cleanup.encoding import GB18030_EURO, SAMPLE_SIZE, EncodingError, detect
from cleanup.formats import read_source, whisper_json

FIXTURES = Path(__file__).parent / "fixtures" / "formats"
LEXICON = ["--lexicon", str(FIXTURES / "terms.txt"), "--no-default-lexicons", "--passes", "known-variants"]


def fix(tmp_path, name: str, data: bytes, *options):
    """Run `fix NAME -o out/NAME`; (result, output bytes or None). The input must stay as it was."""
    source, out = tmp_path / name, tmp_path / "out" / name
    source.write_bytes(data)
    result = CliRunner().invoke(main, ["fix", str(source), *LEXICON, "-o", str(out), *options])
    assert "Traceback" not in result.output and result.exit_code != 123, result.output
    assert source.read_bytes() == data
    return result, out.read_bytes() if out.exists() else None


# --- JSON --------------------------------------------------------------------------------------

def test_whisper_json_keeps_escapes_outside_the_fix(tmp_path):
    text = r"\u4eca\u5929\u4e0a\u6c64 a\/b \"q\" \ud83d\ude00"
    data = json.dumps({"text": "X", "segments": []}).replace('"X"', f'"{text}"', 1)
    data = data.replace("[]", f'[{{"id": 0, "text": "{text}"}}]').encode()
    result, out = fix(tmp_path, "t.json", data)
    assert result.exit_code == 0, result.output
    assert out == data.replace(rb"\u4e0a\u6c64", rb"\u5546\u6c64")  # in the segment and in the derived text


def test_a_non_ascii_json_file_writes_the_fix_raw_and_keeps_other_escapes(tmp_path):
    data = '{"segments": [{"text": "\\u4eca\\u5929上汤\\/说 \\u4e0a\\u6c64"}]}'.encode()
    result, out = fix(tmp_path, "t.json", data)
    assert result.exit_code == 0, result.output
    assert out == '{"segments": [{"text": "\\u4eca\\u5929商汤\\/说 商汤"}]}'.encode()


def test_json_lines_keep_escapes_outside_the_fix(tmp_path):
    data = b'{"text": "\\u4e0a\\u6c64\\t\\/", "id": 1}\n{"text": "\\u4e0a\\u6c64"}\n'
    result, out = fix(tmp_path, "t.jsonl", data)
    assert result.exit_code == 0, result.output
    assert out == data.replace(rb"\u4e0a\u6c64", rb"\u5546\u6c64")


def test_a_lone_surrogate_in_a_fixed_segment(tmp_path):
    data = '{"segments": [{"text": "今天上汤\\ud800发布"}]}'.encode()
    result, out = fix(tmp_path, "t.json", data, "--edits", str(tmp_path / "e.jsonl"))
    assert result.exit_code == 0, result.output
    assert out == '{"segments": [{"text": "今天商汤\\ud800发布"}]}'.encode()
    diff = CliRunner().invoke(main, ["diff", str(tmp_path / "t.json"), *LEXICON])
    assert diff.exit_code == 0 and "{+商汤+}" in diff.output


ESCAPES = {'"': '\\"', "\\": "\\\\", "/": "\\/", "\n": "\\n", "\t": "\\t", "\b": "\\b"}


@st.composite
def escaped_literals(draw):
    """(literal source, its value) where each character is written raw, as a \\u escape or a short escape."""
    chars = draw(st.lists(st.sampled_from(list("上汤今天ab /\"\\\n\t\b😀")), min_size=1, max_size=30))
    parts = []
    for ch in chars:
        ways = [f"\\u{ord(ch):04x}" if ord(ch) < 0x10000 else
                "".join(f"\\u{unit:04x}" for unit in _utf16(ch))]
        if ch in ESCAPES:
            ways.append(ESCAPES[ch])
        if ch not in '"\\\n\t\b':
            ways.append(ch)
        parts.append(draw(st.sampled_from(ways)))
    return '"' + "".join(parts) + '"', "".join(chars)


def _utf16(ch: str) -> list[int]:
    data = ch.encode("utf-16-be")
    return [int.from_bytes(data[i:i + 2], "big") for i in range(0, len(data), 2)]


@settings(max_examples=200, deadline=None)
@given(escaped_literals(), st.data())
def test_a_fix_changes_only_its_own_characters_of_a_literal(case, data):
    literal, value = case
    source = '{"segments": [{"text": ' + literal + '}], "pad": ' + literal + "}"
    transcript = whisper_json.parse(source, "t.json")
    assert transcript.document.text.replace("\n", "") == value.replace("\n", "")
    line_start = 0
    edits = []
    for line in value.split("\n"):  # one edit at most per document line, inside it
        if line:
            start = data.draw(st.integers(line_start, line_start + len(line) - 1))
            end = data.draw(st.integers(start + 1, line_start + len(line)))
            edits.append(Edit(start, end, value[start:end], data.draw(st.sampled_from(["商汤", "x", "\\"])),
                              "test", "t", 1.0, ""))
        line_start += len(line) + 1
    rendered = transcript.render(edits)
    decoded = json.loads(rendered)
    assert decoded["segments"][0]["text"] == apply_edits(value, edits)
    assert rendered.endswith('"pad": ' + literal + "}")  # another literal with the same value is untouched
    if not edits:
        assert rendered == source


# --- subtitles ---------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["sample.vtt", "sample.srt"])
@pytest.mark.parametrize("newline", ["\r", "\r\n"])
def test_subtitles_with_cr_or_crlf_line_breaks(tmp_path, name, newline):
    text = (FIXTURES / name).read_text("utf-8")
    assert "上汤" in text
    data = text.replace("\n", newline).encode()
    result, out = fix(tmp_path, name, data)
    assert result.exit_code == 0, result.output
    (tmp_path / "lf").mkdir()
    _, expected = fix(tmp_path / "lf", name, text.encode())
    assert out == expected.decode().replace("\n", newline).encode()
    assert out != data


def test_a_cue_right_after_the_webvtt_header(tmp_path):
    data = "WEBVTT\n00:00:01.000 --> 00:00:02.000\n上汤发布\n\n00:00:03.000 --> 00:00:04.000\n上汤\n".encode()
    result, out = fix(tmp_path, "t.vtt", data)
    assert result.exit_code == 0, result.output
    assert out == data.replace("上汤".encode(), "商汤".encode())
    header_only = "WEBVTT\nKind: captions\n\n00:00:01.000 --> 00:00:02.000\n上汤\n"
    assert read_source_text(tmp_path, "h.vtt", header_only) == ["上汤"]


def read_source_text(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, "utf-8")
    return [segment for _, segment in read_source(path).document.iter_segments()]


# --- encodings ---------------------------------------------------------------------------------

GBK_WITH_EURO = "今天上汤科技发布了新的模型，售价".encode("gbk") + b"100\x80" + "。大家都很关心价格和发布时间。".encode("gbk")


def test_gbk_with_the_euro_byte_is_read_as_gb18030():
    encoding = detect(GBK_WITH_EURO)
    assert encoding.codec == GB18030_EURO
    assert encoding.decode(GBK_WITH_EURO).endswith("售价100€。大家都很关心价格和发布时间。")


def test_gbk_with_the_euro_byte_is_fixed_byte_for_byte(tmp_path):
    result, out = fix(tmp_path, "t.txt", GBK_WITH_EURO)
    assert result.exit_code == 0, result.output
    assert out == GBK_WITH_EURO.replace("上汤".encode("gbk"), "商汤".encode("gbk"))
    mixed = GBK_WITH_EURO + "€".encode("gb18030")  # € spelled both ways cannot round-trip
    result, out = fix(tmp_path, "m.txt", mixed)
    assert result.exit_code == 1 and "would not give back the same bytes" in result.stderr and out is None


@pytest.mark.parametrize("name", ["late.txt", "late.md", "late.json", "late.srt"])
def test_a_nul_byte_anywhere_means_binary(tmp_path, name):
    fixture = {"late.txt": "sample.txt", "late.md": "sample.md", "late.json": "whisper.json",
               "late.srt": "sample.srt"}[name]
    data = (FIXTURES / fixture).read_bytes()
    padding = b" " * (SAMPLE_SIZE + 10) if name != "late.json" else b""
    data = data.replace(b"\n", b"\n" + padding, 1) + b"\x00\n" if name != "late.json" else \
        data.replace(b"{", b"{" + b" " * (SAMPLE_SIZE + 10), 1).rstrip() + b"\x00"
    assert b"\x00" not in data[:SAMPLE_SIZE]
    result, out = fix(tmp_path, name, data)
    assert result.exit_code == 1 and "looks like a binary file" in result.stderr, result.output
    assert out is None


def test_decoding_refuses_nul_after_the_sample():
    with pytest.raises(EncodingError, match="binary file .NUL character on line 2"):
        detect(b"ok\n").decode(b"ok\n" + b"x\x00", "f.txt")


# --- empty files and files with nothing to correct ---------------------------------------------

@pytest.mark.parametrize("name", ["e.json", "e.vtt", "e.srt", "e.jsonl", "e.txt", "e.md"])
def test_an_empty_file_is_copied_with_a_warning(tmp_path, name):
    result, out = fix(tmp_path, name, b"")
    assert result.exit_code == 0, result.output
    assert out == b"" and "empty file; left as it is" in result.stderr


@pytest.mark.parametrize("name, data", [
    ("t.json", b'{"segments": []}'),
    ("t.srt", b"1\n00:00:01,000 --> 00:00:02,000\n\n"),
    ("t.txt", b"\n  \n\n"),
    ("t.md", b"```\n\xe4\xb8\x8a\xe6\xb1\xa4\n```\n"),
])
def test_a_file_with_no_correctable_text_is_a_warning(tmp_path, name, data):
    result, out = fix(tmp_path, name, data)
    assert result.exit_code == 0, result.output
    assert out == data and "no text to correct" in result.stderr
    assert "no text to correct" not in fix(tmp_path, "other.txt", "上汤\n".encode())[0].stderr
