"""Fuzzing through the CLI: mangled inputs give a clean error or a correct result, never a traceback."""
import tempfile
from pathlib import Path

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleanup.cli import main

FIXTURES = Path(__file__).parent / "fixtures" / "formats"
SAMPLES = ["sample.txt", "sample.md", "sample.srt", "sample.vtt", "whisper.json", "faster_whisper.json",
           "sample.jsonl"]
NO_TERMS = ["--lexicon", str(FIXTURES / "no_terms.txt"), "--no-default-lexicons"]


@st.composite
def mangled(draw):
    """(file name, bytes, extra options) of a fixture damaged in one of several ways."""
    name = draw(st.sampled_from(SAMPLES))
    data = (FIXTURES / name).read_bytes()
    how = draw(st.sampled_from(["truncate", "flip", "insert", "random", "wrong-encoding", "re-encoded"]))
    options = []
    if how == "truncate":
        data = data[:draw(st.integers(0, len(data)))]
    elif how == "flip":
        at = draw(st.integers(0, len(data) - 1))
        data = data[:at] + bytes([data[at] ^ draw(st.integers(1, 255))]) + data[at + 1:]
    elif how == "insert":
        at = draw(st.integers(0, len(data)))
        data = data[:at] + draw(st.binary(min_size=1, max_size=8)) + data[at:]
    elif how == "random":
        data = draw(st.binary(max_size=200))
    else:
        data = data.decode().encode(draw(st.sampled_from(["gb18030", "utf-16", "utf-8-sig"])))
        if how == "wrong-encoding":
            options = ["--encoding", draw(st.sampled_from(["utf-8", "gb18030", "utf-16", "ascii"]))]
    return name, data, options


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mangled())
def test_mangled_input_gives_a_clean_error_or_an_identical_copy(case):
    name, data, options = case
    with tempfile.TemporaryDirectory() as folder:
        source, out = Path(folder) / name, Path(folder) / "out" / name
        source.write_bytes(data)
        result = CliRunner().invoke(main, ["fix", str(source), *NO_TERMS, "-o", str(out), *options])
        assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
        assert "Traceback" not in result.output and "internal error" not in result.output
        assert source.read_bytes() == data
        if result.exit_code == 0:
            assert out.read_bytes() == data  # no terms: whatever is accepted comes back byte for byte
        else:
            assert result.exit_code == 1, result.output
            assert f"error: {source}" in result.stderr
            assert not out.exists()
            assert [p.name for p in out.parent.iterdir()] == [] if out.parent.exists() else True
