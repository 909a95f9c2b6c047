"""Encoding detection, BOM handling and clear errors for undecodable bytes."""
import codecs
import io

import pytest

from cleanup.encoding import EncodingError, TextEncoding, choose, detect, resolve

TEXT = "今天我们请到了上汤科技的研究员，他介绍了最新的模型。\r\nSenseNova 😀\n"


@pytest.mark.parametrize("encoding, name", [
    ("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("utf-16", "utf-16"), ("gb18030", "gb18030"),
    ("gbk", "gb18030"),
])
def test_detect_and_round_trip(encoding, name):
    text = TEXT if encoding != "gbk" else TEXT.replace(" 😀", "")
    data = text.encode(encoding)
    found = detect(data)
    assert found.name == name
    assert found.decode(data) == text
    assert found.encode(found.decode(data)) == data
    assert resolve(found.name, data) == found


def test_gb18030_with_many_emoji_is_detected():
    text = ("WEBVTT\n\ncue-1 上汤\n00:00:00.000 --> 00:00:01.000\n<i>上 😀上😀\n\ncue-2 上汤\n"
            "00:00:01.000 --> 00:00:02.000\n上\n上😀\n上😀\n\n")  # found by hypothesis
    assert detect(text.encode("gb18030")).name == "gb18030"


def test_utf16_big_endian_bom_is_kept():
    data = codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be")
    found = detect(data)
    assert found.decode(data) == TEXT
    assert found.encode(TEXT) == data
    assert resolve("utf-16", data) == found


def test_explicit_encoding_overrides_detection():
    data = "上汤".encode("gb18030")
    assert choose(data, "f.txt", "gbk").decode(data) == "上汤"
    assert choose(data, "f.txt", "latin-1").decode(data) == data.decode("latin-1")


def test_explicit_utf8_strips_and_keeps_a_bom():
    data = codecs.BOM_UTF8 + "上汤".encode()
    chosen = resolve("utf-8", data)
    assert chosen.decode(data) == "上汤" and chosen.encode("上汤") == data


def test_unknown_encoding_name():
    with pytest.raises(LookupError, match="unknown encoding 'klingon'"):
        resolve("klingon", b"")


def test_binary_data_is_refused():
    with pytest.raises(EncodingError, match=r"f.bin: looks like a binary file \(NUL byte at offset 3\)"):
        detect(b"\x89PN\x00G\r\n", "f.bin")


def test_undecodable_bytes_name_file_offset_and_line():
    data = "好的\n上汤\n".encode() + b"\xff\xfe\xfa" + "x".encode()
    with pytest.raises(EncodingError) as error:
        TextEncoding("utf-8").decode(data, "f.txt")
    assert str(error.value).startswith("f.txt: cannot decode byte offset 14 (line 3) as utf-8")
    assert error.value.line == 3


@pytest.mark.parametrize("block_size", [1, 2, 3, 1 << 20])
def test_incremental_decoding_reports_the_absolute_offset(block_size):
    data = "好的\n上汤\n".encode() + b"ab\xe5\x95" + b"\n"
    with pytest.raises(EncodingError, match=r"byte offset 16 \(line 3\)"):
        list(TextEncoding("utf-8").iter_decode(io.BytesIO(data), "f.txt", block_size))


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16", "gb18030"])
@pytest.mark.parametrize("block_size", [1, 3, 1 << 20])
def test_incremental_decoding_matches_whole_decoding(encoding, block_size):
    data = TEXT.encode(encoding)
    chosen = detect(data)
    assert "".join(chosen.iter_decode(io.BytesIO(data), "f", block_size)) == chosen.decode(data)


def test_a_lossy_guess_is_refused():
    data = b" \xfa\\ \xa1"  # decodes as cp932, but encodes back differently
    with pytest.raises(EncodingError, match="would not give back the same bytes"):
        TextEncoding("cp932").decode(data, "f.txt")
    assert not TextEncoding("cp932").lossless and TextEncoding("gb18030").lossless
