#!/usr/bin/python3
"""squares.py: the tutorial's squares, as it writes them: compute_square sleeps 0.1 s (or
--sleep-us) to simulate an expensive computation, and Pool(workers).map applies it to
range(n).  The same parameters as `ompscale once squares` (--n, --sleep-us; defaults its
tutorial-sleep preset: n=10, sleep-us=100000).  Checked: every element x*x exactly, and the sum
against the closed form (n - 1) n (2n - 1) / 6, tolerance 0 (integers)."""
import time
from multiprocessing import Pool

from check import arguments, verdict

SLEEP_S = 0.1


def compute_square(x):
    # Simulate expensive computation
    time.sleep(SLEEP_S)
    return x * x


def parameters(ap):
    ap.add_argument("--n", type=int, default=10, help="elements: the squares of 0..n-1 (10)")
    ap.add_argument("--sleep-us", type=int, default=100000,
                    help="microseconds each element sleeps (100000: the tutorial's 0.1 s)")


def main():
    global SLEEP_S
    a, ap = arguments(__doc__.splitlines()[0], parameters)
    if a.n < 1 or a.sleep_us < 0:
        ap.error(f"--n {a.n} --sleep-us {a.sleep_us}: give n from 1 and sleep-us from 0")
    SLEEP_S = a.sleep_us / 1e6  # set before the Pool forks its workers
    numbers = list(range(a.n))
    if a.serial:
        results = [compute_square(x) for x in numbers]
    else:
        with Pool(a.workers) as pool:
            results = pool.map(compute_square, numbers)
    if results != [x * x for x in numbers]:
        print("squares: an element differs from x*x: WRONG")
        raise SystemExit(1)
    n = a.n
    reference = (n - 1) * n * (2 * n - 1) // 6 if a.reference is None else a.reference
    verdict("squares", sum(results), reference, 0)


if __name__ == "__main__":
    main()
