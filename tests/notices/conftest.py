from tests.reviews.conftest import fast_test_settings, lampang_groups, round_, submission  # noqa: F401
