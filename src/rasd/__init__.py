"""rasd (رصد): Arabic news to clean, structured, trustworthy event data.

The public API::

    import rasd
    from pathlib import Path
    article = rasd.analyze(Path("page.html"), published="2022-01-08")   # or path="page.html"
    article = rasd.analyze("<html>...</html>")                          # a str is text, never a path
    for result in rasd.analyze_path("folder/"):
        ...

Names are imported lazily so that ``import rasd`` stays cheap and does no I/O.
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"
__all__ = [
    "Article",
    "InputError",
    "RasdError",
    "Rejection",
    "Settings",
    "Span",
    "Token",
    "__version__",
    "analyze",
    "analyze_path",
    "load_settings",
]

_LAZY = {
    "analyze": "api", "analyze_path": "api", "Summary": "api",
    "Article": "model", "Span": "model", "Token": "model",
    "Settings": "settings", "load_settings": "settings",
    "Rejection": "errors", "RasdError": "errors", "InputError": "errors",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'rasd' has no attribute {name!r}")
    from importlib import import_module

    return getattr(import_module(f"rasd.{module}"), name)
