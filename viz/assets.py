"""What the page carries inside itself: vis-network, our script and style, the data, the CSP.

Nothing is loaded from anywhere: vis-network (``static/vis-network.min.js``, vendored from the
npm package ``vis-network`` 9.1.13, standalone UMD build, which also carries its CSS) and
``static/viz.js`` / ``static/viz.css`` are inlined. The Content-Security-Policy allows exactly
those inline scripts (by hash) and no network at all, so even markup that slipped into the page
could neither run an inline handler nor fetch anything.
"""
from __future__ import annotations

import base64
import hashlib
import json
from functools import lru_cache
from importlib import resources
from typing import Any

_PACKAGE = "policykg.viz"
VIS_NETWORK_VERSION = "9.1.13"


@lru_cache(maxsize=None)
def read_resource(name: str) -> str:
    """A file of the package as text (``"static/graph.html.j2"``)."""
    return resources.files(_PACKAGE).joinpath(name).read_text(encoding="utf-8")


def read_static(name: str) -> str:
    """A script or style of ``viz/static`` to be inlined (``"static/viz.js"``).

    Raises
    ------
    ValueError
        If the text could close the ``<script>``/``<style>`` element it is inlined into.
    """
    text = read_resource(name)
    if "</script" in text.lower() or "</style" in text.lower():
        raise ValueError(f"{name} contains a closing script/style tag and cannot be inlined")
    return text


def json_for_script(value: Any) -> str:
    """JSON that is safe as the text of a ``<script type="application/json">`` element.

    ``<``, ``>`` and ``&`` only occur inside JSON strings, where ``\\u003c`` etc. mean the same
    characters; escaping them means no document text can close the element (``</script>``) or
    open a comment. U+2028/2029 are escaped for old JavaScript parsers.

    Examples
    --------
    >>> json_for_script({"text": "</script><img src=x onerror=alert(1)>"})
    '{"text":"\\\\u003c/script\\\\u003e\\\\u003cimg src=x onerror=alert(1)\\\\u003e"}'
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                          ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escaped)
    return text


def csp_hash(script: str) -> str:
    """The CSP source expression allowing one inline script.

    Examples
    --------
    >>> csp_hash("")
    "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='"
    """
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def content_security_policy(scripts: list[str]) -> str:
    """A policy allowing these inline scripts, inline styles and ``data:`` images, and nothing else."""
    allowed = " ".join(csp_hash(s) for s in scripts)
    return ("default-src 'none'; "
            f"script-src {allowed}; "
            "style-src 'unsafe-inline'; "
            "img-src data:; "
            "base-uri 'none'; form-action 'none'")


__all__ = ["VIS_NETWORK_VERSION", "content_security_policy", "csp_hash", "json_for_script", "read_resource",
           "read_static"]
