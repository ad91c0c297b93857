"""Keyed derivation of every recipient's option at every variation point.

.. warning::
   Sharp tools. These functions turn the workspace's secret key into per-copy choices. Use the
   recipes in :mod:`leaktrace.mark` and :mod:`leaktrace.trace`, which pick sound parameters;
   calling these directly with the wrong labels silently produces copies that trace to nobody.

Construction. A code key ``K`` is derived from the master key (HKDF, label ``leaktrace code
v1``). For each point, ``HMAC-SHA256(K, document | version | point key)`` gives a 128-bit AES
key; recipient number ``r`` is encrypted as one AES block (the number as a 128-bit
big-endian block) and the first 32 bits ``u`` of the ciphertext choose the option
``floor(u * q / 2**32)``. So each option is re-derivable from the key alone, needs no storage
per copy, and costs one AES block per (point, recipient): a million recipients take a few
milliseconds per point, vectorised.

Without the key, AES acting as a pseudo-random permutation makes each recipient's options look
independent and uniform, whoever else's copies one holds. The mapping from 32 bits to ``q``
options is not exactly uniform; :func:`match_probability` returns the exact worst-case chance
that an innocent recipient shows a given option, which the accusation rule uses, so the bound
stays rigorous.

Example:
    >>> key = bytes(32)
    >>> choose_options(key, "cable", 1, "synonym:120", 3, np.array([1, 2, 3, 4])).tolist()
    [1, 0, 1, 0]
"""

from __future__ import annotations

import hashlib
import hmac
import math

import numpy as np
import numpy.typing as npt
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

CODE_KEY_LABEL = b"leaktrace code v1"
_SEPARATOR = b"\x1f"
_UNIT = 2**32


def point_cipher_key(code_key: bytes, document: str, version: int, point_key: str) -> bytes:
    """The AES-128 key of one point of one document version."""
    message = _SEPARATOR.join(
        [b"point", document.encode("utf-8"), str(version).encode(), point_key.encode("utf-8")]
    )
    return hmac.new(code_key, message, hashlib.sha256).digest()[:16]


def uniform_words(cipher_key: bytes, recipients: npt.NDArray[np.int64]) -> npt.NDArray[np.uint64]:
    """One pseudo-random 32-bit word per recipient number (as uint64 for safe arithmetic).

    The word of recipient ``r`` is the first 32 bits (little-endian) of ``AES_k(r)``, ``r`` as a
    128-bit big-endian block: exactly the CTR keystream block at counter ``r``. A dense range of
    numbers is computed as one CTR keystream (a few ms per million), a sparse set block by block.
    """
    numbers = np.asarray(recipients, dtype=np.int64)
    if numbers.size == 0:
        return np.zeros(0, dtype=np.uint64)
    low, high = int(numbers.min()), int(numbers.max())
    if low < 0:
        raise ValueError("recipient numbers must not be negative")
    span = high - low + 1
    if span <= 4 * numbers.size + 1024:
        counter = low.to_bytes(16, "big")
        encryptor = Cipher(algorithms.AES(cipher_key), modes.CTR(counter)).encryptor()
        stream = bytearray(16 * span + 15)
        encryptor.update_into(_zeros(16 * span), stream)
        words = np.frombuffer(stream, dtype="<u4", count=4 * span)[::4]
        return words[numbers - low].astype(np.uint64)
    blocks = np.zeros((numbers.size, 2), dtype=">u8")
    blocks[:, 1] = numbers
    encryptor = Cipher(algorithms.AES(cipher_key), modes.ECB()).encryptor()
    encrypted = encryptor.update(blocks.tobytes()) + encryptor.finalize()
    return np.frombuffer(encrypted, dtype="<u4")[::4].astype(np.uint64)


_ZERO_BUFFER = memoryview(b"")


def _zeros(size: int) -> memoryview:
    """A read-only run of zero bytes, allocated once and reused (CTR encrypts it in place)."""
    global _ZERO_BUFFER
    if len(_ZERO_BUFFER) < size:
        _ZERO_BUFFER = memoryview(bytes(max(size, 2 * len(_ZERO_BUFFER))))
    return _ZERO_BUFFER[:size]


def choose_options(
    code_key: bytes,
    document: str,
    version: int,
    point_key: str,
    option_count: int,
    recipients: npt.NDArray[np.int64],
) -> npt.NDArray[np.uint8]:
    """Each recipient's option index (``0 .. option_count-1``) at one point."""
    if not 2 <= option_count <= 255:
        raise ValueError(f"a point needs 2 to 255 options, not {option_count}")
    words = uniform_words(point_cipher_key(code_key, document, version, point_key), recipients)
    return ((words * np.uint64(option_count)) >> np.uint64(32)).astype(np.uint8)


def match_probability(option_count: int) -> float:
    """Largest chance that a recipient's derived option equals any one given option.

    Exactly ``ceil(2**32 / q) / 2**32``: a hair above ``1/q`` when ``q`` does not divide 2**32.
    """
    return math.ceil(_UNIT / option_count) / _UNIT
