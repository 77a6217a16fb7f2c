"""Key material held in a mutable buffer that is wiped on lock.

Python cannot promise that no copy of a secret survives (the SQLCipher ``PRAGMA key``
statement is itself a string), but keeping the master copy in a ``bytearray`` and
zeroing it on lock keeps the key's lifetime in memory as short as we control.
"""

from __future__ import annotations


class SecretKey:
    """A 32-byte key in a ``bytearray``; ``wipe()`` zeroes it."""

    __slots__ = ("_buf",)

    def __init__(self, data: bytes | bytearray) -> None:
        self._buf = bytearray(data)

    def __len__(self) -> int:
        return len(self._buf)

    def __repr__(self) -> str:
        return "SecretKey(<hidden>)" if self._buf else "SecretKey(<wiped>)"

    @property
    def wiped(self) -> bool:
        return not any(self._buf)

    def hex(self) -> str:
        if self.wiped:
            raise ValueError("key has been wiped")
        return self._buf.hex()

    def raw(self) -> bytearray:
        """The live buffer (not a copy): callers must not keep it."""
        return self._buf

    def replace_with(self, other: SecretKey) -> None:
        """Take ``other``'s bytes into this same buffer (a key rotation: whoever holds
        this object, such as the engine's connection factory, uses the new key from now).
        """
        if len(other) != len(self._buf):
            raise ValueError("key length differs")
        self._buf[:] = other.raw()

    def wipe(self) -> None:
        for i in range(len(self._buf)):
            self._buf[i] = 0
