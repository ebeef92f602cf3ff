"""regparse.read: the encodings regulations come in, and refusing what is not text."""
from __future__ import annotations

import codecs
import gzip
import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from regparse.errors import ReadError
from regparse.read import decode, read_file

REPO = Path(__file__).resolve().parents[1]
SEEDS = sorted((REPO / "seeds").glob("*.txt"))
SEED_004 = REPO / "seeds" / "004_931bd066818f0e97.txt"
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "dev"

# every supported way of writing the bytes of a text
ENCODERS = {
    "utf-8": lambda s: s.encode("utf-8"),
    "utf-8 with BOM": lambda s: s.encode("utf-8-sig"),
    "gb18030": lambda s: s.encode("gb18030"),
    "gbk": lambda s: s.encode("gbk"),
    "utf-16-le with BOM": lambda s: codecs.BOM_UTF16_LE + s.encode("utf-16-le"),
    "utf-16-be with BOM": lambda s: codecs.BOM_UTF16_BE + s.encode("utf-16-be"),
    "utf-32-le with BOM": lambda s: codecs.BOM_UTF32_LE + s.encode("utf-32-le"),
    "utf-32-be with BOM": lambda s: codecs.BOM_UTF32_BE + s.encode("utf-32-be"),
}


def seed_text() -> str:
    return SEED_004.read_text(encoding="utf-8")


@pytest.mark.parametrize("encoding", ENCODERS)
def test_seed_004_round_trips_in_every_encoding(encoding, tmp_path):
    text = seed_text()
    data = ENCODERS[encoding](text)
    assert decode(data, name="004.txt") == text
    path = tmp_path / "004.txt"
    path.write_bytes(data)
    assert read_file(path) == text
    assert read_file(str(path)) == text


@pytest.mark.parametrize("encoding", ENCODERS)
def test_crlf_is_kept_so_spans_stay_offsets_into_the_returned_text(encoding):
    text = seed_text().replace("\n", "\r\n")
    decoded = decode(ENCODERS[encoding](text))
    assert decoded == text
    assert decoded.count("\r\n") == seed_text().count("\n") > 50


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_every_seed_reads_back_from_gb18030_and_utf16(seed):
    text = seed.read_text(encoding="utf-8")
    assert decode(text.encode("gb18030")) == text
    assert decode(text.encode("utf-16")) == text  # the platform's BOM and byte order
    assert read_file(seed) == text


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is absent")
def test_corpus_documents_read_back_from_gbk():
    paths = sorted(CORPUS.glob("*.txt"))
    sample = random.Random(4).sample(paths, 25)
    for path in sample:
        text = path.read_text(encoding="utf-8")
        try:
            data = text.encode("gbk")
        except UnicodeEncodeError:  # a character outside GBK: GB18030 covers it
            data = text.encode("gb18030")
        assert decode(data, name=path.name) == text, path.name


def test_empty_file_and_bom_only_file_give_empty_text(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert read_file(empty) == ""
    assert decode(b"") == ""
    for bom in (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE):
        assert decode(bom) == ""


def test_only_the_bom_is_removed():
    # a BOM-like character inside the text (a zero-width no-break space) stays
    text = "第一条\u3000本条例\ufeff自发布之日起施行。\r\n"
    assert decode(codecs.BOM_UTF8 + text.encode("utf-8")) == text
    assert decode(codecs.BOM_UTF16_LE + text.encode("utf-16-le")) == text


def _binary_samples() -> dict[str, bytes]:
    rng = random.Random(0)
    return {
        "random bytes": rng.randbytes(4096),
        "gzip of seed 004": gzip.compress(SEED_004.read_bytes()),
        "png header": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00",
        "control characters without NUL": bytes(range(1, 9)) * 200,
        "utf-8 text with NUL bytes": "第一条\x00\x00\x00为了".encode("utf-8"),
        "utf-16 text holding NULs": codecs.BOM_UTF16_LE + "第一条\x00\x00\x00".encode("utf-16-le"),
        "gbk text full of control characters": "第一条".encode("gbk") + bytes(range(1, 20)) * 10,
    }


@pytest.mark.parametrize("kind", _binary_samples())
def test_binary_data_is_a_one_line_error_naming_the_file(kind, tmp_path):
    data = _binary_samples()[kind]
    path = tmp_path / "data.bin"
    path.write_bytes(data)
    with pytest.raises(ReadError) as err:
        read_file(path)
    message = str(err.value)
    assert message.startswith(f"{path}: ")
    assert "binary" in message
    assert "\n" not in message


def test_text_in_no_supported_encoding_is_an_error_naming_it():
    latin1 = "Règlement sur la sécurité, édition révisée".encode("latin-1")
    with pytest.raises(ReadError, match=r"^fr\.txt: not text in a supported encoding"):
        decode(latin1, name="fr.txt")


def test_gb18030_is_accepted_only_when_it_reads_as_chinese_text():
    # Both sides of the plausibility rule: real GBK text (with ASCII, digits and
    # full-width punctuation) is text; bytes that GB18030 maps into the
    # private-use area are not, although GB18030 decodes them without error.
    text = "第十一条　党的工作机关应当（一）加强学习；(2) 2024年1月1日施行。\n"
    assert decode(text.encode("gbk")) == text
    private_use = b"\xaa\xa1\xab\xa2\xfe\xfe" * 50
    assert all("\ue000" <= ch <= "\uf8ff" for ch in private_use.decode("gb18030"))
    with pytest.raises(ReadError, match="not text"):
        decode(private_use, name="x")


def test_a_stray_control_character_is_text_many_are_binary():
    text = seed_text()
    assert decode(text.encode("utf-8") + b"\x1a") == text + "\x1a"  # DOS end-of-file mark
    with pytest.raises(ReadError, match="binary"):
        decode((text[:200] + "\x01\x02\x03\x04\x05\x06\x07\x08" * 10).encode("utf-8"))


def test_utf8_with_one_corrupt_byte_is_still_utf8_not_gb18030():
    # One flipped byte must not make a UTF-8 file read as GB18030 mojibake:
    # the broken sequence becomes U+FFFD and every other character survives.
    data = bytearray(seed_text().encode("utf-8"))
    position = data.index("党的工作机关".encode("utf-8")) + 1
    data[position] = 0xFF
    decoded = decode(bytes(data))
    assert "\ufffd" in decoded
    assert decoded.count("\ufffd") <= 3
    assert "中国共产党工作机关条例" in decoded
    assert len(decoded) >= len(seed_text()) - 1


def test_utf8_truncated_mid_character_keeps_the_text():
    text = seed_text()
    whole = text[: text.rindex("电") + 1]
    data = whole.encode("utf-8")[:-1]  # the last character cut in half, as by a copy limit
    decoded = decode(data)
    assert decoded.endswith("\ufffd")
    assert decoded[:-1] == whole[:-1]


def test_invalid_utf16_after_a_bom_is_an_error():
    with pytest.raises(ReadError, match=r"^u\.txt: .*UTF-16"):
        decode(codecs.BOM_UTF16_LE + "第一条".encode("utf-16-le") + b"\x00\xd8", name="u.txt")


def test_missing_file_and_directory_are_errors_naming_them(tmp_path):
    missing = tmp_path / "nope.txt"
    with pytest.raises(ReadError, match=r"nope\.txt: no such file$"):
        read_file(missing)
    with pytest.raises(ReadError, match="is a directory") as err:
        read_file(tmp_path)
    assert str(tmp_path) in str(err.value)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(
    st.binary(max_size=300),
    # bytes that start like each BOM, to exercise every branch
    st.tuples(st.sampled_from([codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE,
                               codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE]),
              st.binary(max_size=120)).map(lambda t: t[0] + t[1]),
    st.text(max_size=100).map(lambda s: s.encode("utf-8", errors="surrogatepass")),
    st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x4FFF), max_size=60)
      .map(lambda s: s.encode("gb18030")),
))
def test_decode_returns_text_or_raises_read_error_on_any_bytes(data):
    try:
        text = decode(data, name="f")
    except ReadError as e:
        assert str(e).startswith("f: ") and "\n" not in str(e)
    else:
        assert isinstance(text, str)
        assert "\x00" not in text


# printable text, no leading BOM character (that one is removed on purpose)
_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs")), max_size=200).filter(
    lambda s: not s.startswith("\ufeff"))


@settings(max_examples=200, deadline=None)
@given(_TEXT)
def test_utf8_and_bom_encodings_round_trip_any_printable_text(text):
    assert decode(text.encode("utf-8")) == text
    assert decode(text.encode("utf-8-sig")) == text
    assert decode(codecs.BOM_UTF16_BE + text.encode("utf-16-be")) == text
    assert decode(codecs.BOM_UTF32_LE + text.encode("utf-32-le")) == text
