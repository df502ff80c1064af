"""`make bench`: how each rule regex's time grows on adversarial strings (runs of digits, capitals,
separators, spaces), from 1,000 to 4,000 characters. Linear is 4×; backtracking shows as far more.
Figures only, never asserted: the worst few are printed."""
from __future__ import annotations

import importlib
import pkgutil
import re
import time

import extractors.normalise
import extractors.rules

RUNS = ("1", "1 ", "12,", "1.", "a", "A ", "Aa ", ", ", ". ", " ", "\t", "\n", "-", "1-", "kg ", "of the ")
SMALL, LARGE = 1_000, 4_000


def rule_patterns() -> dict[str, re.Pattern]:
    """Every module-level compiled pattern of the rules, and the patterns built by their cached builders."""
    found: dict[str, re.Pattern] = {}
    for package in (extractors.rules, extractors.normalise):
        for module_info in pkgutil.iter_modules(package.__path__):
            module = importlib.import_module(f"{package.__name__}.{module_info.name}")
            for name, value in vars(module).items():
                if isinstance(value, re.Pattern):
                    found[f"{module_info.name}.{name}"] = value
                elif callable(value) and hasattr(value, "cache_info"):  # an lru_cache'd pattern builder
                    try:
                        built = value()
                    except TypeError:
                        continue
                    if isinstance(built, re.Pattern):
                        found[f"{module_info.name}.{name}()"] = built
    return found


def seconds(pattern: re.Pattern, text: str) -> float:
    started = time.perf_counter()
    for _ in pattern.finditer(text):
        pass
    return time.perf_counter() - started


def main() -> None:
    growth = []
    for name, pattern in rule_patterns().items():
        worst = (0.0, 0.0, "")
        for run in RUNS:
            small = seconds(pattern, (run * SMALL)[:SMALL])
            large = seconds(pattern, (run * LARGE)[:LARGE])
            worst = max(worst, (large, large / max(small, 1e-6), run))
        growth.append((*worst, name))
    growth.sort(reverse=True)
    print(f"Rule regexes on adversarial runs ({len(growth)} patterns, {SMALL:,} -> {LARGE:,} characters; linear = 4×):")
    for large, ratio, run, name in growth[:8]:
        print(f"  {name:<40} {ratio:6.1f}×  {large * 1000:7.1f} ms at {LARGE:,} on {run!r}")


if __name__ == "__main__":
    main()
