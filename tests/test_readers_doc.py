"""Legacy Word .doc: through LibreOffice (numbering kept) or antiword, a clear "install" message when
neither is there, and files merely named .doc read by the right reader."""
from __future__ import annotations

import shutil
import subprocess

import pytest
from test_readers_make import text_to_docx

from policykg.loaders.read import ReadError, read_document
from policykg.loaders.readers import worddoc

TEXT = ("KẾ HOẠCH\n"
        "I. MỤC ĐÍCH\n"
        "1. Sở Giáo dục và Đào tạo chủ trì, phối hợp với Sở Tài chính triển khai[footnoteRef:1] "
        "[1: Theo Kế hoạch số 12/KH-UBND.] thực hiện.\n"
        "a) Tổ chức hội nghị quán triệt.\n"
        "STT | Nhiệm vụ | Đơn vị chủ trì |\n"
        "1 | Tuyên truyền | Sở Thông tin và Truyền thông |\n")
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
SOFFICE = worddoc.find_converter("soffice")
ANTIWORD = worddoc.find_converter("antiword")


@pytest.fixture(scope="module")
def doc_file(tmp_path_factory):
    """TEXT as a Word 97 .doc, written by LibreOffice from a .docx with Word numbering."""
    if not SOFFICE:
        pytest.skip("LibreOffice is not installed (apt-get install libreoffice-writer-nogui): "
                    "it writes the .doc fixture")
    pytest.importorskip("docx")
    folder = tmp_path_factory.mktemp("doc")
    source = text_to_docx(TEXT, folder / "plan.docx", word_numbering=True)
    profile = folder / "profile"
    subprocess.run([SOFFICE, "--headless", "--norestore", f"-env:UserInstallation=file://{profile}",
                    "--convert-to", "doc", "--outdir", str(folder / "out"), str(source)],
                   capture_output=True, timeout=180, check=False)
    doc = folder / "out" / "plan.doc"
    if not doc.exists():
        pytest.skip("LibreOffice did not write the .doc fixture")
    assert doc.read_bytes().startswith(OLE)
    return doc


def test_doc_through_libreoffice_keeps_numbering_tables_footnotes(doc_file):
    lines = [line for line in read_document(doc_file).split("\n") if line]
    assert lines == TEXT.rstrip("\n").split("\n")


@pytest.mark.skipif(not ANTIWORD, reason="antiword is not installed (apt-get install antiword)")
def test_doc_through_antiword(doc_file, monkeypatch):
    monkeypatch.setattr(worddoc, "find_converter", lambda name: ANTIWORD if name == "antiword" else None)
    lines = [line for line in read_document(doc_file).split("\n") if line.strip()]
    # antiword loses Word's automatic numbers; text, table rows and the footnote remain.
    assert "KẾ HOẠCH" in lines and "MỤC ĐÍCH" in lines
    assert "STT | Nhiệm vụ | Đơn vị chủ trì |" in lines
    assert ("Sở Giáo dục và Đào tạo chủ trì, phối hợp với Sở Tài chính triển khai[footnoteRef:1] "
            "thực hiện.") in lines
    assert "[1: Theo Kế hoạch số 12/KH-UBND.]" in lines


def test_without_a_converter_the_message_says_what_to_install(tmp_path, monkeypatch):
    monkeypatch.setattr(worddoc, "find_converter", lambda name: None)
    path = tmp_path / "old.doc"
    path.write_bytes(OLE + b"\0" * 2000)
    with pytest.raises(ReadError) as err:
        read_document(path)
    assert "needs a converter" in err.value.reason
    assert "apt-get install libreoffice-writer-nogui" in err.value.reason and "antiword" in err.value.reason


@pytest.mark.skipif(not (SOFFICE or ANTIWORD), reason="no .doc converter installed")
def test_corrupt_doc_is_refused(tmp_path):
    path = tmp_path / "broken.doc"
    path.write_bytes(OLE + bytes(range(256)) * 4)
    with pytest.raises(ReadError, match="could not read it|not a Word Document|no text|not readable text"):
        read_document(path)


def test_docx_named_doc(tmp_path):
    pytest.importorskip("docx")
    source = text_to_docx(TEXT, tmp_path / "a.docx")
    renamed = tmp_path / "a.doc"
    shutil.copy(source, renamed)
    assert read_document(renamed) == read_document(source)


def test_web_page_named_doc(tmp_path):
    path = tmp_path / "saved.doc"
    path.write_text("<html><body><div class='noidung'><p>Sở Y tế chủ trì tổ chức kiểm tra, "
                    "giám sát việc thực hiện các nhiệm vụ được giao trong năm.</p></div></body></html>",
                    encoding="utf-8")
    assert read_document(path) == ("Sở Y tế chủ trì tổ chức kiểm tra, giám sát việc thực hiện các "
                                   "nhiệm vụ được giao trong năm.")


@pytest.mark.parametrize("content, reason", [(b"", "empty file"),
                                             ("Chỉ là văn bản thường", "not a Word document")])
def test_other_files_named_doc(tmp_path, content, reason):
    path = tmp_path / "x.doc"
    path.write_bytes(content.encode() if isinstance(content, str) else content)
    with pytest.raises(ReadError, match=reason):
        read_document(path)
