"""Render every registered figure to SVG at build time, cached by content.

:func:`build_figures` writes, for each figure of :mod:`gdbook.figures`, a light and a dark SVG
(per language when the figure draws words) into a folder of the site, plus ``manifest.json``
for the ``{{ figure("name") }}`` macro, whose HTML :func:`figure_html` returns.

Caching. A figure's cache key is a SHA-256 over its own module's source, every other module
of ``gdbook/`` except the other chapters' figure modules, the matplotlib and numpy versions,
its name and size: editing prose or another chapter's figures redraws nothing.
When no ``gdbook/`` file changed at all, a build copies the SVGs without importing
matplotlib. Figures are drawn in a fresh Python process, so ``make serve`` never draws with a
module imported before an edit.

Run ``python -m book.figures_build OUT_DIR`` to build the figures by hand.
"""

from __future__ import annotations

import argparse
import hashlib
import html
import json
import multiprocessing
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from gdbook.figures.registry import FigureSpec

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "gdbook"
FIGURES_PACKAGE = PACKAGE / "figures"

FIGURES_URL_DIR = "figures"
"""The folder of the site (relative to its root) that the lead hook passes as ``out_dir``."""

MANIFEST = "manifest.json"
CACHE_FORMAT = "gdbook-figures-1"
KEEP_BUILD_RECORDS = 20
CHAPTER_FILE = re.compile(r"ch\d\d\.py")
SVG_SIZE = re.compile(rb'<svg[^>]*?\swidth="([\d.]+)pt"\s+height="([\d.]+)pt"')
INLINE_MATH = re.compile(r"\$([^$]+)\$")

Log = Callable[[str], object]


def default_cache_dir() -> Path:
    """Return ``$GDBOOK_CACHE_DIR/figures``, or ``.cache/figures`` in the repository.

    ``GDBOOK_CACHE_DIR`` names the root of all build caches (facts use ``facts/`` in it).
    """
    return Path(os.environ.get("GDBOOK_CACHE_DIR", ROOT / ".cache")) / "figures"


@dataclass(frozen=True)
class FigureFiles:
    """The files of one built figure, as the page macro needs them.

    Attributes
    ----------
    name : str
        The figure's name.
    files : dict
        ``files[lang][theme]``: the SVG file name (in the output folder) for ``lang`` in
        ``("en", "ko")`` and ``theme`` in ``("light", "dark")``. Figures without words use
        the same file for both languages.
    alt, caption : dict
        Text per language.
    width, height : int
        The SVG's size in CSS pixels.
    cached : bool
        Whether this build copied the files from the cache.
    seconds : float
        Time spent drawing (0 when cached).
    """

    name: str
    files: dict[str, dict[str, str]]
    alt: dict[str, str]
    caption: dict[str, str]
    width: int
    height: int
    cached: bool = False
    seconds: float = field(default=0.0, compare=False)

    def manifest_entry(self) -> dict[str, Any]:
        """Return the JSON object stored for this figure in ``manifest.json``."""
        return {
            "files": self.files,
            "alt": self.alt,
            "caption": self.caption,
            "width": self.width,
            "height": self.height,
        }

    @classmethod
    def from_manifest_entry(
        cls, name: str, entry: Mapping[str, Any], *, cached: bool = True
    ) -> FigureFiles:
        """Rebuild a :class:`FigureFiles` from a manifest entry."""
        return cls(
            name=name,
            files={lang: dict(themes) for lang, themes in entry["files"].items()},
            alt=dict(entry["alt"]),
            caption=dict(entry["caption"]),
            width=int(entry["width"]),
            height=int(entry["height"]),
            cached=cached,
        )

    @property
    def file_names(self) -> list[str]:
        """Every distinct SVG file of the figure, sorted."""
        return sorted({f for themes in self.files.values() for f in themes.values()})


# --- cache keys ------------------------------------------------------------------------------


def _read_source(path: Path) -> bytes:
    return path.read_bytes()


def _package_files() -> list[Path]:
    # Figures may import page code (one definition for page, facts and figure).
    files = [*PACKAGE.rglob("*.py"), *(ROOT / "book" / "code").rglob("*.py")]
    return sorted(p for p in files if "__pycache__" not in p.parts)


def _is_chapter_figures(path: Path) -> bool:
    return path.parent == FIGURES_PACKAGE and CHAPTER_FILE.fullmatch(path.name) is not None


def _digest_files(digest: Any, paths: Iterable[Path]) -> None:
    for path in paths:
        digest.update(str(path.relative_to(ROOT)).encode() + b"\0")
        digest.update(hashlib.sha256(_read_source(path)).digest())


def _environment() -> bytes:
    # Read from the installed metadata, so the fast path needs no import of matplotlib. (The
    # font file is not part of the key: after upgrading fonts-noto-cjk, run `make clean`.)
    from importlib.metadata import version

    parts = [CACHE_FORMAT, f"matplotlib {version('matplotlib')}", f"numpy {version('numpy')}"]
    return "\n".join(parts).encode()


def shared_digest() -> bytes:
    """Hash what every figure depends on: ``gdbook/`` except the chapter figure modules."""
    digest = hashlib.sha256(_environment())
    _digest_files(digest, (p for p in _package_files() if not _is_chapter_figures(p)))
    return digest.digest()


def figure_cache_key(spec: FigureSpec, shared: bytes | None = None) -> str:
    """Return the cache key of one figure (hex SHA-256).

    Parameters
    ----------
    spec : FigureSpec
        The figure.
    shared : bytes, optional
        :func:`shared_digest`, computed once per build; computed here when omitted.
    """
    digest = hashlib.sha256(shared if shared is not None else shared_digest())
    digest.update(f"\0{spec.name}\0{spec.size!r}\0{spec.module}\0".encode())
    digest.update(_read_source(spec.source_file))
    return digest.hexdigest()


def sources_key() -> str:
    """Hash every file of ``gdbook/`` and the environment: unchanged means nothing to draw."""
    digest = hashlib.sha256(_environment())
    _digest_files(digest, _package_files())
    return digest.hexdigest()


# --- the cache -------------------------------------------------------------------------------


def _entry_dir(cache_dir: Path, name: str, key: str) -> Path:
    return cache_dir / "entries" / f"{name}--{key[:24]}"


def _load_entry(cache_dir: Path, name: str, key: str) -> tuple[Path, dict[str, Any]] | None:
    folder = _entry_dir(cache_dir, name, key)
    try:
        entry: dict[str, Any] = json.loads((folder / "entry.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if entry.get("key") != key:
        return None
    return folder, entry


def _store_entry(
    cache_dir: Path, name: str, key: str, svgs: Mapping[str, bytes], meta: Any
) -> Path:
    final = _entry_dir(cache_dir, name, key)
    final.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{name}-", dir=final.parent))
    for file_name, svg in svgs.items():
        (staging / file_name).write_bytes(svg)
    (staging / "entry.json").write_text(json.dumps({"key": key, **meta}), encoding="utf-8")
    try:
        staging.rename(final)
    except OSError:  # another build stored the same entry first
        shutil.rmtree(staging, ignore_errors=True)
    for old in final.parent.glob(f"{name}--*"):  # older versions of this figure
        if old != final and old.name.rsplit("--", 1)[0] == name:
            shutil.rmtree(old, ignore_errors=True)
    return final


def _copy_files(source: Path, out_dir: Path, names: Iterable[str]) -> bool:
    try:
        for file_name in names:
            shutil.copyfile(source / file_name, out_dir / file_name)
    except OSError:
        return False
    return True


def _svg_pixels(svg: bytes) -> tuple[int, int]:
    match = SVG_SIZE.search(svg[:2000])
    if match is None:
        raise ValueError("The SVG has no width/height in pt.")
    width_pt, height_pt = (float(v) for v in match.groups())
    return round(width_pt * 4 / 3), round(height_pt * 4 / 3)  # 1pt = 4/3 CSS px


def _log_line(name: str, seconds: float | None) -> str:
    return f"figure {name:<28} " + ("cached" if seconds is None else f"{seconds:5.2f} s")


# --- building --------------------------------------------------------------------------------


def _from_cache(spec: FigureSpec, out_dir: Path, cache_dir: Path, key: str) -> FigureFiles | None:
    hit = _load_entry(cache_dir, spec.name, key)
    if hit is None:
        return None
    folder, meta = hit
    width, height = meta["size"]
    files = FigureFiles(
        spec.name, meta["files"], dict(spec.alt), dict(spec.caption), width, height, True
    )
    return files if _copy_files(folder, out_dir, files.file_names) else None


Rendered = tuple[dict[str, dict[str, str]], dict[str, bytes], float]


def _render(spec: FigureSpec) -> Rendered:
    from gdbook.figures.registry import render_variants

    start = time.perf_counter()
    variants, svgs = render_variants(spec)
    seconds = time.perf_counter() - start
    files = {str(lang): {str(t): f for t, f in v.items()} for lang, v in variants.items()}
    return files, svgs, seconds


def _render_registered(name: str) -> Rendered:
    # Runs in a worker process: it imports the registry afresh and looks the figure up.
    from gdbook.figures.registry import get_figure

    return _render(get_figure(name))


def _save(
    spec: FigureSpec, rendered: Rendered, out_dir: Path, cache_dir: Path, key: str
) -> FigureFiles:
    files, svgs, seconds = rendered
    width, height = _svg_pixels(next(iter(svgs.values())))
    _store_entry(cache_dir, spec.name, key, svgs, {"files": files, "size": [width, height]})
    for file_name, svg in svgs.items():
        (out_dir / file_name).write_bytes(svg)
    return FigureFiles(
        spec.name, files, dict(spec.alt), dict(spec.caption), width, height, False, seconds
    )


def _draw_missing(
    specs: Sequence[FigureSpec], jobs: int, registered: bool
) -> Iterator[tuple[FigureSpec, Rendered]]:
    """Draw figures, in ``jobs`` worker processes when there is more than one to draw."""
    if jobs <= 1 or len(specs) <= 1 or not registered:
        for spec in specs:
            yield spec, _render(spec)
        return
    context = multiprocessing.get_context("spawn")  # workers import everything afresh
    with ProcessPoolExecutor(max_workers=min(jobs, len(specs)), mp_context=context) as pool:
        futures = {pool.submit(_render_registered, spec.name): spec for spec in specs}
        for future in as_completed(futures):
            yield futures[future], future.result()


def _remove_stale(out_dir: Path, manifest_path: Path, keep: set[str]) -> None:
    # Only files an earlier build listed in its manifest are ours to delete.
    try:
        previous = json.loads(manifest_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return
    for entry in previous.values():
        for file_name in FigureFiles.from_manifest_entry("", entry).file_names:
            if file_name not in keep:
                (out_dir / file_name).unlink(missing_ok=True)


def _write_manifest(figures: Mapping[str, FigureFiles], out_dir: Path, manifest_path: Path) -> None:
    keep = {f for files in figures.values() for f in files.file_names}
    _remove_stale(out_dir, manifest_path, keep)
    manifest = {name: files.manifest_entry() for name, files in sorted(figures.items())}
    text = json.dumps(manifest, indent=1, ensure_ascii=False, sort_keys=True) + "\n"
    manifest_path.write_text(text, encoding="utf-8")


def _record_path(cache_dir: Path, key: str) -> Path:
    return cache_dir / "builds" / f"{key[:32]}.json"


def _write_record(
    cache_dir: Path, key: str, figures: Mapping[str, FigureFiles], keys: Mapping[str, str]
) -> None:
    # A whole build, replayable without importing anything: manifest entries plus the key of
    # the cache entry that holds each figure's SVGs.
    record = {
        name: {**files.manifest_entry(), "key": keys[name]} for name, files in figures.items()
    }
    path = _record_path(cache_dir, key)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    for old in sorted(path.parent.glob("*.json"), key=lambda p: p.stat().st_mtime)[
        :-KEEP_BUILD_RECORDS
    ]:
        old.unlink(missing_ok=True)


def _replay_record(
    cache_dir: Path, key: str, out_dir: Path, log: Log
) -> dict[str, FigureFiles] | None:
    try:
        record = json.loads(_record_path(cache_dir, key).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    figures: dict[str, FigureFiles] = {}
    for name, entry in sorted(record.items()):
        files = FigureFiles.from_manifest_entry(name, entry)
        folder = _entry_dir(cache_dir, name, entry["key"])
        if not _copy_files(folder, out_dir, files.file_names):
            return None
        figures[name] = files
    for name in figures:
        log(_log_line(name, None))
    return figures


def build_figures_in_process(
    out_dir: Path,
    *,
    cache_dir: Path | None = None,
    log: Log = print,
    figures: Sequence[FigureSpec] | None = None,
    manifest_path: Path | None = None,
    jobs: int = 1,
) -> dict[str, FigureFiles]:
    """Like :func:`build_figures`, but with the modules imported in this process.

    Parameters
    ----------
    figures : sequence of FigureSpec, optional
        The figures to build; every registered figure by default. Passing them also skips
        the whole-build record (tests build synthetic figures this way) and drawing in
        worker processes.
    jobs : int, default 1
        Worker processes that draw registered figures in parallel.

    Other parameters are those of :func:`build_figures`.
    """
    from gdbook.figures.registry import all_figures

    cache_dir = cache_dir if cache_dir is not None else default_cache_dir()
    manifest_path = manifest_path if manifest_path is not None else out_dir / MANIFEST
    out_dir.mkdir(parents=True, exist_ok=True)
    key = sources_key()
    specs = list(figures) if figures is not None else all_figures()
    shared = shared_digest()
    built: dict[str, FigureFiles] = {}
    keys = {spec.name: figure_cache_key(spec, shared) for spec in specs}
    missing = []
    for spec in specs:
        files = _from_cache(spec, out_dir, cache_dir, keys[spec.name])
        if files is None:
            missing.append(spec)
        else:
            built[spec.name] = files
            log(_log_line(spec.name, None))
    for spec, rendered in _draw_missing(missing, jobs, registered=figures is None):
        built[spec.name] = _save(spec, rendered, out_dir, cache_dir, keys[spec.name])
        log(_log_line(spec.name, built[spec.name].seconds))
    built = dict(sorted(built.items()))
    _write_manifest(built, out_dir, manifest_path)
    if figures is None and key == sources_key():  # no edit while drawing
        _write_record(cache_dir, key, built, keys)
    return built


def _build_in_subprocess(
    out_dir: Path, cache_dir: Path, manifest_path: Path, log: Log, jobs: int
) -> dict[str, FigureFiles]:
    command = [sys.executable, "-m", "book.figures_build", str(out_dir)]
    command += ["--cache-dir", str(cache_dir), "--manifest", str(manifest_path)]
    command += ["--jobs", str(jobs)]
    paths = [str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])]
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(paths))
    with (
        tempfile.TemporaryFile(mode="w+", encoding="utf-8") as errors,
        subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=errors, text=True
        ) as child,
    ):
        assert child.stdout is not None
        for line in child.stdout:  # one line per figure, as each one is done
            log(line.rstrip("\n"))
        child.wait()
        errors.seek(0)
        if child.returncode != 0:
            raise RuntimeError(f"Drawing the book's figures failed:\n{errors.read()}")
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    return {name: FigureFiles.from_manifest_entry(name, e) for name, e in manifest.items()}


def build_figures(
    out_dir: Path,
    *,
    cache_dir: Path | None = None,
    log: Log = print,
    manifest_path: Path | None = None,
    fresh_process: bool = True,
    jobs: int | None = None,
) -> dict[str, FigureFiles]:
    """Render every registered figure into ``out_dir``, from the cache where possible.

    Each figure gets ``name.light.svg`` and ``name.dark.svg``, or ``name.en.light.svg``,
    ``name.ko.light.svg``, ... when it draws words. ``out_dir/manifest.json`` maps each
    name to its files, alt texts, captions and size (see :meth:`FigureFiles.manifest_entry`).
    The same sources always give byte-identical SVGs.

    Parameters
    ----------
    out_dir : Path
        Where the SVGs go, normally ``<site_dir>/figures`` (:data:`FIGURES_URL_DIR`). SVGs that
        an earlier build listed in the manifest there and this build does not write are removed.
    cache_dir : Path, optional
        The figure cache; :func:`default_cache_dir` by default.
    log : callable, default print
        Receives one line per figure: ``"figure ch02-lr-traces   0.41 s"`` or ``"... cached"``.
    manifest_path : Path, optional
        Where to write the manifest; ``out_dir / "manifest.json"`` by default.
    fresh_process : bool, default True
        Draw in a new Python process (so edited modules are re-imported, e.g. under
        ``mkdocs serve``). When no ``gdbook/`` file changed since a previous build, the SVGs
        are copied from the cache without starting a process or importing matplotlib.
    jobs : int, optional
        Processes drawing figures in parallel; by default the number of CPUs, at most 4.

    Returns
    -------
    dict of str to FigureFiles
        By figure name, sorted.

    Raises
    ------
    RuntimeError
        If drawing fails (for example a missing glyph); the message holds the traceback.
    """
    cache_dir = cache_dir if cache_dir is not None else default_cache_dir()
    manifest_path = manifest_path if manifest_path is not None else out_dir / MANIFEST
    out_dir.mkdir(parents=True, exist_ok=True)
    replayed = _replay_record(cache_dir, sources_key(), out_dir, log)
    if replayed is not None:
        _write_manifest(replayed, out_dir, manifest_path)
        return replayed
    jobs = jobs if jobs is not None else min(4, os.cpu_count() or 1)
    if fresh_process:
        return _build_in_subprocess(out_dir, cache_dir, manifest_path, log, jobs)
    return build_figures_in_process(
        out_dir, cache_dir=cache_dir, log=log, manifest_path=manifest_path, jobs=jobs
    )


def load_manifest(path: Path) -> dict[str, FigureFiles]:
    """Read a ``manifest.json`` written by :func:`build_figures`."""
    manifest = json.loads(path.read_text(encoding="utf-8"))
    return {name: FigureFiles.from_manifest_entry(name, e) for name, e in manifest.items()}


# --- HTML ------------------------------------------------------------------------------------


def caption_html(text: str) -> str:
    r"""Escape a caption and wrap its ``$...$`` math for MathJax (arithmatex's markup).

    Examples
    --------
    >>> print(caption_html(r"Steps of $\eta<1$ & more"))
    Steps of <span class="arithmatex">\(\eta&lt;1\)</span> &amp; more
    """
    escaped = html.escape(text, quote=False)
    return INLINE_MATH.sub(lambda m: f'<span class="arithmatex">\\({m.group(1)}\\)</span>', escaped)


def figure_html(manifest_entry: FigureFiles | Mapping[str, Any], lang: str, base_url: str) -> str:
    r"""Return the HTML of a figure for a page in ``lang``.

    Two ``<img>`` elements, the light one marked ``#only-light`` and the dark one
    ``#only-dark`` (Material shows the one matching the palette), with the alt text, the
    SVG's width and height (no layout shift), lazy loading, and a ``<figcaption>``.

    Parameters
    ----------
    manifest_entry : FigureFiles or dict
        ``manifest[name]`` from ``manifest.json``, or what :func:`build_figures` returned.
    lang : {"en", "ko"}
        The page's language.
    base_url : str
        The URL of the site root relative to the page (``"."``, ``"../.."``); the SVGs are
        in ``<base_url>/figures/``.

    Returns
    -------
    str
        One line of HTML (safe inside Markdown).

    Examples
    --------
    >>> entry = {"files": {"en": {"light": "a.light.svg", "dark": "a.dark.svg"}},
    ...          "alt": {"en": "A line"}, "caption": {"en": "A $x$ line"},
    ...          "width": 614, "height": 384}
    >>> print(figure_html(entry, "en", "..").replace("><", ">\n<"))
    <figure class="gd-figure">
    <img src="../figures/a.light.svg#only-light" alt="A line" width="614" height="384" loading="lazy" decoding="async">
    <img src="../figures/a.dark.svg#only-dark" alt="A line" width="614" height="384" loading="lazy" decoding="async">
    <figcaption>A <span class="arithmatex">\(x\)</span> line</figcaption>
    </figure>
    """
    entry = (
        manifest_entry.manifest_entry()
        if isinstance(manifest_entry, FigureFiles)
        else manifest_entry
    )
    files = entry["files"][lang]
    alt = html.escape(entry["alt"][lang], quote=True)
    base = f"{base_url.rstrip('/')}/{FIGURES_URL_DIR}" if base_url else FIGURES_URL_DIR
    size = f'width="{int(entry["width"])}" height="{int(entry["height"])}"'
    images = "".join(
        f'<img src="{base}/{html.escape(files[theme])}#only-{theme}" alt="{alt}" {size} '
        'loading="lazy" decoding="async">'
        for theme in ("light", "dark")
    )
    caption = caption_html(entry["caption"][lang])
    return f'<figure class="gd-figure">{images}<figcaption>{caption}</figcaption></figure>'


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m book.figures_build OUT_DIR``: build the figures in this process."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--cache-dir", type=Path, default=None)
    parser.add_argument("--manifest", type=Path, default=None)
    parser.add_argument("--jobs", type=int, default=1)
    args = parser.parse_args(argv)
    build_figures_in_process(
        args.out_dir,
        cache_dir=args.cache_dir,
        log=lambda line: print(line, flush=True),
        manifest_path=args.manifest,
        jobs=args.jobs,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
