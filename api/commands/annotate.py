"""``tifa annotate FILE|-``: the text with every known term marked, and a table of the terms found."""

from __future__ import annotations

import argparse
import json
import sys


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the ``annotate`` subcommand."""
    p = sub.add_parser("annotate", help="mark every known term in a Korean or Chinese text")
    p.add_argument("file", help="a UTF-8 text file, or - for standard input")
    p.add_argument("--json", action="store_true", help="print the JSON of POST /api/annotate")
    p.set_defaults(func=run)


def marked(text: str, spans: list[tuple[int, int, str]]) -> str:
    """``text`` with each ``(start, end, id)`` span written as ``⟦span⟧{id}``."""
    out, at = [], 0
    for start, end, slug in spans:
        out.append(text[at:start] + f"⟦{text[start:end]}⟧{{{slug}}}")
        at = end
    return "".join(out) + text[at:]


def run(args: argparse.Namespace) -> int:
    """Annotate the file; exit 2 when it cannot be read as UTF-8."""
    from api.annotate import annotate
    from api.cli import EXIT_INPUT
    from api.commands.lookup import opened_index
    from api.lookup.results import annotation_json

    try:
        raw = sys.stdin.buffer.read() if args.file == "-" else open(args.file, "rb").read()  # noqa: SIM115
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        print(f"tifa annotate: {args.file} is not UTF-8 (byte {exc.start})", file=sys.stderr)
        return EXIT_INPUT
    with opened_index(args) as (store, index):
        found = annotate(index, text)
        body = annotation_json(text, found, index, store.base)
    if args.json:
        print(json.dumps(body, ensure_ascii=False, indent=1))
        return 0
    print(marked(text, [(o.start, o.end, o.slug) for o in found]))
    print(f"\n{len(body['terms'])} term(s), {len(found)} occurrence(s)")  # type: ignore[arg-type]
    for row in body["terms"]:  # type: ignore[union-attr]
        print(f"{row['count']:>4}  {row['id']}  {row['ko'] or '-'} | {row['zh_hans'] or '-'} | {row['pinyin'] or '-'}")
    return 0
