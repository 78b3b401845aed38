"""Facts of chapter 10, how fast SGD converges.

Each value is computed here with gdbook, by the runs of :mod:`book.chapters.ch10.runs` (the
page code's runs, same parameters and seeds), and formatted exactly as the prose quotes it
(the ``_sci`` ones sit inside ``$...$``).
"""

from __future__ import annotations

import math

import numpy as np

from book.chapters.ch10 import runs
from book.chapters.ch10.params import (
    HORIZONS,
    LIPSCHITZ,
    R0_SQUARED,
    STEPS,
    TRADEOFF_RATES,
    TRADEOFF_STEPS,
    TUNED_FROM,
    VARIANCE,
)


def _sci(value: float) -> str:
    """``1.2\\times10^{-4}`` for use inside ``$...$``."""
    mantissa, exponent = f"{value:.1e}".split("e")
    return f"{mantissa}\\times10^{{{int(exponent)}}}"


def facts() -> dict[str, str]:
    values: dict[str, str] = {}
    horizons = np.array(HORIZONS, dtype=float)
    last_T = int(horizons[-1])

    # The bowl and the theorem's constants.
    values["lipschitz"] = f"{LIPSCHITZ:g}"
    values["r0_squared"] = f"{R0_SQUARED:g}"
    values["variance"] = f"{VARIANCE:g}"
    # eta = r0 / sqrt(2 sigma^2 T) <= 1/L exactly when T >= L^2 r0^2 / (2 sigma^2).
    values["tuned_threshold"] = f"{math.ceil(LIPSCHITZ**2 * R0_SQUARED / (2 * VARIANCE))}"
    values["tuned_from"] = f"{TUNED_FROM}"
    values["sqrt2_r0_sigma"] = f"{math.sqrt(2 * R0_SQUARED * VARIANCE):.2f}"
    eta = runs.tuned_rate(last_T)
    values["eta_last"] = f"{eta:.4f}"
    values["bound_last"] = f"{runs.bound(eta, last_T):.4f}"
    values["horizon_last"] = f"{last_T:,}"

    # One horizon, several constant rates.
    rates = np.array(TRADEOFF_RATES)
    trade_averaged, trade_last = runs.tradeoff()
    values["tradeoff_T"] = f"{TRADEOFF_STEPS:,}"
    values["tradeoff_eta"] = f"{runs.tuned_rate(TRADEOFF_STEPS):.3f}"
    values["tradeoff_best_averaged"] = f"{rates[np.argmin(trade_averaged)]:g}"
    values["tradeoff_best_last"] = f"{rates[np.argmin(trade_last)]:g}"
    values["tradeoff_min_averaged"] = _sci(trade_averaged.min())

    # Measured on the bowl, tuned constant rate per horizon.
    averaged, last = runs.horizon_runs()
    tuned = horizons >= TUNED_FROM
    values["averaged_last"] = _sci(averaged[-1])
    values["last_last"] = _sci(last[-1])
    values["slope_averaged"] = f"{runs.slope(horizons[tuned], averaged[tuned]):.2f}"
    values["slope_last"] = f"{runs.slope(horizons[tuned], last[tuned]):.2f}"
    bounds = np.array([runs.bound(runs.tuned_rate(int(T)), int(T)) for T in horizons])
    values["gap_last"] = f"{bounds[-1] / averaged[-1]:.0f}"
    values["gap_first"] = f"{bounds[0] / averaged[0]:.0f}"

    # The worst case: one quadratic per horizon.
    worst, limits = runs.worst_case()
    ratios = worst / limits
    values["worst_slope"] = f"{runs.slope(horizons, worst):.2f}"
    values["worst_ratio_low"] = f"{ratios.min():.2f}"
    values["worst_ratio_high"] = f"{ratios.max():.2f}"

    # The decaying rate with weighted averaging.
    weighted, limit = runs.decaying()
    values["decaying_averaged"] = _sci(weighted[-1])
    values["decaying_bound"] = f"{limit[-1]:.4f}"
    values["decaying_over_sqrt"] = f"{limit[-1] * math.sqrt(STEPS):.1f}"
    values["decaying_over_tuned"] = f"{limit[-1] / runs.bound(eta, last_T):.1f}"
    one_plus = 1 + LIPSCHITZ * eta
    values["one_plus_l_eta"] = f"{one_plus:.2f}"
    values["sharper_factor"] = f"{one_plus / 2:.2f}"

    # Constant rates against the decaying one (exact last-iterate curves).
    curves = runs.exact_curves()
    decay_curve = curves["decaying"]
    for index, rate in enumerate(runs.CONSTANTS):
        level = runs.floor(rate)
        curve = curves[f"{rate:g}"]
        values[f"floor_{index}"] = f"{level:.4f}"
        values[f"reached_{index}"] = f"{int(np.argmax(curve <= 1.1 * level))}"
        values[f"crossing_{index}"] = f"{int(np.argmax(decay_curve < level))}"
    ahead = np.flatnonzero(curves[f"{runs.CONSTANTS[2]:g}"] < decay_curve)
    values["ahead_from"] = f"{int(ahead[0])}"
    values["ahead_to"] = f"{int(ahead[-1])}"
    values["floor_ratio"] = f"{runs.floor(runs.CONSTANTS[0]) / runs.floor(runs.CONSTANTS[1]):.1f}"
    values["bound_floor_0"] = f"{runs.CONSTANTS[0] * VARIANCE:g}"
    values["decaying_last_iterate"] = _sci(decay_curve[STEPS])
    values["steady_averaged"] = _sci(runs.steady_average()[-1])
    return values
