"""The begroting's fixtures: the §7.5 file, and a command runner that imports a file."""

from pathlib import Path

import pytest

PLAN = Path(__file__).parent / "meerjarenbegroting_2025_2029.csv"


@pytest.fixture
def importeer(runner):
    """importeer(path, door=None): `flask begroting import FILE [--door EMAIL]`; returns the result."""

    def run(path, door=None):
        args = ["begroting", "import", str(path)]
        if door is not None:
            args += ["--door", door.email]
        return runner.invoke(args=args)

    return run


@pytest.fixture
def plan_ingelezen(importeer):
    result = importeer(PLAN)
    assert result.exit_code == 0, result.output
    return result
