"""Editor tokens: created by ``tifa token add``, stored only as salted hashes, checked on every write.

The token file is ``<data_dir>/editor_tokens.json``. A token is 32 random bytes
(URL-safe base64, prefixed ``tifa_``); the file keeps, per editor, a random salt and
``sha256(salt || token)``. Tokens carry 256 bits of entropy, so a fast salted hash is
enough (a slow KDF defends guessable passwords, which these are not). Comparison is
constant-time (:func:`hmac.compare_digest`) against every record, so timing tells
nothing about which editor or how many bytes matched.

Reads are public. With no token configured, writes are disabled (503). The server
re-reads the file when it changes, so ``tifa token add``/``revoke`` take effect on a
running server without a restart.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import re
import secrets
import threading
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

from fastapi import Depends, HTTPException, Request

from api.settings import Settings

TOKEN_FILE = "editor_tokens.json"
TOKEN_PREFIX = "tifa_"
NAME_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")


@dataclass(frozen=True)
class TokenRecord:
    """One editor's stored credential: never the token itself."""

    name: str
    salt: str  # hex
    digest: str  # hex sha256(salt || token)
    created: str


def token_path(settings: Settings) -> Path:
    """Where the token hashes of this deployment live."""
    return settings.data_dir / TOKEN_FILE


def _digest(salt: bytes, token: str) -> str:
    return hashlib.sha256(salt + token.encode("utf-8")).hexdigest()


def load_records(path: Path) -> list[TokenRecord]:
    """The records in ``path`` (none when the file does not exist)."""
    if not path.exists():
        return []
    data = json.loads(path.read_text(encoding="utf-8"))
    return [TokenRecord(**r) for r in data.get("tokens", [])]


def _save(path: Path, records: list[TokenRecord]) -> None:
    """Write atomically (temp file + rename) with owner-only permissions."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump({"tokens": [asdict(r) for r in records]}, fh, indent=1)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def add_token(path: Path, name: str) -> str:
    """Create a token for editor ``name`` and return it (the only time it is ever seen).

    Raises:
        ValueError: the name is malformed or already has a token.
    """
    if not NAME_RE.fullmatch(name):
        raise ValueError(f"editor name {name!r}: use 1-64 letters, digits, '.', '_' or '-'")
    records = load_records(path)
    if any(r.name == name for r in records):
        raise ValueError(f"editor {name!r} already has a token (revoke it first)")
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    salt = secrets.token_bytes(16)
    created = datetime.now(UTC).isoformat(timespec="seconds")
    records.append(TokenRecord(name=name, salt=salt.hex(), digest=_digest(salt, token), created=created))
    _save(path, records)
    return token


def revoke_token(path: Path, name: str) -> bool:
    """Remove the token of ``name``; True when there was one."""
    records = load_records(path)
    kept = [r for r in records if r.name != name]
    if len(kept) == len(records):
        return False
    _save(path, kept)
    return True


def match_token(records: list[TokenRecord], token: str) -> str | None:
    """The editor whose token is ``token``, or None; every record is compared in constant time."""
    found: str | None = None
    for r in records:
        if hmac.compare_digest(_digest(bytes.fromhex(r.salt), token), r.digest):
            found = r.name  # no early exit: the time does not depend on which record matched
    return found


class TokenRegistry:
    """The token file of a running server, re-read when its modification time changes."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._stamp: tuple[int, int] | None = None
        self._records: list[TokenRecord] = []
        self._lock = threading.Lock()

    def records(self) -> list[TokenRecord]:
        """The current records (a stat per call; the file is parsed only when it changed)."""
        try:
            st = self.path.stat()
            stamp: tuple[int, int] | None = (st.st_mtime_ns, st.st_size)
        except FileNotFoundError:
            stamp = None
        with self._lock:
            if stamp != self._stamp:
                self._records = load_records(self.path) if stamp else []
                self._stamp = stamp
            return self._records


def _registry(request: Request) -> TokenRegistry:
    reg = getattr(request.app.state, "tokens", None)
    if reg is None:
        reg = request.app.state.tokens = TokenRegistry(token_path(request.app.state.settings))
    return reg


def require_editor(request: Request) -> str:
    """FastAPI dependency: the editor named by the bearer token, or an HTTP error.

    Raises:
        HTTPException: 503 when no token is configured (writes disabled), 401 without a bearer token or
            with one that matches no editor.
    """
    records = _registry(request).records()
    if not records:
        raise HTTPException(503, "writes are disabled: no editor token is configured "
                                 "(create one with `tifa token add NAME`)")
    challenge = {"WWW-Authenticate": 'Bearer realm="tifa"'}
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise HTTPException(401, "an editor token is required: send 'Authorization: Bearer <token>'",
                            headers=challenge)
    name = match_token(records, token.strip())
    if name is None:
        raise HTTPException(401, "the bearer token is not valid (unknown or revoked)",
                            headers={"WWW-Authenticate": 'Bearer realm="tifa", error="invalid_token"'})
    return name


EditorDep = Annotated[str, Depends(require_editor)]
