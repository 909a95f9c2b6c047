"""Every format round-trips byte for byte, and fixes land only in its text fields."""
import json
import re
from pathlib import Path

import pytest

from cleanup.formats import FormatError, format_for, read_source
from cleanup.lexicon import Entry, Lexicon
from cleanup.pipeline import Corrector

FIXTURES = Path(__file__).parent / "fixtures" / "formats"
SAMPLES = ["sample.txt", "sample.md", "sample.srt", "sample.vtt", "whisper.json", "faster_whisper.json",
           "sample.jsonl"]
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "gb18030"]
LINE_ENDINGS = {"lf": lambda lines: "\n".join(lines),
                "crlf": lambda lines: "\r\n".join(lines),
                "mixed": lambda lines: "".join(line + ("\r\n" if i % 2 else "\n") for i, line in enumerate(lines))}
FIX = Corrector(Lexicon([Entry("商汤", variants=["上汤"])]), passes=["known-variants"])


def variant(tmp_path, sample, encoding, ending):
    lines = (FIXTURES / sample).read_text("utf-8").split("\n")
    text = LINE_ENDINGS[ending](lines)
    path = tmp_path / sample
    path.write_bytes(text.encode(encoding))
    return path, text


@pytest.mark.parametrize("ending", LINE_ENDINGS)
@pytest.mark.parametrize("encoding", ENCODINGS)
@pytest.mark.parametrize("sample", SAMPLES)
def test_round_trip_without_fixes_is_byte_identical(tmp_path, sample, encoding, ending):
    path, text = variant(tmp_path, sample, encoding, ending)
    source = read_source(path)
    assert source.document.text.count("上汤") > 0  # the prose was found
    correction = Corrector(Lexicon()).correct(source.document)
    assert correction.edits == []
    assert source.render(correction.edits) == path.read_bytes()


@pytest.mark.parametrize("ending", LINE_ENDINGS)
@pytest.mark.parametrize("encoding", ENCODINGS)
@pytest.mark.parametrize("sample", SAMPLES)
def test_fixes_keep_encoding_bom_and_line_endings(tmp_path, sample, encoding, ending):
    path, text = variant(tmp_path, sample, encoding, ending)
    source = read_source(path)
    fixed = source.render(FIX.correct(source.document).edits)
    assert fixed.startswith(text.encode(encoding)[:2]) or encoding == "gb18030"
    decoded = fixed.decode(encoding)
    assert decoded.count("\r\n") == text.count("\r\n")
    assert decoded.count("\n") == text.count("\n")
    assert decoded != text


def lines_changed(before: str, after: str) -> list[str]:
    old, new = before.split("\n"), after.split("\n")
    assert len(old) == len(new)
    return [o for o, n in zip(old, new) if o != n]


def fix_fixture(name):
    source = read_source(FIXTURES / name)
    return source.data.decode(), source.render(FIX.correct(source.document).edits).decode()


def test_srt_fixes_only_cue_text():
    before, after = fix_fixture("sample.srt")
    changed = lines_changed(before, after)
    assert changed == ["今天我们请到了上汤科技的研究员。", "<i>上汤</i>最新的模型", "{\\an8}和 GPT 的对比，上汤 😀",
                       '<font color="#ff0000">上汤</font>  说：谢谢']
    assert '<font color="#ff0000">商汤</font>  说：谢谢' in after
    timing = re.compile(r"^\d\d:\d\d:\d\d,\d{3} --> ")
    assert [l for l in before.split("\n") if timing.match(l) or l.isdigit() or not l] == \
           [l for l in after.split("\n") if timing.match(l) or l.isdigit() or not l]


def test_vtt_fixes_only_cue_text():
    before, after = fix_fixture("sample.vtt")
    changed = lines_changed(before, after)
    assert changed == ["今天我们请到了上汤科技的研究员。", "<v 上汤>上汤</v>最新的模型 &amp; 上汤",
                       "<c.yellow>和 GPT 的对比</c>，上汤 😀 <00:00:05.000>上汤"]
    assert "<v 上汤>商汤</v>最新的模型 &amp; 商汤" in after
    assert "<00:00:05.000>商汤" in after


def test_markdown_leaves_markup_alone():
    before, after = fix_fixture("sample.md")
    assert lines_changed(before, after) == [
        "# 上汤科技发布会",
        "上汤的新模型叫 `上汤-cli`，详见 [上汤官网](https://example.com/上汤) 和 <https://上汤.example.com>。",
        "## 二、上汤的问答", "- 列表项：上汤", "> 引用：上汤 https://example.com/上汤/path"]
    assert "商汤的新模型叫 `上汤-cli`，详见 [商汤官网](https://example.com/上汤) 和 <https://上汤.example.com>。" in after
    assert "> 引用：商汤 https://example.com/上汤/path" in after


@pytest.mark.parametrize("name", ["whisper.json", "faster_whisper.json"])
def test_whisper_json_fixes_only_text_fields(name):
    before, after = fix_fixture(name)
    old, new = json.loads(before), json.loads(after)
    for old_segment, new_segment in zip(old["segments"], new["segments"]):
        assert new_segment["text"] == old_segment["text"].replace("上汤", "商汤")
        assert {k: v for k, v in new_segment.items() if k != "text"} == \
               {k: v for k, v in old_segment.items() if k != "text"}  # timings and words as they were
    assert new["text"] == old["text"].replace("上汤", "商汤")
    assert new["language"] == old["language"]


def test_whisper_top_level_text_follows_segments():
    _, after = fix_fixture("whisper.json")
    data = json.loads(after)
    assert data["text"] == "".join(s["text"] for s in data["segments"])
    assert "\\u5546\\u6c64" in after  # an ASCII-escaped file stays ASCII-escaped


def test_jsonl_fixes_only_text():
    before, after = fix_fixture("sample.jsonl")
    assert lines_changed(before, after) == before.split("\n")[0:1] + before.split("\n")[2:3]
    records = [json.loads(line) for line in after.splitlines() if line]
    assert [r.get("text") for r in records] == ["今天我们请到了商汤科技的研究员。", '商汤最新的模型 "quoted"', None]
    assert records[0]["speaker"] == "上汤" and records[2]["note"] == "no text here 上汤"


def test_edit_lines_follow_jsonl_lines():
    source = read_source(FIXTURES / "sample.jsonl")
    lines = [source.document.line_col(e.start)[0] for e in FIX.correct(source.document).edits]
    assert lines == [1, 3]


@pytest.mark.parametrize("content, expected", [
    ("WEBVTT\n\n00:01.000 --> 00:02.000\nhi\n", "vtt"),
    ("1\n00:00:01,000 --> 00:00:02,000\nhi\n", "srt"),
    ('{"segments": [{"text": "hi"}]}', "json"),
    ('{"text": "hi"}\n{"text": "yo"}\n', "jsonl"),
    ("# Title\n\ntext\n", "markdown"),
    ("just words\n", "text"),
])
def test_format_detected_from_content(tmp_path, content, expected):
    path = tmp_path / "transcript.out"
    path.write_text(content, "utf-8")
    assert read_source(path).format == expected


def test_extension_wins_over_content_and_format_option_over_both(tmp_path):
    assert format_for(Path("a.md"), "1\n00:00:01,000 --> 00:00:02,000\n").name == "markdown"
    assert format_for(Path("a.md"), "", "srt").name == "srt"
    with pytest.raises(ValueError, match="unknown format"):
        format_for(Path("a.md"), "", "docx")


@pytest.mark.parametrize("name, content, line, message", [
    ("a.srt", "1\n00:00:01,000 --> 00:00:02,000\nhi\n\n2\nno timing here\n", 6, "no timestamp"),
    ("b.srt", "1\n00:00:01,000 -> 00:00:02,000\nhi\n", 2, "no timestamp"),
    ("c.srt", "1\n00:00:01 --> 00:00:02,000\nhi\n", 2, "malformed timestamp"),
    ("d.vtt", "00:01.000 --> 00:02.000\nhi\n", 1, "must start with a 'WEBVTT' line"),
    ("e.vtt", "WEBVTT\n\nid\ntext without timing\n", 3, "no timing"),
    ("f.vtt", "WEBVTT\n\n00:01 --> 00:02.000\nhi\n", 3, "malformed timing"),
    ("g.json", '{"segments": [{"text": "hi"}, {"te', 1, "invalid JSON.*truncated"),
    ("h.json", '[1, 2]', None, "not a Whisper transcript"),
    ("i.json", '{"segments": [{"text": 3}]}', None, r"segments\[0\].text is not a string"),
    ("j.jsonl", '{"text": "ok"}\n{"text": "bad"\n', 2, "invalid JSON"),
    ("k.jsonl", '{"text": "ok"}\n[1]\n', 2, "expected a JSON object"),
])
def test_malformed_input_names_file_and_line(tmp_path, name, content, line, message):
    path = tmp_path / name
    path.write_text(content, "utf-8")
    with pytest.raises(FormatError, match=message) as error:
        read_source(path)
    assert error.value.line == line
    assert str(error.value).startswith(str(path))


def test_overlapping_and_backwards_cues_are_warnings(tmp_path):
    path = tmp_path / "a.srt"
    path.write_text("1\n00:00:01,000 --> 00:00:05,000\n上汤\n\n2\n00:00:04,000 --> 00:00:03,000\nhi\n", "utf-8")
    source = read_source(path)
    assert source.warnings == [f"{path}:6: cue ends before it starts",
                               f"{path}:6: cue starts before the previous cue ends (overlapping timestamps)"]
    assert source.render(FIX.correct(source.document).edits).decode().count("商汤") == 1


def test_empty_file_is_a_warning_and_round_trips():
    source = read_source(FIXTURES / "empty.txt")
    assert source.warnings == [f"{FIXTURES / 'empty.txt'}: empty file; left as it is"]
    assert source.render([]) == b""


def test_subtitle_segments_never_cross_a_line_break():
    source = read_source(FIXTURES / "sample.srt")
    assert all("\n" not in text for _, text in source.document.iter_segments())
