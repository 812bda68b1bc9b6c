"""The hostile files, built once per test run (the zip bomb's 700 MB stream takes about a second)."""

import pytest

from tests.reviews.conftest import lampang_groups, round_, submission  # noqa: F401 (fixtures)
from tests.uploads import bombs


@pytest.fixture(scope="session")
def bomb_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("bombs")


@pytest.fixture(scope="session")
def bomb(bomb_dir):
    """bomb("zip_bomb") → the path of that hostile file (built on first use)."""
    built = {}
    extensions = {"ods_bomb": "ods", "csv_bomb": "csv", "pixel_bomb": "png", "xls_far_cell": "xls",
                  "xls_dimensions": "xls"}

    def get(name):
        if name not in built:
            path = bomb_dir / f"{name}.{extensions.get(name, 'xlsx')}"
            built[name] = getattr(bombs, name)(path)
        return built[name]

    return get
