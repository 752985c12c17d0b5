"""Pure unit tests of the FlexFlow spec: validation, encoding and canonical diff."""

from __future__ import annotations

from typing import Any

import pytest

from pulumi_flex.specs import FLEX_FLOW
from pulumi_flex.specs.compare import changed_fields
from pulumi_flex.specs.encoding import outputs_from_record, to_form
from pulumi_flex.specs.validation import validate

IS = "IS" + "a" * 32
FW = "FW" + "b" * 32
VALID: dict[str, Any] = {"friendly_name": "Chat", "chat_service_sid": IS, "channel_type": "web"}


def failures(values: dict[str, Any], unknown: frozenset[str] = frozenset()) -> dict[str, str]:
    return dict(validate(FLEX_FLOW, values, unknown))


def test_minimal_inputs_are_valid() -> None:
    assert failures(VALID) == {}


@pytest.mark.parametrize(
    ("override", "path", "fragment"),
    [
        ({"chat_service_sid": "IS123"}, "chat_service_sid", "Chat Service SID"),
        ({"channel_type": "fax"}, "channel_type", "'web'"),
        ({"integration_type": "email"}, "integration_type", "'studio'"),
        ({"integration": {"retry_count": 4.0}}, "integration.retry_count", "less than or equal to 3"),
        ({"integration": {"url": "not a url"}}, "integration.url", "http(s) URL"),
        ({"integration": {"flow_sid": "FO" + "a" * 32}}, "integration.flow_sid", "Studio Flow SID"),
        ({"friendly_name": ""}, "friendly_name", "at least 1 character"),
        ({"enabled": "maybe"}, "enabled", "valid boolean"),
        ({"frendly_name": "typo"}, "frendly_name", "is not an input of FlexFlow"),
    ],
)
def test_invalid_input_names_the_property(override: dict[str, Any], path: str, fragment: str) -> None:
    found = failures({**VALID, **override})
    assert path in found, found
    assert fragment in found[path]


def test_missing_required_inputs_are_named() -> None:
    found = failures({"friendly_name": "x"})
    assert set(found) == {"chat_service_sid", "channel_type"}
    assert "is required" in found["channel_type"]


@pytest.mark.parametrize(
    ("integration_type", "integration", "missing"),
    [
        ("studio", {}, {"integration.flow_sid"}),
        ("external", {"flow_sid": FW}, {"integration.url"}),
        ("task", {"workspace_sid": "WS" + "c" * 32}, {"integration.workflow_sid"}),
    ],
)
def test_integration_fields_required_by_type(
    integration_type: str, integration: dict[str, Any], missing: set[str]
) -> None:
    found = failures({**VALID, "integration_type": integration_type, "integration": integration})
    assert set(found) == missing
    assert integration_type in next(iter(found.values()))


def test_unknown_values_are_never_rejected() -> None:
    # chat_service_sid and integration.flow_sid come from resources not created yet.
    values = {"friendly_name": "x", "channel_type": "web", "integration_type": "studio", "integration": {}}
    assert failures(values, frozenset({"chat_service_sid", "integration.flow_sid"})) == {}
    # ...but a known bad value next to an unknown one still fails.
    assert "channel_type" in failures({**values, "channel_type": "fax"}, frozenset({"chat_service_sid"}))


def test_form_encoding_uses_twilio_wire_names_and_values() -> None:
    form = to_form(
        FLEX_FLOW,
        {**VALID, "enabled": False, "integration": {"flow_sid": FW, "retry_count": 2.0}, "long_lived": True},
    )
    assert ("ChatServiceSid", IS) in form
    assert ("Enabled", "false") in form
    assert ("LongLived", "true") in form
    assert ("Integration.FlowSid", FW) in form
    assert ("Integration.RetryCount", "2") in form  # the engine's 2.0 goes out as an integer


def test_diff_ignores_float_int_and_undeclared_nested_keys() -> None:
    state = {
        **VALID,
        "integration": {"flow_sid": FW, "retry_count": 2, "channel": "default"},
        "enabled": True,
    }
    declared = {**VALID, "integration": {"flow_sid": FW, "retry_count": 2.0}}
    assert changed_fields(FLEX_FLOW, state, declared) == []


def test_diff_reports_changed_declared_fields_only() -> None:
    state = {**VALID, "integration": {"flow_sid": FW, "retry_count": 2}, "enabled": True}
    declared = {**VALID, "friendly_name": "Renamed", "integration": {"retry_count": 3}}
    assert changed_fields(FLEX_FLOW, state, declared) == ["friendly_name", "integration"]


def test_outputs_carry_every_field_and_computed_value() -> None:
    record = {
        **VALID,
        "sid": "FO" + "d" * 32,
        "url": "http://x/v1/FlexFlows/FO",
        "enabled": False,
        "extra": 1,
    }
    outs = outputs_from_record(FLEX_FLOW, record, {})
    assert outs["sid"] == record["sid"]
    assert outs["enabled"] is False
    assert "extra" not in outs
    assert set(FLEX_FLOW.output_names) <= set(outs)
