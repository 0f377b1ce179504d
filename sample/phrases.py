"""Sentence templates of a plan: purposes, general goals, task sentences, deadlines, funding,
reporting, closing and recipients. Each has alternatives, so that a corpus is not one sentence
repeated; all were written for the generator.
"""
from __future__ import annotations

import random
from dataclasses import dataclass, field

from policykg.sample.themes import GENERIC_CORES, TAILS, Theme
from policykg.sample.writer import Context, DocRef, Writer, cap

PURPOSES = (
    "Quán triệt sâu sắc, đầy đủ quan điểm, mục tiêu, nhiệm vụ và giải pháp của {root} đến cán bộ, đảng viên, "
    "công chức, viên chức và Nhân dân; tạo sự thống nhất cao về nhận thức và hành động.",
    "Cụ thể hóa các nhiệm vụ, giải pháp của {parent} phù hợp với tình hình thực tiễn của {lvl}.",
    "Xác định rõ nhiệm vụ, trách nhiệm của từng cơ quan, đơn vị trong tổ chức thực hiện; bảo đảm sự phối hợp "
    "chặt chẽ, đồng bộ giữa các cấp, các ngành.",
    "Làm cơ sở để các cơ quan, đơn vị xây dựng chương trình, kế hoạch cụ thể của mình, tổ chức thực hiện "
    "có trọng tâm, trọng điểm.",
)
REQUIREMENTS = (
    "Việc triển khai phải nghiêm túc, thiết thực, hiệu quả, tránh hình thức; gắn với thực hiện nhiệm vụ chính "
    "trị của từng cơ quan, đơn vị.",
    "Thường xuyên theo dõi, kiểm tra, đánh giá kết quả thực hiện; kịp thời tháo gỡ khó khăn, vướng mắc "
    "phát sinh trong quá trình tổ chức thực hiện.",
    "Đề cao vai trò, trách nhiệm của người đứng đầu trong lãnh đạo, chỉ đạo và tổ chức thực hiện.",
    "Huy động sự tham gia của cả hệ thống chính trị và các tầng lớp Nhân dân trong triển khai thực hiện.",
)
AGAIN = ("Tiếp tục", "Chủ động", "Tập trung", "Quan tâm")
STEER = ("Lãnh đạo, chỉ đạo", "Chỉ đạo", "Tăng cường lãnh đạo việc", "Lãnh đạo, chỉ đạo việc")
FUNDING = (
    "Kinh phí thực hiện Kế hoạch được bố trí từ nguồn ngân sách nhà nước theo phân cấp hiện hành, lồng ghép "
    "trong các chương trình, đề án có liên quan và các nguồn huy động hợp pháp khác theo quy định của {law}.",
    "Các cơ quan, đơn vị lập dự toán kinh phí thực hiện nhiệm vụ được giao, tổng hợp chung vào dự toán ngân "
    "sách hằng năm theo quy định của {law} và các văn bản hướng dẫn.",
)


@dataclass
class Dates:
    """Deadlines a plan issued in ``year`` may set."""

    year: int

    def trailer(self, rng: random.Random) -> str:
        """A time printed after "Thời gian thực hiện:" or in a table's time column."""
        y = self.year + 1
        return rng.choice([
            "Thường xuyên", "Thường xuyên", f"Năm {y}", f"Quý {rng.choice(['I', 'II', 'III', 'IV'])}/{y}",
            f"Năm {y} và các năm tiếp theo", f"Giai đoạn {y} - 2030", "Hằng năm", f"Trong năm {y}",
            f"Tháng {rng.randint(3, 12)}/{y}", f"Quý IV/{self.year}", f"Năm {y + 1}",
        ])

    def report(self, rng: random.Random) -> str:
        day, month = rng.choice([(15, 12), (30, 11), (10, 12), (20, 11), (5, 12), (15, 6)])
        return f"trước ngày {day:02d} tháng {month} hằng năm" if rng.random() < 0.7 else \
            f"trước ngày {day}/{month} hằng năm"


@dataclass
class Tasks:
    """Task sentences for one document, drawn without repeats from its theme's cores.

    ``doc`` is what the plan carries out, for the cores that cite it.
    """

    rng: random.Random
    theme: Theme
    w: Writer
    doc: DocRef | None
    dates: Dates
    place: str = "tỉnh"
    steering: bool = False
    _pool: list[str] = field(default_factory=list)
    _rounds: int = 0

    def _core(self) -> str:
        if not self._pool:
            self._rounds += 1
            own = list(self.theme.cores)
            generic = list(GENERIC_CORES)
            self.rng.shuffle(own)
            self.rng.shuffle(generic)
            # About one task in five is the plan's own business rather than its subject.
            self._pool = own + generic[:max(2, len(own) // 4)]
            self.rng.shuffle(self._pool)
        return self._pool.pop()

    def sentence(self) -> tuple[str, list[str]]:
        """A task sentence without its final stop, and the ids it cites."""
        verbs, obj = self._core().split(" :: ")
        refs: list[str] = []
        if "{doc}" in obj:
            if self.doc is None:
                obj = obj.replace("{doc}", "Kế hoạch này")
            else:
                cited, refs = self.w.cite(self.doc, dated=self.rng.random() < 0.3, subject=False,
                                          issued=self.rng.random() < 0.4)
                obj = obj.replace("{doc}", cited)
        obj = obj.replace("{field}", self.theme.field)
        tail = self.rng.choice(TAILS).replace("{lvl}", self.place)
        verb = self.rng.choice(verbs.split("|"))
        if self._rounds > 1:
            # A plan that comes back to a subject says so: "Tiếp tục đẩy mạnh …".
            verb = f"{self.rng.choice(AGAIN)} {verb[:1].lower()}{verb[1:]}"
        if self.steering and self.rng.random() < 0.7:
            # A party committee leads and directs rather than does: "Lãnh đạo, chỉ đạo đẩy mạnh …".
            verb = f"{self.rng.choice(STEER)} {verb[:1].lower()}{verb[1:]}"
        return f"{verb} {obj}{tail}", refs

    def with_deadline(self, inline: float = 0.3) -> tuple[str, list[str], str | None]:
        """A task sentence ending with its stop, sometimes carrying its own deadline.

        The deadline is the time as printed: leading ("Thường xuyên …", "Hằng năm, …"), or a
        reporting date the sentence ends with ("… trước ngày 15 tháng 12 hằng năm").
        """
        text, refs = self.sentence()
        roll = self.rng.random()
        if roll >= inline:
            return text + ".", refs, None
        roll /= inline
        if roll < 0.3:
            return f"Thường xuyên {text[:1].lower()}{text[1:]}.", refs, "Thường xuyên"
        if roll < 0.5:
            lead = self.rng.choice(["Hằng năm", f"Trong năm {self.dates.year + 1}"])
            return f"{lead}, {text[:1].lower()}{text[1:]}.", refs, lead
        if roll < 0.85:
            when = self.dates.report(self.rng)
            return f"{text}; tổng hợp, báo cáo kết quả thực hiện {when}.", refs, when
        when = f"Quý {self.rng.choice(['II', 'III', 'IV'])}/{self.dates.year + 1}"
        return f"{text}, hoàn thành trong {when}.", refs, when


def recipients(level: str, rng: random.Random, ctx: Context) -> list[str]:
    """The "Nơi nhận" list of a plan."""
    c, lvl = ctx.committee, ctx.lvl
    pool = {
        "party": ["Ban Bí thư Trung ương Đảng (b/c);", f"Các đồng chí {c} viên;", f"Các ban đảng, Văn phòng {c};",
                  "Các đảng ủy trực thuộc;", f"Lưu Văn phòng {c}."],
        "province": [f"Thường trực {c} (b/c);", f"Thường trực HĐND {lvl};", f"Chủ tịch, các PCT UBND {lvl};",
                     "Như mục IV;", "Lưu: VT, KGVX."],
        "department": [f"UBND {lvl} (b/c);", "Giám đốc, các Phó Giám đốc Sở;", "Như mục IV;", "Lưu: VT, VP."],
        "commune": [f"Đảng ủy {lvl} (b/c);", f"Thường trực HĐND {lvl};", f"Chủ tịch, các PCT UBND {lvl};",
                    "Như mục IV;", "Lưu: VT."],
    }[level]
    head = pool[:-1]
    rng.shuffle(head)
    return head[:rng.randint(2, len(head))] + pool[-1:]


def closing(kind: str, carried: str, rng: random.Random, office: str) -> str:
    """The closing paragraph ("Trên đây là Kế hoạch …/.")."""
    tail = rng.choice([
        f" Trong quá trình tổ chức thực hiện, nếu có khó khăn, vướng mắc, các cơ quan, đơn vị kịp thời phản ánh về "
        f"{office} để tổng hợp, đề xuất xem xét, giải quyết",
        " Yêu cầu các cơ quan, đơn vị nghiêm túc triển khai thực hiện",
        "",
    ])
    return cap(f"Trên đây là {kind} {carried}.{tail}./.").replace("../.", "./.")
