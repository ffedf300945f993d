"""check.py: what the four tutorial programs share: their command line (the worker count,
--serial for the tutorial's sequential code, --reference to replace the answer they are checked
against, which the tests use to see a check fail) and their verdict (exit 0 when the answer is
within the stated tolerance of the reference, 1 when not, 2 on bad usage, as ompscale does)."""
import argparse
import sys


def arguments(description, add_parameters, argv=None):
    """The parsed command line: --workers N or --serial, the kernel's parameters, --reference."""
    ap = argparse.ArgumentParser(description=description)
    ap.add_argument("--workers", type=int, default=1,
                    help="worker processes of the Pool or Processes (default 1)")
    ap.add_argument("--serial", action="store_true",
                    help="the tutorial's sequential code instead: no worker process")
    ap.add_argument("--reference", type=float,
                    help="check against this instead of the true answer (the tests' wrong one)")
    add_parameters(ap)
    a = ap.parse_args(argv)
    if a.workers < 1:
        ap.error(f"--workers {a.workers}: give a whole number from 1")
    return a, ap


def verdict(name, result, reference, tolerance):
    """Prints the answer and its check; exits 1 when |result - reference| > tolerance."""
    error = abs(result - reference)
    ok = error <= tolerance
    print(f"{name}: result {result!r} reference {reference!r} error {error:.3g} "
          f"tolerance {tolerance:.3g}: {'verified' if ok else 'WRONG'}")
    sys.exit(0 if ok else 1)
