"""Property-based tests of ``check`` for every resource provider (preview calls only check and diff).

Each provider class found in ``pulumi_flex.resources`` is called as the engine calls it,
``Provider().check({}, news)``, with inputs drawn from its spec's pydantic model (see
``tests/unit/strategies.py``), so a new resource is covered without new test code:

1. any JSON-like input, ``Unknown`` anywhere: ``check`` never raises, and each failure names a
   property of the input or the spec and gives a reason;
2. valid inputs pass, numbers given as ints or as the engine's floats;
3. one corrupted field is reported at its dotted path, and nothing else is;
4. unknown values are never rejected, and do not hide a corrupted known field next to them;
5. ``check`` returns the inputs unchanged.

``HYPOTHESIS_PROFILE=random`` explores new examples (more of them); the default profile is
derandomized, so CI runs are repeatable.
"""

from __future__ import annotations

import importlib
import inspect
import os
import pkgutil
from typing import Any

import pytest
from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st
from hypothesis.control import currently_in_test_context
from pulumi.dynamic import CheckResult

import pulumi_flex.resources
from pulumi_flex.provider import SpecProvider
from pulumi_flex.provider.dynamic import ACCOUNT, ACCOUNT_KEYS, KEPT_INPUTS
from pulumi_flex.resources.flex_flow import FlexFlowProvider
from pulumi_flex.specs import RESOURCE_SPECS

from .strategies import (
    Case,
    Path,
    Shape,
    corrupt,
    corruption_cases,
    dotted,
    engine_numbers,
    freeze,
    minimal_inputs,
    noisy_inputs,
    noisy_values,
    parse_path,
    related,
    set_path,
    settable,
    shape_at,
    shape_of,
    sids,
    spec_places,
    unknown,
    valid_inputs,
    valid_values,
    value_paths,
    with_unknowns,
)

settings.register_profile(
    "ci", derandomize=True, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("random", deadline=None, suppress_health_check=[HealthCheck.too_slow])
_PROFILE = settings.get_profile("random" if os.environ.get("HYPOTHESIS_PROFILE") == "random" else "ci")
_SCALE = 5 if os.environ.get("HYPOTHESIS_PROFILE") == "random" else 1


def examples(n: int) -> settings:
    return settings(_PROFILE, max_examples=n * _SCALE)


ADOPT_SID = "adopt_sid"


# --- the providers under test -----------------------------------------------------------------


def _providers() -> list[type[SpecProvider]]:
    """Every provider class a resource module binds (found by import, not listed by hand)."""
    found: list[type[SpecProvider]] = []
    package = pulumi_flex.resources
    for info in pkgutil.iter_modules(package.__path__, package.__name__ + "."):
        module = importlib.import_module(info.name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, SpecProvider) and cls.__module__ == module.__name__ and "spec" in vars(cls):
                found.append(cls)
    return sorted(found, key=lambda cls: cls.__name__)


PROVIDERS = _providers()
by_provider = pytest.mark.parametrize("provider", PROVIDERS, ids=[p.__name__ for p in PROVIDERS])


SHAPES: dict[str, Shape] = {p.__name__: shape_of(p.spec) for p in PROVIDERS}


def shape(provider: type[SpecProvider]) -> Shape:
    return SHAPES[provider.__name__]


def cases(provider: type[SpecProvider]) -> list[Case]:
    return list(corruption_cases(shape(provider)))


def check(provider: type[SpecProvider], news: dict[str, Any]) -> dict[str, str]:
    """Run the real ``check`` the way the engine does; return {property: reason}, asserting its form."""
    result = provider().check({}, news)
    assert isinstance(result, CheckResult)
    failures = result.failures or []
    for failure in failures:
        assert isinstance(failure.property, str) and failure.property, failure
        assert isinstance(failure.reason, str) and failure.reason.strip(), failure
    found = {f.property: f.reason for f in failures}
    if currently_in_test_context():
        note(f"failures: {found}")
    return found


def names_a_property(provider: type[SpecProvider], news: dict[str, Any], prop: str) -> bool:
    """A failure's property is a place in the spec (a field, a list item) or, as its last step, a
    key the user gave that the spec lacks; never a pydantic internal such as a union member's tag."""
    if prop.split(".")[0] in KEPT_INPUTS:  # adopt_sid, account.auth_token...
        return True
    node: Shape | None = shape(provider)
    steps = prop.split(".")
    for depth, step in enumerate(steps):
        if node is None:
            return False
        if node.kind == "json":  # inside a JSON document (a routing or flow definition): any place in it
            return True
        if node.kind == "model":
            sub = node.field(step)
            if sub is None:  # an unknown key the user gave (its name may hold dots, or be empty)
                rest = ".".join(steps[depth:])
                return rest in given_keys(news) or (rest == "''" and "" in given_keys(news))
            node = sub.shape
        elif node.kind == "list" and isinstance(parse_path(step)[0], int):
            node = node.item
        else:
            return False
    return True


def given_keys(value: Any) -> set[str]:
    if isinstance(value, dict):
        return set(value).union(*(given_keys(v) for v in value.values()))
    if isinstance(value, list):
        return set().union(*(given_keys(v) for v in value))
    return set()


# --- 0. discovery -----------------------------------------------------------------------------


def test_every_resource_spec_has_a_provider_under_test() -> None:
    assert sorted(p.spec.name for p in PROVIDERS) == sorted(s.name for s in RESOURCE_SPECS)
    assert len(PROVIDERS) >= 10


@by_provider
def test_every_field_has_corruptions(provider: type[SpecProvider]) -> None:
    """Each field of the spec, nested ones included, is made invalid by at least one case."""
    covered = {c.where for c in cases(provider)}

    def walk(node: Shape, where: tuple[str, ...]) -> None:
        for f in node.fields:
            here = (*where, f.name)
            if f.shape.kind != "any":
                assert here in covered or (*here, "*") in covered, here
            walk(f.shape, here)
            if f.shape.item is not None:
                walk(f.shape.item, (*here, "*"))

    walk(shape(provider), ())


# --- 1. no crash on any input -----------------------------------------------------------------


@by_provider
@examples(25)
@given(data=st.data())
def test_check_never_raises_on_arbitrary_input(provider: type[SpecProvider], data: st.DataObject) -> None:
    news = data.draw(noisy_inputs(shape(provider), (*KEPT_INPUTS, *ACCOUNT_KEYS)), label="news")
    before = freeze(news)
    found = check(provider, news)
    assert freeze(news) == before  # 5: not mutated either
    for prop in found:
        assert names_a_property(provider, news, prop), prop


@by_provider
@examples(20)
@given(data=st.data())
def test_check_never_raises_on_mangled_valid_input(provider: type[SpecProvider], data: st.DataObject) -> None:
    """Valid inputs with values anywhere (top level or nested) replaced by anything at all."""
    news = data.draw(valid_inputs(provider.spec, shape(provider)), label="valid")
    places = sorted(set(value_paths(news)) | {(f.name,) for f in shape(provider).fields}, key=str)
    keys = st.one_of(st.sampled_from(sorted({str(p[-1]) for p in places})), st.text(max_size=6))
    for path in data.draw(st.lists(st.sampled_from(places), min_size=1, max_size=4, unique=True)):
        if settable(news, path):
            news = set_path(news, path, data.draw(noisy_values(keys)))
    note(f"news: {news!r}")
    found = check(provider, news)
    for prop in found:
        assert names_a_property(provider, news, prop), prop


# --- 2. valid inputs pass ---------------------------------------------------------------------


@by_provider
@examples(30)
@given(data=st.data())
def test_valid_inputs_pass(provider: type[SpecProvider], data: st.DataObject) -> None:
    news = data.draw(valid_inputs(provider.spec, shape(provider)), label="news")
    if provider in ADOPTING and data.draw(st.booleans(), label="adopt an existing object"):
        news[ADOPT_SID] = data.draw(sids(provider.spec.sid_prefix))
    if data.draw(st.booleans(), label="numbers as the engine sends them"):
        news = engine_numbers(news)
    note(f"news: {news!r}")
    before = freeze(news)
    result = provider().check({}, news)
    assert result.failures == []
    assert freeze(result.inputs) == before  # 5: the engine sees the inputs as declared
    assert freeze(news) == before


# --- 3. one corrupted field is reported at its path -------------------------------------------


def assert_reported_at(provider: type[SpecProvider], news: dict[str, Any], path: Path) -> None:
    found = check(provider, news)
    where = dotted(path)
    assert found, f"{where} was corrupted but check accepted {news!r}"
    assert where in found or any(p.startswith(where + ".") for p in found), (where, found)
    for prop in found:  # nothing else is reported: the rest of the input is valid
        assert prop == where or prop.startswith(where + "."), (where, found)
        assert names_a_property(provider, news, prop), prop


@by_provider
@examples(50)
@given(data=st.data())
def test_a_corrupted_field_is_reported_at_its_path(provider: type[SpecProvider], data: st.DataObject) -> None:
    valid = data.draw(valid_inputs(provider.spec, shape(provider)), label="valid")
    case = data.draw(st.sampled_from(cases(provider)), label="case")
    news, path = data.draw(corrupt(shape(provider), valid, case), label="corrupted")
    if data.draw(st.booleans(), label="numbers as the engine sends them"):
        news = engine_numbers(news)
    note(f"news: {news!r}")
    assert_reported_at(provider, news, path)


@by_provider
def test_every_corruption_case_is_reported(provider: type[SpecProvider]) -> None:
    """Each case at least once, whatever the random sampling above picked."""

    @settings(_PROFILE, max_examples=3)
    @given(data=st.data())
    def run(data: st.DataObject) -> None:
        valid = data.draw(valid_inputs(provider.spec, shape(provider)))
        for case in cases(provider):
            news, path = data.draw(corrupt(shape(provider), valid, case), label=str(case))
            assert_reported_at(provider, news, path)

    run()


RULED = [p for p in PROVIDERS if p.spec.rules]


@pytest.mark.parametrize("provider", RULED, ids=[p.__name__ for p in RULED])
@examples(30)
@given(data=st.data())
def test_check_reports_what_the_cross_field_rules_report(
    provider: type[SpecProvider], data: st.DataObject
) -> None:
    """Fields each valid on its own, combined without regard to the rules: check reports exactly
    the properties the spec's rules name, at real places of the spec."""
    news = data.draw(valid_values(shape(provider)), label="news")
    expected = {path for rule in provider.spec.rules for path, _reason in rule(news)}
    found = check(provider, news)
    assert set(found) == expected
    assert all(names_a_property(provider, news, prop) for prop in found), found


# FlexFlow's rule, written out independently of the spec: integration fields each type requires.
INTEGRATION_NEEDS = {"studio": ("flow_sid",), "external": ("url",), "task": ("workspace_sid", "workflow_sid")}


@examples(30)
@given(data=st.data())
def test_flex_flow_integration_fields_required_by_type(data: st.DataObject) -> None:
    provider = FlexFlowProvider
    news = data.draw(valid_inputs(provider.spec, shape(provider)), label="valid")
    kind = data.draw(st.sampled_from(sorted(INTEGRATION_NEEDS)), label="integration_type")
    integration_shape = shape_at(shape(provider), ("integration",))
    assert integration_shape is not None
    integration = dict(news.get("integration") or {})
    for name in INTEGRATION_NEEDS[kind]:
        field_shape = shape_at(integration_shape, (name,))
        assert field_shape is not None
        integration.setdefault(name, data.draw(valid_values(field_shape), label=name))
    news = {**news, "integration_type": kind, "integration": integration}
    assert check(provider, news) == {}
    dropped = data.draw(st.sets(st.sampled_from(INTEGRATION_NEEDS[kind]), min_size=1), label="dropped")
    news["integration"] = {k: v for k, v in integration.items() if k not in dropped}
    if not news["integration"] and data.draw(st.booleans(), label="no integration at all"):
        del news["integration"]
    found = check(provider, news)
    assert set(found) == {f"integration.{name}" for name in dropped}
    assert all(repr(kind) in reason for reason in found.values()), found


@by_provider
@examples(15)
@given(data=st.data())
def test_a_bad_adopt_sid_is_reported(provider: type[SpecProvider], data: st.DataObject) -> None:
    valid = data.draw(valid_inputs(provider.spec, shape(provider)), label="valid")
    prefix = provider.spec.sid_prefix
    bad = data.draw(
        st.one_of(
            st.one_of(
                st.text(max_size=40),
                sids("ZZ" if prefix != "ZZ" else "YY"),
                st.just(prefix + "0" * 31),
            ).filter(lambda t: not provider.spec.sid_pattern.match(t)),
            st.booleans(),
            st.integers(),
            st.floats(),
            st.lists(sids(prefix), min_size=1, max_size=2),
            st.dictionaries(st.text(max_size=3), st.text(max_size=3), max_size=2),
        ),
        label="adopt_sid",
    )
    assert_reported_at(provider, {**valid, ADOPT_SID: bad}, (ADOPT_SID,))


def minimal_valid(provider: type[SpecProvider]) -> dict[str, Any]:
    values = minimal_inputs(provider.spec, shape(provider))
    assert check(provider, values) == {}
    return values


# The account's singletons are always adopted, so adopt_sid is refused; every other object can adopt.
SINGLETONS = {"Configuration"}
ADOPTING = [p for p in PROVIDERS if p.spec.name not in SINGLETONS]
NOT_ADOPTING = [p for p in PROVIDERS if p.spec.name in SINGLETONS]


@by_provider
def test_adopt_sid_is_taken_by_every_object_but_singletons(provider: type[SpecProvider]) -> None:
    sid = provider.spec.sid_prefix + "0" * 32
    found = check(provider, {**minimal_valid(provider), ADOPT_SID: sid})
    assert set(found) == (set() if provider in ADOPTING else {ADOPT_SID})


@pytest.mark.parametrize("provider", NOT_ADOPTING, ids=[p.__name__ for p in NOT_ADOPTING])
@examples(15)
@given(data=st.data())
def test_adopt_sid_is_refused_where_nothing_can_be_adopted(
    provider: type[SpecProvider], data: st.DataObject
) -> None:
    """Even unknown: whatever its value, the input does not apply."""
    valid = data.draw(valid_inputs(provider.spec, shape(provider)), label="valid")
    adopt = data.draw(st.one_of(st.builds(unknown), st.text(), sids(provider.spec.sid_prefix)), label="adopt")
    assert_reported_at(provider, {**valid, ADOPT_SID: adopt}, (ADOPT_SID,))


# --- 4. unknown values are never rejected -----------------------------------------------------


# A per-resource FlexAccount as a preview may see it: wholly unknown, or with unknown values.
accounts = st.one_of(
    st.builds(unknown),
    st.fixed_dictionaries(
        {
            "account_sid": st.one_of(sids("AC"), st.builds(unknown)),
            "auth_token": st.one_of(st.text(min_size=1), st.builds(unknown)),
        }
    ),
)


@by_provider
@examples(40)
@given(data=st.data())
def test_unknown_values_are_never_rejected(provider: type[SpecProvider], data: st.DataObject) -> None:
    """Any subset of the places of a valid input (required fields, nested fields, list items,
    keys inside JSON documents, adopt_sid) unknown at preview: no failure."""
    news = data.draw(valid_inputs(provider.spec, shape(provider)), label="valid")
    if provider in ADOPTING:
        news[ADOPT_SID] = data.draw(sids(provider.spec.sid_prefix))
    if data.draw(st.booleans(), label="another account"):
        news[ACCOUNT] = data.draw(accounts, label="account")
    # Also where a valid input declares nothing: an absent field, nested or not, or one more list item.
    places = sorted(set(value_paths(news)) | set(spec_places(shape(provider), news)), key=str)
    chosen = data.draw(
        st.lists(st.sampled_from(places), min_size=1, max_size=6, unique=True), label="unknown"
    )
    news = with_unknowns(news, chosen)
    if data.draw(st.booleans(), label="numbers as the engine sends them"):
        news = engine_numbers(news)
    note(f"news: {news!r}")
    before = freeze(news)
    result = provider().check({}, news)
    assert result.failures == []
    assert freeze(result.inputs) == before


@by_provider
@examples(30)
@given(data=st.data())
def test_unknowns_do_not_hide_a_corrupted_known_field(
    provider: type[SpecProvider], data: st.DataObject
) -> None:
    valid = data.draw(valid_inputs(provider.spec, shape(provider)), label="valid")
    case = data.draw(st.sampled_from(cases(provider)), label="case")
    news, path = data.draw(corrupt(shape(provider), valid, case), label="corrupted")
    # Unknowns anywhere but at, around or inside the corrupted field (list items count as one place).
    places = [p for p in value_paths(news) if not related(p, path)]
    if not places:
        return
    chosen = data.draw(
        st.lists(st.sampled_from(places), min_size=1, max_size=4, unique=True), label="unknown"
    )
    news = with_unknowns(news, chosen)
    note(f"news: {news!r}")
    assert_reported_at(provider, news, path)
