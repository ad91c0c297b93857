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

Two schemes. Batches issued before the collusion-secure code use the *uniform* code above
(scheme ``uniform/1``). New batches use a q-ary *Tardos-style* code (scheme ``tardos/1``): per
point a secret bias vector ``p = (p_0 .. p_{q-1})`` is drawn from a distribution fixed here (a
symmetric Dirichlet(``TARDOS_KAPPA``) law mixed with the uniform one, see :func:`bias_thresholds`),
derived from the key alone with integer arithmetic, and recipient ``r``'s option is the inverse
CDF of ``p`` at its 32-bit word (derived as above under a separate per-point key). The exact
chance that an innocent recipient shows option ``o`` is ``(T_{o+1} - T_o) / 2**32`` for the
integer thresholds ``T``: :func:`option_probabilities`. The scheme of a batch is recorded as an
entry ``@code:<scheme>`` in its list of active points (:func:`with_scheme`, :func:`scheme_of`);
a list without one is a uniform batch.

Batches issued since the faster scorer use ``tardos/2``: the same bias law, with each
recipient's 32-bit word taken from a *packed* keystream (:func:`packed_words`): recipient ``r``
reads lane ``r mod 4`` of the block at counter ``floor(r / 4)``, so one AES block serves four
recipients and a million recipients cost 4 MB of keystream per point instead of 16 MB. Each word
is still a distinct 32-bit part of a pseudo-random permutation's output, unpredictable without
the key. Older ``tardos/1`` batches keep their derivation and trace as before.

Example:
    >>> key = bytes(32)
    >>> choose_options(key, "cable", 1, "synonym:120", 3, np.array([1, 2, 3, 4])).tolist()
    [1, 0, 1, 0]
    >>> options(Scheme.TARDOS, key, "cable", 1, "synonym:120", 3, np.arange(1, 9)).tolist()
    [0, 0, 2, 0, 0, 0, 1, 0]
    >>> options(Scheme.TARDOS_PACKED, key, "cable", 1, "synonym:120", 3, np.arange(9, 19)).tolist()
    [2, 0, 0, 0, 0, 1, 0, 0, 0, 2]
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import math
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from enum import StrEnum

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
        words = _keystream_words(cipher_key, low, span)[::4]
        return words[numbers - low].astype(np.uint64)
    return _block_words(cipher_key, numbers)[:, 0].astype(np.uint64)


def _keystream_words(cipher_key: bytes, first_block: int, blocks: int) -> npt.NDArray[np.uint32]:
    """The AES-CTR keystream of ``blocks`` blocks from counter ``first_block``, as 32-bit words
    (four per block, little-endian): block ``b``'s words are ``AES_k(b)`` in order."""
    counter = first_block.to_bytes(16, "big")
    encryptor = Cipher(algorithms.AES(cipher_key), modes.CTR(counter)).encryptor()
    stream = bytearray(16 * blocks + 15)
    encryptor.update_into(_zeros(16 * blocks), stream)
    return np.frombuffer(stream, dtype="<u4", count=4 * blocks)


def _block_words(cipher_key: bytes, block_numbers: npt.NDArray[np.int64]) -> npt.NDArray[np.uint32]:
    """``AES_k(b)`` for each block number ``b`` (a 128-bit big-endian block), one row of four
    32-bit words each: the same words as :func:`_keystream_words`, for a sparse set."""
    blocks = np.zeros((block_numbers.size, 2), dtype=">u8")
    blocks[:, 1] = block_numbers
    encryptor = Cipher(algorithms.AES(cipher_key), modes.ECB()).encryptor()
    encrypted = encryptor.update(blocks.tobytes()) + encryptor.finalize()
    return np.frombuffer(encrypted, dtype="<u4").reshape(-1, 4)


@dataclass(frozen=True)
class Recipients:
    """Recipient numbers prepared once for deriving many points' options.

    Scoring derives one option per (point, recipient) for thousands of points over the same
    recipients; knowing once that the numbers are a whole run ``low .. high`` in order lets every
    point use its keystream as it comes, with no gather.

    Example:
        >>> Recipients.of(np.arange(5, 9)).full_range
        True
        >>> Recipients.of(np.array([5, 7])).full_range
        False
    """

    numbers: npt.NDArray[np.int64]
    low: int
    high: int
    full_range: bool

    @classmethod
    def of(cls, numbers: npt.NDArray[np.int64] | Recipients) -> Recipients:
        """Prepare ``numbers`` (any order, non-negative); a prepared set is returned as it is."""
        if isinstance(numbers, Recipients):
            return numbers
        values = np.asarray(numbers, dtype=np.int64)
        if values.size == 0:
            return cls(values, 0, -1, True)
        low, high = int(values.min()), int(values.max())
        if low < 0:
            raise ValueError("recipient numbers must not be negative")
        full = values.size == high - low + 1 and bool(np.all(np.diff(values) == 1))
        return cls(values, low, high, full)


def packed_words(
    cipher_key: bytes, recipients: npt.NDArray[np.int64] | Recipients
) -> npt.NDArray[np.uint32]:
    """One pseudo-random 32-bit word per recipient number, four recipients per AES block.

    The word of recipient ``r`` is lane ``r mod 4`` (32-bit little-endian words, in order) of
    ``AES_k(floor(r / 4))``, the block number as a 128-bit big-endian block: the CTR keystream
    read as consecutive 32-bit words, word ``r``. A dense range is one CTR keystream; a sparse
    set is encrypted block by block.
    """
    prepared = Recipients.of(recipients)
    numbers = prepared.numbers
    if numbers.size == 0:
        return np.zeros(0, dtype=np.uint32)
    low, high = prepared.low, prepared.high
    span = high - low + 1
    if prepared.full_range or span <= 4 * numbers.size + 4096:
        first = low // 4
        offset = low - 4 * first
        words = _keystream_words(cipher_key, first, high // 4 - first + 1)[offset : offset + span]
        return words if prepared.full_range else words[numbers - low]
    lanes = _block_words(cipher_key, numbers // 4)
    return lanes[np.arange(numbers.size), numbers % 4]


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


# -- schemes ----------------------------------------------------------------------------------


class Scheme(StrEnum):
    """How a batch's options were derived. Recorded per batch; never changes for a batch."""

    UNIFORM = "uniform/1"
    TARDOS = "tardos/1"
    TARDOS_PACKED = "tardos/2"

    @property
    def collusion_secure(self) -> bool:
        """Whether options follow secret per-point biases (scored with the Tardos statistic)."""
        return self is not Scheme.UNIFORM


NEW_BATCH_SCHEME = Scheme.TARDOS_PACKED
"""The scheme every new batch is issued with."""

SCHEME_MARK = "@code:"
"""Prefix of the entry that records a batch's scheme in its active-points list (point keys are
``kind:offset`` and never start with ``@``)."""


def with_scheme(active: Iterable[str], scheme: Scheme) -> list[str]:
    """A batch's active-points list with its scheme recorded (sorted keys, then the mark).

    A uniform batch gets no mark, so lists written before schemes existed read as uniform.
    """
    entries = list(active)
    keys = sorted(point_keys(entries))
    records = sorted(a for a in entries if a.startswith("@") and not a.startswith(SCHEME_MARK))
    mark = [] if scheme is Scheme.UNIFORM else [SCHEME_MARK + scheme.value]
    return [*keys, *records, *mark]


def scheme_of(active: Collection[str]) -> Scheme:
    """The scheme recorded in an active-points list (``uniform/1`` when none is recorded).

    Raises:
        ValueError: the list records an unknown or several schemes (a newer leaktrace wrote it).
    """
    marks = {a[len(SCHEME_MARK) :] for a in active if a.startswith(SCHEME_MARK)}
    if not marks:
        return Scheme.UNIFORM
    if len(marks) > 1 or not marks <= {s.value for s in Scheme}:
        raise ValueError(
            f"unknown code scheme {sorted(marks)} in a batch's active points; this batch was "
            "issued by a newer leaktrace: upgrade to trace it"
        )
    return Scheme(marks.pop())


def point_keys(active: Iterable[str]) -> frozenset[str]:
    """The point keys of an active-points list, without the entries that record how the batch
    was made (``@code:...``, ``@layout:...``; point keys never start with ``@``)."""
    return frozenset(a for a in active if not a.startswith("@"))


# -- the Tardos-style biased code ---------------------------------------------------------------

TARDOS_KAPPA = 1
"""Dirichlet parameter of the bias law (an integer, so that the law is exact in integers)."""
TARDOS_MIX = (1, 8)
"""Share of the uniform law mixed into every bias vector (numerator, denominator): it keeps every
option's probability at least ``1/(8q)`` (the Tardos cut-off). With ``kappa = 1`` (biases uniform
on the simplex) this trades single-leaker power (about 1.2x the uniform code's points) against
collusion power (three colluders taking the minority choice are caught; the uniform code never
catches them); docs/design.md, "Collusion", gives the simulation that chose them."""


def _labelled_key(code_key: bytes, label: bytes, document: str, version: int, point: str) -> bytes:
    message = _SEPARATOR.join(
        [label, document.encode("utf-8"), str(version).encode(), point.encode("utf-8")]
    )
    return hmac.new(code_key, message, hashlib.sha256).digest()[:16]


@functools.lru_cache(maxsize=65_536)
def bias_thresholds(
    code_key: bytes, document: str, version: int, point_key: str, option_count: int
) -> tuple[int, ...]:
    """The integer CDF ``0 = T_0 <= T_1 <= ... <= T_q = 2**32`` of one point's secret bias.

    ``kappa * q - 1`` pseudo-random 32-bit words (AES under a per-point bias key) are sorted;
    their spacings are uniform on the simplex, and summing ``kappa`` consecutive spacings gives a
    symmetric Dirichlet(``kappa``) vector ``D`` (order statistics of uniforms). The thresholds
    mix it with the uniform law: ``T_o = ((B - A) * D_o + A * floor(o * 2**32 / q)) // B`` for
    ``TARDOS_MIX = (A, B)``. Integers only, so every platform derives the same code.
    """
    q = option_count
    if not 2 <= q <= 255:
        raise ValueError(f"a point needs 2 to 255 options, not {q}")
    kappa = TARDOS_KAPPA
    key = _labelled_key(code_key, b"bias", document, version, point_key)
    draws = np.sort(uniform_words(key, np.arange(kappa * q - 1, dtype=np.int64)))
    mixed, whole = TARDOS_MIX
    thresholds = [0]
    for o in range(1, q):
        dirichlet = int(draws[o * kappa - 1])
        thresholds.append(((whole - mixed) * dirichlet + mixed * (o * _UNIT // q)) // whole)
    thresholds.append(_UNIT)
    return tuple(thresholds)


def option_probabilities(
    scheme: Scheme, code_key: bytes, document: str, version: int, point_key: str, option_count: int
) -> tuple[float, ...]:
    """Chance that an innocent recipient's copy shows each option (upper bounds for uniform)."""
    if scheme is Scheme.UNIFORM:
        return (match_probability(option_count),) * option_count
    t = bias_thresholds(code_key, document, version, point_key, option_count)
    return tuple((t[o + 1] - t[o]) / _UNIT for o in range(option_count))


def options(
    scheme: Scheme,
    code_key: bytes,
    document: str,
    version: int,
    point_key: str,
    option_count: int,
    recipients: npt.NDArray[np.int64] | Recipients,
) -> npt.NDArray[np.uint8]:
    """Each recipient's option at one point under ``scheme``."""
    if scheme is Scheme.UNIFORM:
        numbers = _numbers(recipients)
        return choose_options(code_key, document, version, point_key, option_count, numbers)
    thresholds = bias_thresholds(code_key, document, version, point_key, option_count)
    words = _tardos_words(scheme, code_key, document, version, point_key, recipients)
    inner = np.array(thresholds[1:-1], dtype=np.uint64)
    return np.searchsorted(inner, words, side="right").astype(np.uint8)


def matches(
    scheme: Scheme,
    code_key: bytes,
    document: str,
    version: int,
    point_key: str,
    option_count: int,
    observed: Collection[int],
    recipients: npt.NDArray[np.int64] | Recipients,
) -> npt.NDArray[np.bool_]:
    """Whether each recipient's option at one point is one of ``observed`` (fast path of
    ``np.isin(options(...), observed)``: the Tardos options ``lo .. hi`` are the word range
    ``[T_lo, T_{hi+1})``, tested with one unsigned subtraction and comparison)."""
    if scheme is Scheme.UNIFORM:
        numbers = _numbers(recipients)
        chosen = choose_options(code_key, document, version, point_key, option_count, numbers)
        return np.isin(chosen, list(observed))
    thresholds = bias_thresholds(code_key, document, version, point_key, option_count)
    words = _tardos_words(scheme, code_key, document, version, point_key, recipients)
    hit: npt.NDArray[np.bool_] | None = None
    for low, high in _word_ranges(thresholds, observed):
        part = _in_range(words, low, high)
        hit = part if hit is None else np.logical_or(hit, part, out=hit)
    return np.zeros(words.size, dtype=bool) if hit is None else hit


def _tardos_words(
    scheme: Scheme,
    code_key: bytes,
    document: str,
    version: int,
    point_key: str,
    recipients: npt.NDArray[np.int64] | Recipients,
) -> npt.NDArray[np.uint32] | npt.NDArray[np.uint64]:
    if scheme is Scheme.TARDOS_PACKED:
        key = _labelled_key(code_key, b"tardos/2", document, version, point_key)
        return packed_words(key, recipients)
    key = _labelled_key(code_key, b"tardos", document, version, point_key)
    return uniform_words(key, _numbers(recipients))


def _numbers(recipients: npt.NDArray[np.int64] | Recipients) -> npt.NDArray[np.int64]:
    """The numbers themselves, for derivations that do not use a prepared set's run."""
    return recipients.numbers if isinstance(recipients, Recipients) else recipients


def _word_ranges(thresholds: tuple[int, ...], observed: Collection[int]) -> list[tuple[int, int]]:
    """The word ranges ``[low, high)`` of a set of options, adjacent options merged."""
    ranges: list[tuple[int, int]] = []
    for option in sorted(set(observed)):
        low, high = thresholds[option], thresholds[option + 1]
        if ranges and ranges[-1][1] == low:
            ranges[-1] = (ranges[-1][0], high)
        elif high > low:
            ranges.append((low, high))
    return ranges


def _in_range(
    words: npt.NDArray[np.uint32] | npt.NDArray[np.uint64], low: int, high: int
) -> npt.NDArray[np.bool_]:
    """``low <= words < high`` in one pass where the range touches an end of the word space."""
    if high - low >= _UNIT:
        return np.ones(words.size, dtype=bool)
    dtype = words.dtype.type
    if low == 0:
        return np.less(words, dtype(high))
    if high == _UNIT:
        return np.greater_equal(words, dtype(low))
    shifted = np.subtract(words, dtype(low))  # unsigned: wraps below low to the top
    return np.less(shifted, dtype(high - low))
