"""Places, agencies and names the sample corpus is written with.

Everything here is vocabulary, not text: the 34 provinces and centrally-run cities of the 2025
map, the bodies that issue plans in them, the departments and collective groups that plans assign
work to (each with its canonical name from ``GUIDE.md`` and the ways documents print it), and the
syllables commune names and signatories are made of.

Since 1 July 2025 there is no district level: a province's plans are carried out by its communes,
wards and special zones, so the local level of the cascade is the commune ("xã", "phường").
"""
from __future__ import annotations

import random
from dataclasses import dataclass

# -- places -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Province:
    """A province or centrally-run city.

    ``name`` is the place as ``GUIDE.md`` writes ``document.place`` (a centrally-run city is a
    province, so "Hà Nội", not "Thành phố Hà Nội").
    """

    name: str
    city: bool = False

    @property
    def level(self) -> str:
        """The level word printed before the name: "tỉnh" or "thành phố"."""
        return "thành phố" if self.city else "tỉnh"

    @property
    def dateline(self) -> str:
        """The place printed on the date line ("Lâm Đồng, ngày …")."""
        return "Thành phố Hồ Chí Minh" if self.name == "Hồ Chí Minh" else self.name

    @property
    def committee(self) -> str:
        """The party committee's title word: "Tỉnh ủy" or "Thành ủy"."""
        return "Thành ủy" if self.city else "Tỉnh ủy"

    @property
    def party(self) -> str:
        """The party committee's full name ("Tỉnh ủy Lâm Đồng", "Thành ủy Hà Nội")."""
        return f"{self.committee} {self.dateline}"

    @property
    def people(self) -> str:
        """The people's committee's full name ("Ủy ban nhân dân tỉnh Lâm Đồng")."""
        return f"Ủy ban nhân dân {self.level} {self.name}"


_CITIES = ["Hà Nội", "Huế", "Hải Phòng", "Đà Nẵng", "Hồ Chí Minh", "Cần Thơ"]
_PROVINCES = [
    "Tuyên Quang", "Lào Cai", "Thái Nguyên", "Phú Thọ", "Bắc Ninh", "Hưng Yên", "Ninh Bình",
    "Quảng Trị", "Quảng Ngãi", "Gia Lai", "Khánh Hòa", "Lâm Đồng", "Đắk Lắk", "Đồng Nai", "Tây Ninh",
    "Vĩnh Long", "Đồng Tháp", "Cà Mau", "An Giang", "Lai Châu", "Điện Biên", "Sơn La", "Lạng Sơn",
    "Quảng Ninh", "Thanh Hóa", "Nghệ An", "Hà Tĩnh", "Cao Bằng",
]
# The 34 provincial-level units after the 2025 merger (Resolution 202/2025/QH15).
PROVINCES: tuple[Province, ...] = tuple([Province(c, True) for c in _CITIES] + [Province(p) for p in _PROVINCES])


@dataclass(frozen=True)
class Commune:
    """A commune or ward of a province: ``kind`` is "xã" or "phường"."""

    kind: str
    name: str
    province: Province

    @property
    def place(self) -> str:
        """``document.place`` of the commune's own plans ("Xã Tân Phú"), after "Thành phố Lai Châu"."""
        return f"{self.kind.capitalize()} {self.name}"

    @property
    def people(self) -> str:
        return f"Ủy ban nhân dân {self.kind} {self.name}"


_FIRST = ["Tân", "Bình", "Hòa", "Phú", "An", "Long", "Thạnh", "Phước", "Đông", "Tây", "Vĩnh", "Hưng",
          "Quang", "Thanh", "Xuân", "Yên", "Minh", "Hồng", "Trung", "Đại", "Kim", "Ngọc", "Cẩm", "Sơn",
          "Lạc", "Thuận", "Mỹ", "Hải", "Định", "Nghĩa", "Tiên", "Lộc", "Gia", "Thái", "Đức", "Hiệp"]
_SECOND = ["Phú", "Hòa", "Bình", "An", "Lợi", "Thành", "Lộc", "Hưng", "Thịnh", "Xuân", "Sơn", "Lâm",
           "Điền", "Tiến", "Phong", "Hiệp", "Khánh", "Trung", "Mỹ", "Long", "Thuận", "Đông", "Hải",
           "Hà", "Giang", "Lập", "Quang", "Minh", "Yên", "Tân", "Phước", "Nghĩa", "Châu", "Thủy"]


def communes(province: Province, count: int, rng: random.Random) -> list[Commune]:
    """Up to ``count`` distinct communes and wards of a province: real ones, from the place gazetteer
    (:func:`policykg.loaders.place_names.units_today`), so every place the demo writes is a place.

    The same names recur across provinces, as they do in the country: two plans of two "Xã Tân
    Phú" in different provinces are different documents. Without the gazetteer installed, names
    are made from common place syllables.

    Examples
    --------
    >>> cs = communes(PROVINCES[0], 5, random.Random(1))
    >>> len({c.name for c in cs}), cs[0].province.name
    (5, 'Hà Nội')
    """
    from policykg.loaders.place_names import units_today

    real = sorted(u for u in units_today(province.name) if u.split()[0] in ("Xã", "Phường"))
    if real:  # a province with fewer units than asked gives all it has
        picked = rng.sample(real, min(count, len(real)))
        return [Commune(u.split()[0].lower(), u.split(" ", 1)[1], province) for u in picked]
    pairs = [(a, b) for a in _FIRST for b in _SECOND if a != b]
    rng.shuffle(pairs)
    ward_share = 0.45 if province.city else 0.2
    return [Commune("phường" if rng.random() < ward_share else "xã", f"{a} {b}", province)
            for a, b in pairs[:count]]


# -- agencies -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Agency:
    """An agency or collective group: its canonical ``name`` (the gold record's) and the ways
    documents print it. Both are templates: ``{lvl}`` is the level word of the issuing locality
    ("tỉnh", "thành phố", "xã"), ``{committee}`` its party committee ("Tỉnh ủy", "Thành ủy") and
    ``{doan}`` its youth union ("Tỉnh đoàn", "Thành đoàn"). ``symbol`` is the code in a
    department's document numbers (``KH-SYT``)."""

    name: str
    printed: tuple[str, ...] = ()
    group: bool = False
    symbol: str = ""

    def forms(self) -> tuple[str, ...]:
        return self.printed or (self.name,)


def _a(name: str, *printed: str, symbol: str = "") -> Agency:
    return Agency(name, tuple(printed) or (name,), False, symbol)


def _g(name: str, *printed: str) -> Agency:
    return Agency(name, tuple(printed) or (name.lower(),), True)


GD = _a("Sở Giáo dục và Đào tạo", "Sở Giáo dục và Đào tạo", "Sở GD&ĐT", "Sở GDĐT", symbol="SGDĐT")
YT = _a("Sở Y tế", symbol="SYT")
VH = _a("Sở Văn hóa, Thể thao và Du lịch", "Sở Văn hóa, Thể thao và Du lịch", "Sở VHTTDL", symbol="SVHTTDL")
NN = _a("Sở Nông nghiệp và Môi trường", "Sở Nông nghiệp và Môi trường", "Sở NN&MT", symbol="SNNMT")
KH = _a("Sở Khoa học và Công nghệ", "Sở Khoa học và Công nghệ", "Sở KH&CN", symbol="SKHCN")
TC = _a("Sở Tài chính", symbol="STC")
NV = _a("Sở Nội vụ", symbol="SNV")
XD = _a("Sở Xây dựng", symbol="SXD")
CT = _a("Sở Công Thương", symbol="SCT")
TP = _a("Sở Tư pháp", symbol="STP")
DT = _a("Sở Dân tộc và Tôn giáo", symbol="SDTTG")
CA = _a("Công an {lvl}")
BHXH = _a("Bảo hiểm xã hội", "Bảo hiểm xã hội {lvl}")
MTTQ = _a("Ủy ban Mặt trận Tổ quốc Việt Nam", "Ủy ban Mặt trận Tổ quốc Việt Nam {lvl}", "Ủy ban MTTQ Việt Nam {lvl}")
DOAN = _a("{doan}")
PHUNU = _a("Hội Liên hiệp Phụ nữ", "Hội Liên hiệp Phụ nữ {lvl}")
NONGDAN = _a("Hội Nông dân", "Hội Nông dân {lvl}")
LDLD = _a("Liên đoàn Lao động", "Liên đoàn Lao động {lvl}")

DEPARTMENTS = (GD, YT, VH, NN, KH, TC, NV, XD, CT, TP, DT)

SO_NGANH = _g("Các sở, ban, ngành", "các sở, ban, ngành", "các sở, ban, ngành liên quan", "các sở, ban, ngành {lvl}",
              "các Sở, ban, ngành có liên quan")
UBND_XA = _g("Ủy ban nhân dân cấp xã", "Ủy ban nhân dân các xã, phường", "UBND các xã, phường",
             "Ủy ban nhân dân các xã, phường, đặc khu", "UBND các xã, phường, đặc khu")
DIA_PHUONG = _g("Các địa phương", "các địa phương")
CQ_DV = _g("Các cơ quan, đơn vị", "các cơ quan, đơn vị")
DV_LQ = _g("Các đơn vị có liên quan", "các đơn vị có liên quan")
CQ_LQ = _g("Các cơ quan liên quan", "các cơ quan liên quan")
CTXH = _g("Các tổ chức chính trị - xã hội", "các tổ chức chính trị - xã hội", "các tổ chức chính trị - xã hội {lvl}")
CSGD = _g("Các cơ sở giáo dục", "các cơ sở giáo dục", "các cơ sở giáo dục trên địa bàn tỉnh")
TRUONG = _g("Các đơn vị, trường học", "các đơn vị, trường học")
BAO_CHI = _g("Các cơ quan báo chí", "các cơ quan báo chí")

# Party bodies a provincial party committee's plan assigns work to.
TUYEN_GIAO = _a("Ban Tuyên giáo và Dân vận {committee}")
TO_CHUC = _a("Ban Tổ chức {committee}")
KIEM_TRA = _a("Ủy ban Kiểm tra {committee}")
VP_TU = _a("Văn phòng {committee}")
DANG_UY_UBND = _a("Đảng ủy Ủy ban nhân dân {lvl}", "Đảng ủy Ủy ban nhân dân {lvl}", "Đảng ủy UBND {lvl}")
CAP_UY = _g("Các cấp ủy, tổ chức đảng", "các cấp ủy, tổ chức đảng")
TRUC_THUOC = _g("Các cấp ủy trực thuộc {committee}", "các đảng ủy trực thuộc {committee}")

# A commune's own offices (the 2025 two-level local government).
VHXH = _a("Phòng Văn hóa - Xã hội")
KINH_TE = _a("Phòng Kinh tế")
TRAM_YT = _a("Trạm Y tế {lvl}")
COMMUNE_BODIES = (VHXH, KINH_TE, CA, TRAM_YT)

# The offices inside a department, for a department's own plan: shared ones and its own.
_OFFICES = (_a("Phòng Kế hoạch - Tài chính"), _a("Phòng Tổ chức cán bộ"))
# Printed by the department's bare title; the record names the department, as the real gold does.
_TITLED_OFFICES = ("Văn phòng", "Thanh tra")
_OWN_OFFICES = {
    GD.name: ("Phòng Giáo dục phổ thông", "Phòng Giáo dục mầm non"),
    YT.name: ("Phòng Nghiệp vụ Y", "Phòng Nghiệp vụ Dược"),
    VH.name: ("Phòng Quản lý văn hóa", "Phòng Quản lý gia đình"),
    NN.name: ("Chi cục Phát triển nông thôn", "Chi cục Trồng trọt và Bảo vệ thực vật"),
    KH.name: ("Phòng Quản lý khoa học", "Phòng Chuyển đổi số"),
    TC.name: ("Phòng Quản lý ngân sách", "Phòng Tài chính doanh nghiệp"),
    NV.name: ("Phòng Tổ chức biên chế", "Phòng Lao động - Việc làm"),
    XD.name: ("Phòng Quản lý xây dựng", "Phòng Quản lý nhà"),
    CT.name: ("Phòng Quản lý thương mại", "Phòng Quản lý công nghiệp"),
    TP.name: ("Phòng Phổ biến, giáo dục pháp luật", "Phòng Hành chính tư pháp"),
    DT.name: ("Phòng Chính sách dân tộc", "Phòng Quản lý tôn giáo"),
}


def offices(department: Agency) -> tuple[Agency, ...]:
    """The offices of a department that its own plan assigns work to.

    Examples
    --------
    >>> [o.name for o in offices(YT)][-2:], offices(YT)[0].name, offices(YT)[0].forms()
    (['Phòng Nghiệp vụ Y', 'Phòng Nghiệp vụ Dược'], 'Văn phòng Sở Y tế', ('Văn phòng Sở',))
    """
    titled = tuple(_a(f"{t} {department.name}", f"{t} Sở") for t in _TITLED_OFFICES)
    return titled[:1] + _OFFICES + titled[1:] + tuple(_a(n) for n in _OWN_OFFICES.get(department.name, ()))


def office_group(department: Agency) -> Agency:
    """"Các phòng thuộc Sở": the offices of the department that issued the plan (``GUIDE.md``)."""
    printed = ("các phòng thuộc Sở", "các phòng chuyên môn thuộc Sở")
    return Agency(f"Các phòng thuộc {department.name}", printed, True)


# -- people -------------------------------------------------------------------------------------

_FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Võ"]
_MIDDLE = ["Văn", "Thị", "Minh", "Đức", "Thanh", "Quốc", "Ngọc", "Hữu", "Xuân", "Thế", "Hồng"]
_GIVEN = ["Hùng", "Lan", "Dũng", "Hương", "Tuấn", "Hà", "Sơn", "Long", "Mai", "Bình", "Phong", "Thảo",
          "Nam", "Hải", "Trung", "Khánh", "Quân", "Yến", "Thắng", "Hiền"]


def person(rng: random.Random) -> str:
    """A signatory's name."""
    return f"{rng.choice(_FAMILY)} {rng.choice(_MIDDLE)} {rng.choice(_GIVEN)}"
