"""The web app through Starlette's TestClient (routing, middleware, cookies; no sockets): pages on
the seed plans, the same numbers as the library, downloads, the read-only SPARQL endpoint,
escaping, errors, timeouts; then the real uvicorn server and the CLI."""
from __future__ import annotations

import io
import re
import time
import urllib.error
import urllib.request
from html import unescape
from urllib.parse import quote

import pandas as pd
import pytest
from click.testing import CliRunner
from test_serve_fixtures import (  # noqa: F401
    client_of,
    evil_store,
    seeds_app,
    seeds_client,
    seeds_server,
    seeds_store,
)

from policykg.cli import main
from policykg.queries import overload, sources, tasks
from policykg.viz.web.app import HttpError, Request

SEARCH = "/search?q=" + quote("Nguyễn Tất Thành")


def text_of(body: str) -> str:
    return unescape(re.sub(r"<[^>]+>", " ", body))


def task_link(client) -> str:
    reply = client.get(SEARCH)
    assert reply.status_code == 200
    links = re.findall(r'href="(/task/[^"]+)"', reply.text)
    assert links, "the search lists no task"
    return unescape(links[0])


def test_search_by_body_words_finds_the_kon_tum_task_with_place_and_plan(seeds_client):
    reply = seeds_client.get(SEARCH)
    assert reply.status_code == 200 and "script-src 'self'" in reply.headers["content-security-policy"]
    assert reply.headers["x-frame-options"] == "DENY" and reply.headers["content-type"].startswith("text/html")
    rows = re.findall(r"<tr>(.*?)</tr>", reply.text, re.S)
    assert any("Kon Tum" in r and "/task/kon-tum/" in r for r in rows)


def test_task_page_shows_the_chain_to_91_kl_and_29_nq_with_evidence_and_file_line(seeds_client):
    reply = seeds_client.get(task_link(seeds_client))
    assert reply.status_code == 200
    chain = re.search(r'<ol class="chain" id="chain">(.*?)</ol>', reply.text, re.S).group(1)
    shown = text_of(chain)
    assert shown.index("91-KL/TW") < shown.index("29-NQ/TW")
    assert re.search(r"\.txt:\d+", shown) and "Nguyễn Tất Thành" in text_of(reply.text)
    roles = re.search(r'<ul class="roles">(.*?)</ul>', reply.text, re.S).group(1)
    assert re.search(r"Chủ trì|Phối hợp|Thực hiện", roles) and "/agency/kon-tum/" in roles  # Vietnamese first
    assert 'id="graph-data"' in reply.text


def test_place_page_table_and_its_csv_are_the_library_overload(seeds_client, seeds_store):
    reply = seeds_client.get("/place/kon-tum?year=2025")
    assert reply.status_code == 200
    expected = overload(seeds_store, place="Kon Tum", year=2025)
    table = re.search(r'<table data-table="overload">(.*?)</table>', reply.text, re.S).group(1)
    shown = [unescape(re.sub(r"<[^>]+>", "", c)) for c in re.findall(r"<tr>(.*?)</tr>", table, re.S)[1:]]
    assert len(shown) == len(expected) and len(expected) > 3
    reply = seeds_client.get("/place/kon-tum?year=2025&download=overload&format=csv")
    data = reply.content
    assert reply.status_code == 200 and data[:3] == b"\xef\xbb\xbf" and reply.headers["content-type"].startswith("text/csv")
    assert reply.headers["content-disposition"] == 'attachment; filename="overload.csv"'
    frame = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig")
    assert list(frame.columns) == list(expected.columns)
    assert frame["agency"].tolist() == expected["agency"].tolist()
    assert frame["load"].tolist() == expected["load"].astype(int).tolist()


def test_xlsx_download_has_the_cli_columns(seeds_client, seeds_store):
    reply = seeds_client.get("/place/kon-tum?download=due&format=xlsx&from=2025&to=2030")
    assert reply.status_code == 200 and reply.headers["content-type"].startswith("application/vnd.openxmlformats")
    frame = pd.read_excel(io.BytesIO(reply.content))
    assert list(frame.columns) == list(tasks(seeds_store, place="Kon Tum").columns)


def test_coverage_of_91_kl_lists_the_three_provinces_with_the_library_counts(seeds_client, seeds_store):
    reply = seeds_client.get("/coverage/91-kl-tw")
    assert reply.status_code == 200
    table = re.search(r'<table data-table="coverage">(.*?)</table>', reply.text, re.S).group(1)
    for place in ("Kon Tum", "Bắc Kạn", "Lai Châu"):
        assert f">{place}<" in table
    data = seeds_client.get("/coverage/91-kl-tw?download=coverage&format=csv").content
    frame = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig")
    library = sources(seeds_store)
    library = library[library["document_id"] == "91-KL/TW"].set_index("place")["plans"]
    assert dict(zip(frame["place"], frame["documents"])) == library.astype(int).to_dict()


def test_home_document_agency_sparql_pages_and_the_find_redirect(seeds_client):
    for url in ("/", "/doc/91-kl-tw", "/agency/kon-tum/so-giao-duc-va-dao-tao", "/query?example=sources&run=1"):
        reply = seeds_client.get(url)
        assert reply.status_code == 200, (url, text_of(reply.text)[-300:])
    reply = seeds_client.get("/find?id=91-KL%2FTW")
    assert reply.status_code == 303 and reply.headers["location"] == "/doc/91-kl-tw"
    reply = seeds_client.get("/doc/91-kl-tw")
    assert "Kon Tum" in text_of(reply.text) and "/coverage/91-kl-tw" in reply.text
    assert seeds_client.post("/query", data={"q": "ASK { ?s a pkg:Task }", "run": "1"}).status_code == 200


def test_static_files_are_served_with_a_script_type_and_the_headers(seeds_client):
    for name, kind in (("web.js", "javascript"), ("web.css", "text/css"), ("vis-network.min.js", "javascript")):
        reply = seeds_client.get(f"/static/{name}")
        assert reply.status_code == 200 and kind in reply.headers["content-type"], name
        assert reply.headers["x-content-type-options"] == "nosniff" and "max-age" in reply.headers["cache-control"]
    assert seeds_client.get("/static/../app.py").status_code == 404
    assert seeds_client.get("/static/viz.js").status_code == 404  # only the app's own files and vis-network


def test_english_switch_sets_a_cookie(seeds_store):
    client = client_of(seeds_store)  # its own cookie jar
    reply = client.get("/?lang=en")
    assert "Places" in text_of(reply.text) and "policykg_lang=en" in reply.headers["set-cookie"]
    assert "samesite=strict" in reply.headers["set-cookie"].lower()
    assert "Search" in text_of(client.get("/").text)  # the cookie keeps the choice
    assert "Tìm kiếm" in text_of(client_of(seeds_store).get("/").text)


def test_sparql_endpoint_answers_select_and_ask_and_refuses_updates_and_service(seeds_client):
    reply = seeds_client.get("/sparql", params={"query": "SELECT ?p WHERE { ?p a pkg:Place } LIMIT 2"})
    assert reply.status_code == 200 and reply.headers["content-type"].startswith("application/sparql-results+json")
    assert '"type": "uri"' in reply.text and reply.headers["access-control-allow-origin"] == "*"
    reply = seeds_client.get("/sparql", params={"query": "ASK { ?s a pkg:Task }"})
    assert reply.status_code == 200 and reply.content == b'{"head": {}, "boolean": true}'
    for params in ({"update": "DROP ALL"}, {"query": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"},
                   {"query": "LOAD <http://example.org/x.ttl>"},
                   {"query": "SELECT * { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"}):
        reply = seeds_client.get("/sparql", params=params)
        assert reply.status_code == 403 and reply.headers["content-type"].startswith("text/plain"), params
        assert len(reply.text.strip().splitlines()) == 1
    reply = seeds_client.post("/sparql", content=b"DROP ALL", headers={"Content-Type": "application/sparql-update"})
    assert reply.status_code == 403
    reply = seeds_client.post("/sparql", content=b"ASK { ?s a pkg:Task }",
                              headers={"Content-Type": "application/sparql-query"})
    assert reply.status_code == 200 and b'"boolean": true' in reply.content
    reply = seeds_client.delete("/sparql")
    assert reply.status_code == 405 and "read-only" in reply.text and reply.headers["content-type"].startswith("text/plain")


def test_user_errors_are_one_line_pages_with_a_status(seeds_client):
    for url, status in (("/task/nowhere/task/1", 404), ("/place/kon-tum?year=abc", 400), ("/no-such-page", 404),
                        ("/place/kon-tum?download=nope", 404), ("/place/atlantis", 404),
                        ("/query?q=" + quote("SELECT WHERE {") + "&run=1", 400),
                        ("/?" + "&".join(f"f{i}=1" for i in range(60)), 400)):
        reply = seeds_client.get(url)
        assert reply.status_code == status, (url, text_of(reply.text)[-200:])
        message = re.search(r'<p class="error"[^>]*>(.*?)</p>', reply.text, re.S).group(1)
        assert "\n" not in message.strip() and "Traceback" not in reply.text
        assert "script-src 'self'" in reply.headers["content-security-policy"]
    reply = seeds_client.put("/place/kon-tum")
    assert reply.status_code == 405 and "PUT is not allowed" in text_of(reply.text)
    reply = seeds_client.post("/query", content=b"x" * (1024 * 1024 + 1),
                              headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert reply.status_code == 413


def test_a_bug_in_a_page_is_a_one_line_500_not_a_traceback(seeds_store, monkeypatch):
    client = client_of(seeds_store)
    core = client.app.state.app

    def broken(app, request, rest):
        raise KeyError("a bug\nover two lines")

    monkeypatch.setitem(core.routes, "search", broken)
    reply = client.get("/search?q=x")
    assert reply.status_code == 500 and "internal error (KeyError" in reply.text and "Traceback" not in reply.text


def test_hostile_text_is_escaped_in_every_page(evil_store):
    client = client_of(evil_store)
    found = client.get("/search?q=" + quote("Nhiệm vụ độc hại")).text
    task = unescape(re.findall(r'href="(/task/[^"]+)"', found)[0])
    for url in (task, "/doc/91-kl-tw", "/doc/ha-giang/666-kh-ubnd", "/place/ha-giang", "/coverage/91-kl-tw",
                "/search?q=" + quote("<script>"), "/query?q=" + quote("SELECT ?t { ?x pkg:text ?t }") + "&run=1"):
        reply = client.get(url)
        html = reply.text
        assert reply.status_code == 200, url
        assert "<script>window" not in html and "<img src=x" not in html and "<svg onload" not in html, url
        assert 'href="javascript:' not in html, url
        assert all(src.startswith("/static/") for src in re.findall(r'<script[^>]*src="([^"]*)"', html))


def test_a_page_running_past_the_timeout_is_given_up_with_503(seeds_store, monkeypatch):
    client = client_of(seeds_store)
    core = client.app.state.app

    def slow(app, request, rest):
        time.sleep(1)
        raise AssertionError("not given up")

    monkeypatch.setitem(core.routes, "search", slow)
    monkeypatch.setenv("POLICYKG_SERVE_TIMEOUT", "0.05")
    started = time.perf_counter()
    reply = client.get("/search?q=x")
    assert reply.status_code == 503 and "0.05 s" in text_of(reply.text)
    assert time.perf_counter() - started < 0.8


def test_user_sparql_past_the_timeout_is_given_up_on_its_own_workers(seeds_app, monkeypatch):
    monkeypatch.setenv("POLICYKG_SERVE_TIMEOUT", "0.05")
    started = time.perf_counter()
    with pytest.raises(HttpError) as raised:
        seeds_app.timed(lambda: time.sleep(1), pool=seeds_app.sparql_pool)
    assert raised.value.status == 503 and "0.05 s" in str(raised.value)
    assert time.perf_counter() - started < 0.5


def test_the_core_answers_without_http(seeds_app):
    reply = seeds_app.answer("place", Request("GET", "/place/kon-tum", {"download": "overload"}, "vi"), "kon-tum")
    assert reply.status == 200 and reply.body[:3] == b"\xef\xbb\xbf"
    with pytest.raises(HttpError) as raised:
        seeds_app.answer("nope", Request("GET", "/nope", {}, "vi"), "")
    assert raised.value.status == 404


def test_the_uvicorn_server_answers_and_refuses_other_host_names(seeds_server):
    with urllib.request.urlopen(seeds_server + "/", timeout=10) as reply:
        assert reply.status == 200 and b"Kon Tum" in reply.read()
        assert "script-src 'self'" in reply.headers["Content-Security-Policy"]
    with urllib.request.urlopen(seeds_server + "/static/web.js", timeout=10) as reply:
        assert reply.status == 200 and "javascript" in reply.headers["Content-Type"]
    request = urllib.request.Request(seeds_server + "/", headers={"Host": "evil.example:80"})
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=10)
    assert refused.value.code == 403 and "answers to" in refused.value.read().decode()
    assert "script-src 'self'" in refused.value.headers["Content-Security-Policy"]


def test_serve_command_says_one_line_for_a_missing_store_or_a_busy_port(tmp_path, seeds_server):
    run = CliRunner().invoke(main, ["serve", "--store", str(tmp_path / "none")])
    assert run.exit_code == 1 and "no store" in run.output and "Traceback" not in run.output
    port = seeds_server.rsplit(":", 1)[1]
    store = tmp_path / "empty"
    assert CliRunner().invoke(main, ["build", str(tmp_path / "nothing.txt"), "--store", str(store)]).exit_code in (0, 1)
    run = CliRunner().invoke(main, ["serve", "--store", str(store), "--port", port])
    assert run.exit_code == 1 and "cannot listen" in run.output and len(run.output.strip().splitlines()) == 1
