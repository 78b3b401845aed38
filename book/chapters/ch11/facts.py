"""Facts of chapter 11, momentum.

Each value is computed here with gdbook and the closed forms of :mod:`book.chapters.ch11.runs`
(the page code's runs, same parameters and seeds), formatted exactly as the prose quotes it.
"""

from __future__ import annotations

import math

from book.chapters.ch11 import explorers, runs
from book.chapters.ch11.params import (
    BETA,
    COPIES,
    ETA,
    KAPPA,
    KAPPAS,
    LIPSCHITZ,
    NOISE_STD,
    NOISY_SETTINGS,
    NOISY_STEPS,
    STEPS,
    STRONG_CONVEXITY,
)


def facts() -> dict[str, str]:
    values: dict[str, str] = {}
    values["lipschitz"] = f"{LIPSCHITZ:g}"
    values["mu"] = f"{STRONG_CONVEXITY:g}"
    values["kappa"] = f"{KAPPA:g}"
    values["sqrt_kappa"] = f"{math.sqrt(KAPPA):.2f}"
    values["eta"] = f"{ETA:g}"
    values["beta"] = f"{BETA:g}"
    values["steps"] = f"{STEPS}"
    values["sqrt_beta"] = f"{math.sqrt(BETA):.4f}"
    values["stability_limit"] = f"{2 * (1 + BETA) / LIPSCHITZ:g}"
    values["gd_limit"] = f"{2 / LIPSCHITZ:g}"

    values["eta_gd"] = f"{runs.ETA_GD:.4f}"
    values["rate_gd"] = f"{runs.RATE_GD:.4f}"
    values["eta_hb"] = f"{runs.ETA_HB:.4f}"
    values["beta_hb"] = f"{runs.BETA_HB:.4f}"
    values["rate_hb"] = f"{runs.RATE_HB:.4f}"
    values["beta_nesterov"] = f"{runs.BETA_NESTEROV:.4f}"
    values["eta_nesterov"] = f"{runs.ETA_NESTEROV:.4f}"
    values["rate_nesterov"] = (
        f"{runs.nesterov_rate(runs.ETA_NESTEROV, runs.BETA_NESTEROV, runs.LAMBDAS):.4f}"
    )
    # Steps to shrink the error 10^6 times predicted by the rates alone: ln(10^6) / ln(1/rho).
    values["predicted_gd"] = f"{math.log(1e6) / -math.log(runs.RATE_GD):.0f}"
    values["predicted_hb"] = f"{math.log(1e6) / -math.log(runs.RATE_HB):.0f}"
    gd, hb, nesterov = runs.valley_steps()
    values["steps_gd"], values["steps_hb"], values["steps_nesterov"] = (
        f"{gd}",
        f"{hb}",
        f"{nesterov}",
    )
    table = runs.kappa_table(KAPPAS)
    k, gd_last, hb_last = table[-1]
    values["kappa_last"] = f"{k:,}"
    values["steps_gd_last"] = f"{gd_last:,}"
    values["steps_hb_last"] = f"{hb_last:,}"
    values["ratio_last"] = f"{gd_last / hb_last:.1f}"
    values["sqrt_kappa_last"] = f"{math.sqrt(k):.1f}"

    noisy = runs.noisy_runs()
    for i, ((eta, beta), (floor, measured, _)) in enumerate(
        zip(NOISY_SETTINGS, noisy, strict=True)
    ):
        if i == 1:  # the momentum run; the other two are plain SGD
            values["noisy_eta_1"], values["noisy_beta_1"] = f"{eta:g}", f"{beta:g}"
        values[f"floor_{i}"] = f"{floor:.5f}"
        values[f"measured_{i}"] = f"{measured:.5f}"
    values["copies"] = f"{COPIES}"
    values["noise_std"] = f"{NOISE_STD:g}"
    values["noisy_steps"] = f"{NOISY_STEPS:,}"
    values["plain_eta_l"] = f"{NOISY_SETTINGS[2][0] * LIPSCHITZ:g}"
    beta_max = max(explorers.momentum_betas())
    values["beta_max"] = f"{beta_max:g}"
    values["sqrt_beta_max"] = f"{math.sqrt(beta_max):.3f}"
    values["effective_rate"] = f"{NOISY_SETTINGS[1][0] / (1 - NOISY_SETTINGS[1][1]):g}"
    values["floor_ratio"] = f"{noisy[1][0] / noisy[0][0]:.1f}"
    return values
