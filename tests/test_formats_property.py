"""Property tests: random SRT, WebVTT and Whisper JSON documents round-trip, and fixes stay in the text."""
import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleanup.formats import read_source
from cleanup.lexicon import Entry, Lexicon
from cleanup.pipeline import Corrector

FIX = Corrector(Lexicon([Entry("商汤", variants=["上汤"])]), passes=["known-variants"])
NO_FIX = Corrector(Lexicon())
ENCODINGS = st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "gb18030"])
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Cue text: runs of prose (with odd whitespace and emoji) between styling tags.
PROSE = st.lists(st.sampled_from(list("上汤商的模型 好\t\u3000😀🎉aZ0,.!?'\"\\/") + ["上汤"]), min_size=1,
                 max_size=12).map("".join)
TAGS = st.sampled_from(["<i>", "</i>", "<b>", "</b>", "{\\an8}", "<c.red>", "</c>", "&amp;", "<v Bob>"])
TOKENS = st.lists(st.one_of(PROSE.map(lambda t: ("text", t)), TAGS.map(lambda t: ("tag", t))), min_size=1, max_size=6)
NEWLINE = st.sampled_from(["\n", "\r\n"])


def join(tokens) -> str:
    return "".join(value for _, value in tokens)


def fixed(tokens) -> str:
    """What a line should become: prose runs (adjacent ones merged) with every 上汤 replaced."""
    out, run = [], []
    for kind, value in [*tokens, ("tag", "")]:
        if kind == "text":
            run.append(value)
        else:
            out.append("".join(run).replace("上汤", "商汤") + value)
            run = []
    return "".join(out)


def is_cue_line(tokens) -> bool:
    return bool(join(tokens).strip(" \t")) and "-->" not in join(tokens)


CUE_LINES = st.lists(TOKENS.filter(is_cue_line), min_size=1, max_size=3)


def timestamp(seconds: float, separator: str, hours: bool = True) -> str:
    millis = round(seconds * 1000)
    hh, rest = divmod(millis, 3_600_000)
    mm, rest = divmod(rest, 60_000)
    ss, ms = divmod(rest, 1000)
    return (f"{hh:02d}:" if hours else "") + f"{mm:02d}:{ss:02d}{separator}{ms:03d}"


@st.composite
def subtitles(draw, kind: str):
    """(lines as (text, expected after the fix), line endings) of a random SRT or WebVTT document."""
    lines = []
    if kind == "vtt":
        lines += [("WEBVTT", "WEBVTT"), ("", "")]
        if draw(st.booleans()):
            lines += [("NOTE 上汤 stays", "NOTE 上汤 stays"), ("", "")]
    start = 0.0
    for number in range(1, draw(st.integers(1, 4)) + 1):
        end = start + draw(st.floats(0.001, 5))
        separator = "," if kind == "srt" else "."
        timing = f"{timestamp(start, separator)} --> {timestamp(end, separator)}" + draw(
            st.sampled_from(["", " ", " align:start position:10%" if kind == "vtt" else " X1:1 X2:2"]))
        if kind == "srt" or draw(st.booleans()):
            lines.append((str(number) if kind == "srt" else f"cue-{number} 上汤",) * 2)
        lines.append((timing, timing))
        lines += [(join(t), fixed(t)) for t in draw(CUE_LINES)]
        lines += [("", "")] * draw(st.integers(1, 2))
        start = end + draw(st.floats(0, 2))
    endings = [draw(NEWLINE) for _ in lines]
    return lines, endings


def render(lines, endings, index):
    return "".join(line[index] + ending for line, ending in zip(lines, endings))


def read(data: bytes, suffix: str, encoding=None):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"doc{suffix}"
        path.write_bytes(data)
        return read_source(path, encoding=encoding)


@SETTINGS
@given(st.sampled_from(["srt", "vtt"]).flatmap(lambda k: st.tuples(st.just(k), subtitles(k))), ENCODINGS)
def test_subtitles_round_trip(doc, encoding):
    kind, (lines, endings) = doc
    data = render(lines, endings, 0).encode(encoding)
    source = read(data, f".{kind}")
    assert source.render(NO_FIX.correct(source.document).edits) == data


@SETTINGS
@given(st.sampled_from(["srt", "vtt"]).flatmap(lambda k: st.tuples(st.just(k), subtitles(k))), ENCODINGS)
def test_subtitle_fixes_stay_inside_cue_text(doc, encoding):
    kind, (lines, endings) = doc
    source = read(render(lines, endings, 0).encode(encoding), f".{kind}", encoding)
    output = source.render(FIX.correct(source.document).edits)
    assert output == render(lines, endings, 1).encode(encoding)


JSON_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=10).flatmap(
    lambda t: st.sampled_from([t, t + "上汤", "上汤" + t, t + "上汤" + t]))


@st.composite
def whisper(draw):
    segments = []
    for number in range(draw(st.integers(0, 4))):
        segment = {"id": number, "start": draw(st.floats(0, 1e4, allow_nan=False)), "end": 1.5,
                   "text": draw(JSON_TEXT)}
        if draw(st.booleans()):
            segment["words"] = [{"word": "上汤", "start": 0.0, "end": 0.5, "probability": 0.9}]
        segments.append(segment)
    data = {"segments": segments, "language": "zh"}
    top = draw(st.sampled_from(["derived", "own", "none"]))
    if top != "none":
        data["text"] = "".join(s["text"] for s in segments) if top == "derived" else draw(JSON_TEXT)
    return data, draw(st.sampled_from([None, 1, 2, "\t"])), draw(st.booleans())


def expected_fix(data):
    expected = json.loads(json.dumps(data))
    for segment in expected["segments"]:
        segment["text"] = "\n".join(line.replace("上汤", "商汤") for line in segment["text"].split("\n"))
    if "text" in data:
        derived = data["text"] == "".join(s["text"] for s in data["segments"])
        expected["text"] = "".join(s["text"] for s in expected["segments"]) if derived else \
            data["text"].replace("上汤", "商汤")
    return expected


@SETTINGS
@given(whisper(), ENCODINGS)
def test_whisper_json_round_trips_and_fixes_only_text(doc, encoding):
    data, indent, ensure_ascii = doc
    raw = json.dumps(data, indent=indent, ensure_ascii=ensure_ascii).encode(encoding)
    source = read(raw, ".json", encoding)
    assert source.render(NO_FIX.correct(source.document).edits) == raw
    output = source.render(FIX.correct(source.document).edits)
    assert json.loads(output.decode(encoding)) == expected_fix(data)
    if ensure_ascii:
        assert output.decode(encoding).isascii()


@SETTINGS
@given(st.lists(st.one_of(st.none(), JSON_TEXT), max_size=5), NEWLINE)
def test_jsonl_round_trips_and_fixes_only_text(texts, newline):
    records = [{"id": i} if t is None else {"id": i, "text": t, "speaker": "上汤"} for i, t in enumerate(texts)]
    raw = "".join(json.dumps(r, ensure_ascii=False) + newline for r in records).encode()
    source = read(raw, ".jsonl")
    assert source.render([]) == raw
    lines = source.render(FIX.correct(source.document).edits).decode().split("\n")
    output = [json.loads(line) for line in lines if line.strip()]
    assert output == [{**r, "text": r["text"].replace("上汤", "商汤")} if "text" in r else r for r in records]
