#!/usr/bin/python3
"""quadrature.py: the tutorial's parallel integration, as it writes it: integrate_interval((a, b))
returns scipy.integrate.quad of f(x) = sin(x^2) from a to b, and Pool(workers).map applies it to
the intervals.  The same parameters as `ompscale once quadrature` (--a, --b, --k, --limit,
--epsabs, --epsrel; defaults its tutorial preset, [0,5] in 5 unit intervals, and its default
targets, epsabs 0 and epsrel 1e-10: scipy's own default is 1.49e-8 for both).

Checked against the kernel's reference, the Fresnel integral: the integral of sin(x^2) from 0 to
x is sqrt(pi/2) S(x sqrt(2/pi)) (scipy.special.fresnel), within 10 (epsrel |ref| + k epsabs),
ten times what QAGS aims at in all, plus the rounding of sin(x^2) itself: x^2 carries a relative
error of 2^-53, an absolute one of x^2 2^-53 in the argument, over a length b - a."""
import math
from multiprocessing import Pool

import numpy as np
from scipy import integrate, special

from check import arguments, verdict

TARGETS = {}  # epsabs, epsrel and limit: set before the Pool forks its workers


def f(x):
    return np.sin(x**2)


def integrate_interval(interval):
    a, b = interval
    # Compute integral here
    result, _ = integrate.quad(f, a, b, **TARGETS)
    return result


def fresnel_sin_x2(x):
    """The integral of sin(t^2) from 0 to x."""
    return math.copysign(math.sqrt(math.pi / 2) * special.fresnel(abs(x) * math.sqrt(2 / math.pi))[0], x)


def parameters(ap):
    ap.add_argument("--a", type=float, default=0.0, help="lower end (0)")
    ap.add_argument("--b", type=float, default=5.0, help="upper end (5)")
    ap.add_argument("--k", type=int, default=5, help="equal intervals (5)")
    ap.add_argument("--limit", type=int, default=1000, help="quad's most subintervals (1000)")
    ap.add_argument("--epsabs", type=float, default=0.0, help="quad's absolute target (0)")
    ap.add_argument("--epsrel", type=float, default=1e-10, help="quad's relative target (1e-10)")


def main():
    a, ap = arguments(__doc__.splitlines()[0], parameters)
    if not (a.a < a.b and a.k >= 1 and a.limit >= 1 and 0 <= a.epsabs <= 1 and 0 <= a.epsrel <= 1):
        ap.error("give a < b, k and limit from 1, epsabs and epsrel from 0 to 1")
    TARGETS.update(epsabs=a.epsabs, epsrel=a.epsrel, limit=a.limit)
    width = (a.b - a.a) / a.k
    intervals = [(a.a + i * width, a.a + (i + 1) * width if i + 1 < a.k else a.b) for i in range(a.k)]
    if a.serial:
        values = [integrate_interval(interval) for interval in intervals]
    else:
        with Pool(a.workers) as pool:
            values = pool.map(integrate_interval, intervals)
    exact = fresnel_sin_x2(a.b) - fresnel_sin_x2(a.a)
    reference = exact if a.reference is None else a.reference
    rounding = (a.b - a.a) * max(a.a**2, a.b**2) * 2**-53 + a.k * 4 * 2**-53 * abs(exact)
    tolerance = 10 * (a.epsrel * abs(exact) + a.k * a.epsabs) + rounding
    verdict("quadrature", math.fsum(values), reference, tolerance)


if __name__ == "__main__":
    main()
