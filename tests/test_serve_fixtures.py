"""Stores, clients and live servers for the web app's tests (``policykg serve``): the seed plans
built once, a small store with hostile document text, Starlette's TestClient over the app, and the
app served by uvicorn on a free port of 127.0.0.1.

The other ``test_serve*`` modules import these fixtures.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Iterator

import pytest
from click.testing import CliRunner

from policykg.cli import main
from policykg.graph import build_records, open_store
from policykg.viz.web import App, application, serve_in_background

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


@pytest.fixture(scope="session")
def seeds_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """The five seed plans built with ``policykg build`` and opened read-only, as ``serve`` does."""
    if not (SHARED / "seeds").is_dir():
        pytest.skip(f"no seed documents at {SHARED} (../shared from the repository root)")
    location = str(tmp_path_factory.mktemp("serve-seeds") / "store")
    run = CliRunner().invoke(main, ["build", str(SHARED / "seeds"), "--store", location])
    assert run.exit_code == 0, run.output
    store = open_store(location, create=False, read_only=True)
    yield store
    store.close()


@pytest.fixture(scope="session")
def seeds_app(seeds_store: Any) -> App:
    """The app's core over the seeds, without HTTP."""
    return App(seeds_store)


def client_of(store: Any) -> Any:
    """Starlette's TestClient over the app (in process, through routing and middleware)."""
    from starlette.testclient import TestClient

    return TestClient(application(store, warm=False), follow_redirects=False)


@pytest.fixture(scope="session")
def seeds_client(seeds_store: Any) -> Any:
    return client_of(seeds_store)


@pytest.fixture(scope="session")
def evil_store() -> Any:
    """A plan whose every text carries markup and a ``javascript:`` link that would run if unescaped."""
    from browser import evil_record, sample_records

    store = open_store(":memory:")
    record = evil_record()
    record["tasks"][0]["text"] += ' <a href="javascript:window.__pwned=\'link\'">bấm</a>'
    record["references"] = [{"id": "91-KL/TW", "kind": "Kết luận", "title": "<script>window.__pwned='title'</script>"}]
    build_records(sample_records() + [record], store)
    return store


@pytest.fixture(scope="session")
def seeds_server(seeds_store: Any) -> Iterator[str]:
    """The URL of the app over the seeds, served by uvicorn on a free port."""
    running = serve_in_background(seeds_store)
    yield running.url
    running.stop()


@pytest.fixture(scope="session")
def evil_server(evil_store: Any) -> Iterator[str]:
    running = serve_in_background(evil_store)
    yield running.url
    running.stop()
