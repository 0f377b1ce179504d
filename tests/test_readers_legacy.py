"""Legacy Vietnamese encodings: TCVN3 (ABC), VNI and Windows-1258 read as Unicode, and only when
the detector is confident."""
from __future__ import annotations

import unicodedata

import pytest

from policykg.loaders.read import ReadError, decode_text, read_document
from policykg.loaders.readers import legacy
from policykg.loaders.readers.vnsyllable import is_syllable, syllable_score
from policykg.loaders.readers.vntables import TCVN3, VNI

PLAN = ("KẾ HOẠCH\n"
        "Thực hiện Nghị quyết số 29-NQ/TW của Ban Chấp hành Trung ương về đổi mới căn bản, toàn diện "
        "giáo dục và đào tạo.\n"
        "Sở Giáo dục và Đào tạo chủ trì, phối hợp với Sở Tài chính triển khai các nhiệm vụ trọng "
        "tâm; Ủy ban nhân dân các huyện, thành phố tổ chức thực hiện.\n"
        "Phấn đấu đến năm 2030 tỷ lệ trường đạt chuẩn quốc gia đạt 80%.\n")


def encode_tcvn3(text: str) -> bytes:
    """Unicode -> TCVN3 bytes, by inverting the table (capitals take the lower-case code, as a
    .VnTimeH heading did)."""
    inverse = {letter: code for code, letter in TCVN3.items()}
    out = bytearray()
    for char in unicodedata.normalize("NFC", text):
        if char in inverse:
            out.append(inverse[char])
        elif char.lower() in inverse and char.lower() != char:
            out.append(inverse[char.lower()])
        else:
            out += char.encode("latin-1")
    return bytes(out)


def encode_vni(text: str) -> bytes:
    inverse: dict[str, str] = {}
    for seq, letter in VNI.items():
        # Keep the canonical form: upper-case marks after capitals, lower-case after small letters.
        if len(seq) == 1 or seq[0].isupper() == seq[1].isupper():
            inverse.setdefault(letter, seq)
    return "".join(inverse.get(c, c) for c in unicodedata.normalize("NFC", text)).encode("latin-1")


# --- the tables against known spellings (independent of the encoders above) ---------------------

@pytest.mark.parametrize("legacy_text, unicode_text", [
    ("KÕ ho¹ch", "Kế hoạch"),
    ("Tr\xadêng trung häc c¬ së", "Trường trung học cơ sở"),
    ("§µo t¹o", "Đào tạo"),
    ("Së Tµi chÝnh", "Sở Tài chính"),
    ("ñy ban nh©n d©n", "ủy ban nhân dân"),
])
def test_tcvn3_known_spellings(legacy_text, unicode_text):
    assert legacy.convert_tcvn3(legacy_text) == unicode_text


@pytest.mark.parametrize("legacy_text, unicode_text", [
    ("Keá hoaïch", "Kế hoạch"),
    ("Vieät Nam", "Việt Nam"),
    ("Ñoàng Nai", "Đồng Nai"),
    ("tröôøng hoïc", "trường học"),
    ("UÛY BAN NHAÂN DAÂN", "ỦY BAN NHÂN DÂN"),
    ("Aùnh saùng", "Ánh sáng"),  # title case mixes a capital with a small mark byte
])
def test_vni_known_spellings(legacy_text, unicode_text):
    assert legacy.convert_vni(legacy_text) == unicode_text


def test_tables_cover_every_vietnamese_letter():
    letters = set("aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵđ")
    assert letters - set("aeiouy") <= set(TCVN3.values())
    assert letters - set("aeiouy") <= set(VNI.values())
    assert {c.upper() for c in letters} - set("AEIOUY") <= set(VNI.values())


# --- whole files ---------------------------------------------------------------------------------

@pytest.mark.parametrize("name, encode", [
    ("tcvn3", encode_tcvn3),
    ("vni", encode_vni),
    ("windows-1258", legacy.encode_windows_1258),
])
def test_legacy_text_file_reads_as_unicode(tmp_path, name, encode):
    path = tmp_path / f"{name}.txt"
    path.write_bytes(encode(PLAN))
    text = read_document(path)
    # TCVN3 has no code for a toned capital: "Ủy" inside a sentence comes back as "ủy" (headings
    # in capitals survive through the all-capitals rule).
    expected = PLAN if name != "tcvn3" else PLAN.replace("Ủy ban", "ủy ban")
    assert text == expected
    assert legacy.detect_encoding(path.read_bytes())[0] == name


def test_windows_1258_is_stored_with_combining_marks_and_read_as_nfc(tmp_path):
    data = legacy.encode_windows_1258("Kế hoạch")
    assert data == b"K\xea\xec hoa\xf2ch"  # ê + combining acute; a + combining dot below
    assert unicodedata.is_normalized("NFC", decode_text(data))


def test_tcvn3_heading_in_capitals_font_is_upper_cased():
    assert legacy.convert_tcvn3("KÕ HO¹CH THùC HIÖN") == "KẾ HOẠCH THỰC HIỆN"
    assert legacy.convert_tcvn3("Së Gi¸o dôc") == "Sở Giáo dục"  # one capital is not a heading


def test_undecidable_bytes_are_refused_not_guessed(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes("Le café de la gare était fermé à midi".encode("latin-1"))
    with pytest.raises(ReadError) as err:
        read_document(path)
    assert "not valid utf-8" in err.value.reason and "TCVN3, VNI or Windows-1258" in err.value.reason


def test_utf8_vietnamese_is_left_alone_even_with_only_latin1_letters():
    # "Tài chính" uses only Latin-1 letters, which are also TCVN3 codes: it must not be converted.
    text = "Sở Tài chính\nTài chính\nHà Nội\n"
    assert decode_text(text.encode("utf-8")) == text


def test_repair_converts_only_the_legacy_lines_of_mixed_text():
    mixed = "Kế hoạch năm 2025\n" + encode_tcvn3("Sở Tài chính phối hợp thực hiện").decode("latin-1")
    assert legacy.repair_text(mixed) == "Kế hoạch năm 2025\nSở Tài chính phối hợp thực hiện"


def test_font_names_map_to_encodings():
    assert legacy.font_encoding("ABCDEF+.VnTimeH") == "tcvn3"
    assert legacy.font_encoding("VNI-Helve") == "vni"
    assert legacy.font_encoding("Times New Roman") is None


def test_syllable_score_separates_right_and_wrong_decodings():
    right = syllable_score(PLAN)
    wrong = syllable_score(encode_tcvn3(PLAN).decode("latin-1"))
    assert right[0] / right[1] > 0.95
    assert wrong[0] / wrong[1] < 0.5
    assert not is_syllable("hoÆc") and is_syllable("hoặc")


def test_detection_reads_a_large_file(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes(encode_vni(PLAN) * 20000)  # about 5 MB
    text = read_document(path)
    assert text.startswith("KẾ HOẠCH\nThực hiện Nghị quyết")


def test_utf8_with_a_stray_byte_is_kept(tmp_path):
    path = tmp_path / "mixed.txt"
    path.write_bytes(PLAN.encode("utf-8") * 3 + b"\xe0 \n")
    text = read_document(path)
    assert text.startswith(PLAN) and text.count("\ufffd") == 1
