"""The web app answered directly as a WSGI application (no browser): pages on the seed plans, the
same numbers as the library, downloads, the read-only SPARQL endpoint, escaping, errors, the CLI."""
from __future__ import annotations

import io
import re
import urllib.error
import urllib.request
from html import unescape
from urllib.parse import quote

import pandas as pd
from click.testing import CliRunner
from test_serve_fixtures import evil_server, evil_store, seeds_app, seeds_server, seeds_store, serve_in_thread  # noqa: F401

from policykg.cli import main
from policykg.queries import overload, sources, tasks
from policykg.viz.web import App

SEARCH = "/search?q=" + quote("Nguyễn Tất Thành")


def text_of(body: bytes) -> str:
    return unescape(re.sub(r"<[^>]+>", " ", body.decode("utf-8")))


def task_link(app: App) -> str:
    status, _, body = app.get(SEARCH)
    assert status == 200
    links = re.findall(r'href="(/task/[^"]+)"', body.decode())
    assert links, "the search lists no task"
    return unescape(links[0])


def test_search_by_body_words_finds_the_kon_tum_task_with_place_and_plan(seeds_app):
    status, headers, body = seeds_app.get(SEARCH)
    assert status == 200 and "script-src 'self'" in headers["Content-Security-Policy"]
    rows = re.findall(r"<tr>(.*?)</tr>", body.decode(), re.S)
    assert any("Kon Tum" in r and "/task/kon-tum/" in r for r in rows)


def test_task_page_shows_the_chain_to_91_kl_and_29_nq_with_evidence_and_file_line(seeds_app):
    status, _, body = seeds_app.get(task_link(seeds_app))
    assert status == 200
    chain = re.search(r'<ol class="chain" id="chain">(.*?)</ol>', body.decode(), re.S).group(1)
    shown = text_of(chain.encode())
    assert shown.index("91-KL/TW") < shown.index("29-NQ/TW")
    assert re.search(r"\.txt:\d+", shown) and "Nguyễn Tất Thành" in text_of(body)
    roles = re.search(r'<ul class="roles">(.*?)</ul>', body.decode(), re.S).group(1)
    assert re.search(r"Chủ trì|Phối hợp|Thực hiện", roles) and "/agency/kon-tum/" in roles  # Vietnamese first
    assert 'id="graph-data"' in body.decode()


def test_place_page_table_and_its_csv_are_the_library_overload(seeds_app, seeds_store):
    status, _, body = seeds_app.get("/place/kon-tum?year=2025")
    assert status == 200
    expected = overload(seeds_store, place="Kon Tum", year=2025)
    table = re.search(r'<table data-table="overload">(.*?)</table>', body.decode(), re.S).group(1)
    shown = [unescape(re.sub(r"<[^>]+>", "", c)) for c in re.findall(r"<tr>(.*?)</tr>", table, re.S)[1:]]
    assert len(shown) == len(expected) and len(expected) > 3
    status, headers, data = seeds_app.get("/place/kon-tum?year=2025&download=overload&format=csv")
    assert status == 200 and data[:3] == b"\xef\xbb\xbf" and headers["Content-Type"].startswith("text/csv")
    frame = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig")
    assert list(frame.columns) == list(expected.columns)
    assert frame["agency"].tolist() == expected["agency"].tolist()
    assert frame["load"].tolist() == expected["load"].astype(int).tolist()


def test_xlsx_download_has_the_cli_columns(seeds_app, seeds_store):
    status, headers, data = seeds_app.get("/place/kon-tum?download=due&format=xlsx&from=2025&to=2030")
    assert status == 200 and headers["Content-Type"].startswith("application/vnd.openxmlformats")
    frame = pd.read_excel(io.BytesIO(data))
    assert list(frame.columns) == list(tasks(seeds_store, place="Kon Tum").columns)


def test_coverage_of_91_kl_lists_the_three_provinces_with_the_library_counts(seeds_app, seeds_store):
    status, _, body = seeds_app.get("/coverage/91-kl-tw")
    assert status == 200
    table = re.search(r'<table data-table="coverage">(.*?)</table>', body.decode(), re.S).group(1)
    for place in ("Kon Tum", "Bắc Kạn", "Lai Châu"):
        assert f">{place}<" in table
    status, _, data = seeds_app.get("/coverage/91-kl-tw?download=coverage&format=csv")
    frame = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig")
    library = sources(seeds_store)
    library = library[library["document_id"] == "91-KL/TW"].set_index("place")["plans"]
    assert dict(zip(frame["place"], frame["documents"])) == library.astype(int).to_dict()


def test_home_document_and_agency_pages_answer(seeds_app):
    for url in ("/", "/doc/91-kl-tw", "/agency/kon-tum/so-giao-duc-va-dao-tao", "/query?example=sources&run=1",
                "/find?id=91-KL%2FTW"):
        status, headers, body = seeds_app.get(url)
        assert status in (200, 303), (url, text_of(body)[-300:])
    assert seeds_app.get("/find?id=91-KL%2FTW")[1]["Location"] == "/doc/91-kl-tw"
    status, _, body = seeds_app.get("/doc/91-kl-tw")
    assert "Kon Tum" in text_of(body) and "/coverage/91-kl-tw" in body.decode()


def test_english_switch_sets_a_cookie(seeds_app):
    status, headers, body = seeds_app.get("/?lang=en")
    assert "Places" in text_of(body) and "policykg_lang=en" in headers["Set-Cookie"]
    status, headers, body = seeds_app.get("/", headers={"Cookie": "policykg_lang=en"})
    assert "Search" in text_of(body)
    assert "Tìm kiếm" in text_of(seeds_app.get("/")[2])


def test_sparql_endpoint_answers_select_and_ask_and_refuses_updates_and_service(seeds_app):
    status, headers, body = seeds_app.get("/sparql?query=" + quote("SELECT ?p WHERE { ?p a pkg:Place } LIMIT 2"))
    assert status == 200 and headers["Content-Type"].startswith("application/sparql-results+json")
    assert b'"type": "uri"' in body
    status, _, body = seeds_app.get("/sparql?query=" + quote("ASK { ?s a pkg:Task }"))
    assert status == 200 and b'"boolean": true' in body
    for url in ("/sparql?update=" + quote("DROP ALL"),
                "/sparql?query=" + quote("INSERT DATA { <urn:a> <urn:b> <urn:c> }"),
                "/sparql?query=" + quote("LOAD <http://example.org/x.ttl>"),
                "/sparql?query=" + quote("SELECT * { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }")):
        assert seeds_app.get(url)[0] == 403, url
    status, _, _ = seeds_app.get("/sparql", method="POST", body=b"DROP ALL",
                                 headers={"Content-Type": "application/sparql-update"})
    assert status == 403
    assert seeds_app.get("/sparql", method="DELETE")[0] == 405
    assert seeds_app.get("/sparql?query=" + quote("ASK { ?s a pkg:Task }"))[2] == b'{"head": {}, "boolean": true}'


def test_user_errors_are_one_line_pages_with_a_status(seeds_app):
    for url, status in (("/task/nowhere/task/1", 404), ("/place/kon-tum?year=abc", 400), ("/no-such-page", 404),
                        ("/place/kon-tum?download=nope", 404), ("/place/atlantis", 404),
                        ("/query?q=" + quote("SELECT WHERE {") + "&run=1", 400)):
        got, _, body = seeds_app.get(url)
        assert got == status, (url, text_of(body)[-200:])
        message = re.search(r'<p class="error"[^>]*>(.*?)</p>', body.decode(), re.S).group(1)
        assert "\n" not in message.strip() and "Traceback" not in body.decode()


def test_hostile_text_is_escaped_in_every_page(evil_store):
    app = App(evil_store)
    found = app.get("/search?q=" + quote("Nhiệm vụ độc hại"))[2].decode()
    task = unescape(re.findall(r'href="(/task/[^"]+)"', found)[0])
    for url in (task, "/doc/91-kl-tw", "/doc/ha-giang/666-kh-ubnd", "/place/ha-giang", "/coverage/91-kl-tw",
                "/search?q=" + quote("<script>"), "/query?q=" + quote("SELECT ?t { ?x pkg:text ?t }") + "&run=1"):
        status, _, body = app.get(url)
        html = body.decode()
        assert status == 200, url
        assert "<script>window" not in html and "<img src=x" not in html and "<svg onload" not in html, url
        assert 'href="javascript:' not in html, url
        assert all(src.startswith("/static/") for src in re.findall(r'<script[^>]*src="([^"]*)"', html))


def test_a_real_server_answers_and_refuses_other_host_names(seeds_store):
    url, server = serve_in_thread(seeds_store)
    try:
        with urllib.request.urlopen(url + "/", timeout=10) as reply:
            assert reply.status == 200 and b"Kon Tum" in reply.read()
        request = urllib.request.Request(url + "/", headers={"Host": "evil.example:80"})
        try:
            urllib.request.urlopen(request, timeout=10)
            raise AssertionError("a request for another host name was answered")
        except urllib.error.HTTPError as exc:
            assert exc.code == 403
    finally:
        server.shutdown()
        server.server_close()


def test_serve_command_says_one_line_for_a_missing_store_or_a_busy_port(tmp_path, seeds_server):
    run = CliRunner().invoke(main, ["serve", "--store", str(tmp_path / "none")])
    assert run.exit_code == 1 and "no store" in run.output and "Traceback" not in run.output
    port = seeds_server.rsplit(":", 1)[1]
    store = tmp_path / "empty"
    assert CliRunner().invoke(main, ["build", str(tmp_path / "nothing.txt"), "--store", str(store)]).exit_code in (0, 1)
    run = CliRunner().invoke(main, ["serve", "--store", str(store), "--port", port])
    assert run.exit_code == 1 and "cannot listen" in run.output and len(run.output.strip().splitlines()) == 1


def test_a_page_running_past_the_timeout_is_given_up_with_503(seeds_app, monkeypatch):
    import time

    from policykg.viz.web.app import HttpError

    monkeypatch.setenv("POLICYKG_SERVE_TIMEOUT", "0.05")
    started = time.perf_counter()
    try:
        seeds_app.timed(lambda: time.sleep(1), pool=seeds_app.sparql_pool)
        raise AssertionError("not given up")
    except HttpError as exc:
        assert exc.status == 503 and "0.05 s" in str(exc)
    assert time.perf_counter() - started < 0.5
