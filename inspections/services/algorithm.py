"""The draw algorithm, free of Django so that it can be re-implemented anywhere.

Specification (docs/inspections-draw.md says the same with a worked example):

* The seed is 64 lowercase hex characters; everywhere below it is used as its 64 ASCII bytes.
  The commitment published before the draw is SHA-256(seed) in lowercase hex.
* A *stream* named LABEL yields block number c (c = 0, 1, 2, …) as
  HMAC-SHA256(key=seed, message=ASCII(LABEL + ":" + decimal c)).
* ``below(n)`` takes the next block, reads its first 8 bytes as an unsigned big-endian integer x
  and returns x mod n when x < 2^64 - (2^64 mod n); otherwise it takes the next block (rejection
  sampling: every value in [0, n) is exactly equally likely).
* Targets: the eligible pool is sorted by key (统一社会信用代码, uppercase ASCII, byte order);
  a partial Fisher–Yates shuffle over positions 0…M-1 with the stream "targets" runs N steps:
  for i in 0…N-1: j = i + below(M - i); swap positions i and j. Positions 0…N-1 are drawn, in
  that order.
* Inspectors for a drawn target with key K: the inspector pool sorted by code (ASCII, byte
  order) minus the inspectors with a declared conflict for K; a 2-step partial Fisher–Yates with
  the stream "inspectors:" + K gives the two inspectors, in that order.
"""

import hashlib
import hmac
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

ALGORITHM = "hmac-sha256-fisher-yates-v1"
INSPECTORS_PER_TARGET = 2
_TWO_64 = 1 << 64


class DrawImpossible(ValueError):
    """The pools cannot give the requested draw (too few targets or inspectors)."""


def commitment(seed: str) -> str:
    return hashlib.sha256(seed.encode("ascii")).hexdigest()


class Stream:
    """Uniform integers from HMAC-SHA256(seed, label:counter)."""

    def __init__(self, seed: str, label: str):
        self.key = seed.encode("ascii")
        self.label = label
        self.counter = 0

    def block(self) -> bytes:
        message = f"{self.label}:{self.counter}".encode("ascii")
        self.counter += 1
        return hmac.new(self.key, message, hashlib.sha256).digest()

    def below(self, n: int) -> int:
        if n <= 0:
            raise ValueError("n must be positive")
        limit = _TWO_64 - (_TWO_64 % n)
        while True:
            x = int.from_bytes(self.block()[:8], "big")
            if x < limit:
                return x % n


def partial_shuffle(size: int, count: int, stream: Stream) -> list[int]:
    """The first `count` positions of a Fisher–Yates shuffle of range(size).

    Only the swapped positions are remembered, so a pool of a million costs `count` steps.
    """
    if count > size:
        raise DrawImpossible(f"cannot draw {count} of {size}")
    moved: dict[int, int] = {}
    picked = []
    for i in range(count):
        j = i + stream.below(size - i)
        value_i, value_j = moved.get(i, i), moved.get(j, j)
        moved[i], moved[j] = value_j, value_i
        picked.append(value_j)
    return picked


@dataclass(frozen=True)
class Assignment:
    order: int  # 0-based position in the draw
    target_position: int  # position in the sorted target pool
    target_key: str
    inspectors: tuple[str, ...]  # inspector codes, in drawn order


def manifest(
    draw_id: int,
    count: int,
    target_keys: Iterable[str],
    inspector_codes: Iterable[str],
    exclusions: Iterable[tuple[str, str]],
) -> str:
    """The canonical text of the frozen pools; its SHA-256 is published with the commitment."""
    lines = [f"algorithm {ALGORITHM}", f"draw {draw_id}", f"count {count}"]
    lines += [f"target {key}" for key in sorted(target_keys)]
    lines += [f"inspector {code}" for code in sorted(inspector_codes)]
    lines += [f"exclusion {code} {key}" for code, key in sorted(set(exclusions))]
    return "\n".join(lines) + "\n"


def pool_digest(*args, **kwargs) -> str:
    return hashlib.sha256(manifest(*args, **kwargs).encode("ascii")).hexdigest()


def check_feasible(
    target_keys: Sequence[str], count: int, inspector_codes: Sequence[str], exclusions
) -> list[str]:
    """Targets that could not get two inspectors; raises when the draw itself is impossible."""
    if count < 1:
        raise DrawImpossible("count must be at least 1")
    if count > len(target_keys):
        raise DrawImpossible(f"only {len(target_keys)} targets in the pool, {count} requested")
    if len(set(inspector_codes)) < INSPECTORS_PER_TARGET:
        raise DrawImpossible("fewer than two inspectors in the pool")
    codes = set(inspector_codes)
    conflicted: dict[str, set[str]] = {}
    for code, key in exclusions:
        if code in codes:
            conflicted.setdefault(key, set()).add(code)
    return sorted(
        key for key, names in conflicted.items() if len(codes) - len(names) < INSPECTORS_PER_TARGET
    )


def run_draw(
    seed: str,
    target_keys: Sequence[str],
    count: int,
    inspector_codes: Sequence[str],
    exclusions: Iterable[tuple[str, str]] = (),
) -> list[Assignment]:
    """Draw `count` targets and two inspectors each. `target_keys` need not be sorted."""
    targets = sorted(target_keys)
    inspectors = sorted(set(inspector_codes))
    exclusions = set(exclusions)
    blocked = check_feasible(targets, count, inspectors, exclusions)
    if blocked:
        raise DrawImpossible(f"targets without two unconflicted inspectors: {', '.join(blocked)}")
    positions = partial_shuffle(len(targets), count, Stream(seed, "targets"))
    result = []
    for order, position in enumerate(positions):
        key = targets[position]
        eligible = [code for code in inspectors if (code, key) not in exclusions]
        picked = partial_shuffle(
            len(eligible), INSPECTORS_PER_TARGET, Stream(seed, f"inspectors:{key}")
        )
        result.append(Assignment(order, position, key, tuple(eligible[i] for i in picked)))
    return result
