"""The judge's named rules: each rule's examples in cleanup/judge/rules.py hold, and --disable-rule is checked."""
import pytest
from click.testing import CliRunner

from cleanup import Corrector
from cleanup.cli import main
from cleanup.document import Document
from cleanup.judge import JudgeConfig
from cleanup.judge.rules import RULES
from cleanup.lexicon import Entry, Lexicon

BLOCKED = [pytest.param(rule, ex, id=f"{rule.id}-{i}") for rule in RULES.values() for i, ex in enumerate(rule.blocked)]
ALLOWED = [pytest.param(rule, ex, id=f"{rule.id}-{i}") for rule in RULES.values() for i, ex in enumerate(rule.allowed)]


def corrector(example, judge=None):
    return Corrector(Lexicon([Entry(term, context=list(example.context)) for term in example.terms]), judge=judge)


def candidate(example, judge=None):
    """The verdict on the example's candidate (original -> replacement at the original's place)."""
    start = example.text.index(example.original)
    verdicts = corrector(example, judge).verdicts(Document.from_text(example.text, "<example>"))
    found = [v for v in verdicts if (v.candidate.start, v.candidate.end, v.candidate.replacement)
             == (start, start + len(example.original), example.replacement)]
    assert found, f"no candidate {example.original} -> {example.replacement} in {example.text!r}"
    return found[0]


@pytest.mark.parametrize("rule, example", BLOCKED)
def test_blocked_example_is_refused_by_its_rule(rule, example):
    verdict = candidate(example)
    assert rule.id in verdict.candidate.vetoes and rule.id in verdict.vetoes
    start = example.text.index(example.original)
    fixed = corrector(example).correct_text(example.text).text
    assert fixed[start:start + len(example.original)] == example.original


@pytest.mark.parametrize("rule, example", BLOCKED)
def test_disabled_rule_no_longer_refuses(rule, example):
    assert rule.id not in candidate(example, JudgeConfig(disabled_rules=(rule.id,))).vetoes


@pytest.mark.parametrize("rule, example", ALLOWED)
def test_allowed_example_escapes_its_rule(rule, example):
    assert rule.id not in candidate(example).candidate.vetoes


@pytest.mark.parametrize("rule", RULES.values(), ids=list(RULES))
def test_rule_is_documented(rule):
    assert rule.id and RULES[rule.id] is rule
    assert rule.message.strip() and "\n" not in rule.message
    assert rule.blocked


def test_unknown_rule_is_a_usage_error(tmp_path):
    (tmp_path / "talk.txt").write_text("上汤科技\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["fix", str(tmp_path / "talk.txt"), "--disable-rule", "nope"])
    assert result.exit_code == 2, result.output
    assert "unknown rule(s) nope" in result.output
