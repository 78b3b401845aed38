"""Plotting helpers and the book's figure style.

Every helper draws on the matplotlib ``Axes`` it is given and returns it: no pyplot, no
implicit current axes, no global state. Colours come from the active style, so a figure
drawn inside :func:`book_style` follows the page's palette (``"light"`` or ``"dark"``).

:func:`book_style` is the only place that sets rcParams, and only inside a
``matplotlib.rc_context``: nothing leaks out of the ``with`` block.

Examples
--------
>>> import numpy as np
>>> from matplotlib.figure import Figure
>>> from gdbook.plotting import book_style, plot_loss_curve
>>> with book_style("dark"):
...     fig = Figure(figsize=(4, 3))
...     ax = plot_loss_curve(fig.add_subplot(), np.arange(4), [8.0, 4.0, 2.0, 1.0])
>>> ax.get_ylabel()
'$f(x_t)$'
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Protocol, TypeVar

import matplotlib as mpl
import numpy as np
from cycler import cycler
from matplotlib import font_manager
from matplotlib.axes import Axes
from numpy.typing import ArrayLike, NDArray

from gdbook._validation import check_array, check_choice, check_float, check_int, message

if TYPE_CHECKING:
    # Annotation only: matplotlib.typing.RcKeyType is new in matplotlib 3.9, and the book's
    # in-browser Python (Pyodide 0.27.7) has matplotlib 3.8.4.
    from matplotlib.typing import RcKeyType

__all__ = [
    "CJK_FONT_FAMILY",
    "PALETTES",
    "Axes3DLike",
    "FontNotFoundError",
    "Palette",
    "Theme",
    "book_style",
    "cjk_font_path",
    "plot_contour_trace",
    "plot_function_trace",
    "plot_loss_curve",
    "plot_surface_path",
    "style_rc",
]

Theme = Literal["light", "dark"]
"""A Material palette: ``"light"`` (scheme ``default``) or ``"dark"`` (scheme ``slate``)."""

Function1D = Callable[[float], float]
"""A function of one real variable, e.g. ``gdbook.Quadratic((2.0,))``."""

Function2D = Callable[[NDArray[np.float64]], float]
"""A function of a point of shape ``(2,)``, e.g. ``gdbook.Quadratic((2.0, 4.0))``."""

CJK_FONT_FAMILY = "Noto Sans CJK KR"
"""The font family of every figure: Latin and Hangul glyphs from one font."""

CJK_FONT_ENV = "GDBOOK_CJK_FONT"
"""Environment variable naming a Noto Sans CJK file when it is not in Debian's place."""

_CJK_FONT_CANDIDATES = (
    Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"),
    Path("/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc"),
    Path("/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc"),
    Path("/usr/local/share/fonts/NotoSansCJK-Regular.ttc"),
)


class FontNotFoundError(RuntimeError):
    """Raised when no Hangul-capable font (Noto Sans CJK) is installed."""


@dataclass(frozen=True)
class Palette:
    """The colours of one theme, taken from Material for MkDocs 9.8.

    Attributes
    ----------
    background : str
        ``--md-default-bg-color`` of the scheme (white; slate's ``hsl(225, 15%, 14%)``).
    foreground : str
        ``--md-default-fg-color`` composited onto the background (text, titles).
    muted : str
        ``--md-default-fg-color--light`` composited (spines, ticks, reference curves).
    grid : str
        ``--md-default-fg-color--lightest`` composited (grid lines).
    cycle : tuple of str
        Line colours, each with a contrast ratio of at least 3 against ``background``.
        Both palettes list the same hues in the same order (blue, orange, green, pink,
        purple, yellow), so ``"C1"`` is orange in either theme.
    """

    background: str
    foreground: str
    muted: str
    grid: str
    cycle: tuple[str, ...]


PALETTES: dict[Theme, Palette] = {
    "light": Palette(
        background="#ffffff",
        foreground="#212121",  # #000000de on white
        muted="#757575",  # #0000008a on white
        grid="#e0e0e0",  # #00000012 on white, a little darker to be visible in print
        cycle=("#0068c9", "#c75300", "#00845c", "#c2307f", "#7a4fc9", "#8a6d00"),
    ),
    "dark": Palette(
        background="#1e2129",  # hsla(225, 15%, 14%, 1)
        foreground="#bfc1c6",  # hsla(225, 15%, 90%, 0.82) on the background
        muted="#8e9096",  # hsla(225, 15%, 90%, 0.56) on the background
        grid="#3a3d45",  # hsla(225, 15%, 90%, 0.12) on the background
        cycle=("#5eb0ff", "#ff9a4d", "#3fd49b", "#ff7ac0", "#b39dff", "#e5c542"),
    ),
}
"""The figure colours of each theme, matching the site's light and dark palettes."""


def cjk_font_path() -> Path:
    """Return the path of the Noto Sans CJK font file the figures use.

    ``$GDBOOK_CJK_FONT`` wins when set; otherwise the usual Linux locations are tried, then
    every font matplotlib found in the system's font folders (so macOS and Windows too).

    Raises
    ------
    FontNotFoundError
        If no candidate exists; the message says how to install the font.
    """
    override = os.environ.get(CJK_FONT_ENV)
    candidates = (Path(override),) if override else _CJK_FONT_CANDIDATES
    for path in candidates:
        if path.is_file():
            return path
    if not override:
        # Any OS: the fonts matplotlib found in the system's font folders (macOS, Windows,
        # other Linux layouts), Noto Sans CJK by any of its file names.
        for entry in font_manager.fontManager.ttflist:
            if entry.name.startswith("Noto Sans CJK") and Path(entry.fname).is_file():
                return Path(entry.fname)
    tried = ", ".join(str(p) for p in candidates)
    raise FontNotFoundError(
        "The figures need the Noto Sans CJK font for Hangul, and it was not found "
        f"(tried {tried}). Install it with `apt-get install fonts-noto-cjk` (Debian/Ubuntu) "
        f"or point ${CJK_FONT_ENV} at NotoSansCJK-Regular.ttc."
    )


@functools.cache
def _register_fonts(path: Path) -> None:
    # Registers every face of the collection (JP, KR, SC, TC, HK) with matplotlib's font
    # manager once per process; the bold collection next to it is optional.
    font_manager.fontManager.addfont(path)
    bold = path.with_name(path.name.replace("Regular", "Bold"))
    if bold != path and bold.is_file():
        font_manager.fontManager.addfont(bold)


def style_rc(theme: Theme, *, hangul: bool = True) -> dict[RcKeyType, Any]:
    """Return the rcParams of the book's style for ``theme`` (nothing is applied).

    Parameters
    ----------
    theme : {"light", "dark"}
        The Material palette the figure will be shown on.
    hangul : bool, default True
        Set Noto Sans CJK first (Korean text); False: matplotlib's own DejaVu Sans only.

    Returns
    -------
    dict
        rcParams for ``matplotlib.rc_context``.

    Examples
    --------
    >>> style_rc("dark")["figure.facecolor"]
    '#1e2129'
    >>> style_rc("light")["svg.fonttype"]
    'path'
    """
    check_choice(theme, "theme", "style_rc", ("light", "dark"))
    _check_bool(hangul, "hangul", "style_rc")
    p = PALETTES[theme]
    fonts = [CJK_FONT_FAMILY, "DejaVu Sans"] if hangul else ["DejaVu Sans"]
    return {
        # Page-matching opaque background: each variant is shown only on its own palette.
        "figure.facecolor": p.background,
        "figure.edgecolor": p.background,
        "axes.facecolor": p.background,
        "savefig.facecolor": p.background,
        "savefig.edgecolor": p.background,
        "savefig.transparent": False,
        "text.color": p.foreground,
        "axes.labelcolor": p.foreground,
        "axes.titlecolor": p.foreground,
        "axes.edgecolor": p.muted,
        "xtick.color": p.muted,
        "ytick.color": p.muted,
        "xtick.labelcolor": p.foreground,
        "ytick.labelcolor": p.foreground,
        "grid.color": p.grid,
        "grid.linewidth": 0.7,
        "axes.grid": True,
        "axes.axisbelow": True,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.prop_cycle": cycler(color=list(p.cycle)),
        "legend.facecolor": p.background,
        "legend.edgecolor": p.grid,
        "legend.labelcolor": p.foreground,
        "legend.framealpha": 0.9,
        "legend.fontsize": 9,
        # Per-glyph fallback runs over font.family: Noto for Latin and Hangul, DejaVu Sans
        # (matplotlib's own font) for the few symbols Noto Sans CJK lacks.
        "font.family": fonts,
        "font.sans-serif": fonts,
        "font.size": 10,
        "axes.titlesize": 11,
        "axes.labelsize": 10,
        "mathtext.fontset": "dejavusans",
        "lines.linewidth": 1.8,
        "lines.markersize": 4.5,
        "image.cmap": "viridis",
        # Deterministic, font-free SVG: glyphs become paths, ids come from a fixed salt.
        "svg.fonttype": "path",
        "svg.hashsalt": "gdbook",
        "svg.image_inline": True,
        "path.simplify": True,
    }


@contextmanager
def book_style(theme: Theme, *, hangul: bool = True) -> Iterator[Palette]:
    """Draw in the book's style for one Material palette.

    Registers Noto Sans CJK with matplotlib on first use (so Hangul renders) and applies
    :func:`style_rc` inside ``matplotlib.rc_context``; rcParams are restored on exit.

    Parameters
    ----------
    theme : {"light", "dark"}
        ``"light"`` for Material's ``default`` scheme, ``"dark"`` for ``slate``.
    hangul : bool, default True
        The figure has Korean text. False (an English figure): Noto Sans CJK is used when it
        is installed and DejaVu Sans (shipped with matplotlib) when it is not, so no extra
        font is needed.

    Yields
    ------
    Palette
        The colours of the theme, for the rare artist that needs one explicitly.

    Raises
    ------
    FontNotFoundError
        If Noto Sans CJK is not installed and ``hangul`` is True.

    Examples
    --------
    >>> import matplotlib as mpl
    >>> with book_style("dark") as palette:
    ...     print(mpl.rcParams["axes.facecolor"] == palette.background)
    True
    >>> mpl.rcParams["svg.hashsalt"] is None
    True
    """
    _check_bool(hangul, "hangul", "book_style")
    try:
        _register_fonts(cjk_font_path())
        found = True
    except FontNotFoundError:
        if hangul:
            raise
        found = False
    rc = style_rc(theme, hangul=found)
    with mpl.rc_context(rc):
        yield PALETTES[theme]


def _check_bool(value: object, name: str, caller: str) -> bool:
    if not isinstance(value, (bool, np.bool_)):
        raise TypeError(message(name, caller, "a bool", value))
    return bool(value)


def _as_1d(values: ArrayLike, name: str, caller: str) -> NDArray[np.float64]:
    array = check_array(values, name, caller, finite=False)
    if array.ndim == 2 and array.shape[1] == 1:
        array = array[:, 0]
    if array.ndim != 1 or array.size == 0:
        raise ValueError(message(name, caller, "a non-empty array of shape (T,) or (T, 1)", array))
    return array


def _as_points(values: ArrayLike, name: str, caller: str) -> NDArray[np.float64]:
    array = check_array(values, name, caller, finite=False)
    if array.ndim != 2 or array.shape[1] != 2 or array.shape[0] == 0:
        raise ValueError(message(name, caller, "a non-empty array of shape (T, 2)", array))
    return array


def _check_limits(value: object, name: str, caller: str) -> tuple[float, float]:
    """A pair (low, high) of finite floats, low < high, whose width is finite too."""
    expected = "a pair (low, high) of finite floats with low < high"
    if isinstance(value, np.ndarray) and value.ndim == 1:
        value = tuple(value.tolist())
    if not isinstance(value, (tuple, list)) or len(value) != 2:
        raise TypeError(message(name, caller, expected, value))
    low = check_float(value[0], name, caller)
    high = check_float(value[1], name, caller)
    if not (low < high and np.isfinite(high - low)):
        raise ValueError(message(name, caller, expected + " and a finite width", value))
    return low, high


def _padded_limits(
    values: NDArray[np.float64], name: str, caller: str, pad: float = 0.15
) -> tuple[float, float]:
    finite = values[np.isfinite(values)]
    if finite.size == 0:
        expected = "an array with at least one finite value (or pass xlim)"
        raise ValueError(message(name, caller, expected, values))
    low, high = float(finite.min()), float(finite.max())
    half = max(abs(low), abs(high), 1.0) * (1.0 + pad)
    if not np.isfinite(2 * half):
        raise ValueError(
            message(name, caller, "an array of values below 1e307 (or pass xlim)", values)
        )
    return -half, half


def _muted_colour() -> Any:
    # The active style's spine colour: a reference curve readable on either palette.
    return mpl.rcParams["axes.edgecolor"]


def plot_function_trace(
    ax: Axes,
    f: Function1D,
    iterates: ArrayLike,
    *,
    xlim: tuple[float, float] | None = None,
    label: str | None = None,
    color: str | None = None,
    num: int = 401,
    xlabel: str = "$x$",
    ylabel: str = "$f(x)$",
) -> Axes:
    """Draw a 1-D function and the iterates of a run on it as connected points.

    Parameters
    ----------
    ax : Axes
        The axes to draw on.
    f : callable
        ``f(x: float) -> float``, e.g. a 1-D gdbook objective.
    iterates : array_like, shape (T+1,) or (T+1, 1)
        ``x_0, ..., x_T``, e.g. ``trajectory.iterates``.
    xlim : (float, float), optional
        The drawn interval; by default symmetric about 0 and wide enough for the iterates.
    label : str, optional
        Legend label of the trace.
    color : str, optional
        Colour of the trace; the next colour of the style's cycle by default.
    num : int, default 401
        Number of points of the curve.
    xlabel, ylabel : str
        Axis labels (mathematical, so they need no translation).

    Returns
    -------
    Axes
        ``ax``, with the curve, the trace and an open circle at ``x_0``.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> ax = Figure().add_subplot()
    >>> ax = plot_function_trace(ax, lambda x: x * x, [2.0, 1.0, 0.5])
    >>> len(ax.lines)
    3
    """
    caller = "plot_function_trace"
    xs = _as_1d(iterates, "iterates", caller)
    if xlim is not None:
        low, high = _check_limits(xlim, "xlim", caller)
    else:
        low, high = _padded_limits(xs, "iterates", caller)
    num = check_int(num, "num", caller, low=2)
    grid = np.linspace(low, high, num)
    ax.plot(grid, [f(float(x)) for x in grid], color=_muted_colour(), linewidth=1.2, zorder=1)
    values = [f(float(x)) for x in xs]
    (trace,) = ax.plot(xs, values, "-o", color=color, label=label, zorder=3)
    ax.plot(
        xs[:1],
        values[:1],
        "o",
        markersize=8,
        markerfacecolor="none",
        markeredgecolor=trace.get_color(),
        zorder=4,
    )
    ax.set_xlim(low, high)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    return ax


def _grid_values(
    f: Function2D,
    xlim: tuple[float, float],
    ylim: tuple[float, float],
    num: int,
) -> tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float64]]:
    x = np.linspace(*xlim, num)
    y = np.linspace(*ylim, num)
    xx, yy = np.meshgrid(x, y)
    zz = np.array([f(np.array([a, b])) for a, b in zip(xx.ravel(), yy.ravel(), strict=True)])
    return xx, yy, zz.reshape(xx.shape)


def plot_contour_trace(
    ax: Axes,
    f: Function2D,
    iterates_list: Sequence[ArrayLike],
    *,
    xlim: tuple[float, float],
    ylim: tuple[float, float],
    levels: int | Sequence[float] = 10,
    labels: Sequence[str | None] | None = None,
    colors: Sequence[str | None] | None = None,
    num: int = 151,
    equal_aspect: bool = True,
    xlabel: str = "$x_1$",
    ylabel: str = "$x_2$",
) -> Axes:
    """Draw contour lines of a 2-D function and one or more trajectories on them.

    Parameters
    ----------
    ax : Axes
        The axes to draw on.
    f : callable
        ``f(x: ndarray of shape (2,)) -> float``, e.g. a 2-D gdbook objective.
    iterates_list : sequence of array_like, each of shape (T+1, 2)
        The trajectories, e.g. ``[run.iterates for run in runs]``.
    xlim, ylim : (float, float)
        The drawn rectangle.
    levels : int or sequence of float, default 10
        Number of contour levels, or the levels themselves.
    labels : sequence of str or None, optional
        Legend labels, one per trajectory.
    colors : sequence of str or None, optional
        Trajectory colours; the style's cycle by default.
    num : int, default 151
        Grid points per axis at which ``f`` is evaluated.
    equal_aspect : bool, default True
        Draw one unit the same length on both axes (circles look round).
    xlabel, ylabel : str
        Axis labels.

    Returns
    -------
    Axes
        ``ax``.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> ax = Figure().add_subplot()
    >>> path = [[-2.0, 1.0], [-1.0, 0.5], [-0.5, 0.2]]
    >>> ax = plot_contour_trace(ax, lambda p: float(p @ p), [path], xlim=(-3, 3), ylim=(-2, 2))
    >>> len(ax.lines)
    2
    """
    caller = "plot_contour_trace"
    is_stack = isinstance(iterates_list, np.ndarray) and iterates_list.ndim == 3
    if not (is_stack or isinstance(iterates_list, (list, tuple))):
        expected = "a sequence of trajectories (wrap one run's iterates in a list)"
        raise TypeError(message("iterates_list", caller, expected, iterates_list))
    count = len(iterates_list)
    labels = list(labels) if labels is not None else [None] * count
    colors = list(colors) if colors is not None else [None] * count
    for name, given in (("labels", labels), ("colors", colors)):
        if len(given) != count:
            expected = f"a sequence of {count} entries, one per trajectory"
            raise ValueError(message(name, caller, expected, given))
    xlim = _check_limits(xlim, "xlim", caller)
    ylim = _check_limits(ylim, "ylim", caller)
    num = check_int(num, "num", caller, low=2)
    xx, yy, zz = _grid_values(f, xlim, ylim, num)
    ax.contour(xx, yy, zz, levels=levels, colors=[_muted_colour()], linewidths=0.8, alpha=0.7)
    for iterates, label, color in zip(iterates_list, labels, colors, strict=True):
        points = _as_points(iterates, "iterates_list", caller)
        (line,) = ax.plot(points[:, 0], points[:, 1], "-o", color=color, label=label, zorder=3)
        ax.plot(
            points[:1, 0],
            points[:1, 1],
            "o",
            markersize=8,
            markerfacecolor="none",
            markeredgecolor=line.get_color(),
            zorder=4,
        )
    ax.set_xlim(xlim)
    ax.set_ylim(ylim)
    if equal_aspect:
        ax.set_aspect("equal", adjustable="box")
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.grid(False)
    return ax


class Axes3DLike(Protocol):
    """The part of ``mpl_toolkits.mplot3d.Axes3D`` that :func:`plot_surface_path` uses.

    (``mpl_toolkits`` ships no type information, so the 3-D axes are typed structurally.)
    """

    def plot_surface(self, X: Any, Y: Any, Z: Any, *args: Any, **kwargs: Any) -> Any: ...

    def plot(self, xs: Any, ys: Any, *args: Any, **kwargs: Any) -> Any: ...

    def set_xlabel(self, xlabel: str, *args: Any, **kwargs: Any) -> Any: ...

    def set_ylabel(self, ylabel: str, *args: Any, **kwargs: Any) -> Any: ...

    def set_zlabel(self, zlabel: str, *args: Any, **kwargs: Any) -> Any: ...


A3 = TypeVar("A3", bound=Axes3DLike)


def plot_surface_path(
    ax3d: A3,
    f: Function2D,
    iterates: ArrayLike,
    *,
    xlim: tuple[float, float],
    ylim: tuple[float, float],
    num: int = 41,
    color: str = "C1",
    labels: tuple[str, str, str] = ("$x_1$", "$x_2$", "$f(x)$"),
) -> A3:
    """Draw the surface of a 2-D function and a trajectory lying on it.

    Parameters
    ----------
    ax3d : Axes3D
        3-D axes, e.g. ``fig.add_subplot(projection="3d")``.
    f : callable
        ``f(x: ndarray of shape (2,)) -> float``.
    iterates : array_like, shape (T+1, 2)
        The trajectory; each point is drawn at height ``f(x_t)``.
    xlim, ylim : (float, float)
        The drawn rectangle.
    num : int, default 41
        Grid points per axis of the surface.
    color : str, default "C1"
        Colour of the path.
    labels : (str, str, str)
        Axis labels.

    Returns
    -------
    Axes3D
        ``ax3d``.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> ax = Figure().add_subplot(projection="3d")
    >>> path = [[1.0, 1.0], [0.8, 0.8], [0.64, 0.64]]
    >>> ax = plot_surface_path(ax, lambda p: float(p @ p), path, xlim=(-1, 1), ylim=(-1, 1))
    >>> len(ax.lines)
    1
    """
    caller = "plot_surface_path"
    points = _as_points(iterates, "iterates", caller)
    xlim = _check_limits(xlim, "xlim", caller)
    ylim = _check_limits(ylim, "ylim", caller)
    num = check_int(num, "num", caller, low=2)
    xx, yy, zz = _grid_values(f, xlim, ylim, num)
    ax3d.plot_surface(xx, yy, zz, cmap="viridis", alpha=0.6, linewidth=0, antialiased=True)
    heights = [f(p) for p in points]
    ax3d.plot(points[:, 0], points[:, 1], heights, "-o", color=color, zorder=10)
    ax3d.set_xlabel(labels[0])
    ax3d.set_ylabel(labels[1])
    ax3d.set_zlabel(labels[2])
    return ax3d


def plot_loss_curve(
    ax: Axes,
    x: ArrayLike,
    losses: ArrayLike,
    label: str | None = None,
    *,
    logy: bool = False,
    color: str | None = None,
    xlabel: str = "$t$",
    ylabel: str = "$f(x_t)$",
) -> Axes:
    """Draw a loss curve: ``losses`` against steps, epochs or examples processed.

    Parameters
    ----------
    ax : Axes
        The axes to draw on.
    x : array_like, shape (m,)
        The horizontal coordinate: ``trajectory.loss_steps`` (the steps at which the loss
        was evaluated; ``np.arange(T + 1)`` by default) or
        ``trajectory.examples[trajectory.loss_steps]``.
    losses : array_like, shape (m,)
        The loss at each point, e.g. ``trajectory.losses``.
    label : str, optional
        Legend label.
    logy : bool, default False
        Logarithmic vertical axis.
    color : str, optional
        Line colour; the style's cycle by default.
    xlabel, ylabel : str
        Axis labels; pass translated words for anything but mathematics.

    Returns
    -------
    Axes
        ``ax``.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> ax = plot_loss_curve(Figure().add_subplot(), [0, 1, 2], [4.0, 1.0, 0.25], logy=True)
    >>> ax.get_yscale()
    'log'
    """
    caller = "plot_loss_curve"
    xs = _as_1d(x, "x", caller)
    ys = _as_1d(losses, "losses", caller)
    if xs.shape != ys.shape:
        expected = f"an array of the shape of x, {xs.shape}"
        raise ValueError(message("losses", caller, expected, ys))
    ax.plot(xs, ys, color=color, label=label)
    if logy:
        ax.set_yscale("log")
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    return ax
