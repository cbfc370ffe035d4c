"""The rule registry (tests/rules.py) against domain.md, and what `rule` markers may name."""

import re
from pathlib import Path

import pytest

from tests.rules import BUILT, NOT_BUILT, PARTLY_BUILT, RULES, listing, rule_ids

# domain.md sits next to the repository, not in it: present in the team's checkouts, absent
# from a fresh clone.
DOMAIN_MD = Path(__file__).resolve().parents[1].parent / "shared" / "domain.md"


def test_the_registry_lists_exactly_the_rules_of_domain_md_in_order():
    if not DOMAIN_MD.is_file():
        pytest.skip(f"{DOMAIN_MD} does not exist here: the registry is checked where it does")
    in_domain = re.findall(r"^\|\s*([A-Z]+\d+)\b", DOMAIN_MD.read_text(encoding="utf-8"), re.MULTILINE)

    missing = [rule_id for rule_id in in_domain if rule_id not in RULES]
    extra = [rule_id for rule_id in RULES if rule_id not in in_domain]
    assert not missing, f"rules of domain.md missing from tests/rules.py: {missing}"
    assert not extra, f"rules in tests/rules.py that domain.md does not have: {extra}"
    assert list(RULES) == in_domain


def test_every_rule_has_a_title_and_a_known_status():
    for rule in RULES.values():
        assert rule.title, rule.id
        assert rule.status in (BUILT, PARTLY_BUILT, NOT_BUILT), rule.id
        assert bool(rule.built_part) == (rule.status == PARTLY_BUILT), rule.id


def test_a_rule_marker_names_known_ids_only():
    assert rule_ids(pytest.mark.rule("W2").mark) == ("W2",)
    assert rule_ids(pytest.mark.rule("N2", "N3").mark) == ("N2", "N3")
    for typo in ("W19", "w2", "S 1"):
        with pytest.raises(ValueError, match=f"unknown rule id '{typo}'"):
            rule_ids(pytest.mark.rule("W2", typo).mark)
    with pytest.raises(ValueError, match="names one or more rule ids"):
        rule_ids(pytest.mark.rule().mark)
    with pytest.raises(ValueError, match="names one or more rule ids"):
        rule_ids(pytest.mark.rule(id="W2").mark)


def test_the_listing_fails_only_for_a_rule_with_code_and_no_test():
    tested = {rule.id: ["tests/test_x.py::test_it"] for rule in RULES.values() if rule.has_code}
    lines, untested = listing(tested)
    assert untested == []
    assert not any(line.startswith("FAILED") for line in lines)
    assert not any(line.startswith("not yet covered") for line in lines)  # every rule has a test here

    del tested["N3"]
    lines, untested = listing(tested)
    assert untested == ["N3"]
    assert lines[-1] == "FAILED: built without a test: N3"
    assert any(line.startswith("N3 ") and "NO TEST" in line for line in lines)
