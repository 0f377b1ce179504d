"""``policykg demo``: a generated corpus, built and questioned, in one command."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from policykg.commands.overload import sections
from policykg.commands.trace import chain_text
from policykg.demo import DEMO_DOCUMENTS, DEMO_LAYOUT, run_demo
from policykg.errors import UserError
from policykg.sample.layouts import CHOICES


@click.command("demo")
@click.option("--documents", "-n", type=click.IntRange(min=20), default=DEMO_DOCUMENTS, show_default=True,
              help="How many plan documents to generate.")
@click.option("--seed", type=int, default=0, show_default=True, help="Same seed, same corpus and answers.")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=Path("policykg-demo"),
              show_default=True, help="Folder for corpus/, store/ and graph.html (a corpus there is replaced).")
@click.option("--jobs", "-j", type=click.IntRange(min=0), default=0, show_default=True,
              help="Extraction processes (0: one per core).")
@click.option("--layout", type=click.Choice(CHOICES), default=DEMO_LAYOUT, show_default=True,
              help="How the documents are printed (see demo-corpus); mixed gives each one a layout of "
                   "real documents: hard-wrapped, portal markdown or PDF text.")
def command(documents: int, seed: int, out: Path, jobs: int, layout: str) -> None:
    """Generate a sample corpus of plans cascading from central resolutions through the provinces,
    build it into the embedded store, trace one commune task to its central source, rank one
    province's agencies by load, and write the interactive HTML view.

    The documents are written for the generator, never copied from real ones, and printed as real
    ones come (hard-wrapped, portal pages, PDF text); they go through the same loaders as real
    documents. Afterwards every command works on the demo store:
    policykg trace ... --store OUT/store.

    \b
    Examples:
      policykg demo
      policykg demo --documents 2000 --seed 7 --out big-demo
    """
    try:
        result = run_demo(documents, seed, out, jobs, layout)
    except ValueError as exc:
        raise UserError(str(exc)) from exc
    b = result.build
    layouts = ", ".join(f"{k} {n}" for k, n in result.corpus.layouts.items())
    click.echo(f"corpus: {result.corpus.documents} documents ({layouts}) in {out / 'corpus'}")
    click.echo(f"store:  {b.summary()} in {result.store}")
    click.echo(f"\n== trace: a task of {result.task_place} up to its central source ==\n")
    click.echo(chain_text(result.trace))
    click.echo(f"\n== overload: agencies of {result.overload_place or 'every place'} ==\n")
    click.echo(sections(result.overload, date.today().year))
    click.echo(f"\nHTML view ({result.html_nodes} nodes): {result.html}")
    click.echo(f"Next: policykg overload --store {result.store}   |   policykg show --store {result.store}")
    click.echo(f"Web app: policykg serve --store {result.store}   (then open http://127.0.0.1:8000/)")
