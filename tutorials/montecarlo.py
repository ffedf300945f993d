#!/usr/bin/python3
"""montecarlo.py: the tutorial's Monte Carlo convergence, as it writes it: integral(nSample)
sorts nSample uniform points, sums np.diff(sample) * f(sample)[1:], and multiprocess() submits
one pool.apply_async per sample count to Pool(workers) (serial(): a list comprehension).  The
same parameters as `ompscale once montecarlo` (--f, --samples, --seed; defaults its tutorial
preset: 1/(1+x^2) on [0,1], s = 1..10000).  Two departures, both flaws the kernel does not
copy: s runs 1..S, as the kernel's series (the tutorial's range(S) starts at an empty sample),
and sample count s draws from its own generator, default_rng([seed, s]), where the tutorial's
forked workers may share one random state.

Checked against the kernel's exact integral.  The tutorial's sum is a right Riemann sum over
[x_0, x_{s-1}] and leaves out [a, x_0] and [x_{s-1}, b], so its error is at most
h TV(f) + max|f| e, h the largest gap between points and e the two ends' length (plus a few
roundings per point, far below it).  At s = S the points are drawn again (the same generator)
and that bound is the tolerance.  Every other estimate is held to the bound with the largest
possible g >= h, e <= 2 g: for s uniform points P(g > t (b-a)) <= (s + 1) (1 - t)^s
<= (s + 1) e^-ts, so at t = min(1, (ln(s + 1) + 25) / s) it fails with probability under
e^-25 (10^-7 over a series of 10^4)."""
import math
import multiprocessing as mp

import numpy as np

from check import arguments, verdict

# define any function here!  (name: f on [xmin, xmax], exact integral, total variation,
# max |f|): the kernel's constants (kernels/montecarlo.c)
FUNCTIONS = {
    "inv1px2": (lambda x: 1 / (1 + x**2), 0.0, 1.0, math.pi / 4, 0.5, 1.0),
    "sin_x2": (lambda x: np.sin(x**2), 0.0, 5.0, 0.52791728116532241384,
               # sin(u) over u = x^2 in [0, 25]: up to 1, then +-2 between extrema at pi/2 + k pi
               1 + 2 * 7 + abs(math.sin(25) + 1), 1.0),
    "exp_mx2": (lambda x: np.exp(-x**2), 0.0, 2.0, 0.88208139076242167997, 1 - math.exp(-4), 1.0),
}
SEED = 20260101


def integral(nSample, f, xmin, xmax):
    # determine points of estimation
    sample = np.sort(np.random.default_rng([SEED, nSample]).uniform(xmin, xmax, nSample))
    # Calculate height at each point
    value = FUNCTIONS[f][0](sample)
    # Calculate areas, sum
    area = np.sum(np.diff(sample) * value[1:])
    # Return integral
    return (nSample, area)


def serial(samples, f, lb, ub):
    return [integral(s, f, lb, ub)[1] for s in range(1, samples + 1)]


def multiprocess(processes, samples, f, lb, ub):
    pool = mp.Pool(processes=processes)
    results = [pool.apply_async(integral, args=(s, f, lb, ub)) for s in range(1, samples + 1)]
    results = [p.get() for p in results]
    results.sort()  # to sort the results
    pool.close()
    return [x[1] for x in results]


def bound(s, lb, ub, variation, f_max):
    """The error the tutorial's estimate from s points stays within but with probability e^-25
    (the docstring says why)."""
    return min(1, (math.log(s + 1) + 25) / s) * (ub - lb) * (variation + 2 * f_max)


def bound_drawn(s, lb, ub, variation, f_max):
    """The error the estimate from s points stays within, from its points drawn again."""
    sample = np.sort(np.random.default_rng([SEED, s]).uniform(lb, ub, s))
    largest = np.max(np.diff(sample)) if s > 1 else 0.0
    ends = (sample[0] - lb) + (ub - sample[-1])
    return largest * variation + f_max * ends + 8 * s * 2**-53 * (ub - lb) * f_max


def parameters(ap):
    ap.add_argument("--f", choices=sorted(FUNCTIONS), default="inv1px2",
                    help="the integrand (inv1px2: 1/(1+x^2) on [0,1])")
    ap.add_argument("--samples", type=int, default=10000, help="the largest sample count S")
    ap.add_argument("--seed", type=int, default=SEED, help="the random seed")


def main():
    global SEED
    a, ap = arguments(__doc__.splitlines()[0], parameters)
    if a.samples < 1 or a.seed < 0:
        ap.error(f"--samples {a.samples} --seed {a.seed}: give samples from 1 and seed from 0")
    SEED = a.seed  # set before the Pool forks its workers
    _, lb, ub, exact, variation, f_max = FUNCTIONS[a.f]
    if a.serial:
        estimates = serial(a.samples, a.f, lb, ub)
    else:
        estimates = multiprocess(a.workers, a.samples, a.f, lb, ub)
    reference = exact if a.reference is None else a.reference
    worst = 0.0  # the estimate furthest outside (or nearest to) its bound, as error / bound
    for s, estimate in enumerate(estimates, start=1):
        worst = max(worst, abs(estimate - reference) / bound(s, lb, ub, variation, f_max))
    if worst > 1:
        print(f"montecarlo: an estimate is {worst:.3g} times its bound from {reference!r}: WRONG")
        raise SystemExit(1)
    verdict("montecarlo", estimates[-1], reference,
            bound_drawn(a.samples, lb, ub, variation, f_max))


if __name__ == "__main__":
    main()
