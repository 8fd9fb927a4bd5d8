"""Characters a request's text may not carry: C0/C1 controls and lone surrogates.

JSON lets a client write ``"\\ud800"``: Python decodes it to a lone surrogate, which no UTF-8
encoder (the store, the JSON response) accepts. Readers of text bodies reject both with a 400
that says which character and where, instead of failing later with a 500.
"""

from __future__ import annotations


def is_surrogate(ch: str) -> bool:
    """A UTF-16 surrogate code point: never a character on its own."""
    return 0xD800 <= ord(ch) <= 0xDFFF


def bad_character(text: str) -> int | None:
    """Offset of the first control character (other than tab, newline, carriage return) or lone surrogate."""
    return next((i for i, ch in enumerate(text)
                 if (ord(ch) < 32 and ch not in "\t\n\r") or 0x7F <= ord(ch) < 0xA0 or is_surrogate(ch)), None)


def bad_character_message(text: str, at: int) -> str:
    """The 400 message for :func:`bad_character`'s finding."""
    kind = "a lone surrogate" if is_surrogate(text[at]) else "a control character"
    return f"the text contains {kind} (U+{ord(text[at]):04X}) at offset {at}"


def surrogate_in(value: object) -> str | None:
    """The first string inside a decoded JSON value (keys too) that holds a lone surrogate, or None."""
    if isinstance(value, str):
        return value if any(is_surrogate(ch) for ch in value) else None
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, item in items:
        found = surrogate_in(key) or surrogate_in(item)
        if found is not None:
            return found
    return None
