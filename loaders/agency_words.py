"""The words agency names are read by: tokens with their matching keys, the words a name opens
with (agency heads, a person's title), the qualifiers after it and the verbs and linking words that
end it. :mod:`~policykg.loaders.agencies` reads lists of names with these.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from policykg.vietnamese.tones import nfc_modern

_TOKEN = re.compile(r"[A-ZĐ]+(?:[&-][A-ZĐ]+)+|\w+|[^\w\s]")
_ACRONYM = re.compile(r"[A-ZĐ]+(?:[&-][A-ZĐ]+)+")
_ACRONYM_JOINS = re.compile(r"[&-]")
SKIP = {",", "-", "–", "—", "&", "/"}
SEPARATORS = {",", ";", "và", "cùng", "với", "/"}
QUALIFIERS = [
    "tỉnh thành phố trực thuộc trung ương", "có liên quan", "liên quan", "theo chức năng nhiệm vụ", "theo chức năng và nhiệm vụ",
    "theo chức năng", "trên địa bàn tỉnh", "trên địa bàn thành phố", "trên địa bàn", "trong tỉnh",
    "cùng cấp", "tỉnh", "thành phố", "xã", "phường", "thị trấn", "đặc khu", "trong ngành giáo dục", "trong ngành",
    "trực thuộc trung ương", "trực thuộc", "trên địa bàn xã", "trên địa bàn phường",
]
# The qualifiers by their first word, each list in the order above: the first that matches wins,
# and a qualifier can only match when the token at hand is its first word.
QUALIFIERS_BY_FIRST: dict[str, list[tuple[str, ...]]] = {}
for _q in QUALIFIERS:
    QUALIFIERS_BY_FIRST.setdefault(_q.split()[0], []).append(tuple(_q.split()))
HEADS = [
    "sở", "phòng", "ban", "trường", "công an", "bộ chỉ huy", "bộ", "ủy ban", "hội", "đài", "báo",
    "ngân hàng", "tổ", "công đoàn", "trung tâm", "viện", "cục", "chi cục", "tổng cục", "tổng công ty",
    "văn phòng", "thanh tra",
    "kho bạc", "liên đoàn", "liên hiệp", "đoàn", "tỉnh đoàn", "hội đồng", "phân hiệu", "đại học",
    "học viện", "bệnh viện", "bảo hiểm", "quỹ", "đảng ủy", "huyện ủy", "thành ủy", "tỉnh ủy",
    "tòa án", "chi nhánh", "bộ đội", "nhà văn hóa", "thư viện", "bảo tàng", "trạm", "đội", "hạt",
]
HEAD_PARTS: dict[str, list[tuple[str, ...]]] = {}
for _h in sorted(HEADS, key=len, reverse=True):
    HEAD_PARTS.setdefault(_h.split()[0], []).append(tuple(_h.split()))

# Verbs that end a name read without the gazetteer. Two-word phrases, because one syllable of a
# verb also occurs inside names ("Phòng Chuyển đổi số", "Chi cục Phát triển nông thôn").
VERB_PHRASES = {tuple(v.split()) for v in """
chủ trì|phối hợp|triển khai|tổ chức|thực hiện|tham mưu|xây dựng|chỉ đạo|hướng dẫn|theo dõi|báo cáo|căn cứ|
tiếp tục|đẩy mạnh|tăng cường|rà soát|nghiên cứu|chịu trách|có trách|đề xuất|kiểm tra|giám sát|cung cấp|bảo đảm|
đảm bảo|nâng cao|quán triệt|tuyên truyền|thẩm định|định kỳ|hằng năm|hàng năm|thường xuyên|tích cực|chủ động|
phụ trách|ưu tiên|tổng hợp|đánh giá|hỗ trợ|vận động|tập trung|duy trì|hoàn thiện|cụ thể|lồng ghép|bố trí|
sử dụng|tiến hành|đôn đốc|trực tiếp|làm việc|thu hút|huy động|khẩn trương|kịp thời|đổi mới|mở rộng|tạo điều|
biểu dương|khen thưởng|lãnh đạo|hình thành|ứng dụng|ban hành|phân công|hội nghị|giải quyết|phổ biến|quản lý|
nắm bắt|xử lý|tham gia|cập nhật|lập kế|phê duyệt|trình cấp|gửi về|phát động|phát huy|củng cố|khảo sát|thống kê|
có kế|sơ kết|tổng kết|thông tin|chuẩn bị|hoàn thành|quan tâm|kiện toàn|thúc đẩy|xúc tiến|đầu tư|
số hóa|vận hành|phòng chống|ngăn chặn|phấn đấu|bảo vệ|giữ vững|đào tạo|bồi dưỡng|
tập huấn|cải thiện|cải cách|khắc phục|điều tra|thanh tra|kiểm soát|phát hiện|tiếp nhận|cấp phát|hướng tới|
đẩy nhanh|mua sắm|sửa chữa|trang bị|phân bổ|thẩm tra|lập dự|khuyến khích|
vận dụng|áp dụng|tiếp cận|phối kết|lấy ý|tổng rà|thực thi|biên soạn|in ấn|phát hành|phát triển|nâng cấp|
xác định|thành lập|sắp xếp|lựa chọn|nhân rộng|chuyển đổi|hoàn chỉnh|bổ sung|sửa đổi|đăng tải|
đề nghị|yêu cầu|trình bày|thông báo|tiếp tục""".replace("\n", "").split("|")}
# Role verbs never part of a name, whatever their case ("Phối hợp" opening the next line).
ROLE_VERBS = {("chủ", "trì"), ("phối", "hợp"), ("tham", "mưu")}
# Words a name never ends on: what follows them was cut off.
TRAILING = {"của", "và", "với", "các", "cho", "tại", "thuộc", "về", "trên", "cùng"}
TRAILING_WORDS = re.compile(r"(?:\s+(?:" + "|".join(sorted(TRAILING)) + r"))+$")
# Single words that always end a subject.
VERB_WORDS = {"có", "là", "được", "gửi", "lập", "trình", "giúp", "về", "để", "nhằm", "trong", "với", "cùng", "sau", "trước",
               "khi", "đối"}


# A person's title stands for the body ("Giám đốc Sở Y tế", "Trưởng Ban Chỉ đạo", "Chủ tịch UBND các
# xã"): GUIDE.md rule 5. Longest first, so "Phó Giám đốc" is read before "Giám đốc".
TITLES = sorted((tuple(t.split()) for t in (
    "bộ trưởng", "thứ trưởng", "giám đốc", "phó giám đốc", "tổng giám đốc", "chủ tịch", "phó chủ tịch", "trưởng",
    "phó trưởng", "thủ trưởng", "chánh văn phòng", "chánh thanh tra", "viện trưởng", "cục trưởng",
    "chi cục trưởng", "hiệu trưởng", "người đứng đầu")), key=len, reverse=True)
TITLE_FIRST = {t[0] for t in TITLES}
# The titles by their first word, longest first as in TITLES: only those can open at a token.
_TITLES_BY_FIRST: dict[str, list[tuple[str, ...]]] = {}
for _t in TITLES:
    _TITLES_BY_FIRST.setdefault(_t[0], []).append(_t)


def after_title(toks: Sequence[Token], i: int) -> int:
    """The token after a title that opens a body's name, or ``i`` when none does.

    Examples
    --------
    >>> after_title(tokenize("Giám đốc Sở Y tế"), 0), after_title(tokenize("Sở Y tế"), 0)
    (2, 0)
    """
    if i >= len(toks):
        return i
    for title in _TITLES_BY_FIRST.get(toks[i].key, ()):
        j = i + len(title)
        if tuple(t.key for t in toks[i:j]) == title and j < len(toks) \
                and (toks[j].text[:1].isupper() or toks[j].key == "các"):
            return j
    return i


# Not frozen: a frozen dataclass sets each field through object.__setattr__, and a corpus makes
# hundreds of thousands of tokens. Nothing changes a token once made.
@dataclass(slots=True)
class Token:
    """A word or punctuation mark: its matching ``key``, its ``text`` and its character span."""

    key: str
    text: str
    start: int
    end: int


@lru_cache(maxsize=8192)
def tokenize(text: str) -> tuple[Token, ...]:
    """Word and punctuation tokens with spans; "GD&ĐT" stays one token and matches as "gdđt".

    Examples
    --------
    >>> [t.key for t in tokenize("Sở GD&ĐT, UBND")]
    ['sở', 'gdđt', ',', 'ubnd']
    """
    return tuple(Token(_token_key(m.group(0)), m.group(0), m.start(), m.end()) for m in _TOKEN.finditer(text))


@lru_cache(maxsize=65536)
def _token_key(raw: str) -> str:
    """The matching key of one token; cached because a corpus repeats a few thousand syllables."""
    if len(raw) > 2 and _ACRONYM.fullmatch(raw):
        return _ACRONYM_JOINS.sub("", raw).casefold()
    return nfc_modern(raw).casefold()


def name_key(text: str) -> tuple[str, ...]:
    """The key a name is matched by: its tokens' keys, the marks ignored inside a name left out.

    Examples
    --------
    >>> name_key("Sở Giáo dục - Đào tạo") == name_key("sở giáo dục đào tạo")
    True
    """
    return tuple(t.key for t in tokenize(nfc_modern(text)) if t.key not in SKIP)
