"""The draw algorithm alone: reproducible, uniform, conflict-free, two distinct inspectors."""

import hashlib
import shutil
import subprocess
from collections import Counter

import pytest

from inspections.services import algorithm
from tests.factories.inspections import make_uscc

SEED = "5f0c1e9b" * 8
TARGETS = [make_uscc(n) for n in range(1, 21)]
INSPECTORS = [f"INS-{n:02d}" for n in range(1, 7)]
# chi-square critical values at p = 0.001 (fixed seeds: the statistic is the same on every run)
CHI2_CRITICAL_0_001 = {5: 20.515, 14: 36.123, 19: 43.820}


def seeds(count: int, label: str = "uniformity"):
    for n in range(count):
        yield hashlib.sha256(f"{label}-{n}".encode()).hexdigest()


def chi_square(counts: Counter, categories, expected: float) -> float:
    return sum((counts[c] - expected) ** 2 / expected for c in categories)


def test_commitment_is_sha256_of_the_seed_text():
    assert algorithm.commitment(SEED) == hashlib.sha256(SEED.encode("ascii")).hexdigest()


@pytest.mark.skipif(not shutil.which("openssl"), reason="openssl not installed")
def test_stream_blocks_match_openssl_outside_python():
    """The documented one-liner reproduces the random stream without Python."""
    stream = algorithm.Stream(SEED, "targets")
    for counter in range(3):
        out = subprocess.run(
            ["openssl", "dgst", "-sha256", "-mac", "HMAC", "-macopt", f"key:{SEED}"],
            input=f"targets:{counter}".encode(),
            capture_output=True,
            check=True,
        ).stdout.decode()
        assert out.strip().split()[-1] == stream.block().hex()


def test_same_pools_and_seed_give_the_same_draw_whatever_the_input_order():
    first = algorithm.run_draw(SEED, TARGETS, 5, INSPECTORS)
    again = algorithm.run_draw(SEED, list(reversed(TARGETS)), 5, list(reversed(INSPECTORS)))
    assert first == again
    assert len({a.target_key for a in first}) == 5


def test_another_seed_gives_another_draw():
    first = algorithm.run_draw(SEED, TARGETS, 5, INSPECTORS)
    other = algorithm.run_draw("0" * 64, TARGETS, 5, INSPECTORS)
    assert [a.target_key for a in first] != [a.target_key for a in other]


def test_known_answer_for_reimplementations():
    """The worked example of docs/inspections-draw.md (other implementations check against it)."""
    result = algorithm.run_draw(SEED, TARGETS, 3, INSPECTORS, [("INS-01", TARGETS[0])])
    assert [(a.target_position, a.inspectors) for a in result] == KNOWN_ANSWER


KNOWN_ANSWER = [(7, ("INS-06", "INS-03")), (18, ("INS-01", "INS-05")), (16, ("INS-06", "INS-04"))]


def test_partial_shuffle_draws_without_replacement_and_handles_the_whole_pool():
    stream = algorithm.Stream(SEED, "targets")
    assert sorted(algorithm.partial_shuffle(7, 7, stream)) == list(range(7))
    with pytest.raises(algorithm.DrawImpossible):
        algorithm.partial_shuffle(3, 4, stream)


def test_below_is_exactly_in_range():
    stream = algorithm.Stream(SEED, "range")
    values = {stream.below(3) for _ in range(200)}
    assert values == {0, 1, 2}
    assert algorithm.Stream(SEED, "one").below(1) == 0


def test_target_selection_is_uniform_chi_square():
    """4,000 draws of 5 out of 20 targets: every target is picked 1,000 times in expectation."""
    counts = Counter()
    for seed in seeds(4000):
        stream = algorithm.Stream(seed, "targets")
        counts.update(algorithm.partial_shuffle(20, 5, stream))
    statistic = chi_square(counts, range(20), 4000 * 5 / 20)
    assert statistic < CHI2_CRITICAL_0_001[19], statistic


def test_first_position_is_uniform_chi_square():
    counts = Counter()
    for seed in seeds(3000, "first"):
        counts[algorithm.partial_shuffle(15, 1, algorithm.Stream(seed, "targets"))[0]] += 1
    assert chi_square(counts, range(15), 3000 / 15) < CHI2_CRITICAL_0_001[14]


def test_inspector_pairs_are_uniform_chi_square():
    """Each of the 15 unordered pairs of 6 inspectors is equally likely."""
    pairs = Counter()
    for seed in seeds(3000, "pairs"):
        (assignment,) = algorithm.run_draw(seed, TARGETS[:1], 1, INSPECTORS)
        pairs[frozenset(assignment.inspectors)] += 1
    assert len(pairs) == 15
    assert chi_square(pairs, pairs.keys(), 3000 / 15) < CHI2_CRITICAL_0_001[14]


def test_the_uniformity_check_catches_an_off_by_one_shuffle():
    """The same test rejects a classic bug (j drawn from i+1…), so it is able to fail."""

    def biased(size, count, stream):
        order = list(range(size))
        for i in range(count):
            j = i + 1 + stream.below(size - i - 1) if i < size - 1 else i
            order[i], order[j] = order[j], order[i]
        return order[:count]

    counts = Counter()
    for seed in seeds(4000):
        counts.update(biased(20, 5, algorithm.Stream(seed, "targets")))
    assert chi_square(counts, range(20), 1000) > CHI2_CRITICAL_0_001[19]


def test_conflicted_inspectors_are_never_drawn_for_that_target():
    conflicted = {("INS-01", key) for key in TARGETS[:10]} | {("INS-02", TARGETS[0])}
    for seed in seeds(300, "conflicts"):
        for a in algorithm.run_draw(seed, TARGETS, 10, INSPECTORS, conflicted):
            assert not {(code, a.target_key) for code in a.inspectors} & conflicted


def test_every_target_gets_two_distinct_inspectors():
    for seed in seeds(300, "distinct"):
        for a in algorithm.run_draw(seed, TARGETS, 20, INSPECTORS[:2]):
            assert len(set(a.inspectors)) == 2


def test_impossible_draws_fail_clearly():
    with pytest.raises(algorithm.DrawImpossible, match="fewer than two inspectors"):
        algorithm.run_draw(SEED, TARGETS, 2, INSPECTORS[:1])
    with pytest.raises(algorithm.DrawImpossible, match="only 20 targets"):
        algorithm.run_draw(SEED, TARGETS, 21, INSPECTORS)
    blocked = {(code, TARGETS[3]) for code in INSPECTORS[1:]}
    with pytest.raises(algorithm.DrawImpossible, match=TARGETS[3]):
        algorithm.run_draw(SEED, TARGETS, 20, INSPECTORS, blocked)


def test_pool_digest_changes_with_any_pool_change():
    base = algorithm.pool_digest(1, 3, TARGETS, INSPECTORS, [])
    assert base == algorithm.pool_digest(1, 3, list(reversed(TARGETS)), INSPECTORS, [])
    assert base != algorithm.pool_digest(1, 3, TARGETS[1:], INSPECTORS, [])
    assert base != algorithm.pool_digest(1, 3, TARGETS, INSPECTORS[1:], [])
    assert base != algorithm.pool_digest(1, 3, TARGETS, INSPECTORS, [("INS-01", TARGETS[0])])
    assert base != algorithm.pool_digest(1, 4, TARGETS, INSPECTORS, [])
