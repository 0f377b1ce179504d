"""`policykg demo`: generate, build, trace, rank and draw, in one command."""
from click.testing import CliRunner

from policykg.cli import main


def test_demo_traces_a_commune_task_to_a_central_resolution(tmp_path):
    result = CliRunner().invoke(main, ["demo", "--documents", "40", "--seed", "1", "--jobs", "1",
                                       "--out", str(tmp_path / "demo")])
    assert result.exit_code == 0, result.output
    assert "built 40 documents" in result.output
    path = next(l for l in result.output.splitlines() if l.startswith("Path 1"))
    assert path.rstrip().rsplit("-> ", 1)[-1].split()[0] in ("Nghị", "Kết", "Chỉ", "Quyết")
    assert "named agencies" in result.output and "FLAG" in result.output or "zscore" in result.output
    html = (tmp_path / "demo" / "graph.html").read_text(encoding="utf-8")
    assert "<html" in html.lower() and "vis-network" in html.lower()
    again = CliRunner().invoke(main, ["demo", "--documents", "40", "--seed", "1", "--jobs", "1",
                                      "--out", str(tmp_path / "demo")])
    assert again.exit_code == 0 and "40 skipped" in again.output


def test_demo_prints_documents_as_real_ones_come_and_refuses_an_unknown_layout(tmp_path):
    # The default layout is mixed: the corpus line counts the layouts of real documents it used.
    result = CliRunner().invoke(main, ["demo", "--documents", "20", "--seed", "2", "--jobs", "1",
                                       "--out", str(tmp_path / "demo")])
    assert result.exit_code == 0, result.output
    corpus = next(l for l in result.output.splitlines() if l.startswith("corpus:"))
    assert "clean" not in corpus and any(name in corpus for name in ("wrapped", "portal", "pdftext"))
    bad = CliRunner().invoke(main, ["demo", "--layout", "scan", "--out", str(tmp_path / "x")])
    assert bad.exit_code == 2 and "Invalid value for '--layout'" in bad.output
    assert not (tmp_path / "x").exists()
