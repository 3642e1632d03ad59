"""Public pages against the ceiling (/healthz) on daphne: requests/s, p50/p95, and ratios."""

import argparse

from benchmarks.common import daphne_server, measure, report


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=5)
    parser.add_argument("--concurrency", type=int, default=8)
    args = parser.parse_args()
    figures = {}
    with daphne_server() as base:
        for name, path in [("ceiling_healthz", "/healthz"), ("home", "/"), ("home_en", "/en/")]:
            print(f"measuring {path} for {args.seconds}s…", flush=True)
            figures[name] = measure(base + path, args.seconds, args.concurrency)
    ceiling = figures["ceiling_healthz"]["rps"] or 1
    for values in figures.values():
        values["ratio_to_ceiling"] = round(values["rps"] / ceiling, 2)
    report("pages", figures)


if __name__ == "__main__":
    main()
