from __future__ import annotations

import hashlib
import hmac
import os
import pickle
import stat
from pathlib import Path

import pytest

from leaktrace.errors import SecretKeyError
from leaktrace.keys import SecretKey, default_key_path

ZERO_KEY = SecretKey(bytes(32))


def _counting(n: int) -> bytes:
    return bytes(range(n))


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_key_generate_uses_given_randomness() -> None:
    assert SecretKey.generate(_counting) == SecretKey(bytes(range(32)))
    assert SecretKey.generate() != SecretKey.generate()


@pytest.mark.parametrize("material", [b"", bytes(31), bytes(33)])
def test_key_rejects_wrong_length(material: bytes) -> None:
    with pytest.raises(SecretKeyError):
        SecretKey(material)


def test_key_never_shows_in_repr_str_or_pickle() -> None:
    key = SecretKey.generate(_counting)
    material = bytes(range(32)).hex()
    assert repr(key) == str(key) == f"{key}" == "SecretKey(<hidden>)"
    assert material not in repr([key])
    with pytest.raises(TypeError):
        pickle.dumps(key)


def test_key_fingerprint_known_answer() -> None:
    assert ZERO_KEY.fingerprint() == "1bb6116422106bdc"
    expected = hmac.new(bytes(32), b"leaktrace key fingerprint v1", hashlib.sha256).hexdigest()
    assert ZERO_KEY.fingerprint() == expected[:16]
    assert ZERO_KEY.matches("1bb6116422106bdc")
    assert not ZERO_KEY.matches("0000000000000000")


def test_key_derive_known_answer_is_rfc5869_hkdf() -> None:
    label = b"leaktrace code v1"
    derived = ZERO_KEY.derive(label)
    assert derived.hex() == "fadaee7edb7bf76bf50962302ecada3448a8fe7807dcda88ab1aa55c8a868bc0"
    prk = hmac.new(bytes(32), bytes(32), hashlib.sha256).digest()  # salt=None means zeros
    assert derived == hmac.new(prk, label + b"\x01", hashlib.sha256).digest()


def test_key_derive_separates_labels_and_refuses_empty() -> None:
    assert ZERO_KEY.derive(b"a") != ZERO_KEY.derive(b"b")
    assert len(ZERO_KEY.derive(b"a", 16)) == 16
    with pytest.raises(ValueError, match="non-empty label"):
        ZERO_KEY.derive(b"")


def test_key_save_writes_0600_in_0700_folder(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "keys" / "ws.key"
    SecretKey.generate(_counting).save(path)
    assert _mode(path) == 0o600
    assert _mode(path.parent) == 0o700
    assert os.listdir(path.parent) == ["ws.key"]
    assert SecretKey.load(path) == SecretKey(bytes(range(32)))


def test_key_save_refuses_to_overwrite(tmp_path: Path) -> None:
    path = tmp_path / "ws.key"
    ZERO_KEY.save(path)
    before = path.read_bytes()
    with pytest.raises(SecretKeyError, match="never overwrites"):
        SecretKey.generate().save(path)
    assert path.read_bytes() == before
    assert os.listdir(tmp_path) == ["ws.key"]


@pytest.mark.parametrize("mode", [0o644, 0o640, 0o604, 0o660])
def test_key_load_refuses_file_others_can_read(tmp_path: Path, mode: int) -> None:
    path = tmp_path / "ws.key"
    ZERO_KEY.save(path)
    path.chmod(mode)
    with pytest.raises(SecretKeyError, match=f"chmod 600 {path}"):
        SecretKey.load(path)


def test_key_load_failures_share_one_message(tmp_path: Path) -> None:
    path = tmp_path / "ws.key"
    messages = []
    for content in (None, b"", b"leaktrace-secret-key-v1\nabcd\n", b"\xff\xfe" * 40):
        path.unlink(missing_ok=True)
        if content is not None:
            path.write_bytes(content)
            path.chmod(0o600)
        with pytest.raises(SecretKeyError) as caught:
            SecretKey.load(path)
        assert caught.value.__cause__ is None
        assert caught.value.__suppress_context__
        messages.append(str(caught.value))
    assert len(set(messages)) == 1
    assert "LEAKTRACE_KEY_FILE" in messages[0]


def test_key_default_path_is_in_user_config_not_workspace(tmp_path: Path) -> None:
    path = default_key_path("1b4e28ba")
    assert path == tmp_path / "xdg-config" / "leaktrace" / "keys" / "1b4e28ba.key"
