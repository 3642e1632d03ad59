"""requirements.lock is the resolution of pyproject.toml: bin/check-lock says when they part."""

import importlib.machinery
import importlib.util
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def load_checker(root: Path):
    loader = importlib.machinery.SourceFileLoader("check_lock", str(root / "bin" / "check-lock"))
    spec = importlib.util.spec_from_loader(loader.name, loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


@pytest.fixture
def copy(tmp_path):
    """A copy of the project's pyproject.toml, lock and checker to change freely."""
    (tmp_path / "bin").mkdir()
    shutil.copy(ROOT / "bin" / "check-lock", tmp_path / "bin" / "check-lock")
    for name in ("pyproject.toml", "requirements.lock"):
        shutil.copy(ROOT / name, tmp_path / name)
    return tmp_path


def test_the_lock_matches_pyproject():
    assert load_checker(ROOT).problems() == []


def test_every_locked_package_has_hashes():
    checker = load_checker(ROOT)
    packages = checker.locked_packages((ROOT / "requirements.lock").read_text())
    assert len(packages) > 50
    assert all(hashes for _version, hashes in packages.values())


def test_a_new_dependency_without_a_new_lock_is_caught(copy):
    pyproject = copy / "pyproject.toml"
    added = '"openpyxl==3.1.5",\n    "polars==9.9",'
    pyproject.write_text(pyproject.read_text().replace('"openpyxl==3.1.5",', added))
    problems = load_checker(copy).problems()
    assert "the dependency tables of pyproject.toml changed since the lock was made" in problems
    assert "polars==9.9 is missing from the lock" in problems


def test_a_pin_moved_in_pyproject_only_is_caught_even_with_a_fresh_stamp(copy):
    pyproject = copy / "pyproject.toml"
    pyproject.write_text(pyproject.read_text().replace('"jieba==0.42.1"', '"jieba==0.42.2"'))
    checker = load_checker(copy)
    checker.stamp()
    assert checker.problems() == ["jieba: pyproject.toml says 0.42.2, the lock 0.42.1"]


def test_an_unpinned_requirement_is_refused(copy):
    pyproject = copy / "pyproject.toml"
    pyproject.write_text(pyproject.read_text().replace('"jieba==0.42.1"', '"jieba>=0.42"'))
    checker = load_checker(copy)
    checker.stamp()
    assert checker.problems() == ["'jieba>=0.42' is not pinned with =="]


def test_a_hash_taken_out_of_the_lock_is_caught(copy):
    lock = copy / "requirements.lock"
    lines = lock.read_text().splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("jieba=="))
    end = next(i for i in range(at + 1, len(lines)) if not lines[i].startswith("    --hash"))
    lines[at:end] = ["jieba==0.42.1"]
    lock.write_text("\n".join(lines) + "\n")
    assert load_checker(copy).problems() == ["jieba has no --hash"]
