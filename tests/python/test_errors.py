"""The exception hierarchy and what each error carries: ids, pointers, issues, pinned texts."""

import json

import pytest

import motiv
from motiv_test_support import PERIOD, minimal_rules


@pytest.mark.parametrize(
    "cls, bases",
    [
        (motiv.MotivError, (Exception,)),
        (motiv.RuleError, (motiv.MotivError, ValueError)),
        (motiv.DataError, (motiv.MotivError, ValueError)),
        (motiv.EvalError, (motiv.MotivError, ArithmeticError)),
        (motiv.IoError, (motiv.MotivError, OSError)),
    ],
)
def test_hierarchy(cls, bases):
    assert cls.__bases__ == bases
    assert cls.__module__ == "motiv"
    assert not issubclass(cls, RuntimeError)


def break_hunter(path, value):
    """Sets one key of the hunter's first component (salary) in the reference rules."""
    def apply(doc):
        doc["roles"]["hunter"]["components"][0][path] = value
    return apply


# (what is wrong, how to break the reference file, id, pointer, expression, expr_column, message)
BAD_RULES = [
    ("unknown component kind", break_hunter("kind", "bonus"), "motiv.rule_error.206", "/roles/hunter/components/0/kind", "", 0,
     "unknown component kind 'bonus'; expected one of: fixed, percent, commission, penalty, formula, scorecard, adjustment"),
    ("unknown name in a formula", break_hunter("amount", "hunter.salry + 1"), "motiv.rule_error.301",
     "/roles/hunter/components/0/amount", "hunter.salry + 1", 1,
     "unknown name 'hunter.salry': not an input, parameter, variable or component of this role"),
    ("formula syntax", break_hunter("amount", "hunter.salary +* 1"), "motiv.rule_error.401",
     "/roles/hunter/components/0/amount", "hunter.salary +* 1", 16,
     "formula syntax: unexpected '*': expected a number, a name or '('"),
    ("misspelt key", break_hunter("amuont", "1"), "motiv.rule_error.204", "/roles/hunter/components/0/amuont", "", 0, None),
    ("money with 3 places", lambda d: d["parameters"]["hunter.salary"].update(value="25000.001"), "motiv.rule_error.210",
     "/parameters/hunter.salary/value", "", 0, "expected money with at most 2 decimal places, got 25000.001"),
]


@pytest.mark.parametrize("what, breaker, error_id, pointer, expression, expr_column, message", BAD_RULES,
                         ids=[b[0] for b in BAD_RULES])
def test_bad_rule_text(rules_doc, what, breaker, error_id, pointer, expression, expr_column, message):
    breaker(rules_doc)
    with pytest.raises(motiv.RuleError) as info:
        motiv.loads(json.dumps(rules_doc), source="broken.json")
    e = info.value
    assert isinstance(e, ValueError) and isinstance(e, motiv.MotivError)
    assert (e.id, e.pointer) == (error_id, pointer)
    issue = e.issues[0]
    assert set(issue) == {"id", "file", "pointer", "line", "column", "field", "person", "message", "expression", "expr_column"}
    assert (issue["file"], issue["expression"], issue["expr_column"]) == ("broken.json", expression, expr_column)
    if message:
        assert issue["message"] == message
    assert str(e).startswith(f"[{error_id}] broken.json ({pointer}) ")
    if expression:  # a caret under the formula's column
        assert str(e).endswith("\n    " + expression + "\n    " + " " * (expr_column - 1) + "^")


def test_every_issue_is_reported(rules_doc):
    rules_doc["roles"]["hunter"]["components"][0]["kind"] = "bonus"
    rules_doc["roles"]["farmer"]["components"][0]["amount"] = "farmer.salry"
    rules_doc["parameters"]["hunter.salary"]["value"] = "lots"
    with pytest.raises(motiv.RuleError) as info:
        motiv.loads(json.dumps(rules_doc))
    assert len(info.value.issues) >= 2
    assert "/roles/hunter/components/0/kind" in {i["pointer"] for i in info.value.issues}
    assert len(str(info.value).splitlines()) >= len(info.value.issues)


@pytest.mark.parametrize(
    "text, error_id, line, column",
    [
        ('{"motiv": 1,\n  "scheme": }', "motiv.rule_error.101", 2, 13),
        ('{"motiv": 1, "motiv": 1}', "motiv.rule_error.102", 0, 0),
        ("[]", "motiv.rule_error.201", 0, 0),
    ],
    ids=["JSON syntax", "duplicate key", "not an object"],
)
def test_malformed_json(text, error_id, line, column):
    with pytest.raises(motiv.RuleError) as info:
        motiv.loads(text, source="bad.json")
    issue = info.value.issues[0]
    assert (info.value.id, issue["line"], issue["column"]) == (error_id, line, column)


def test_unreadable_rule_file(tmp_path):
    with pytest.raises(motiv.RuleError) as info:
        motiv.load(tmp_path / "missing.json")
    assert info.value.id == "motiv.rule_error.100"
    assert str(tmp_path / "missing.json") in str(info.value)


@pytest.fixture(scope="module")
def per_call():
    """A custom scheme whose one formula divides by an input: revenue / calls."""
    return motiv.loads(minimal_rules([{"id": "per_call", "kind": "formula", "amount": "revenue / calls"}]), source="div.json")


def test_division_by_zero_is_eval_error(per_call):
    # 100.00 / 3 = 33.333333333 -> half_up to 0.01 = 33.33: the scheme itself is fine ...
    assert str(per_call.compute(role="rep", period=PERIOD, inputs={"revenue": "100.00", "calls": 3}).total) == "33.33"
    # ... until calls is 0.
    with pytest.raises(motiv.EvalError) as info:
        per_call.compute(role="rep", period=PERIOD, inputs={"revenue": "100.00", "calls": 0}, person="p-1")
    e = info.value
    assert isinstance(e, ArithmeticError) and isinstance(e, motiv.MotivError)
    assert (e.id, e.pointer) == ("motiv.eval_error.501", "/roles/rep/components/0")
    assert str(e).startswith("[motiv.eval_error.501] div.json (/roles/rep/components/0) person 'p-1': component 'per_call'")
    assert "division by zero" in str(e)


def test_eval_error_in_a_frame_names_the_person(per_call):
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame({"id": ["a", "b"], "role": ["rep", "rep"], "revenue": ["10.00", "10.00"], "calls": ["2", "0"]})
    with pytest.raises(motiv.EvalError) as info:
        per_call.compute_frame(frame, period=PERIOD)
    assert "person 'b'" in str(info.value)


def test_motiv_error_catches_them_all(per_call, scheme):
    failures = [
        lambda: motiv.loads("{"),
        lambda: scheme.compute(role="hunter", period=PERIOD, inputs={}),
        lambda: per_call.compute(role="rep", period=PERIOD, inputs={"revenue": "1.00", "calls": 0}),
    ]
    for fail in failures:
        with pytest.raises(motiv.MotivError) as info:
            fail()
        assert info.value.id.startswith("motiv.")
