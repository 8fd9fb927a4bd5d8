"""Issue #3: ``tifa stats`` counts what the graph holds."""

from __future__ import annotations

import json

from api.cli import main
from api.model import Group, Label, Term
from api.stats import collect, render
from api.vocab import HANS
from tests.graph_data import terms


def test_collect_counts_terms_components_labels_and_provenance() -> None:
    parent = Term(slug="p", labels=[Label("3구 3선", "ko", True), Label("三区三线", HANS, True, origin="source")],
                  groups=[Group(1, 2, "区", ["a", "b"]), Group(2, 1, "线", ["c"])], enumerative=True)
    a = Term(slug="a", labels=[Label("甲", HANS, True, origin="editor", confidence="low"),
                               Label("jiǎ", "zh-Latn-pinyin", True, origin="derived", reviewed=True)])
    b = Term(slug="b", labels=[Label("乙", HANS, True, origin="editor", confidence="high")], enumerative=False)
    st = collect([parent, a, b])
    assert (st.terms, st.numbered, st.components, st.non_enumerative) == (3, 1, 3, 1)
    assert st.labels == {"ko": 1, HANS: 3, "zh-Latn-pinyin": 1}
    assert (st.derived, st.reviewed) == (1, 1)
    assert st.chinese == {"source": 1, "editor/low": 1, "editor/high": 1}
    assert "Warnings               n/a" in render(st)


def test_stats_command_on_the_graph(capsys) -> None:
    # Warnings are counted by the validation module (its own tests run the shapes on graph/).
    assert main(["stats", "--json", "--no-warnings"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["terms"] == len(terms())
    assert out["numbered"] == sum(1 for t in terms() if t.groups)
    assert sum(out["chinese"].values()) == out["terms"]
    assert round(sum(out["chinese_share"].values())) == 100 or out["terms"] == 0
    assert out["warnings"] is None
