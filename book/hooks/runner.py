"""Ship the in-browser Python of the Run buttons with the site (see :mod:`book.runtime`).

After the build (once, in the outer language build), the verified Pyodide core, the wheels
numpy and matplotlib need, a ``gdbook`` wheel built from this repository and the driver
(:mod:`book.rundriver`) go to ``assets/pyodide/``. A missing or mismatched runtime file fails
the build with the file's name and how to fix it. The pages load none of it. Each page's Run
bars, and a few lines of inline script that fetch ``javascripts/run.js`` on the first press,
are written into its HTML here (:mod:`book.runbar`); run.js starts a Web Worker on the first
Run.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.pages import Page

ROOT = Path(__file__).resolve().parents[2]
sys.path.append(str(ROOT))  # as in book/hooks/math.py

from book import runbar, runtime  # noqa: E402

log = get_plugin_logger(__name__)


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return runbar.add_run_bars(output)


@event_priority(-300)  # after the i18n plugin built the other languages
def on_post_build(config: MkDocsConfig) -> None:
    plugin = config.plugins.get("i18n")
    if plugin is not None and getattr(plugin, "building", False):
        return  # an inner language build: the outer one ships the runtime once
    site = Path(config.site_dir)
    try:
        manifest = runtime.copy_runtime(site)
    except runtime.RuntimeFilesError as error:
        raise PluginError(f"Run buttons: {error}") from None
    shutil.copyfile(
        runtime.ROOT / "book" / "rundriver.py", site / runtime.SITE_FOLDER / "driver.py"
    )
    log.info(f"in-browser Python: Pyodide {manifest['version']} and {manifest['wheel']}")
