"""Serve MathJax from the site itself, never from a CDN.

MathJax 3.2.2 comes from the ``django-static-mathjax`` wheel (a pinned Python dependency), so
``make serve`` needs no Node.js. Only the files the pages use are copied: the ``tex-chtml``
component and its WOFF2 fonts, which MathJax finds next to the script.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority


def mathjax_root() -> Path:
    """Return the ``es5`` folder of the installed MathJax distribution."""
    import mathjax  # the django-static-mathjax wheel

    root = Path(mathjax.__file__).parent / "static" / "mathjax" / "es5"
    if not (root / "tex-chtml.js").is_file():
        raise FileNotFoundError(
            f"MathJax was not found at {root}; install the pinned docs dependencies "
            "(pip install -r requirements/lock.txt)."
        )
    return root


@event_priority(-200)
def on_post_build(config: MkDocsConfig) -> None:
    source = mathjax_root()
    target = Path(config.site_dir) / "assets" / "mathjax"
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy2(source / "tex-chtml.js", target / "tex-chtml.js")
    fonts = Path("output") / "chtml" / "fonts" / "woff-v2"
    shutil.copytree(source / fonts, target / fonts, dirs_exist_ok=True)
