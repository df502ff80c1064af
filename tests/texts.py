"""Made-up texts of any length, for tests and benchmarks that need size."""
from __future__ import annotations

import random

STORY = ("Customs officers at the port of Callao seized {n} kg of cocaine on {d} March 2023, the Interior Ministry said. "
         "Police in Lima arrested {m} suspects.\n\n")


def figure_dense(size: int) -> str:
    """A bulletin of many short seizure reports, about ``size`` characters long."""
    rng = random.Random(size)
    parts, total = [], 0
    while total < size:
        part = STORY.format(n=rng.randint(2, 900), d=rng.randint(1, 28), m=rng.randint(2, 40))
        parts.append(part)
        total += len(part)
    return "".join(parts)


def numbers(size: int) -> str:
    """Numbers and nothing else (a data dump saved as text), about ``size`` characters long."""
    rng = random.Random(size)
    parts, total = [], 0
    while total < size:
        part = f"{rng.randint(0, 99999)}{rng.choice([' ', ' ', chr(10), ', ', '.', chr(9)])}"
        parts.append(part)
        total += len(part)
    return "".join(parts)


def without_stops(size: int) -> str:
    """One "sentence" with no full stop in it: figures joined by commas and "and", ``size`` characters long."""
    rng = random.Random(size)
    parts, total = [], 0
    while total < size:
        part = f"police seized {rng.randint(2, 900)} kg of heroin in Peru{rng.choice([',', ' and', ''])} "
        parts.append(part)
        total += len(part)
    return "".join(parts)


def big_table(size: int) -> str:
    """One table, a caption and a header row over rows of tab-separated figures, ``size`` characters long."""
    rng = random.Random(size)
    rows = ["Table 3. Seizures by province, 2023 (kg)", "Province\tCocaine\tHeroin\tCannabis"]
    total = sum(map(len, rows))
    while total < size:
        rows.append(f"Province {rng.randint(1, 999)}\t{rng.randint(1, 9999)}\t{rng.randint(1, 999)}\t{rng.randint(1, 99999)}")
        total += len(rows[-1]) + 1
    return "\n".join(rows)
