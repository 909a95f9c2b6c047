"""Fixtures shared by several test files, and the property tests' profiles."""
import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import settings

from cleanup.cli import main

# Property tests draw the same examples on every run, so a test run is repeatable; HYPOTHESIS_PROFILE=explore
# draws fresh ones to hunt for new failures.
settings.register_profile("repeatable", derandomize=True)
settings.register_profile("explore", derandomize=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))

REVIEW_FIXTURES = Path(__file__).parent / "fixtures" / "review"
LEXICON_FIXTURES = Path(__file__).parent / "fixtures" / "lexicon"
REVIEW_RAW = ["transcripts/meeting.txt", "transcripts/notes.txt"]


@pytest.fixture
def team(tmp_path):
    """A copy of the team TOML lexicon fixture."""
    path = tmp_path / "team.toml"
    shutil.copy(LEXICON_FIXTURES / "team.toml", path)
    return path


@pytest.fixture
def workdir(tmp_path, monkeypatch):
    """A copy of the review fixtures as the working directory, with `review.csv` exported (all pending)."""
    shutil.copytree(REVIEW_FIXTURES, tmp_path, dirs_exist_ok=True)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["review", *REVIEW_RAW, "--lexicon", "lexicon.txt", "--no-default-lexicons",
                                       "--passes", "known-variants", "--export", "review.csv"])
    assert result.exit_code == 0, result.output
    return tmp_path


@pytest.fixture(autouse=True, scope="session")
def user_cache(tmp_path_factory):
    """One cache folder for the session (jieba's dictionary cache, lexicon undo logs), not the user's own."""
    folder = tmp_path_factory.mktemp("cache")
    before = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(folder)
    yield folder
    if before is None:
        del os.environ["XDG_CACHE_HOME"]
    else:
        os.environ["XDG_CACHE_HOME"] = before
