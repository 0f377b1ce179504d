"""Assignment styles: the ways a plan says who does a task, each printed and noted in the record
under the roles ``GUIDE.md`` gives it.

- ``trailer``: items closed by "Cơ quan thực hiện: A chủ trì; B, C phối hợp thực hiện." (or an
  undivided list: implement), sometimes with "Thời gian thực hiện: …";
- ``bullets``: "a) Title" + paragraph + "· Đơn vị chủ trì tham mưu / Đơn vị phối hợp thực hiện /
  Thời gian thực hiện" bullets;
- ``inline``: "A chủ trì, phối hợp với B …", "Giao A chủ trì …", "A phối hợp với B …" (B leads),
  subjects with no split ("Các sở, ban, ngành … tổ chức thực hiện": implement);
- ``plain``: topic headings over lettered items that name no agency;
- ``blocks``: "1. Sở Tài chính" over "a) Chủ trì, phối hợp với X …" / "b) Phối hợp với Y …" items,
  "Sở X: <task>" lines, "Đề nghị Ủy ban MTTQ …" blocks;
- ``header``: "Sở X: Chủ trì, phối hợp với Y:" or "Giao Sở X chủ trì …, thực hiện các nhiệm vụ sau:"
  over "-" bullets;
- ``table``: task rows with Đơn vị chủ trì / Đơn vị phối hợp / Thời gian columns (pipe or tab).
"""
from __future__ import annotations

import random
from dataclasses import dataclass, field

from policykg.sample.phrases import Tasks
from policykg.sample.vocab import Agency
from policykg.sample.writer import Writer

TOPICS = (
    "Nâng cao nhận thức, trách nhiệm trong tổ chức thực hiện",
    "Hoàn thiện cơ chế, chính sách và nâng cao hiệu lực quản lý",
    "Phát triển hạ tầng, nguồn lực và ứng dụng công nghệ",
    "Nâng cao chất lượng nguồn nhân lực",
    "Đẩy mạnh xã hội hóa, huy động các nguồn lực",
    "Tăng cường kiểm tra, giám sát, sơ kết, tổng kết",
    "Đổi mới nội dung, phương thức tuyên truyền",
    "Mở rộng hợp tác, học tập kinh nghiệm",
)
DETAILS = (
    "Tập trung chỉ đạo, bố trí nguồn lực và phân công rõ trách nhiệm, bảo đảm tiến độ, chất lượng.",
    "Chú trọng sự phối hợp liên ngành; gắn trách nhiệm người đứng đầu với kết quả thực hiện.",
    "Lựa chọn nội dung, cách làm phù hợp với từng đối tượng, địa bàn; kịp thời nhân rộng cách làm hay.",
    "Bảo đảm công khai, minh bạch, thuận lợi cho người dân trong tiếp cận và thụ hưởng.",
    "Rà soát, điều chỉnh giải pháp cho phù hợp với tình hình thực tế của từng giai đoạn.",
)
_LEAD_LABELS = ("Đơn vị chủ trì tham mưu", "Đơn vị chủ trì", "Cơ quan chủ trì")
_SUPPORT_LABELS = ("Đơn vị phối hợp thực hiện", "Đơn vị phối hợp", "Cơ quan phối hợp")
_TIME_LABELS = ("Thời gian thực hiện", "Thời gian hoàn thành", "Thời hạn hoàn thành")
LETTERS = "abcdđeghik"


@dataclass
class Roster:
    """The agencies a document assigns work to.

    ``lead`` heads its subject; ``named`` are other named agencies; ``groups`` collective groups;
    ``appeal`` bodies a plan can only ask ("Đề nghị …"); ``local`` the group of local authorities
    (a block of its own in the organisation section); ``report_to`` the body reports go to.
    """

    lead: Agency
    named: list[Agency]
    groups: list[Agency]
    appeal: list[Agency] = field(default_factory=list)
    local: Agency | None = None
    report_to: str = "Ủy ban nhân dân tỉnh"

    def some(self, rng: random.Random, k: int, exclude: tuple[Agency, ...] = ()) -> list[Agency]:
        pool = [a for a in self.named if a not in exclude]
        return rng.sample(pool, min(k, len(pool)))

    def some_groups(self, rng: random.Random, k: int) -> list[Agency]:
        return rng.sample(self.groups, min(k, len(self.groups)))

    def doers(self, rng: random.Random, exclude: tuple[Agency, ...] = ()) -> list[Agency]:
        """One to three agencies for a lead or support list: named ones, sometimes a group."""
        out = self.some(rng, rng.choice([1, 1, 2, 2, 3]), exclude)
        if rng.random() < 0.4:
            out += [g for g in self.some_groups(rng, 1) if g not in out and g not in exclude]
        return out


def _low(text: str) -> str:
    return text[:1].lower() + text[1:]


def trailer(w: Writer, tm: Tasks, r: Roster, rng: random.Random, count: int, start: int = 1) -> int:
    """Numbered items closed by "Cơ quan thực hiện: …" lines."""
    for n in range(start, start + count):
        text, refs, deadline = tm.with_deadline(0.2)
        w.line(f"{n}. {text}")
        roll = rng.random()
        lead, support, implement = [], [], []
        if roll < 0.4:
            lead, support = [r.lead], r.doers(rng, (r.lead,))
            w.line(f"Cơ quan thực hiện: {w.name(r.lead)} chủ trì; {w.names(support)} phối hợp thực hiện.")
        elif roll < 0.65:
            lead = r.some(rng, 1) or [r.lead]
            support = r.doers(rng, tuple(lead))
            w.line(f"Cơ quan thực hiện: {w.name(lead[0])} chủ trì, phối hợp với {w.names(support)}.")
        else:
            implement = [r.lead] + r.doers(rng, (r.lead,))
            rng.shuffle(implement)
            verb = rng.choice([" triển khai thực hiện", " tổ chức thực hiện", ""])
            w.line(f"Cơ quan thực hiện: {w.names(implement)}{verb}.")
        if deadline is None and rng.random() < 0.4:
            deadline = tm.dates.trailer(rng)
            w.line(f"Thời gian thực hiện: {deadline}.")
        w.task(text, lead, support, implement, deadline, refs)
    return start + count


def bullets(w: Writer, tm: Tasks, r: Roster, rng: random.Random, topics: int, start: int = 1) -> int:
    """Topic headings over lettered items, each with lead / support / time bullets."""
    mark = rng.choice(["·", "-", "+", "•"])
    titled = rng.random() < 0.6
    for n, topic in enumerate(rng.sample(TOPICS, topics), start):
        w.line(f"{n}. {topic}")
        for letter in LETTERS[:rng.randint(1, 3)]:
            text, refs = tm.sentence()
            if titled:
                detail = rng.choice(DETAILS)
                w.line(f"{letter}) {text}")
                w.line(detail)
                printed = f"{text} {detail}"
            else:
                printed = f"{text}."
                w.line(f"{letter}) {printed}")
            lead = [r.lead] if rng.random() < 0.6 else r.some(rng, 1) or [r.lead]
            support = r.doers(rng, tuple(lead))
            deadline = tm.dates.trailer(rng)
            w.line(f"{mark} {rng.choice(_LEAD_LABELS)}: {w.names(lead)}.")
            w.line(f"{mark} {rng.choice(_SUPPORT_LABELS)}: {w.names(support)}.")
            w.line(f"{mark} {rng.choice(_TIME_LABELS)}: {deadline}.")
            w.task(printed, lead, support, [], deadline, refs)
    return start + topics


def inline(w: Writer, tm: Tasks, r: Roster, rng: random.Random, count: int, start: int = 1) -> int:
    """Numbered items whose words name the lead, the partners or the implementers."""
    for n in range(start, start + count):
        text, refs = tm.sentence()
        body = _low(text)
        roll = rng.random()
        deadline = None
        if rng.random() < 0.2:
            deadline = tm.dates.report(rng)
            body += f"; định kỳ báo cáo {r.report_to} {deadline}"
        if roll < 0.3:
            lead = [r.lead] if rng.random() < 0.6 else r.some(rng, 1) or [r.lead]
            support = r.doers(rng, tuple(lead))
            giao = "Giao " if rng.random() < 0.4 else ""
            printed = f"{giao}{w.names(lead, start=not giao)} chủ trì, phối hợp với {w.names(support)} {body}."
            w.task(printed, lead, support, [], deadline, refs)
        elif roll < 0.45 and len(r.named) > 1:
            # "A phối hợp với B …": the named partner B leads and A supports (GUIDE rule 3).
            a = r.some(rng, 1)[0]
            b = r.some(rng, 1, (a,)) or [r.lead]
            printed = f"{w.name(a, start=True)} phối hợp với {w.names(b)} {body}."
            w.task(printed, b, [a], [], deadline, refs)
        elif roll < 0.75:
            subjects = r.some_groups(rng, rng.choice([1, 2]))
            if rng.random() < 0.5:
                subjects = r.some(rng, 1) + subjects
            printed = f"{w.names(subjects, start=True)} {body}."
            w.task(printed, [], [], subjects, deadline, refs)
        else:
            printed = f"{text}{body[len(text):]}."
            w.task(printed, [], [], [], deadline, refs)
        w.line(f"{n}. {printed}")
    return start + count


def plain(w: Writer, tm: Tasks, rng: random.Random, topics: int, start: int = 1) -> int:
    """Topic headings over lettered items naming no agency (roles empty, deadlines inline)."""
    for n, topic in enumerate(rng.sample(TOPICS, topics), start):
        w.line(f"{n}. {topic}")
        for letter in LETTERS[:rng.randint(2, 4)]:
            text, refs, deadline = tm.with_deadline(0.3)
            w.line(f"{letter}) {text}")
            w.task(text, [], [], [], deadline, refs)
    return start + topics


def block(w: Writer, tm: Tasks, r: Roster, rng: random.Random, agency: Agency, n: int, items: int,
          appeal: list[Agency] | None = None) -> None:
    """An agency (or "Đề nghị" bodies) heading the items below it, which it leads."""
    heads = appeal or [agency]
    title = f"Đề nghị {w.names(heads)}" if appeal else w.name(agency, start=True)
    colon = ":" if rng.random() < 0.3 else ""
    if items == 1 and not appeal and rng.random() < 0.35:
        # "2. Sở Tư pháp: <task>": the item opens with its agency (GUIDE keeps it in the text).
        text, refs, deadline = tm.with_deadline(0.25)
        printed = f"{title}: {text}"
        w.line(f"{n}. {printed}")
        w.task(printed, heads, [], [], deadline, refs)
        return
    w.line(f"{n}. {title}{colon}")
    letters = items > 1
    for i in range(items):
        marker = f"{LETTERS[i]}) " if letters else ""
        roll = rng.random() if not appeal else 1.0
        if roll < 0.3:
            support = r.doers(rng, tuple(heads))
            text, refs = tm.sentence()
            deadline = None
            body = _low(text)
            if rng.random() < 0.25:
                deadline = tm.dates.report(rng)
                body += f"; tổng hợp, báo cáo {r.report_to} {deadline}"
            printed = f"Chủ trì, phối hợp với {w.names(support)} {body}."
            w.task(printed, heads, support, [], deadline, refs)
        elif roll < 0.45 and r.some(rng, 1, tuple(heads)):
            partner = r.some(rng, 1, tuple(heads))
            text, refs = tm.sentence()
            printed = f"Phối hợp với {w.names(partner)} {_low(text)}."
            w.task(printed, partner, heads, [], None, refs)
        elif roll < 0.55:
            groups = [g for g in r.some_groups(rng, rng.choice([1, 2, 3])) if g not in heads][:2] or [r.groups[-1]]
            text, refs = tm.sentence()
            printed = f"Phối hợp với {w.names(groups)} {_low(text)}."
            w.task(printed, heads, groups, [], None, refs)
        else:
            printed, refs, deadline = tm.with_deadline(0.3)
            w.task(printed, heads, [], [], deadline, refs)
        w.line(f"{marker}{printed}")


def header(w: Writer, tm: Tasks, r: Roster, rng: random.Random, n: int, items: int) -> None:
    """"Sở X: Chủ trì, phối hợp với Y:" (or "Giao Sở X chủ trì …, thực hiện các nhiệm vụ sau:")
    over "-" bullets, each led by X with Y's support."""
    lead = [r.lead] if rng.random() < 0.5 else r.some(rng, 1) or [r.lead]
    support = r.doers(rng, tuple(lead))
    if rng.random() < 0.7:
        w.line(f"{n}. {w.names(lead, start=True)}: Chủ trì, phối hợp với {w.names(support)}:")
    else:
        w.line(f"{n}. Giao {w.names(lead)} chủ trì, phối hợp với {w.names(support)} thực hiện các nhiệm vụ sau:")
    for _ in range(items):
        text, refs, deadline = tm.with_deadline(0.25)
        w.line(f"- {text}")
        w.task(text, lead, support, [], deadline, refs)


def table(w: Writer, tm: Tasks, r: Roster, rng: random.Random, rows: int, implementing: bool = False) -> None:
    """A task table: Đơn vị chủ trì / Đơn vị phối hợp / Thời gian columns, or one "Cơ quan thực
    hiện" column whose agencies implement."""
    pipe = rng.random() < 0.6
    product = not implementing and rng.random() < 0.4
    if implementing:
        head = ["TT", "Nội dung nhiệm vụ", "Cơ quan thực hiện", "Thời hạn"]
    else:
        head = ["STT", rng.choice(["Nhiệm vụ", "Nội dung nhiệm vụ", "Tên nhiệm vụ"]), "Đơn vị chủ trì",
                "Đơn vị phối hợp", rng.choice(["Thời gian hoàn thành", "Thời gian thực hiện"])]
        if product:
            head.insert(2, "Sản phẩm")

    def row(cells: list[str]) -> None:
        w.raw(" | ".join(cells) + " |" if pipe else "\t".join(cells))

    row(head)
    group_rows = rng.random() < 0.3
    for i in range(1, rows + 1):
        if group_rows and i in (1, rows // 2 + 1):
            row(["I" if i == 1 else "II", rng.choice(TOPICS).upper()] + [""] * (len(head) - 2))
        text, refs = tm.sentence()
        deadline = tm.dates.trailer(rng)
        if implementing:
            doers = [r.lead] + r.doers(rng, (r.lead,))
            row([str(i), text, w.names(doers, sep="; "), deadline])
            w.task(text, [], [], doers, deadline, refs)
            continue
        lead = [r.lead] if rng.random() < 0.6 else r.some(rng, 1) or [r.lead]
        support = r.doers(rng, tuple(lead)) if rng.random() < 0.85 else []
        cells = [f"{i}." if rng.random() < 0.3 else str(i), text, w.names(lead),
                 w.names(support, sep=rng.choice([", ", "; "])) if support else "", deadline]
        if product:
            cells.insert(2, rng.choice(["Kế hoạch", "Báo cáo", "Hội nghị", "Văn bản hướng dẫn"]))
        row(cells)
        w.task(text, lead, support, [], deadline, refs)
    w.raw("")


def local_block(w: Writer, tm: Tasks, r: Roster, rng: random.Random, n: int) -> None:
    """The local authorities' block: they lead what is listed under them."""
    if r.local is not None:
        block(w, tm, r, rng, r.local, n, rng.choice([1, 2, 3]))

