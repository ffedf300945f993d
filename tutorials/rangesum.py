#!/usr/bin/python3
"""rangesum.py: the tutorial's range sum, as it writes it: Processes each add their part of
lo..lo+n-1 into one shared Value('d', 0.0), term by term, under the Value's lock (the
tutorial's own code had no lock, a race ompscale does not copy).  The same parameters as
`ompscale once rangesum` (--lo, --n; defaults its tutorial preset: 1 + ... + 20).  Checked
against n (lo + hi) / 2 exactly: every partial sum is an integer below 2^53, so the double
holds it exactly and the tolerance is 0."""
from multiprocessing import Process, Value

from check import arguments, verdict


def sumcalc(sumval, myrange):
    for i in myrange:
        with sumval.get_lock():
            sumval.value += i


def parameters(ap):
    ap.add_argument("--lo", type=int, default=1, help="first integer (1)")
    ap.add_argument("--n", type=int, default=20, help="terms: lo..lo+n-1 (20)")


def main():
    a, ap = arguments(__doc__.splitlines()[0], parameters)
    hi = a.lo + a.n - 1
    if a.n < 1 or max(abs(a.lo), abs(hi)) * a.n >= 2**53:
        ap.error(f"--lo {a.lo} --n {a.n}: give n from 1 with every partial sum below 2^53 "
                 "(a double holds them exactly)")
    sumval = Value('d', 0.0)
    if a.serial:
        sumcalc(sumval, range(a.lo, hi + 1))
    else:
        step = -(-a.n // a.workers)  # the worker's share, rounded up
        processes = [Process(target=sumcalc, args=(sumval, range(start, min(start + step, hi + 1))))
                     for start in range(a.lo, hi + 1, step)]
        for p in processes:
            p.start()
        for p in processes:
            p.join()
    reference = a.n * (a.lo + hi) // 2 if a.reference is None else a.reference
    verdict("rangesum", sumval.value, reference, 0)


if __name__ == "__main__":
    main()
