"""
How the us-lbnl queue preset was fitted (data/regions.json queuePresets.us-lbnl). One-off; needs
numpy and scipy. The results were rounded by hand into the preset; test/unit/queue-calibration.test.ts
checks them with the engine itself.

With studies uncongested and headroom unlimited (as in that preset), requests do not interact, so a
cohort can be simulated project by project: four phases with LN durations, a competing exponential
withdrawal clock per phase (rate x (MW / 120)^beta), and a fast lane (a share of requests with every
phase x factor). Targets (docs/data-sources.md 1.1 and 1.3; docs/method.md 1):
  19% of requests and 13.5% of MW reach operation; withdrawals 38.0 / 37.1 / 14.7% at feasibility /
  SIS / facilities (the rest after IA); request -> operation P10/P50/P90 17 / 47 / 84 months;
  request -> IA P50/P90 27.7 / 52.5 months.
Study phases keep the 7.1 split 20/45/35% of IR->IA (median 28 months, scaled by s1) with one shared
P90/P50 ratio r1; construction is 27 months x s2 with P90/P50 ratio r2.

Result (seed 1, 400,000 requests): s1 1.3406, r1 2.5108, s2 0.976, r2 2.1433, hazards per year
0.566 / 0.441 / 0.369 / 0.202, beta 0.23, fast lane 13.2% at 0.305x; all targets within 0.3 points or
0.5 months. Without the fast lane the best fit has P10 ~25 months with P50 at 47.
"""
import numpy as np
from scipy.optimize import least_squares

Z90 = 1.2815515655446004
SHARES = np.array([0.2, 0.45, 0.35])
rng = np.random.default_rng(1)
N = 400_000
Z = rng.standard_normal((5, N))
U = rng.random((4, N))
UF = rng.random(N)


def simulate(x):
    s1, r1, s2, r2, h1, h2, h3, h4, beta, share, factor = x
    sizes = np.exp(np.log(120) + np.log(450 / 120) / Z90 * Z[4])
    hmul = (sizes / 120) ** beta
    p50 = np.concatenate([s1 * SHARES * 28, [s2 * 27]])
    sigma = np.array([np.log(r1) / Z90] * 3 + [np.log(r2) / Z90])
    D = np.exp(np.log(p50)[:, None] + sigma[:, None] * Z[:4])
    D[:, UF < share] *= factor
    rate = np.array([h1, h2, h3, h4]) / 12
    W = -np.log(U) / (rate[:, None] * hmul[None, :])
    alive = np.ones(N, bool)
    withdrawn = np.zeros(4)
    for k in range(4):
        w = alive & (W[k] < D[k])
        withdrawn[k] = w.sum()
        alive &= ~w
        if k == 2:
            at_ia = alive.copy()
    return dict(
        completed=alive.mean(),
        completed_mw=sizes[alive].sum() / sizes.sum(),
        phase_shares=withdrawn / withdrawn.sum(),
        to_operation=np.percentile(D.sum(0)[alive], [10, 50, 90]),
        to_ia=np.percentile(D[:3].sum(0)[at_ia], [50, 90]),
    )


def residuals(x):
    r = simulate(x)
    return np.array([
        (r["completed"] - 0.19) / 0.003, (r["completed_mw"] - 0.135) / 0.003,
        (r["phase_shares"][0] - 0.380) / 0.005, (r["phase_shares"][1] - 0.371) / 0.005, (r["phase_shares"][2] - 0.147) / 0.005,
        (r["to_operation"][0] - 17) / 0.5, (r["to_operation"][1] - 47) / 0.5, (r["to_operation"][2] - 84) / 1.0,
        (r["to_ia"][0] - 27.7) / 0.5, (r["to_ia"][1] - 52.5) / 1.0,
    ])


if __name__ == "__main__":
    x0 = [1.0, 3.0, 1.2, 2.0, 0.7, 0.56, 0.45, 0.16, 0.23, 0.11, 0.3]
    lower = [0.1, 1.01, 0.1, 1.01, 0.001, 0.001, 0.001, 0.001, -1, 0, 0.05]
    upper = [5, 20, 5, 20, 20, 20, 20, 20, 2, 0.5, 1]
    # Percentiles of a sample move in steps: a coarse finite-difference step keeps the Jacobian useful.
    fit = least_squares(residuals, x0, bounds=(lower, upper), diff_step=0.02, x_scale="jac")
    print([round(float(v), 4) for v in fit.x])
    print(simulate(fit.x))
