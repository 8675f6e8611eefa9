"""Fixtures shared by every test module: where the bundled sample minutes and the real test data live."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLES_DIR = ROOT / "samples"
SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


@pytest.fixture(scope="session")
def samples_dir() -> Path:
    """The bundled sample corpus (Markdown minutes of the Republic of Aldermere)."""
    return SAMPLES_DIR


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The real FRUS, FOMC and council files beside the checkout; tests skip when they are absent."""
    if not SHARED_DATA.is_dir():
        pytest.skip(f"real test data not found at {SHARED_DATA} (see /work/shared/data/README)")
    return SHARED_DATA
