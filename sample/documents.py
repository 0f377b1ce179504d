"""Render one local plan (party committee, people's committee, department or commune) as text in
the printed style of real ones, with the record it means.

The parts follow the printed conventions: the head (issuing body in capitals, "Số: …", "<place>,
ngày … tháng … năm …", the kind in capitals, the title), the opening ("Thực hiện …" or "Căn cứ
…;" lines), sections I. MỤC ĐÍCH, YÊU CẦU / II. MỤC TIÊU / III. NHIỆM VỤ, GIẢI PHÁP / IV. TỔ CHỨC
THỰC HIỆN (with KINH PHÍ and CHẾ ĐỘ BÁO CÁO now and then), the closing "Trên đây là Kế hoạch …/.",
"Nơi nhận:", the signature and sometimes an appendix task table.
"""
from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date

from policykg.sample import styles
from policykg.sample import vocab as v
from policykg.sample.goals import goals
from policykg.sample.phrases import FUNDING, PURPOSES, REQUIREMENTS, Dates, Tasks, closing, recipients
from policykg.sample.themes import Theme
from policykg.sample.writer import Context, DocRef, Writer, cap

ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII")
_TASK_TITLES = ("NHIỆM VỤ, GIẢI PHÁP", "NHIỆM VỤ VÀ GIẢI PHÁP CHỦ YẾU", "NHIỆM VỤ TRỌNG TÂM", "NỘI DUNG, NHIỆM VỤ",
                "NHIỆM VỤ, GIẢI PHÁP THỰC HIỆN")


@dataclass
class Plan:
    """What one local plan is: who issues it, where, when, about what, and what it carries out.

    ``carries`` are the documents it implements (the first is its parent in the cascade); ``ref``
    is the plan as its children cite it. A plan with ``id`` None is a draft ("Số: /KH-UBND") and
    ``blank`` says which parts of its date line are left empty ("day" or "daymonth").
    """

    name: str
    level: str
    kind: str
    id: str | None
    date: date
    province: v.Province
    theme: Theme
    carries: list[DocRef]
    ref: DocRef | None = None
    commune: v.Commune | None = None
    department: v.Agency | None = None
    blank: str = ""
    extra_bases: list[DocRef] = field(default_factory=list)

    @property
    def dept(self) -> v.Agency:
        """The department a department plan is issued by."""
        if self.department is None:
            raise ValueError(f"{self.name}: a department plan names no department")
        return self.department

    @property
    def town(self) -> v.Commune:
        """The commune or ward a commune plan is issued by."""
        if self.commune is None:
            raise ValueError(f"{self.name}: a commune plan names no commune")
        return self.commune

    @property
    def issuer(self) -> str:
        if self.level == "party":
            return self.province.party
        if self.level == "department":
            return f"{self.dept.name} {self.province.level} {self.province.name}"
        if self.level == "commune":
            return self.town.people
        return self.province.people

    @property
    def place(self) -> str:
        return self.commune.place if self.commune else self.province.dateline

    def context(self) -> Context:
        lvl = self.commune.kind if self.commune else self.province.level
        doan = "Thành đoàn" if self.province.city else "Tỉnh đoàn"
        return Context(lvl, self.province.committee, doan)


def _date_line(plan: Plan) -> str:
    place = plan.commune.name if plan.commune else plan.province.dateline
    d = plan.date
    day = "    " if plan.blank else f"{d.day:02d}"
    month = "    " if plan.blank == "daymonth" else (f"{d.month:02d}" if d.month < 3 else str(d.month))
    return f"{place}, ngày {day} tháng {month} năm {d.year}"


def _record_date(plan: Plan) -> str:
    if plan.blank == "daymonth":
        return str(plan.date.year)
    if plan.blank == "day":
        return f"{plan.date.year}-{plan.date.month:02d}"
    return plan.date.isoformat()


def _number(plan: Plan) -> str:
    if plan.id:
        return plan.id
    return "     /" + ("KH-UBND" if plan.level in ("province", "commune") else f"KH-{plan.dept.symbol}")


def head(w: Writer, plan: Plan, rng: random.Random) -> None:
    """The head: issuing body, number, place and date (plain lines, or the pipe cells of a
    converted head table)."""
    p, dateline = plan.province, _date_line(plan)
    nation, motto = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"
    if plan.level == "party":
        if rng.random() < 0.5:
            w.raw(f"ĐẢNG BỘ {p.level.upper()} {p.name.upper()}")
            w.raw(p.committee.upper())
        else:
            w.raw(p.party.upper())
        w.raw("*")
        w.raw(f"Số {plan.id}")
        w.raw("ĐẢNG CỘNG SẢN VIỆT NAM")
        w.raw(dateline)
        return
    if plan.level == "commune":
        bodies = ["ỦY BAN NHÂN DÂN", f"{plan.town.kind.upper()} {plan.town.name.upper()}"]
    elif plan.level == "department":
        top = "UBND" if rng.random() < 0.6 else "ỦY BAN NHÂN DÂN"
        bodies = [f"{top} {p.level.upper()} {p.name.upper()}", plan.dept.name.upper()]
    else:
        bodies = ["ỦY BAN NHÂN DÂN", f"{p.level.upper()} {p.name.upper()}"]
    if rng.random() < 0.35:
        w.raw(f"{bodies[0]} | {nation} |")
        w.raw(f"{bodies[1]} | {motto} |")
        w.raw(f"Số: {_number(plan)} | {dateline} |")
        return
    if plan.level == "department":
        w.raw(bodies[0])
        w.raw(bodies[1])
    else:
        w.raw(" ".join(bodies))
    w.raw(nation)
    w.raw(motto)
    w.raw(f"Số: {_number(plan)}")
    w.raw(dateline)


def _wrap(title: str, rng: random.Random) -> list[str]:
    words = title.split()
    if len(words) < 16 or rng.random() < 0.75:
        return [title]
    cut = rng.randint(len(words) // 3, 2 * len(words) // 3)
    return [" ".join(words[:cut]), " ".join(words[cut:])]


def title_and_opening(w: Writer, plan: Plan, rng: random.Random) -> tuple[str, list[str], list[str]]:
    """Print the kind line, the title and the opening; return (title, implements, based_on)."""
    parent = plan.carries[0]
    implements: list[str] = []
    based_on: list[str] = []
    side = plan.carries[1:]
    if plan.level == "party":
        cited, _ = w.cite(parent, depth=rng.choice([0, 1]))
        title = f"Thực hiện {cited}"
        implements.append(parent.id)
    elif rng.random() < 0.75 or side:
        verb = rng.choice(["Triển khai", "Thực hiện", "Triển khai thực hiện"])
        if side:
            first, _ = w.cite(side[0], subject=False)
            second, _ = w.cite(parent, depth=1)
            title = f"{verb} {first} và {second}"
            implements += [side[0].id, parent.id]
        else:
            cited, _ = w.cite(parent, depth=rng.choice([1, 1, 2]))
            title = f"{verb} {cited}"
            implements.append(parent.id)
    else:
        where = "xã" if plan.commune else plan.province.level
        title = f"Triển khai công tác {plan.theme.field} trên địa bàn {where} giai đoạn {plan.date.year} - 2030"
    upper = rng.random() < 0.12
    w.raw("")
    w.raw(plan.kind.upper())
    for part in _wrap(title, rng):
        w.raw(part.upper() if upper else part)
    w.raw("")
    who = _opening_body(plan)
    kind = plan.kind
    roll = rng.random()
    if implements and roll < 0.35 and plan.level != "party":
        # Căn cứ lines: based_on; the title has already said what is carried out.
        if plan.level in ("province", "commune"):
            law, ids = w.cite_law("Tổ chức chính quyền địa phương", 2025)
            w.line(f"Căn cứ {law};")
            based_on += ids
        for ref in plan.extra_bases + plan.carries[1:] + [parent]:
            cited, _ = w.cite(ref, depth=1 if ref is parent and rng.random() < 0.5 else 0)
            w.line(f"Căn cứ {cited};")
            based_on.append(ref.id)
        w.line(f"{who} ban hành {kind} thực hiện như sau:")
    elif roll < 0.85 or not implements:
        cited, _ = w.cite(parent, depth=rng.choice([0, 1, 1, 2]))
        form = rng.random()
        if form < 0.6 or implements == []:
            w.line(f"Thực hiện {cited}, {who} ban hành {kind} triển khai thực hiện như sau:")
        elif form < 0.8:
            w.line(f"Triển khai {cited}; {who} ban hành {kind} thực hiện, cụ thể như sau:")
        else:
            w.line(f"Để triển khai thực hiện có hiệu quả {cited}, {who} xây dựng {kind} như sau:")
        if parent.id not in implements:
            implements.append(parent.id)
    return title, implements, based_on


def _opening_body(plan: Plan) -> str:
    """The body that the opening says issues the plan ("Ủy ban nhân dân tỉnh ban hành …")."""
    if plan.level == "party":
        return f"Ban Thường vụ {plan.province.committee}"
    if plan.level == "department":
        return plan.dept.name
    if plan.level == "commune":
        return f"Ủy ban nhân dân {plan.town.kind}"
    return f"Ủy ban nhân dân {plan.province.level}"


def roster(plan: Plan, rng: random.Random) -> styles.Roster:
    """The agencies a plan of this level assigns work to."""
    theme = plan.theme
    if plan.level == "party":
        return styles.Roster(v.TUYEN_GIAO, [v.TUYEN_GIAO, v.TO_CHUC, v.KIEM_TRA, v.VP_TU, v.DANG_UY_UBND],
                             [v.CAP_UY, v.TRUC_THUOC, v.CTXH], [v.MTTQ, v.CTXH], None,
                             f"Ban Thường vụ {plan.province.committee}")
    if plan.level == "department":
        offices = list(v.offices(plan.dept))
        lead = offices[-1] if rng.random() < 0.6 else rng.choice(offices)
        groups = [v.office_group(plan.dept), v.UBND_XA, v.DV_LQ]
        if plan.department is v.GD:
            groups += [v.TRUONG, v.CSGD]
        return styles.Roster(lead, offices, groups, [], None, rng.choice(["Ban Giám đốc Sở", "Giám đốc Sở"]))
    if plan.level == "commune":
        lead = {"nn": v.KINH_TE, "yt": v.TRAM_YT}.get(theme.key, v.VHXH)
        return styles.Roster(lead, list(v.COMMUNE_BODIES), [v.CTXH, v.TRUONG, v.CQ_DV], [v.MTTQ, v.CTXH], None,
                             f"Ủy ban nhân dân {plan.town.kind}")
    others = [d for d in v.DEPARTMENTS if d is not theme.lead and d not in theme.partners]
    named = list(theme.partners) + rng.sample(others, 2)
    groups = [v.SO_NGANH, v.UBND_XA, v.DIA_PHUONG, v.CQ_DV, v.DV_LQ, v.CQ_LQ]
    groups += [v.CSGD] if theme.key == "gd" else [v.BAO_CHI] if rng.random() < 0.3 else []
    return styles.Roster(theme.lead, named, groups, [v.MTTQ, v.CTXH], v.UBND_XA,
                         rng.choice([f"Ủy ban nhân dân {plan.province.level}", f"UBND {plan.province.level}"]))


def tasks_section(w: Writer, tm: Tasks, r: styles.Roster, plan: Plan, rng: random.Random) -> None:
    """The body of section III in one of the styles a plan of this level uses."""
    choices = {"party": ["plain", "inline"], "province": ["trailer", "bullets", "inline", "plain", "table", "trailer"],
               "department": ["bullets", "trailer", "plain", "inline", "bullets"],
               "commune": ["trailer", "inline", "plain", "table"]}[plan.level]
    style = rng.choice(choices)
    size = 0.6 if plan.level == "commune" else 1.0
    if style == "trailer":
        styles.trailer(w, tm, r, rng, max(2, round(rng.randint(3, 7) * size)))
    elif style == "bullets":
        styles.bullets(w, tm, r, rng, rng.randint(2, 4))
    elif style == "inline":
        styles.inline(w, tm, r, rng, max(2, round(rng.randint(4, 8) * size)))
    elif style == "plain":
        styles.plain(w, tm, rng, rng.randint(2, 4) if size == 1.0 else 2)
    else:
        styles.table(w, tm, r, rng, rng.randint(3, 7), implementing=rng.random() < 0.3)


def organisation(w: Writer, tm: Tasks, r: styles.Roster, plan: Plan, rng: random.Random) -> None:
    """Section IV: agency blocks, "Giao … chủ trì" items, header bullets and implementing subjects."""
    n = 1
    if plan.level == "party":
        styles.inline(w, tm, r, rng, rng.randint(3, 5))
        return
    form = rng.random()
    if form < 0.55:
        heads = [r.lead] + r.some(rng, rng.randint(1, 3), (r.lead,))
        for agency in heads:
            items = rng.choice([1, 2, 3, 4]) if agency is r.lead else rng.choice([1, 1, 2])
            styles.block(w, tm, r, rng, agency, n, items)
            n += 1
    elif form < 0.8:
        styles.header(w, tm, r, rng, n, rng.randint(2, 4))
        n += 1
    else:
        support = r.some_groups(rng, 1)
        when = tm.dates.report(rng)
        text, refs = tm.sentence()
        printed = (f"Giao {w.name(r.lead)} chủ trì, phối hợp với {w.names(support)} {text[:1].lower()}{text[1:]}; "
                   f"theo dõi, đôn đốc việc thực hiện Kế hoạch, tổng hợp kết quả báo cáo {r.report_to} {when}.")
        w.line(f"{n}. {printed}")
        w.task(printed, [r.lead], support, [], when, refs)
        n += 1
    if r.appeal and rng.random() < 0.6:
        styles.block(w, tm, r, rng, r.appeal[0], n, 1, appeal=r.appeal)
        n += 1
    if r.local is not None and rng.random() < 0.5:
        styles.local_block(w, tm, r, rng, n)
        n += 1
    subjects = r.some_groups(rng, 2)
    printed = (f"{w.names(subjects, start=True)} căn cứ chức năng, nhiệm vụ được giao, chủ động xây dựng kế hoạch "
               f"cụ thể và tổ chức thực hiện có hiệu quả các nhiệm vụ của Kế hoạch này.")
    w.line(f"{n}. {printed}")
    w.task(printed, [], [], subjects, None, [])


def render(plan: Plan, seed: str) -> tuple[str, dict]:
    """The text of one plan and its intended record (``GUIDE.md`` shape).

    Parameters
    ----------
    plan : Plan
    seed : str
        The document's own seed; the same seed gives the same bytes.

    Returns
    -------
    (str, dict)
    """
    rng = random.Random(seed)
    w = Writer(rng, plan.id, plan.context(), spaced=rng.random() < 0.4)
    head(w, plan, rng)
    title, implements, based_on = title_and_opening(w, plan, rng)
    where = plan.town.kind if plan.commune else plan.province.level
    dates = Dates(plan.date.year)
    tm = Tasks(rng, plan.theme, w, plan.carries[0], dates, where, steering=plan.level == "party")
    r = roster(plan, rng)
    sep = "-" if rng.random() < 0.1 else "."
    numerals = iter(ROMAN)
    w.line(f"{next(numerals)}{sep} MỤC ĐÍCH, YÊU CẦU")
    root = plan.theme.root
    root_ref = DocRef(root.kind, root.id, root.date, ())
    w.line("1. Mục đích")
    for letter, sentence in zip("abc", rng.sample(PURPOSES, 2)):
        filled = sentence.replace("{lvl}", where)
        if "{root}" in filled:
            filled = filled.replace("{root}", w.cite(root_ref, dated=False)[0])
        if "{parent}" in filled:
            filled = filled.replace("{parent}", w.cite(plan.carries[0], dated=False, issued=False)[0])
        w.line(f"{letter}) {filled}")
    w.line("2. Yêu cầu")
    for letter, sentence in zip("abc", rng.sample(REQUIREMENTS, 2)):
        w.line(f"{letter}) {sentence}")
    if plan.level == "party" or rng.random() < {"province": 0.8, "department": 0.6, "commune": 0.5}[plan.level]:
        count = rng.randint(1, 3) if plan.level == "commune" else rng.randint(2, 5)
        goals(w, plan.theme, rng, f"{next(numerals)}{sep}", where, count)
    w.line(f"{next(numerals)}{sep} {rng.choice(_TASK_TITLES)}")
    tasks_section(w, tm, r, plan, rng)
    if rng.random() < 0.4:
        law, _ = w.cite_law("Ngân sách nhà nước")
        w.line(f"{next(numerals)}{sep} KINH PHÍ THỰC HIỆN")
        w.line(rng.choice(FUNDING).replace("{law}", law))
    w.line(f"{next(numerals)}{sep} TỔ CHỨC THỰC HIỆN")
    organisation(w, tm, r, plan, rng)
    if rng.random() < 0.3 and r.groups:
        when = dates.report(rng)
        subjects = r.some_groups(rng, 2)
        printed = (f"{w.names(subjects, start=True)} báo cáo kết quả thực hiện về {w.name(r.lead)} {when} "
                   f"để tổng hợp, báo cáo {r.report_to}.")
        w.line(f"{next(numerals)}{sep} CHẾ ĐỘ BÁO CÁO")
        w.line(printed)
        w.task(printed, [], [], subjects, when, [])
    carried, _ = w.cite(plan.carries[0], dated=False, issued=rng.random() < 0.5)
    w.line(closing(plan.kind, f"triển khai thực hiện {carried}", rng, w.name(r.lead)))
    w.line("Nơi nhận:")
    for item in recipients(plan.level, rng, plan.context()):
        w.raw(f"- {item}")
    w.raw("")
    w.raw(signature(plan))
    w.raw(v.person(rng))
    if plan.level in ("province", "department") and rng.random() < 0.3:
        appendix(w, tm, r, plan, rng)
    record = {
        "source": f"{plan.name}.txt",
        "document": {"kind": plan.kind, "id": plan.id, "issuer": plan.issuer, "place": plan.place,
                     "date": _record_date(plan), "title": title},
        "implements": implements,
        "based_on": based_on,
        "references": list(w.references.values()),
        "relations": w.relations,
        "tasks": w.tasks,
        "targets": w.targets,
    }
    return w.text(old_tone=rng.random() < 0.25), record


def signature(plan: Plan) -> str:
    return {"party": "T/M BAN THƯỜNG VỤ\nPHÓ BÍ THƯ\n", "province": "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n",
            "department": "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\n", "commune": "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n"}[plan.level]


def appendix(w: Writer, tm: Tasks, r: styles.Roster, plan: Plan, rng: random.Random) -> None:
    """"PHỤ LỤC": a task table after the signature."""
    w.raw("")
    w.raw("PHỤ LỤC")
    w.raw(rng.choice(["DANH MỤC NHIỆM VỤ CỤ THỂ", "PHÂN CÔNG NHIỆM VỤ TRỌNG TÂM"]))
    issuer = cap(plan.issuer)
    w.raw(f"(Kèm theo {plan.kind} số {_number(plan).strip()} của {issuer})")
    w.raw("")
    styles.table(w, tm, r, rng, rng.randint(3, 6))

