"""Graphs shaped like the real one, of any size: for scale tests and timing the view.

The proportions follow the five seed plans (446 nodes): per place a people's committee plan with
~45 tasks and ~14 targets, the party plan it implements, ~17 local agencies and groups; a pool of
central directives with ``implements`` chains among them (a conclusion implementing a resolution)
and national agencies issuing them. Every task has a lead, most have supporting agencies, and
some cite a central directive.
"""
from __future__ import annotations

import random

import networkx as nx

_PLACES = ["Kon Tum", "Bắc Kạn", "Lâm Đồng", "Tây Ninh", "Lai Châu", "Hà Giang", "Cao Bằng", "Điện Biên",
           "Sơn La", "Gia Lai", "Đắk Lắk", "Quảng Nam", "Thanh Hóa", "Nghệ An", "Hà Tĩnh", "Bình Định"]
_VERBS = ["Quán triệt", "Rà soát", "Nâng cao", "Đẩy mạnh", "Tăng cường", "Xây dựng", "Triển khai", "Đổi mới"]
_OBJECTS = ["đội ngũ giáo viên", "cơ sở vật chất trường học", "chương trình giáo dục phổ thông",
            "chuyển đổi số trong giáo dục", "giáo dục nghề nghiệp", "dạy học ngoại ngữ", "công tác tuyển sinh"]
_AGENCIES = ["Sở Giáo dục và Đào tạo", "Sở Tài chính", "Sở Nội vụ", "Sở Kế hoạch và Đầu tư", "Sở Y tế",
             "Sở Lao động - Thương binh và Xã hội", "Sở Thông tin và Truyền thông", "Sở Văn hóa, Thể thao và Du lịch",
             "Sở Khoa học và Công nghệ", "Sở Xây dựng", "Công an tỉnh", "Ban Dân tộc tỉnh", "Tỉnh đoàn",
             "Hội Khuyến học tỉnh", "Liên đoàn Lao động tỉnh", "Ban Tuyên giáo Tỉnh ủy", "Đài Phát thanh - Truyền hình"]
_GROUPS = ["Các sở, ban, ngành", "Ủy ban nhân dân cấp huyện", "Các cơ sở giáo dục", "Các tổ chức chính trị - xã hội"]
_NATIONAL = ["Bộ Chính trị", "Ban Bí thư", "Chính phủ", "Thủ tướng Chính phủ", "Quốc hội", "Bộ Giáo dục và Đào tạo",
             "Ban Chấp hành Trung ương"]
ROOT = "https://w3id.org/policykg/id/"


def _slug(text: str) -> str:
    from policykg.vietnamese.keys import plain_fold

    return "-".join(plain_fold(text).replace(",", " ").split())


def synthetic_graph(n_nodes: int, *, seed: int = 1) -> nx.MultiDiGraph:
    """A graph of about ``n_nodes`` nodes in the shape of :func:`policykg.graph.to_networkx`'s view.

    Parameters
    ----------
    n_nodes : int
        Wanted size; the result has at least this many nodes and at most one place's worth
        (~80) more.
    seed : int

    Returns
    -------
    networkx.MultiDiGraph

    Examples
    --------
    >>> g = synthetic_graph(1000)
    >>> 1000 <= g.number_of_nodes() < 1100
    True
    >>> sorted({d["type"] for _, d in g.nodes(data=True)})[:3]
    ['Agency', 'AgencyGroup', 'Directive']
    """
    rng = random.Random(seed)
    g = nx.MultiDiGraph()
    national = []
    for name in _NATIONAL:
        iri = f"{ROOT}agency/{_slug(name)}"
        g.add_node(iri, type="NationalAgency", label=name)
        national.append(iri)
    # Central directives: one per ~70 nodes, each of the later ones implementing an earlier one.
    central: list[str] = []
    for i in range(max(4, n_nodes // 70)):
        kind, number = (("Nghị quyết", f"{i + 1}-NQ/TW") if i % 3 == 0 else ("Kết luận", f"{i + 50}-KL/TW")
                        if i % 3 == 1 else ("Quyết định", f"{i + 600}/QĐ-TTg"))
        iri = f"{ROOT}doc/{_slug(number.replace('/', ' '))}"
        g.add_node(iri, type="Directive", label=f"{kind} {number}", kind=kind, number=number,
                   date=f"20{10 + i % 15:02d}-0{1 + i % 9}-1{i % 10}", central=True, loaded=False)
        g.add_edge(iri, rng.choice(national), key="issuedBy", relation="issuedBy")
        if central and i % 3 != 0:
            parent = rng.choice(central[-3:])
            g.add_edge(iri, parent, key="implements", relation="implements",
                       sourceText=f"{kind} {number} triển khai {g.nodes[parent]['label']}.", line=5)
        central.append(iri)
    round_no = 0
    while g.number_of_nodes() < n_nodes:
        place = _PLACES[round_no % len(_PLACES)] + ("" if round_no < len(_PLACES) else f" {round_no // len(_PLACES) + 1}")
        _add_place(g, rng, place, central, round_no)
        round_no += 1
    return g


def _add_place(g: nx.MultiDiGraph, rng: random.Random, place: str, central: list[str], n: int) -> None:
    ps = _slug(place)
    place_iri = f"{ROOT}place/{ps}"
    g.add_node(place_iri, type="Place", label=place)
    agencies = []
    for name in _AGENCIES:
        iri = f"{ROOT}agency/{ps}/{_slug(name)}"
        g.add_node(iri, type="Agency", label=name, place=place)
        g.add_edge(iri, place_iri, key="place", relation="place")
        agencies.append(iri)
    groups = []
    for name in _GROUPS:
        iri = f"{ROOT}agency/{ps}/{_slug(name)}"
        g.add_node(iri, type="AgencyGroup", label=name, place=place)
        groups.append(iri)
    party = f"{ROOT}doc/{ps}/{100 + n}-kh-tu"
    g.add_node(party, type="Plan", label=f"Kế hoạch {100 + n}-KH/TU", place=place, kind="Kế hoạch",
               number=f"{100 + n}-KH/TU", loaded=False)
    source = rng.choice(central)
    g.add_edge(party, source, key="implements", relation="implements",
               sourceText=f"Thực hiện {g.nodes[source]['label']} của Bộ Chính trị.", line=12)
    plan = f"{ROOT}doc/{ps}/{200 + n}-kh-ubnd"
    g.add_node(plan, type="Plan", label=f"Kế hoạch {200 + n}/KH-UBND", place=place, kind="Kế hoạch",
               number=f"{200 + n}/KH-UBND", date="2025-03-01", loaded=True)
    for doc in (party, plan):
        g.add_edge(doc, place_iri, key="place", relation="place")
    g.add_edge(plan, party, key="implements", relation="implements",
               sourceText=f"Triển khai Kế hoạch số {100 + n}-KH/TU của Ban Thường vụ Tỉnh ủy.", line=8)
    for i in range(1, rng.randint(40, 50) + 1):
        task = f"{plan}/task/{i}"
        text = f"{rng.choice(_VERBS)} {rng.choice(_OBJECTS)} {i}"
        g.add_node(task, type="Task", label=text, text=text, place=place, position=i,
                   deadline=rng.choice(["Thường xuyên", "Năm 2026", "Quý IV/2025"]))
        g.add_edge(plan, task, key="hasTask", relation="hasTask")
        lead = rng.choice(agencies)
        sentence = f"{g.nodes[lead]['label']} chủ trì {text.lower()}."
        g.add_edge(lead, task, key="leads", relation="leads", sourceText=sentence, line=20 + i)
        for other in rng.sample(agencies + groups, rng.randint(0, 3)):
            if other != lead:
                g.add_edge(other, task, key="supports", relation="supports", sourceText=sentence, line=20 + i)
        if rng.random() < 0.1:
            g.add_edge(rng.choice(groups), task, key="implementsTask", relation="implementsTask")
        if rng.random() < 0.3:
            g.add_edge(task, rng.choice(central), key="cites", relation="cites")
    for i in range(1, rng.randint(10, 18) + 1):
        target = f"{plan}/target/{i}"
        g.add_node(target, type="Target", label=f"Tỷ lệ {rng.choice(_OBJECTS)} {i}", place=place,
                   value=str(rng.randint(50, 100)), unit="%", year="2030")
        g.add_edge(plan, target, key="hasTarget", relation="hasTarget")


__all__ = ["synthetic_graph"]
