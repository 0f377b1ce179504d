"""The place gazetteer: which words name a real province, district, commune, ward or special zone.

Documents of both periods exist, so both lists are kept, taken from maintained packages rather
than typed by hand:

- today's 34 provinces and centrally-run cities with their 3,321 communes, wards and special
  zones (``vietnam-provinces``, the units after the 2025 merger);
- the 63 provinces before it, their districts and their communes and wards, and which of today's
  provinces each old one went into (the data files of ``vietnamadminunits``, read directly so
  its geometry dependencies are never imported).

A place is written as ``GUIDE.md`` writes ``document.place``: a province by its bare name
("Kon Tum"), a lower unit with its level word ("Thành phố Lai Châu", "Huyện Đắk Tô", "Xã Long
Giang", "Đặc khu Phú Quốc"). The data load on first use only (``policykg --help`` stays fast).
"""
from __future__ import annotations

import importlib.util
import json
import re
from functools import lru_cache
from pathlib import Path

from policykg.vietnamese.keys import exact_key, loose_key
from policykg.vietnamese.tones import nfc_modern

# Level words of the units below a province, as a place name opens with them.
LEVELS = ("Thành phố", "Thị xã", "Huyện", "Quận", "Xã", "Phường", "Thị trấn", "Đặc khu")
_LEVEL_RE = re.compile(r"^(?P<level>" + "|".join(LEVELS) + r")\s+(?P<name>.+)$", re.IGNORECASE)
_PROVINCE_PREFIX = re.compile(r"^(?:tỉnh|thành phố|tp\.?)\s+", re.IGNORECASE)


def fold(name: str) -> str:
    """The key a place name is looked up by: no accents, case or spacing, hyphens ignored.

    Examples
    --------
    >>> fold("Bà Rịa - Vũng Tàu") == fold("Bà Rịa-Vũng Tàu") == "bariavungtau"
    True
    """
    return loose_key(name).replace(" ", "").replace("_", "")


def _package_dir(name: str) -> Path | None:
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(list(spec.submodule_search_locations)[0])


def _bare(province: str) -> str:
    return _PROVINCE_PREFIX.sub("", nfc_modern(province)).strip()


class _Index:
    """The lists, keyed by :func:`fold`; built once."""

    def __init__(self) -> None:
        self.provinces: dict[str, str] = {}   # folded bare name -> bare name (old and new)
        self.current: dict[str, str] = {}     # folded bare name -> today's province
        self.units: dict[str, set[str]] = {}  # folded "level name" -> provinces holding it
        self.names: dict[str, str] = {}       # folded "level name" -> name as printed by the list
        self.today: dict[str, list[str]] = {}  # today's province -> its communes, wards, special zones
        # folded "level name" -> province -> the spellings (exact keys) the list holds there: two
        # real units may fold alike ("Xã Tân Thành", "Xã Tân Thạnh" of Tây Ninh)
        self.spellings: dict[str, dict[str, set[str]]] = {}
        self._load_current()
        self._load_legacy()

    def _unit(self, name: str, province: str) -> None:
        name = nfc_modern(name)
        key = fold(name)
        self.units.setdefault(key, set()).add(province)
        self.names.setdefault(key, name)
        self.spellings.setdefault(key, {}).setdefault(province, set()).add(exact_key(name))

    def _load_current(self) -> None:
        root = _package_dir("vietnam_provinces")
        if root is None:
            return
        data = json.loads((root / "data" / "nested-divisions.json").read_text(encoding="utf-8"))
        for province in data:
            bare = _bare(province["name"])
            self.provinces[fold(bare)] = bare
            self.current[fold(bare)] = bare
            for ward in province.get("wards", []):
                self._unit(ward["name"], bare)
                self.today.setdefault(bare, []).append(nfc_modern(ward["name"]))

    def _load_legacy(self) -> None:
        root = _package_dir("vietnamadminunits")
        if root is None:
            return
        legacy = json.loads((root / "data" / "parser_legacy.json").read_text(encoding="utf-8"))
        short = {key: nfc_modern(v["provinceShort"]) for key, v in legacy["DICT_PROVINCE"].items()}
        for key, bare in short.items():
            self.provinces.setdefault(fold(bare), bare)
        for key, districts in legacy["DICT_PROVINCE_DISTRICT"].items():
            for district in districts.values():
                self._unit(district["district"], short[key])
        for key, districts in legacy["DICT_PROVINCE_DISTRICT_WARD_NO_ACCENTED"].items():
            for wards in districts.values():
                for ward in wards.values():
                    if isinstance(ward.get("ward"), str):  # a few entries hold no name (NaN)
                        self._unit(ward["ward"], short[key])
        merged = json.loads((root / "data" / "converter_2025.json").read_text(encoding="utf-8"))
        new = json.loads((root / "data" / "parser_from_2025.json").read_text(encoding="utf-8"))
        new_short = {key: nfc_modern(v["provinceShort"]) for key, v in new["DICT_PROVINCE"].items()}
        for new_key, old_keys in merged["DICT_PROVINCE"].items():
            today = self.provinces.get(fold(new_short[new_key]), new_short[new_key])
            for old in old_keys:
                self.current.setdefault(fold(short[old]), today)


@lru_cache(maxsize=1)
def _index() -> _Index:
    return _Index()


def available() -> bool:
    """Whether the place lists are installed (without them every place is taken as printed).

    Examples
    --------
    >>> available()
    True
    """
    return bool(_index().provinces)


def province(name: str) -> str | None:
    """The bare name of a province or centrally-run city, before or after 2025, or None.

    Parameters
    ----------
    name : str
        "Kon Tum", "tỉnh Kon Tum", "Thành phố Hà Nội", "Ha Noi" (accents optional).

    Returns
    -------
    str or None

    Examples
    --------
    >>> province("tỉnh Kon Tum"), province("Thành phố Hồ Chí Minh"), province("Phú")
    ('Kon Tum', 'Hồ Chí Minh', None)
    """
    return _index().provinces.get(fold(_bare(name)))


def current_province(name: str) -> str | None:
    """The province a province (or a place in it) belongs to today, after the 2025 merger.

    Parameters
    ----------
    name : str
        A province before or after 2025, or a lower unit ("Thành phố Kon Tum") when only one
        province holds a unit of that name.

    Returns
    -------
    str or None

    Examples
    --------
    >>> current_province("Kon Tum"), current_province("Quảng Ngãi"), current_province("Bắc Kạn")
    ('Quảng Ngãi', 'Quảng Ngãi', 'Thái Nguyên')
    >>> current_province("Thành phố Lai Châu"), current_province("Atlantis")
    ('Lai Châu', None)
    """
    index = _index()
    bare = province(name)
    if bare is None:
        bare = province_of(name)
    return index.current.get(fold(bare)) if bare else None


def province_of(place: str) -> str | None:
    """The province holding a lower unit, when exactly one does (before or after 2025).

    Examples
    --------
    >>> province_of("Huyện Đắk Tô"), province_of("Đặc khu Phú Quốc")
    ('Kon Tum', 'An Giang')
    """
    index = _index()
    # the exact spelling first: "Xã Tân Thạnh" is not "Xã Tân Thành", though both fold alike
    spelled = {p for p, keys in index.spellings.get(fold(place), {}).items() if exact_key(place) in keys}
    if len(spelled) == 1:
        return next(iter(spelled))
    held = index.units.get(fold(place), set())
    if len(held) == 1:
        return next(iter(held))
    bare = {province(p) or p for p in held}
    return next(iter(bare)) if len(bare) == 1 else None


def is_place(place: str) -> bool:
    """Whether ``place`` is a real province, city, district, commune, ward or special zone.

    A lower unit must carry its level word ("Huyện Đắk Tô"); a province is its bare name or with
    "tỉnh" / "thành phố". When the lists are not installed every non-empty name passes.

    Examples
    --------
    >>> is_place("Kon Tum"), is_place("Thành phố Lai Châu"), is_place("Xã Trung An")
    (True, True, True)
    >>> is_place("Phú"), is_place("Huyện Phú"), is_place("Thọ")
    (False, False, False)
    """
    if not place or not place.strip():
        return False
    if not available():
        return True
    if province(place):
        return True
    return fold(place) in _index().units and bool(_LEVEL_RE.match(nfc_modern(place).strip()))


def has_mark_twin(place: str, province_name: str | None = None) -> bool:
    """Whether the list holds, within ``province_name`` (anywhere when None or unknown), two units
    whose names differ only by their marks and one of them folds like ``place``.

    Such names cannot be told apart by an ASCII-folded key, so the graph adds a suffix to both
    (:func:`policykg.graph.places.place_slug`); every other name keeps its plain key.

    Parameters
    ----------
    place : str
        A lower unit with its level word ("Xã Tân Thạnh").
    province_name : str, optional
        The province that scopes it, before or after 2025.

    Returns
    -------
    bool

    Examples
    --------
    >>> has_mark_twin("Xã Tân Thạnh", "Tây Ninh"), has_mark_twin("Xã Tân Thành", "Tây Ninh")
    (True, True)
    >>> has_mark_twin("Xã Tân Phú", "Phú Thọ"), has_mark_twin("Kon Tum")
    (False, False)
    """
    held = _index().spellings.get(fold(place), {})
    bare = province(province_name) if province_name else None
    if bare is not None:
        return len(held.get(bare, ())) > 1
    return len(set().union(*held.values())) > 1 if held else False


def unit_name(place: str) -> str | None:
    """A lower unit as the list prints it ("huyện Đăk Tô" -> "Huyện Đăk Tô"), or None.

    Examples
    --------
    >>> unit_name("thành phố lai châu")
    'Thành phố Lai Châu'
    """
    return _index().names.get(fold(place))


def units_today(province_name: str) -> list[str]:
    """The communes, wards and special zones of one of today's 34 provinces, as the list names them.

    Examples
    --------
    >>> units = units_today("Lai Châu")
    >>> len(units) > 30, all(u.split()[0] in ("Xã", "Phường", "Đặc") for u in units)
    (True, True)
    """
    bare = province(province_name)
    return list(_index().today.get(bare or "", []))
