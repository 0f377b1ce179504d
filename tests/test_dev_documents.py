"""Issue 13: every real document of ../shared/dev/docs (gold or not) gives its kind, number, date,
issuer and place, and some tasks.

The table below was made by reading each document's header by eye (the two-column header, the
title, and the portal's attribute table where one is present), by the rules of
../shared/gold/GUIDE.md: ``kind`` the kind word the document names itself; ``id`` number and symbol
as printed with spaces and "số" removed (None where no number is printed); ``date`` ISO (``YYYY-MM``
where the day is blank); ``issuer`` the issuing body in full with its locality; ``place`` the
province or city governed (None for a ministry or the Prime Minister). A Quyết định that promulgates
a plan is the decision's record. Places and issuers are spelled as the gold records of
../shared/dev/gold spell them ("Thành phố Hồ Chí Minh", "Ủy ban nhân dân Thành phố Hồ Chí Minh").

Only metadata values are written here, never text of the documents.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from policykg.loaders import extract_file
from policykg.loaders.readers import ocr

DEV = Path(__file__).resolve().parents[2] / "shared" / "dev"
DOCS = DEV / "docs"

KH, QD, CV = "Kế hoạch", "Quyết định", "Công văn"
UBND = "Ủy ban nhân dân"

# file name, kind, id, date, issuer, place
TABLE = [
    ("bacninh_kh144_ubnd.txt", KH, "144/KH-UBND", "2025-11-24", f"{UBND} tỉnh Bắc Ninh", "Bắc Ninh"),
    ("bo-nnmt_qd5042.txt", QD, "5042/QĐ-BNNMT", "2025-11-26", "Bộ Nông nghiệp và Môi trường", None),
    ("bo-vhttdl_qd4385.txt", QD, "4385/QĐ-BVHTTDL", "2025-11-18", "Bộ Văn hóa, Thể thao và Du lịch", None),
    ("camau_kh0204_ubnd.txt", KH, "0204/KH-UBND", "2025-11-24", f"{UBND} tỉnh Cà Mau", "Cà Mau"),
    ("cantho_kh153_ubnd.txt", KH, "153/KH-UBND", "2025-11-17", f"{UBND} thành phố Cần Thơ", "Cần Thơ"),
    ("cantho_kh157_ubnd.txt", KH, "157/KH-UBND", "2025-11-18", f"{UBND} thành phố Cần Thơ", "Cần Thơ"),
    ("cantho_kh159_ubnd.txt", KH, "159/KH-UBND", "2025-11-19", f"{UBND} thành phố Cần Thơ", "Cần Thơ"),
    ("cantho_kh160_ubnd.txt", KH, "160/KH-UBND", "2025-11-19", f"{UBND} thành phố Cần Thơ", "Cần Thơ"),
    ("daklak_kh0124_ubnd.txt", KH, "0124/KH-UBND", "2025-11-18", f"{UBND} tỉnh Đắk Lắk", "Đắk Lắk"),
    ("daklak_kh0125_ubnd.txt", KH, "0125/KH-UBND", "2025-11-18", f"{UBND} tỉnh Đắk Lắk", "Đắk Lắk"),
    ("daklak_kh0129_ubnd.txt", KH, "0129/KH-UBND", "2025-11-21", f"{UBND} tỉnh Đắk Lắk", "Đắk Lắk"),
    ("daklak_kh0130_ubnd.txt", KH, "0130/KH-UBND", "2025-11-21", f"{UBND} tỉnh Đắk Lắk", "Đắk Lắk"),
    ("daklak_kh0134_ubnd.txt", KH, "0134/KH-UBND", "2025-11-25", f"{UBND} tỉnh Đắk Lắk", "Đắk Lắk"),
    ("dongthap_kh597_ubnd.txt", KH, "597/KH-UBND", "2025-11-27", f"{UBND} tỉnh Đồng Tháp", "Đồng Tháp"),
    ("dongthap_kh617_ubnd.txt", KH, "617/KH-UBND", "2025-12-01", f"{UBND} tỉnh Đồng Tháp", "Đồng Tháp"),
    ("hanoi_kh308_ubnd.txt", KH, "308/KH-UBND", "2025-11-17", f"{UBND} thành phố Hà Nội", "Hà Nội"),
    ("hochiminh_kh172_ubnd.txt", KH, "172/KH-UBND", "2025-11-18", f"{UBND} Thành phố Hồ Chí Minh",
     "Thành phố Hồ Chí Minh"),
    ("hochiminh_kh174_ubnd.txt", KH, "174/KH-UBND", "2025-11-18", f"{UBND} Thành phố Hồ Chí Minh",
     "Thành phố Hồ Chí Minh"),
    ("hochiminh_qd2820_ubnd.txt", QD, "2820/QĐ-UBND", "2025-11-19", f"{UBND} Thành phố Hồ Chí Minh",
     "Thành phố Hồ Chí Minh"),
    ("laichau_kh7360_ubnd.txt", KH, "7360/KH-UBND", "2025-11-19", f"{UBND} tỉnh Lai Châu", "Lai Châu"),
    ("laocai_cv9387_ubnd_trienkhai_ctr104tu.txt", CV, "9387/UBND-KT", "2026-09-15", f"{UBND} tỉnh Lào Cai",
     "Lào Cai"),
    # Header: "SỞ CÔNG THƯƠNG" over "ĐOÀN KIỂM TRA THEO QUYẾT ĐỊNH SỐ 1050/QĐ-SCT", signed for the team
    # under the Sở's seal: the team is an ad hoc body of the Sở, so the issuer is the Sở.
    ("laocai_kh1105_dkt_sct_kiemtra_vlncn.pdf", KH, "1105/KH-ĐKT", "2026-03-10", "Sở Công Thương tỉnh Lào Cai",
     "Lào Cai"),
    # A draft: "Số: /KH-SCT", "ngày ... tháng 4 năm 2026" with the day blank.
    ("laocai_kh_sct_dean08_nq35tu.docx", KH, None, "2026-04", "Sở Công Thương tỉnh Lào Cai", "Lào Cai"),
    ("nghean_kh980_ubnd.txt", KH, "980/KH-UBND", "2025-11-18", f"{UBND} tỉnh Nghệ An", "Nghệ An"),
    ("nghean_kh982_ubnd.txt", KH, "982/KH-UBND", "2025-11-19", f"{UBND} tỉnh Nghệ An", "Nghệ An"),
    ("nghean_kh987_ubnd.txt", KH, "987/KH-UBND", "2025-11-20", f"{UBND} tỉnh Nghệ An", "Nghệ An"),
    ("quangngai_qd1627_ubnd.txt", QD, "1627/QĐ-UBND", "2025-11-21", f"{UBND} tỉnh Quảng Ngãi", "Quảng Ngãi"),
    ("sonla_qd2954_ubnd.txt", QD, "2954/QĐ-UBND", "2025-11-20", f"{UBND} tỉnh Sơn La", "Sơn La"),
    ("thanhhoa_kh235_ubnd.txt", KH, "235/KH-UBND", "2025-11-18", f"{UBND} tỉnh Thanh Hóa", "Thanh Hóa"),
    ("ttg_qd2623.txt", QD, "2623/QĐ-TTg", "2025-11-29", "Thủ tướng Chính phủ", None),
]
FIELDS = ("kind", "id", "date", "issuer", "place")


def tesseract_vie() -> bool:
    """Whether ``tesseract`` is installed with the Vietnamese language data."""
    return ocr.available()


def test_table_covers_every_document():
    if not DOCS.is_dir():
        pytest.skip(f"no real documents at {DOCS} (../shared/dev/docs beside the repository)")
    assert sorted(p.name for p in DOCS.iterdir() if p.is_file()) == sorted(row[0] for row in TABLE)


@pytest.mark.parametrize("name,kind,id_,date,issuer,place", TABLE, ids=[row[0] for row in TABLE])
def test_dev_document(name, kind, id_, date, issuer, place):
    path = DOCS / name
    if not path.is_file():
        pytest.skip(f"no real document {name} at {DOCS} (../shared/dev/docs beside the repository)")
    if path.suffix == ".pdf" and not tesseract_vie():
        pytest.skip("this PDF's fonts have no Unicode map: reading it needs OCR, "
                    "`tesseract` with the `vie` language (apt-get install tesseract-ocr tesseract-ocr-vie)")
    record = extract_file(path)
    got = {field: record["document"].get(field) for field in FIELDS}
    assert got == dict(zip(FIELDS, (kind, id_, date, issuer, place)))
    assert len(record["tasks"]) > 0
