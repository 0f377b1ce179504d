"""The layer rule (issue 17): a room imports only rooms below it.

    vietnamese < loaders < graph < queries < viz, check, sample < front door (policykg/: cli,
    commands, pipeline, output)

``LAYERS`` is also the map from the top-level folders to the packages setup.cfg installs them as
(``loaders/`` is ``policykg.loaders``); ``python tests/test_layers.py --link-tree DIR`` lays the
package out under DIR as installed, as links, for tools that follow imports by folder (mypy: see
``[tool.mypy]`` in pyproject.toml).
"""
from __future__ import annotations

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Folder -> rank; a file may import a room of its own rank or lower. ontology/ is data the graph reads.
LAYERS = {"vietnamese": 0, "loaders": 1, "ontology": 1, "graph": 2, "queries": 3, "viz": 4, "check": 4, "sample": 4}
FRONT_DOOR = ("policykg", 5)
# Imports allowed to break the rule, each (file, imported module) with the reason; none today.
KNOWN: set[tuple[str, str]] = set()


def rank_of_module(module: str) -> tuple[str, int] | None:
    """The room and rank of an absolute module name; None outside policykg.

    Examples
    --------
    >>> rank_of_module("policykg.graph.store"), rank_of_module("policykg.cli"), rank_of_module("rdflib")
    (('graph', 2), ('policykg', 5), None)
    """
    parts = module.split(".")
    if parts[0] != "policykg":
        return None
    if len(parts) > 1 and parts[1] in LAYERS:
        return parts[1], LAYERS[parts[1]]
    return FRONT_DOOR


def imports_of(path: Path) -> list[tuple[int, str]]:
    """``(line, module)`` of every absolute import in a file, inside functions too."""
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            out += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            # "from policykg import graph" names a room, "from policykg import __version__" the front door.
            out += [(node.lineno, f"{node.module}.{a.name}" if node.module == "policykg" and a.name in LAYERS
                     else node.module) for a in node.names]
    return out


def violations(root: Path) -> list[tuple[str, int, str]]:
    """``(file, line, module)`` for every import of a room above the importing file's room."""
    found = []
    for folder, rank in {**LAYERS, FRONT_DOOR[0]: FRONT_DOOR[1]}.items():
        for path in sorted((root / folder).rglob("*.py")):
            for line, module in imports_of(path):
                target = rank_of_module(module)
                if target is not None and target[1] > rank:
                    found.append((path.relative_to(root).as_posix(), line, module))
    return found


def test_no_room_imports_a_room_above_it():
    found = [v for v in violations(ROOT) if (v[0], v[2]) not in KNOWN]
    assert not found, "imports of a higher layer:\n" + "\n".join(f"{f}:{n}: {m}" for f, n, m in found)


def test_the_known_list_holds_only_real_violations():
    """An entry fixed in the code must leave the list, so the list only ever shrinks."""
    assert KNOWN <= {(f, m) for f, _, m in violations(ROOT)}


def test_a_layer_reaching_up_is_caught(tmp_path):
    (tmp_path / "graph").mkdir()
    (tmp_path / "loaders").mkdir()
    (tmp_path / "vietnamese").mkdir()
    (tmp_path / "graph" / "build.py").write_text("from policykg import __version__\nfrom policykg.loaders import x\n")
    (tmp_path / "loaders" / "read.py").write_text("def f():\n    from policykg.queries.text import Matcher\n")
    (tmp_path / "vietnamese" / "keys.py").write_text("import policykg.loaders.normalise\nimport re\n")
    assert sorted(violations(tmp_path)) == [("graph/build.py", 1, "policykg"), ("loaders/read.py", 2, "policykg.queries.text"),
                                    ("vietnamese/keys.py", 1, "policykg.loaders.normalise")]


def test_the_map_matches_setup_cfg():
    cfg = (ROOT / "setup.cfg").read_text(encoding="utf-8")
    for folder in LAYERS:
        assert f"policykg.{folder} = {folder}" in cfg, folder


def link_tree(dest: Path) -> Path:
    """``dest/policykg`` laid out as installed: links to policykg/'s files and to each room's folder."""
    package = dest / "policykg"
    package.mkdir(parents=True, exist_ok=True)
    wanted = {p.name: p for p in (ROOT / "policykg").iterdir() if p.name != "__pycache__"}
    wanted.update({folder: ROOT / folder for folder in LAYERS})
    for old in package.iterdir():
        if old.is_symlink() and old.name not in wanted:
            old.unlink()
    for name, target in wanted.items():
        link = package / name
        if not link.is_symlink():
            link.symlink_to(target)
    return package


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] != "--link-tree":
        sys.exit("usage: python tests/test_layers.py --link-tree DIR")
    print(link_tree(Path(sys.argv[2])))
