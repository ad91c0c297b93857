from __future__ import annotations

from pathlib import Path

import pytest

from leaktrace.errors import InputError
from leaktrace.settings import SETTINGS, Settings, mask_url


def test_settings_defaults_when_environment_is_empty() -> None:
    settings = Settings.from_env({})
    assert settings == Settings()
    assert settings.home == Path(".leaktrace")
    assert settings.key_file is None
    assert settings.database_url is None
    assert settings.level == 1e-6
    assert settings.max_input_bytes == 50_000_000


def test_settings_read_every_declared_variable() -> None:
    environ = {
        "LEAKTRACE_HOME": "/srv/lt",
        "LEAKTRACE_KEY_FILE": "/secure/lt.key",
        "LEAKTRACE_DATABASE_URL": "sqlite:////srv/lt/other.db",
        "LEAKTRACE_LEVEL": "1e-9",
        "LEAKTRACE_MAX_INPUT_BYTES": "1_000",
        "UNRELATED": "x",
    }
    settings = Settings.from_env(environ)
    assert settings == Settings(
        home=Path("/srv/lt"),
        key_file=Path("/secure/lt.key"),
        database_url="sqlite:////srv/lt/other.db",
        level=1e-9,
        max_input_bytes=1000,
    )


def test_settings_blank_value_means_default() -> None:
    assert Settings.from_env({"LEAKTRACE_LEVEL": "  "}).level == 1e-6


@pytest.mark.parametrize(
    ("variable", "value", "expected"),
    [
        ("LEAKTRACE_LEVEL", "often", "LEAKTRACE_LEVEL='often' is not a valid float"),
        ("LEAKTRACE_LEVEL", "2", "between 0 and 1"),
        ("LEAKTRACE_MAX_INPUT_BYTES", "5MB", "is not a valid int"),
        ("LEAKTRACE_MAX_INPUT_BYTES", "0", "positive number of bytes"),
    ],
)
def test_settings_bad_value_names_variable(variable: str, value: str, expected: str) -> None:
    with pytest.raises(InputError, match=expected):
        Settings.from_env({variable: value})


def test_settings_repr_masks_database_password() -> None:
    settings = Settings.from_env({"LEAKTRACE_DATABASE_URL": "postgresql://ann:hunter2@db/lt"})
    assert "hunter2" not in repr(settings)
    assert "postgresql://ann:***@db/lt" in repr(settings)
    assert settings.database_url == "postgresql://ann:hunter2@db/lt"


def test_settings_mask_url_leaves_urls_without_password() -> None:
    assert mask_url("sqlite:////tmp/x.db") == "sqlite:////tmp/x.db"
    assert mask_url("postgresql://ann@db/lt") == "postgresql://ann@db/lt"


def test_settings_every_field_is_declared_with_help() -> None:
    declared = [s.name for s in SETTINGS]
    assert declared == list(Settings.__dataclass_fields__)
    for setting in SETTINGS:
        assert setting.env_var == "LEAKTRACE_" + setting.name.upper()
        assert setting.help.endswith(".")
