"""Made-up texts of any length, for tests and benchmarks that need size."""
from __future__ import annotations

import random
from typing import Callable

STORY = ("Customs officers at the port of Callao seized {n} kg of cocaine on {d} March 2023, the Interior Ministry said. "
         "Police in Lima arrested {m} suspects.\n\n")


def _grown(size: int, piece: Callable[[random.Random], str], head: str = "") -> str:
    """``head`` and then pieces drawn from a generator seeded with ``size``, until ``size`` characters."""
    rng = random.Random(size)
    parts, total = [head], len(head)
    while total < size:
        parts.append(piece(rng))
        total += len(parts[-1])
    return "".join(parts)


def figure_dense(size: int) -> str:
    """A bulletin of many short seizure reports, about ``size`` characters long."""
    return _grown(size, lambda rng: STORY.format(n=rng.randint(2, 900), d=rng.randint(1, 28), m=rng.randint(2, 40)))


def numbers(size: int) -> str:
    """Numbers and nothing else (a data dump saved as text), about ``size`` characters long."""
    return _grown(size, lambda rng: f"{rng.randint(0, 99999)}{rng.choice([' ', ' ', chr(10), ', ', '.', chr(9)])}")


def without_stops(size: int) -> str:
    """One "sentence" with no full stop in it: figures joined by commas and "and", ``size`` characters long."""
    return _grown(size, lambda rng: f"police seized {rng.randint(2, 900)} kg of heroin in Peru{rng.choice([',', ' and', ''])} ")


def big_table(size: int) -> str:
    """One table, a caption and a header row over rows of tab-separated figures, ``size`` characters long."""
    return _grown(size, lambda rng: f"\nProvince {rng.randint(1, 999)}\t{rng.randint(1, 9999)}\t{rng.randint(1, 999)}"
                                    f"\t{rng.randint(1, 99999)}",
                  head="Table 3. Seizures by province, 2023 (kg)\nProvince\tCocaine\tHeroin\tCannabis")
