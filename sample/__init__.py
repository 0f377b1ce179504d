"""policykg.sample: a generator of plan documents in the printed style of real ones.

A sample corpus cascades from a handful of invented central documents through the 34 provinces
and cities of the 2025 map: party committee plans, people's committee plans, department plans and
commune plans, each with tasks in every assignment style the loaders read, targets and deadlines.
Beside each document the generator writes the record it meant (``GUIDE.md`` shape), so the
loaders can be scored on it. Everything is deterministic for a seed.

Modules: :mod:`vocab` (places, agencies), :mod:`themes` (central documents, task cores,
indicators), :mod:`phrases` (sentence templates), :mod:`writer` (text and record side by side),
:mod:`goals`, :mod:`styles` (assignment styles), :mod:`documents` (one local plan),
:mod:`central` (central documents), :mod:`corpus` (the cascade, :func:`generate_corpus`),
:mod:`blocks` and :mod:`layouts` (the text printed as real documents come: hard-wrapped,
:mod:`portal` markdown, :mod:`pdftext`).
"""
from policykg.sample.corpus import (
    DEFAULT_DOCUMENTS,
    CorpusExists,
    CorpusSummary,
    generate_corpus,
    iter_corpus,
    plan_corpus,
)

__all__ = ["DEFAULT_DOCUMENTS", "CorpusExists", "CorpusSummary", "generate_corpus", "iter_corpus", "plan_corpus"]
