"""``policykg demo-corpus``: write a sample corpus of generated plan documents and their records."""
from __future__ import annotations

from pathlib import Path

import click

from policykg.errors import UserError
from policykg.sample import DEFAULT_DOCUMENTS, CorpusExists, generate_corpus
from policykg.sample.layouts import CHOICES


@click.command("demo-corpus")
@click.option("--documents", "-n", type=click.IntRange(min=1), default=DEFAULT_DOCUMENTS, show_default=True,
              help="How many documents, central ones included (all 34 provinces from about 180).")
@click.option("--seed", type=int, default=0, show_default=True, help="The same seed gives the same bytes.")
@click.option("--out", "out", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder for docs/, gold/ and manifest.jsonl (created if missing).")
@click.option("--layout", type=click.Choice(CHOICES), default="clean", show_default=True,
              help="How documents are printed: clean (one paragraph a line), wrapped (hard-wrapped lines), "
                   "portal (a portal page's markdown, tables one cell a line), pdftext (pdftotext -layout "
                   "text), or mixed (one of the last three per document).")
@click.option("--replace", is_flag=True, help="Replace a corpus already in OUT.")
def command(documents: int, seed: int, out: Path, layout: str, replace: bool) -> None:
    """Generate plan documents in the printed style of real ones, cascading from a handful of
    central documents through the provinces, departments and communes, with the record each
    document means (OUT/gold/NAME.json beside OUT/docs/NAME.txt) to score the loaders on. The
    record does not change with the layout; the manifest names each document's layout.

    \b
    Examples:
      policykg demo-corpus --out corpus
      policykg demo-corpus --documents 10000 --layout mixed --seed 3 --out /tmp/corpus-10k
    """
    try:
        summary = generate_corpus(documents, seed, out, replace=replace, layout=layout)
    except CorpusExists as exc:
        raise UserError(f"{exc} (use --replace)") from exc
    except ValueError as exc:
        raise UserError(str(exc)) from exc
    click.echo(summary.line(), err=True)
