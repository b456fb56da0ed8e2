"""Shared fixtures: paths to ../shared, the tei_all schema (loaded once), TEI validation."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Iterator

import pytest
from lxml import etree

if TYPE_CHECKING:
    from corpora.model import Link
    from corpora.sourcetext import SourceText

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("BITEXT_SHARED", ROOT.parent / "shared"))
EVAL = SHARED / "eval"
SAMPLE = ROOT / "corpora" / "samples" / "juhis-908368"
DATA = Path(__file__).resolve().parent / "data"


def bead_of(links: Iterable[Link], side: str, index: int) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """The (source, target) sentences of the link that holds sentence `index` of `side` ("src" or "tgt")."""
    return next((link.src, link.tgt) for link in links if index in getattr(link, side))


def read_texts(path: Path) -> list[SourceText]:
    """The texts a file holds, read as `bitext align` reads them (bitext_cli.formats)."""
    from bitext_cli import formats

    return formats.read_texts(formats.read_file(str(path)))


# Hypothesis profiles for the property tests (tests/test_properties.py): "ci" (the default) keeps
# the suite quick and its examples the same on every run; BITEXT_HYPOTHESIS_PROFILE=long
# explores many more, new ones each run (failures are saved in .hypothesis/ and replayed).
try:
    from hypothesis import HealthCheck, settings
except ImportError:  # the test extra is not installed: the property tests skip
    pass
else:
    _SLOW = [HealthCheck.too_slow, HealthCheck.data_too_large]
    settings.register_profile("ci", max_examples=25, deadline=None, derandomize=True, database=None,
                              suppress_health_check=_SLOW, print_blob=True)
    settings.register_profile("long", max_examples=500, deadline=None, suppress_health_check=_SLOW,
                              print_blob=True)
    settings.load_profile(os.environ.get("BITEXT_HYPOTHESIS_PROFILE", "ci"))


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--regen-golden", action="store_true", help="Rewrite golden files from current output.")


@pytest.fixture(scope="session")
def regen(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--regen-golden"))


@pytest.fixture(scope="session")
def shared() -> Path:
    if not SHARED.is_dir():
        pytest.skip(f"../shared not found at {SHARED} (set BITEXT_SHARED)")
    return SHARED


@pytest.fixture(scope="session")
def tei_all(shared: Path) -> etree.RelaxNG:
    """The TEI P5 tei_all RELAX NG schema; loading takes ~15 s, so once per session (and the
    same cached object `bitext validate --schema` gets for this path)."""
    from tei.checks import load_schema

    return load_schema(str(shared / "schemas" / "tei_all.rng"))


@pytest.fixture
def assert_valid_tei(tei_all: etree.RelaxNG):
    """Validate TEI bytes against tei_all.rng, bitext's own schema and its structural checks."""
    from tei.checks import load_schema, structural_problems

    ours = load_schema()

    def check(data: bytes) -> etree._Element:
        root = etree.fromstring(data)
        tree = root.getroottree()
        if not tei_all.validate(tree):
            errors = "\n".join(f"{e.line}: {e.message}" for e in list(tei_all.error_log)[:10])
            raise AssertionError(f"TEI does not validate against tei_all.rng:\n{errors}")
        if not ours.validate(tree):
            errors = "\n".join(f"{e.line}: {e.message}" for e in list(ours.error_log)[:10])
            raise AssertionError(f"TEI does not validate against bitext's schema (tei/schema):\n{errors}")
        problems = structural_problems(root)
        assert not problems, problems
        return root

    return check


@pytest.fixture(autouse=True)
def _fixed_date(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")


@pytest.fixture(autouse=True)
def _own_user_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """The default embedding cache (the user cache directory) of each test is its own, so tests
    never write into the user's ~/.cache nor read vectors an earlier run left there."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("user-cache")))


@pytest.fixture(autouse=True)
def _no_loading_left_open() -> Iterator[None]:
    """No test leaves a corpora.loading open: one left open would make every later batch
    --timeout test give each alarm's time back (loading_seconds growing with the clock), a
    failure far from its cause. This names the test that left it."""
    from corpora import loading

    yield
    assert loading._open == 0, "a corpora.loading() was left open by this test"
    assert loading._clock[1] is None, f"a corpora.loading() was left half-closed by this test: {loading._clock}"
