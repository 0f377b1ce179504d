"""policykg: a knowledge graph of Vietnamese policy documents.

The public API a notebook user needs; each CLI command is a thin shell over one of these.

>>> from policykg import extract_file          # one document -> extraction record (GUIDE.md)
"""
from policykg.loaders import extract_file, extract_text, guide_record

__all__ = ["extract_file", "extract_text", "guide_record"]
__version__ = "0.1.0"
