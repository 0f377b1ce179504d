"""The interface's words, Vietnamese first, English on request (``?lang=en`` or the cookie)."""
from __future__ import annotations

LANGS = ("vi", "en")

# key -> (Vietnamese, English)
WORDS: dict[str, tuple[str, str]] = {
    "app": ("Đồ thị tri thức kế hoạch", "Policy knowledge graph"),
    "home": ("Trang chủ", "Home"),
    "search": ("Tìm kiếm", "Search"),
    "search_hint": ("Tìm nhiệm vụ, văn bản, cơ quan (có dấu hoặc không dấu)",
                    "Find tasks, documents, agencies (with or without accents)"),
    "sparql": ("Truy vấn SPARQL", "SPARQL query"),
    "places": ("Địa phương", "Places"),
    "central_documents": ("Văn bản trung ương và số địa phương thực hiện",
                          "Central documents and how many places carry them out"),
    "tasks": ("Nhiệm vụ", "Tasks"),
    "documents": ("Văn bản", "Documents"),
    "agencies": ("Cơ quan", "Agencies"),
    "task": ("Nhiệm vụ", "Task"),
    "document": ("Văn bản", "Document"),
    "agency": ("Cơ quan", "Agency"),
    "place": ("Địa phương", "Place"),
    "coverage": ("Mức độ triển khai", "Coverage"),
    "coverage_of": ("Các địa phương triển khai", "Places carrying out"),
    "no_coverage": ("Địa phương chưa có văn bản triển khai được nạp",
                    "Places with no loaded document carrying it out"),
    "full_text": ("Toàn văn", "Full text"),
    "number": ("Số thứ tự", "Printed number"),
    "deadline": ("Thời hạn", "Deadline"),
    "plan": ("Kế hoạch", "Plan"),
    "source": ("Nguồn", "Source"),
    "agencies_by_role": ("Cơ quan theo vai trò", "Agencies by role"),
    "trace": ("Truy nguyên đến văn bản trung ương", "Trace up to the central source"),
    "neighbourhood": ("Sơ đồ liên quan", "Neighbourhood"),
    "lead": ("Chủ trì", "Lead"),
    "support": ("Phối hợp", "Support"),
    "implement": ("Thực hiện", "Implement"),
    "metadata": ("Thông tin văn bản", "Document details"),
    "implements_out": ("Văn bản này thực hiện / căn cứ", "This document carries out / is based on"),
    "implements_in": ("Văn bản thực hiện văn bản này", "Documents carrying this one out"),
    "targets": ("Chỉ tiêu", "Targets"),
    "relations": ("Sơ đồ quan hệ", "Relation diagram"),
    "by_year": ("Nhiệm vụ theo vai trò và năm", "Tasks by role and year"),
    "load": ("Mức độ tải việc", "Load"),
    "peers": ("So sánh với các cơ quan cùng địa phương", "Compared with its peers in the place"),
    "overload": ("Xếp hạng tải việc các cơ quan", "Agencies ranked by load"),
    "formula": ("Công thức", "Formula"),
    "plans": ("Văn bản của địa phương", "The place's documents"),
    "due": ("Nhiệm vụ đến hạn trong giai đoạn", "Tasks falling due in the period"),
    "cascade": ("Sơ đồ triển khai", "Cascade"),
    "year": ("Năm", "Year"),
    "from": ("Từ năm", "From"),
    "to": ("Đến năm", "To"),
    "show": ("Xem", "Show"),
    "run": ("Chạy", "Run"),
    "examples": ("Truy vấn mẫu", "Example queries"),
    "results": ("Kết quả", "Results"),
    "download": ("Tải về", "Download"),
    "rows": ("dòng", "rows"),
    "shown_first": ("hiển thị", "showing the first"),
    "nothing": ("Không có kết quả.", "Nothing found."),
    "not_found": ("Không tìm thấy", "Not found"),
    "error": ("Lỗi", "Error"),
    "too_long": ("Truy vấn chạy quá lâu và đã bị dừng chờ", "The query took too long"),
    "loaded": ("đã nạp", "loaded"),
    "not_loaded": ("chưa nạp (chỉ được trích dẫn)", "not loaded (only cited)"),
    "issuer": ("Cơ quan ban hành", "Issuer"),
    "issued": ("Ngày ban hành", "Issued"),
    "kind": ("Loại", "Kind"),
    "title": ("Trích yếu", "Title"),
    "file": ("Tệp", "File"),
    "evidence": ("Căn cứ (câu trong văn bản)", "Evidence (the sentence)"),
    "path": ("Nhánh", "Path"),
    "language": ("English", "Tiếng Việt"),
    "read_only": ("Chỉ đọc; truy vấn SERVICE, cập nhật và LOAD bị từ chối.",
                  "Read-only; SERVICE, updates and LOAD are refused."),
    "level": ("Cấp", "Level"),
    "rank": ("xếp hạng", "rank"),
    "mean": ("trung bình các cơ quan cùng loại", "mean of its peers"),
    "flagged": ("quá tải", "overloaded"),
}

# Column headers: the download keeps the CLI's column names; the page shows these.
COLUMNS: dict[str, tuple[str, str]] = {
    "place": ("Địa phương", "Place"), "plan": ("Kế hoạch", "Plan"), "number": ("Số TT", "No."),
    "text": ("Nội dung", "Text"), "deadline": ("Thời hạn", "Deadline"), "lead": ("Chủ trì", "Lead"),
    "support": ("Phối hợp", "Support"), "implement": ("Thực hiện", "Implement"), "file": ("Tệp", "File"),
    "line": ("Dòng", "Line"), "role": ("Vai trò", "Role"), "agency": ("Cơ quan", "Agency"),
    "kind": ("Loại", "Kind"), "rank": ("Hạng", "Rank"), "led": ("Chủ trì", "Led"),
    "supported": ("Phối hợp", "Supported"), "implemented": ("Thực hiện", "Implemented"),
    "tasks": ("Nhiệm vụ", "Tasks"), "plans": ("Văn bản", "Plans"), "due": ("Đến hạn", "Due"),
    "year": ("Năm", "Year"), "load": ("Tải", "Load"), "zscore": ("Điểm z", "z-score"),
    "flagged": ("Quá tải", "Flagged"), "indicator": ("Chỉ tiêu", "Indicator"), "value": ("Giá trị", "Value"),
    "unit": ("Đơn vị", "Unit"), "evidence": ("Căn cứ", "Evidence"), "document": ("Văn bản", "Document"),
    "document_id": ("Số hiệu", "Number"), "id": ("Số hiệu", "Number"), "issued": ("Ngày", "Issued"),
    "places": ("Số địa phương", "Places"), "loaded": ("Đã nạp", "Loaded"), "direct": ("Trực tiếp", "Direct"),
    "level": ("Cấp", "Level"), "documents": ("Văn bản", "Documents"), "issuers": ("Cơ quan ban hành", "Issuers"),
    "relation": ("Quan hệ", "Relation"), "hop": ("Bước", "Hop"), "from_label": ("Từ", "From"),
    "to_label": ("Đến", "To"), "to_kind": ("Loại", "Kind"), "path": ("Nhánh", "Path"),
    "position": ("Vị trí", "Position"), "name": ("Tên", "Name"), "full_text": ("Toàn văn", "Full text"),
}


# Values of a few enumerated columns, shown in the interface's language (downloads keep them as is).
VALUES: dict[str, dict[str, tuple[str, str]]] = {
    "level": {"province": ("tỉnh", "province"), "district": ("huyện", "district"), "commune": ("xã", "commune"),
              "central": ("trung ương", "central"), "local": ("địa phương", "local")},
    "kind": {"agency": ("cơ quan", "agency"), "group": ("nhóm cơ quan", "group"), "national": ("trung ương", "national")},
    "role": {"lead": ("chủ trì", "lead"), "support": ("phối hợp", "support"), "implement": ("thực hiện", "implement")},
    "relation": {"implements": ("thực hiện", "implements"), "basedOn": ("căn cứ", "based on"),
                 "in plan": ("thuộc kế hoạch", "in plan")},
}


def shown_value(column_name: str, text: str, lang: str) -> str:
    """A cell of an enumerated column in ``lang``; any other cell as it is.

    Examples
    --------
    >>> shown_value("level", "province", "vi"), shown_value("place", "Kon Tum", "vi")
    ('tỉnh', 'Kon Tum')
    """
    pair = VALUES.get(column_name, {}).get(text)
    return text if pair is None else pair[LANGS.index(pick(lang))]


def pick(lang: str | None) -> str:
    """The interface language: "en" when asked for, else Vietnamese.

    Examples
    --------
    >>> pick("en"), pick("fr"), pick(None)
    ('en', 'vi', 'vi')
    """
    return "en" if lang == "en" else "vi"


def word(key: str, lang: str) -> str:
    """The interface text for ``key`` in ``lang`` (the key itself when there is none).

    Examples
    --------
    >>> word("tasks", "vi"), word("tasks", "en"), word("no-such-key", "vi")
    ('Nhiệm vụ', 'Tasks', 'no-such-key')
    """
    pair = WORDS.get(key)
    return key if pair is None else pair[LANGS.index(pick(lang))]


def column(name: str, lang: str) -> str:
    """A table header in ``lang`` (the column's own name when there is none)."""
    pair = COLUMNS.get(name)
    return name if pair is None else pair[LANGS.index(pick(lang))]
