"""Render the central documents of a theme: the party document at its root (Nghị quyết, Kết luận
or Chỉ thị) and the government document carrying it out (a Nghị quyết of the Chính phủ or a
Quyết định of the Thủ tướng, each issuing a programme or plan attached after its signature).

A central document governs no province: its record's ``place`` is null.
"""
from __future__ import annotations

import random

from policykg.sample import styles
from policykg.sample.goals import goals, target_sentence
from policykg.sample.phrases import Dates, Tasks
from policykg.sample.themes import Central, Theme
from policykg.sample.vocab import DIA_PHUONG, _a, _g, person
from policykg.sample.writer import Context, DocRef, Writer

BO_NGANH = _g("Các bộ, ngành", "các bộ, ngành", "các bộ, ngành liên quan")
UBND_TINH = _g("Ủy ban nhân dân cấp tỉnh", "Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương")
_MINISTRIES = ("Bộ Tài chính", "Bộ Nội vụ", "Bộ Khoa học và Công nghệ", "Bộ Công an", "Bộ Y tế",
               "Bộ Giáo dục và Đào tạo", "Bộ Văn hóa, Thể thao và Du lịch", "Bộ Nông nghiệp và Môi trường",
               "Bộ Công Thương", "Bộ Xây dựng")
SITUATION = (
    "Thời gian qua, công tác lãnh đạo, chỉ đạo và tổ chức thực hiện đã đạt được nhiều kết quả quan trọng; "
    "nhận thức của các cấp, các ngành và Nhân dân có chuyển biến tích cực.",
    "Tuy nhiên, việc triển khai ở một số nơi còn chậm, thiếu đồng bộ; nguồn lực đầu tư chưa tương xứng; "
    "sự phối hợp giữa các cơ quan có lúc chưa chặt chẽ.",
    "Nguyên nhân chủ yếu là một số cấp ủy, chính quyền chưa quan tâm đúng mức; cơ chế, chính sách chậm được "
    "sửa đổi, bổ sung cho phù hợp với thực tiễn.",
)


def ref_of(doc: Central, parent: DocRef | None = None) -> DocRef:
    """The central document as plans cite it."""
    cited = doc.cited_as or (doc.issuer,)
    return DocRef(doc.kind, doc.id, doc.date, tuple((c, doc.issuer) for c in cited), doc.subject, parent, doc.link)


def _record(w: Writer, name: str, doc: Central, title: str, implements: list[str], based_on: list[str]) -> dict:
    return {
        "source": f"{name}.txt",
        "document": {"kind": doc.kind, "id": doc.id, "issuer": doc.issuer, "place": None,
                     "date": doc.date.isoformat(), "title": title},
        "implements": implements, "based_on": based_on,
        "references": list(w.references.values()), "relations": w.relations,
        "tasks": w.tasks, "targets": w.targets,
    }


def party_document(name: str, theme: Theme, seed: str) -> tuple[str, dict]:
    """The party document at the root of a theme (Bộ Chính trị or Ban Bí thư)."""
    rng = random.Random(seed)
    doc = theme.root
    w = Writer(rng, doc.id, Context("cả nước"), spaced=rng.random() < 0.5)
    d = doc.date
    for line in ("BAN CHẤP HÀNH TRUNG ƯƠNG", "*", f"Số {doc.id}", "ĐẢNG CỘNG SẢN VIỆT NAM",
                 f"Hà Nội, ngày {d.day:02d} tháng {d.month} năm {d.year}", "", doc.kind.upper(),
                 f"CỦA {doc.issuer.upper()}", f"về {doc.subject}", ""):
        w.raw(line)
    title = f"của {doc.issuer} về {doc.subject}"
    implements: list[str] = []
    if theme.earlier is not None:
        cited, ids = w.cite(ref_of(theme.earlier), dated=True)
        w.line(f"Tiếp tục thực hiện {cited}, {doc.issuer} kết luận như sau:")
        implements += ids
    w.line("I. TÌNH HÌNH VÀ NGUYÊN NHÂN")
    for sentence in SITUATION:
        w.line(sentence)
    w.line("II. QUAN ĐIỂM VÀ MỤC TIÊU")
    w.line("1. Quan điểm")
    w.line(f"Phát triển {theme.field} là nhiệm vụ quan trọng, thường xuyên của cả hệ thống chính trị, "
           f"đặt dưới sự lãnh đạo của Đảng, quản lý của Nhà nước.")
    w.line(f"2. Mục tiêu đến năm {theme.horizon}")
    own = Tasks(rng, theme, w, None, Dates(d.year), "cả nước")
    inds = rng.sample(list(theme.indicators), 3)
    for ind in inds:
        w.line(f"- {target_sentence(ind, rng, theme.horizon, w)}")
    w.line("III. NHIỆM VỤ, GIẢI PHÁP CHỦ YẾU")
    styles.plain(w, own, rng, 3)
    w.line("IV. TỔ CHỨC THỰC HIỆN")
    kind_word = doc.kind.lower()
    items = [
        (f"Các tỉnh ủy, thành ủy, đảng ủy trực thuộc Trung ương tổ chức học tập, quán triệt {kind_word} này; "
         f"xây dựng chương trình, kế hoạch thực hiện phù hợp với tình hình của địa phương, đơn vị.",
         [], [], [_a("Các tỉnh ủy, thành ủy, đảng ủy trực thuộc Trung ương")]),
        (f"Đảng ủy Chính phủ lãnh đạo, chỉ đạo xây dựng chương trình hành động của Chính phủ; bố trí nguồn lực "
         f"thực hiện các nhiệm vụ về {theme.field}.", [], [], [_a("Đảng ủy Chính phủ")]),
        (f"Đảng ủy Quốc hội lãnh đạo, chỉ đạo rà soát, hoàn thiện hệ thống pháp luật liên quan đến {theme.field}.",
         [], [], [_a("Đảng ủy Quốc hội")]),
        (f"Ban Tuyên giáo và Dân vận Trung ương chủ trì, phối hợp với các cơ quan liên quan hướng dẫn tuyên "
         f"truyền, phổ biến {kind_word} này.", [_a("Ban Tuyên giáo và Dân vận Trung ương")],
         [_g("Các cơ quan liên quan", "các cơ quan liên quan")], []),
        (f"Văn phòng Trung ương Đảng chủ trì, phối hợp với Ủy ban Kiểm tra Trung ương theo dõi, kiểm tra, "
         f"giám sát việc thực hiện; định kỳ báo cáo {doc.issuer}.", [_a("Văn phòng Trung ương Đảng")],
         [_a("Ủy ban Kiểm tra Trung ương")], []),
    ]
    for n, (text, lead, support, implement) in enumerate(items, 1):
        w.line(f"{n}. {text}")
        w.task(text, lead, support, implement, None, [])
    w.line(f"{doc.kind} này được phổ biến đến chi bộ./.")
    w.line("Nơi nhận:")
    w.raw("- Các tỉnh ủy, thành ủy,")
    w.raw("- Lưu Văn phòng Trung ương Đảng.")
    w.raw("")
    w.raw(f"T/M {doc.issuer.upper()}")
    w.raw(person(rng))
    return w.text(), _record(w, name, doc, title, implements, [])


def government_document(name: str, theme: Theme, root: DocRef, seed: str) -> tuple[str, dict]:
    """The government's document issuing a programme or plan that carries out the theme's root."""
    rng = random.Random(seed)
    doc = theme.government
    w = Writer(rng, doc.id, Context("cả nước"), spaced=rng.random() < 0.5)
    decision = doc.kind == "Quyết định"
    body = "THỦ TƯỚNG CHÍNH PHỦ" if decision else "CHÍNH PHỦ"
    plan_kind = "Kế hoạch" if decision else "Chương trình hành động"
    d = doc.date
    for line in (body, f"Số: {doc.id}", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                 f"Hà Nội, ngày {d.day:02d} tháng {d.month} năm {d.year}", "", doc.kind.upper()):
        w.raw(line)
    of_government = " của Chính phủ" if not decision and rng.random() < 0.3 else ""
    cited, _ = w.cite(root, depth=1)
    title = f"Ban hành {plan_kind}{of_government} thực hiện {cited}"
    w.raw(title)
    w.raw("")
    w.raw(body)
    w.raw("")
    law, law_ids = w.cite_law("Tổ chức Chính phủ", 2025)
    w.line(f"Căn cứ {law};")
    cited, _ = w.cite(root)
    w.line(f"Căn cứ {cited};")
    w.line(f"Theo đề nghị của Bộ trưởng {theme.ministry};")
    w.line("QUYẾT ĐỊNH:" if decision else "QUYẾT NGHỊ:")
    this = doc.kind.lower()
    w.line(f"Điều 1. Ban hành kèm theo {doc.kind} này {plan_kind} thực hiện {w.cite(root, dated=False)[0]}.")
    w.line(f"Điều 2. {doc.kind} này có hiệu lực thi hành kể từ ngày ký ban hành.")
    w.line(f"Điều 3. Các Bộ trưởng, Thủ trưởng cơ quan ngang bộ, Chủ tịch Ủy ban nhân dân các tỉnh, thành phố "
           f"trực thuộc trung ương chịu trách nhiệm thi hành {this} này./.")
    w.raw("Nơi nhận:")
    w.raw("- Ban Bí thư Trung ương Đảng;")
    w.raw("- Các bộ, cơ quan ngang bộ;")
    w.raw("- Lưu: VT.")
    w.raw("")
    w.raw("KT. THỦ TƯỚNG\nPHÓ THỦ TƯỚNG" if decision else "TM. CHÍNH PHỦ\nKT. THỦ TƯỚNG\nPHÓ THỦ TƯỚNG")
    w.raw(person(rng))
    w.raw("")
    w.raw(plan_kind.upper())
    w.raw(f"Thực hiện {w.cite(root, depth=1, dated=False)[0]}")
    w.raw(f"(Kèm theo {doc.kind} số {doc.id} ngày {d.day:02d}/{d.month:02d}/{d.year} của {doc.issuer})")
    w.raw("")
    lead = _a(theme.ministry)
    named = [_a(m) for m in _MINISTRIES if m != theme.ministry]
    r = styles.Roster(lead, named, [BO_NGANH, DIA_PHUONG, UBND_TINH], [], None, "Thủ tướng Chính phủ")
    tm = Tasks(rng, theme, w, root, Dates(d.year), "cả nước")
    goals(w, theme, rng, "I.", "cả nước", rng.randint(2, 4))
    w.line("II. NHIỆM VỤ, GIẢI PHÁP CHỦ YẾU")
    if rng.random() < 0.5:
        styles.inline(w, tm, r, rng, rng.randint(4, 7))
    else:
        styles.table(w, tm, r, rng, rng.randint(4, 7))
    w.line("III. TỔ CHỨC THỰC HIỆN")
    text = (f"Bộ trưởng, Thủ trưởng cơ quan ngang bộ, Chủ tịch Ủy ban nhân dân các tỉnh, thành phố trực thuộc "
            f"trung ương xây dựng kế hoạch và tổ chức thực hiện các nhiệm vụ được giao tại {plan_kind} này.")
    w.line(f"1. {text}")
    w.task(text, [], [], [BO_NGANH, UBND_TINH], None, [])
    when = Dates(d.year).report(rng)
    text = (f"{theme.ministry} chủ trì theo dõi, đôn đốc việc thực hiện {plan_kind} này; tổng hợp, báo cáo "
            f"Thủ tướng Chính phủ {when}.")
    w.line(f"2. {text}")
    w.task(text, [lead], [], [], when, [])
    w.line("Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, các cơ quan kịp thời báo cáo để xem xét./.")
    implements = [root.id]
    return w.text(), _record(w, name, doc, title, implements, law_ids + [root.id])


__all__ = ["party_document", "government_document", "ref_of"]
