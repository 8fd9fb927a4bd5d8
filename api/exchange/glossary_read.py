"""CSV/TSV/XLSX glossary import: rows → :class:`Term` values, every problem reported with its row.

Columns are matched by header (tifa's own, common CAT-tool names such as ``ko``,
``Chinese (PRC)``, ``中文``, or an explicit ``--map header=field``); an unknown
header is an error, so a misnamed column is never silently dropped.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from pypinyin import lazy_pinyin

from api.exchange.glossary import COLUMNS, SEP
from api.exchange.problems import Problem, ReadResult
from api.model import Group, Label, Term
from api.vocab import HANS, HANT, KINDS, PINYIN, RENDERINGS, STATUSES

GLOSSARY_FIELDS = frozenset({"kind", "status", "labels", "definitions", "scope_notes", "sino_korean_reading",
                             "groups", "topics"})
# normalised header -> field; tifa's own headers are added below
ALIASES = {
    "ko": "korean", "korean": "korean", "한국어": "korean", "koreanterm": "korean",
    "zh": "chinese", "zhhans": "chinese", "zhcn": "chinese", "chinese": "chinese", "chineseprc": "chinese",
    "chinesesimplified": "chinese", "中文": "chinese", "简体": "chinese",
    "zhhant": "traditional", "zhtw": "traditional", "chinesetaiwan": "traditional", "繁体": "traditional",
    "en": "english", "english": "english", "id": "id", "slug": "id", "entryid": "id",
    "definitionko": "korean_def", "kodef": "korean_def", "zhdef": "chinese_def", "definitionzh": "chinese_def",
    "pinyin": "pinyin", "拼音": "pinyin", "subject": "topics", "topic": "topics", "status": "status",
}
REQUIRED = ("korean", "chinese")
_VARIANT = re.compile(r"^(.*?)\s*(?:\[([a-z-]+)\])?$")
_GROUP = re.compile(r"^(\d+):\s*(\d+)\s*(\S*)\s*=\s*(.*)$")


def norm_header(text: str) -> str:
    """Header text without case, spaces, underscores, hyphens or brackets ('Chinese (PRC)' -> 'chineseprc')."""
    return re.sub(r"[\s_\-()（）\ufeff]", "", text).lower()


for _field, _header in COLUMNS.items():
    ALIASES[norm_header(_header)] = _field


def parse_map(spec: str | None) -> dict[str, str]:
    """``--map 'Term KO=korean,ZH=chinese'`` -> {normalised header: field}; raise ValueError on a bad pair."""
    out: dict[str, str] = {}
    for pair in (p for p in (spec or "").split(",") if p.strip()):
        header, sep, fld = pair.partition("=")
        if not sep or fld.strip() not in COLUMNS:
            raise ValueError(f"bad --map entry {pair!r} (expected HEADER=FIELD, FIELD one of {', '.join(COLUMNS)})")
        out[norm_header(header)] = fld.strip()
    return out


def map_header(header: list[str], mapping: dict[str, str]) -> tuple[list[str | None], list[Problem]]:
    """Fields for each column, and problems (row 1) for unknown, repeated or missing columns."""
    fields: list[str | None] = []
    problems = []
    for col, text in enumerate(header, 1):
        key = norm_header(text)
        fld = mapping.get(key) or ALIASES.get(key)
        if not text.strip():
            fld = None
        elif fld is None:
            problems.append(Problem(f"row 1, column {col}", f"unknown column {text!r} (use --map '{text}=FIELD')"))
        elif fld in fields:
            problems.append(Problem(f"row 1, column {col}", f"column {text!r} repeats field {fld!r}"))
        fields.append(fld)
    for fld in REQUIRED:
        if fld not in fields:
            problems.append(Problem("row 1", f"no {COLUMNS[fld]!r} column (required)"))
    return fields, problems


def _cell(value: object) -> str:
    text = "" if value is None else str(value).strip()
    return text[1:] if text[:1] == "'" and text[1:2] in ("=", "+", "-", "@") else text


def default_slug(chinese: str) -> str:
    """A slug from the pinyin of a Chinese form (三区三线 -> san-qu-san-xian)."""
    return re.sub(r"[^a-z0-9-]+", "", "-".join(lazy_pinyin(chinese)).lower()).strip("-") or "term"


def _variants(cell: str, lang: str, where: str, problems: list[Problem]) -> list[Label]:
    out = []
    for part in (p.strip() for p in cell.split(SEP.strip()) if p.strip()):
        form, rendering = _VARIANT.match(part).groups()  # type: ignore[union-attr]
        if rendering and rendering not in RENDERINGS:
            problems.append(Problem(where, f"unknown rendering type {rendering!r} in {part!r}"))
            rendering = None
        out.append(Label(form=form, lang=lang, rendering=rendering))
    return out


def _groups(cell: str, where: str, problems: list[Problem]) -> list[Group]:
    groups = []
    for part in (p.strip() for p in cell.split(";") if p.strip()):
        m = _GROUP.match(part)
        if not m:
            problems.append(Problem(where, f"components {part!r} are not 'N: numeral unit = slug, slug, …'"))
            continue
        comps = [c.strip() for c in m.group(4).split(",") if c.strip()]
        groups.append(Group(int(m.group(1)), int(m.group(2)), m.group(3), comps))
    return groups


def row_term(row: dict[str, str], where: str, problems: list[Problem]) -> Term | None:
    """One row (field -> cell) as a draft term; None when it lacks the Korean or the Chinese form."""
    missing = [COLUMNS[f] for f in REQUIRED if not row.get(f)]
    if missing:
        problems.append(Problem(where, f"empty {', '.join(missing)}"))
        return None
    # an empty status or kind stays empty: an update then keeps the stored value (a new term gets the default)
    term = Term(slug=row.get("id") or default_slug(row["chinese"]), status=row.get("status", ""),
                kind=row.get("kind", ""))
    if term.status and term.status not in STATUSES:
        problems.append(Problem(where, f"unknown status {term.status!r}"))
    if term.kind and term.kind not in KINDS:
        problems.append(Problem(where, f"unknown kind {term.kind!r}"))
    rendering = row.get("korean_rendering") or None
    if rendering and rendering not in RENDERINGS:
        problems.append(Problem(where, f"unknown rendering type {rendering!r}"))
        rendering = None
    term.labels = [Label(row["korean"], "ko", True, rendering=rendering), Label(row["chinese"], HANS, True)]
    term.labels += _variants(row.get("korean_variants", ""), "ko", where, problems)
    term.labels += _variants(row.get("chinese_variants", ""), HANS, where, problems)
    for fld, lang in (("pinyin", PINYIN), ("traditional", HANT), ("english", "en")):
        if row.get(fld):
            term.labels.append(Label(row[fld], lang, True))
    term.labels.sort(key=lambda lb: (not lb.preferred, lb.lang, lb.form))
    term.definitions = {lang: row[f] for f, lang in (("korean_def", "ko"), ("chinese_def", HANS),
                                                      ("english_def", "en")) if row.get(f)}
    term.scope_notes = {lang: row[f] for f, lang in (("korean_note", "ko"), ("chinese_note", HANS)) if row.get(f)}
    term.sino_korean_reading = row.get("reading") or None
    term.topics = sorted(t.strip() for t in row.get("topics", "").split(",") if t.strip())
    term.groups = _groups(row.get("components", ""), where, problems)
    return term


def read_rows(rows: list[list[object]], mapping: dict[str, str]) -> ReadResult:
    """Header row + data rows (from CSV, TSV or XLSX) into terms; row numbers count the header as row 1."""
    result = ReadResult(fields=GLOSSARY_FIELDS)
    if not rows:
        result.problems.append(Problem("file", "no header row"))
        return result
    fields, result.problems = map_header([_cell(c) for c in rows[0]], mapping)
    for n, raw in enumerate(rows[1:], 2):
        cells = [_cell(c) for c in raw]
        if not any(cells):
            continue
        if len(cells) > len(fields):
            result.problems.append(Problem(f"row {n}", f"{len(cells)} cells for {len(fields)} columns"))
            continue
        row = {f: c for f, c in zip(fields, cells, strict=False) if f}
        term = row_term(row, f"row {n}", result.problems)
        if term is not None:
            result.terms.append(term)
    return result


def read_delimited(data: bytes, mapping: dict[str, str], delimiter: str | None = None) -> ReadResult:
    """A CSV or TSV file (UTF-8, BOM optional); the delimiter is a tab when the header line has one."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return ReadResult(fields=GLOSSARY_FIELDS, problems=[Problem("file", f"not UTF-8: {exc}")])
    first = text.split("\n", 1)[0]
    delim = delimiter or ("\t" if "\t" in first else ",")
    return read_rows([list(r) for r in csv.reader(io.StringIO(text, newline=""), delimiter=delim)], mapping)


def read_xlsx(path: Path, mapping: dict[str, str]) -> ReadResult:
    """The first sheet of an XLSX workbook; merged cells are reported (they hide which row a value belongs to)."""
    from openpyxl import load_workbook  # openpyxl parses the workbook XML through defusedxml when installed

    try:
        wb = load_workbook(path, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a broken file; all mean "not a workbook"
        return ReadResult(fields=GLOSSARY_FIELDS, problems=[Problem("file", f"not a readable XLSX workbook: {exc}")])
    ws = wb.worksheets[0]
    merged = [Problem(f"rows {r.min_row}-{r.max_row}", f"merged cells {r.coord}: unmerge them, one value per cell")
              for r in sorted(ws.merged_cells.ranges, key=lambda r: (r.min_row, r.min_col))]
    result = read_rows([list(r) for r in ws.iter_rows(values_only=True)], mapping)
    result.problems = merged + result.problems
    return result
