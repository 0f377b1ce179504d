"""Who does a task: lead, support and implement roles read from the words of an item.

The rules of GUIDE.md, in order:

1. An agency heading a block leads every item under it, unless the item says otherwise.
2. "A chủ trì, phối hợp với B", "Giao A chủ trì": A leads, B supports.
3. An item whose main action is cooperating ("Phối hợp với X …"): the named agencies in X lead and
   the block's agencies support (collective groups in X support beside them); when X holds only
   collective groups, the block leads and X supports. A later "phối hợp với X": X supports.
4. Agencies that are the subject with no lead/support split ("Sở Tư pháp tổ chức …"): implement.
5. Bodies an item only directs or reports to ("chỉ đạo các cơ sở …", "báo cáo Sở Y tế") get no role.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from policykg.loaders.agencies import Gazetteer, Mention, unique

_LEAD_AFTER = re.compile(r"^\s*(?:làm\s+)?chủ trì\b", re.IGNORECASE)
_COOP_BEFORE = re.compile(r"phối hợp(?:\s+chặt chẽ)?(?:\s+(?:với|cùng))?\s*$", re.IGNORECASE)
_AFTER_LEAD = re.compile(r"chủ trì\s*[,;]\s*(?:phối hợp(?:\s+chặt chẽ)?(?:\s+(?:với|cùng))?\s*)?$", re.IGNORECASE)
_TIME_ADVERB = re.compile(r"^(?:Hằng năm|Hàng năm|Định kỳ(?:\s+hằng năm|\s+hàng năm)?|Thường xuyên)\s*,?\s*$",
                          re.IGNORECASE)
_COOP_START = re.compile(r"^\s*(?:Chủ động\s+)?phối hợp\b", re.IGNORECASE)
_DIRECTS = re.compile(r"\bchỉ đạo\b", re.IGNORECASE)
_VERB_AFTER_SUBJECT = re.compile(r"^\s*[,:]?\s*(?!chủ trì)[^\W\d_]", re.IGNORECASE)


@dataclass
class Block:
    """Agencies a heading puts over the items below it, with the supporters it names."""

    lead: list[str] = field(default_factory=list)
    support: list[str] = field(default_factory=list)


@dataclass
class Roles:
    lead: list[str] = field(default_factory=list)
    support: list[str] = field(default_factory=list)
    implement: list[str] = field(default_factory=list)

    def tidy(self) -> "Roles":
        """Each agency once, under its first role."""
        lead = unique(self.lead)
        support = unique(self.support, lead)
        implement = unique(self.implement, lead, support)
        return Roles(lead, support, implement)

    def empty(self) -> bool:
        return not (self.lead or self.support or self.implement)


def _names(mentions: list[Mention]) -> list[str]:
    return [m.name for m in mentions]


def _named(mentions: list[Mention]) -> list[str]:
    return [m.name for m in mentions if m.kind != "group"]


def _groups(mentions: list[Mention]) -> list[str]:
    return [m.name for m in mentions if m.kind == "group"]


def read_roles(text: str, gazetteer: Gazetteer, block: Block | None = None) -> Roles:
    """Lead, support and implement agencies of one item.

    Parameters
    ----------
    text : str
        The item's words (an assignment trailer's words after its label work too).
    gazetteer : Gazetteer
    block : Block, optional
        The agencies heading the block the item sits under.

    Returns
    -------
    Roles

    Examples
    --------
    >>> g = Gazetteer.default()
    >>> r = read_roles("Sở Y tế chủ trì, phối hợp với Sở Tài chính và các địa phương triển khai", g)
    >>> r.lead, r.support
    (['Sở Y tế'], ['Sở Tài chính', 'Các địa phương'])
    >>> r = read_roles("Phối hợp với Sở Tài chính cân đối ngân sách", g, Block(["Sở Nội vụ"]))
    >>> r.lead, r.support
    (['Sở Tài chính'], ['Sở Nội vụ'])
    >>> read_roles("Sở Tư pháp, Sở Nội vụ tổ chức tuyên truyền", g).implement
    ['Sở Tư pháp', 'Sở Nội vụ']
    """
    roles = Roles()
    explicit_lead: list[str] = []
    coop: list[Mention] = []
    coop_main = False
    subjects: list[Mention] = []
    cooperating: list[Mention] = []  # "…; B và C phối hợp thực hiện": they support the lead
    for mentions, start, end in gazetteer.find_lists(text):
        # A window, not the whole prefix: on a long paragraph with many lists that was quadratic.
        before = text[max(0, start - 400):start]
        clause = re.split(r"[;.]\s", before)[-1]
        after = text[end:end + 200]
        if _LEAD_AFTER.match(after):
            explicit_lead += _names(mentions)
        elif _AFTER_LEAD.search(before):
            roles.support += _names(mentions)
        elif coop_at := _COOP_BEFORE.search(before):
            if _DIRECTS.search(clause):
                continue
            head = before[: coop_at.start()]
            if not head.strip(" ,:;-") or _TIME_ADVERB.match(head.strip()) or _is_subject_only(head, gazetteer):
                coop_main = True
                coop += mentions
            else:
                roles.support += _names(mentions)
        elif _starts_clause(before) and _VERB_AFTER_SUBJECT.match(after):
            if re.match(r"^\s*phối hợp", after, re.IGNORECASE):
                subjects += mentions  # "A phối hợp với X": A is the block of rule 3
                cooperating += mentions
            elif not subjects and not explicit_lead:
                subjects += mentions
    if explicit_lead:
        # The item names its own lead, so the block's split does not apply to it.
        roles.lead += explicit_lead
        roles.support += _names(coop) + _names(cooperating)
        return roles.tidy()
    owner = block.lead if block and block.lead else _names(subjects) if coop_main else []
    if coop_main:
        if _named(coop):
            roles.lead += _named(coop)
            roles.support += owner + _groups(coop)
        else:
            roles.lead += owner
            roles.support += _names(coop)
        if block:
            roles.support += block.support
        return roles.tidy()
    if block and block.lead:
        roles.lead += block.lead
        roles.support = block.support + roles.support
        return roles.tidy()
    if subjects and not roles.support:
        roles.implement += _names(subjects)
    elif subjects:
        roles.lead += _names(subjects)
    return roles.tidy()


# An opening adverbial clause before the subject: "Căn cứ nội dung Kế hoạch …, các sở …",
# "Trong quá trình thực hiện, nếu có khó khăn, vướng mắc các cơ quan …".
_INTRO_CLAUSE = re.compile(r"(?:^|[.;:]\s*)(?:Căn cứ|Trong (?:quá trình|phạm vi|thời gian)|Trên cơ sở|Để|Nhằm|Khi)\b[^.;:]*"
                           r"(?:,|nếu có khó khăn,? vướng mắc,?)\s*$", re.IGNORECASE)


def _starts_clause(before: str) -> bool:
    stripped = before.strip()
    if not stripped:
        return True
    if _TIME_ADVERB.match(stripped) or _INTRO_CLAUSE.search(before.rstrip() + (" " if before.endswith(" ") else "")):
        return True
    return bool(re.search(r"(?:[.;:]|\.\s*-)\s*$", stripped)) or bool(
        re.search(r"[.:;]\s*(?:Hằng năm|Hàng năm|Định kỳ)\s*,?\s*$", stripped))


def _is_subject_only(head: str, gazetteer: Gazetteer) -> bool:
    """Whether the words before "phối hợp" are just the agencies doing it ("Sở X phối hợp …")."""
    mentions, end = gazetteer.read_list(head.strip())
    return bool(mentions) and not head.strip()[end:].strip(" ,")
