"""CSV/TSV glossary export: one row per term, a header that memoQ and Trados MultiTerm map in their import wizards.

Columns (header text → what it holds) are listed in :data:`COLUMNS`; alternative
forms go into one cell as ``form [rendering-type] | form [rendering-type]`` and the
ordered components as ``1: 7 有 = slug, slug, …; 2: …``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from api.exchange.filters import ExportFilter
from api.model import Group, Label, Term
from api.vocab import HANS, HANT, PINYIN

# field name -> header text (the header row, in this order)
COLUMNS = {
    "id": "Entry_ID",
    "korean": "Korean",
    "korean_rendering": "Korean_Rendering",
    "korean_variants": "Korean_Variants",
    "korean_def": "Korean_Def",
    "korean_note": "Korean_Note",
    "reading": "Korean_Sino-Korean_Reading",
    "chinese": "Chinese (Simplified)",
    "chinese_variants": "Chinese (Simplified)_Variants",
    "chinese_def": "Chinese (Simplified)_Def",
    "chinese_note": "Chinese (Simplified)_Note",
    "pinyin": "Pinyin",
    "traditional": "Chinese (Traditional)",
    "english": "English",
    "english_def": "English_Def",
    "topics": "Entry_Subject",
    "status": "Entry_Status",
    "kind": "Entry_Kind",
    "components": "Entry_Components",
}
# which language each column belongs to (for the language-pair filter)
COLUMN_LANG = {"korean": "ko", "korean_rendering": "ko", "korean_variants": "ko", "korean_def": "ko",
               "korean_note": "ko", "reading": "ko", "chinese": HANS, "chinese_variants": HANS,
               "chinese_def": HANS, "chinese_note": HANS, "pinyin": HANS, "traditional": HANT,
               "english": "en", "english_def": "en"}
SEP = " | "


def variants_cell(labels: list[Label]) -> str:
    """Non-preferred forms as ``form [rendering] | form``."""
    return SEP.join(lb.form + (f" [{lb.rendering}]" if lb.rendering else "") for lb in labels)


def components_cell(groups: list[Group]) -> str:
    """Numeral groups as ``1: 7 有 = a, b, …; 2: 3 线 = …``."""
    return "; ".join(f"{g.index}: {g.numeral} {g.unit} = {', '.join(g.components)}" for g in groups)


def term_row(term: Term) -> dict[str, str]:
    """The glossary row of one term (field name -> cell)."""
    ko = term.pref_label("ko")
    return {
        "id": term.slug,
        "korean": ko.form if ko else "",
        "korean_rendering": (ko.rendering or "") if ko else "",
        "korean_variants": variants_cell([lb for lb in term.labels if lb.lang == "ko" and not lb.preferred]),
        "korean_def": term.definitions.get("ko", ""),
        "korean_note": term.scope_notes.get("ko", ""),
        "reading": term.sino_korean_reading or "",
        "chinese": term.pref(HANS) or "",
        "chinese_variants": variants_cell([lb for lb in term.labels if lb.lang == HANS and not lb.preferred]),
        "chinese_def": term.definitions.get(HANS, ""),
        "chinese_note": term.scope_notes.get(HANS, ""),
        "pinyin": term.pref(PINYIN) or "",
        "traditional": term.pref(HANT) or "",
        "english": term.pref("en") or "",
        "english_def": term.definitions.get("en", ""),
        "topics": ", ".join(term.topics),
        "status": term.status,
        "kind": term.kind,
        "components": components_cell(term.groups),
    }


def write_glossary(terms: Iterable[Term], delimiter: str = ",", bom: bool = False,
                   flt: ExportFilter | None = None) -> bytes:
    """The glossary as UTF-8 bytes (with a BOM for Excel when ``bom``); CRLF row ends as RFC 4180 says."""
    flt = flt or ExportFilter()
    fields = [f for f in COLUMNS if f not in COLUMN_LANG or flt.keeps_lang(COLUMN_LANG[f])]
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow([COLUMNS[f] for f in fields])
    for term in terms:
        row = term_row(term)
        writer.writerow([_safe_cell(row[f]) for f in fields])
    return (("\ufeff" if bom else "") + buf.getvalue()).encode("utf-8")


def _safe_cell(value: str) -> str:
    """Neutralise spreadsheet formula injection: a cell starting with = + - @ gets a leading apostrophe."""
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value
