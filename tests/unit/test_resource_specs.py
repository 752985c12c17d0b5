"""Unit tests of the specs beyond FlexFlow: replace rules, encodings and validation messages."""

from __future__ import annotations

import json
from typing import Any

from pulumi_flex.specs import (
    CONFIGURATION,
    PLUGIN,
    PLUGIN_CONFIGURATION,
    PLUGIN_RELEASE,
    PLUGIN_VERSION,
    QUESTIONNAIRE,
    QUESTIONNAIRE_QUESTION,
    RESOURCE_SPECS,
    WEB_CHANNEL,
    ResourceSpec,
)
from pulumi_flex.specs.compare import changed_fields
from pulumi_flex.specs.encoding import outputs_from_record, to_form
from pulumi_flex.specs.validation import validate

FO, FP, FV, FY, GE = ("FO" + "a" * 32, "FP" + "b" * 32, "FV" + "c" * 32, "FY" + "d" * 32, "GE" + "e" * 32)


def failures(spec: ResourceSpec, values: dict[str, Any]) -> dict[str, str]:
    return dict(validate(spec, values))


def test_replace_rules_follow_the_api() -> None:
    assert WEB_CHANNEL.create_only == {
        "flex_flow_sid",
        "identity",
        "customer_friendly_name",
        "chat_friendly_name",
        "chat_unique_name",
        "pre_engagement_data",
    }
    assert WEB_CHANNEL.update_only == {"chat_status", "post_engagement_data"}
    assert PLUGIN.create_only == {"unique_name"}
    assert PLUGIN_VERSION.create_only == set(PLUGIN_VERSION.field_map)  # immutable
    assert PLUGIN_CONFIGURATION.create_only == set(PLUGIN_CONFIGURATION.field_map)  # immutable
    assert PLUGIN_RELEASE.create_only == set()  # a new configuration is a new release, in place
    assert QUESTIONNAIRE.create_only == set()


def test_every_resource_spec_names_its_outputs_once() -> None:
    for spec in RESOURCE_SPECS:
        assert spec.id_field in spec.output_names, spec.name
        assert len(set(spec.output_names)) == len(spec.output_names), spec.name


def test_web_channel_pre_engagement_data_must_be_json() -> None:
    base = {"flex_flow_sid": FO, "identity": "i", "customer_friendly_name": "c", "chat_friendly_name": "f"}
    assert failures(WEB_CHANNEL, {**base, "pre_engagement_data": {"a": 1}}) == {}
    assert failures(WEB_CHANNEL, {**base, "pre_engagement_data": '{"a": 1}'}) == {}
    assert (
        "JSON document"
        in failures(WEB_CHANNEL, {**base, "pre_engagement_data": "{nope"})["pre_engagement_data"]
    )
    assert "'inactive'" in failures(WEB_CHANNEL, {**base, "chat_status": "active"})["chat_status"]


def test_web_channel_json_text_compares_canonically() -> None:
    state = {"pre_engagement_data": {"b": 2, "a": 1}}
    assert changed_fields(WEB_CHANNEL, state, {"pre_engagement_data": '{"a":1,  "b":2}'}) == []
    assert changed_fields(WEB_CHANNEL, state, {"pre_engagement_data": '{"a":1}'}) == ["pre_engagement_data"]


def test_web_channel_keeps_write_only_inputs_from_state() -> None:
    record = {"sid": "CH" + "0" * 32, "flex_flow_sid": FO, "url": "u"}
    outs = outputs_from_record(WEB_CHANNEL, record, {"identity": "visitor", "chat_status": "inactive"})
    assert (outs["identity"], outs["chat_status"], outs["flex_flow_sid"]) == ("visitor", "inactive", FO)


def test_plugin_description_limit_and_version_url() -> None:
    assert "at most 500" in failures(PLUGIN, {"unique_name": "p", "description": "x" * 501})["description"]
    found = failures(PLUGIN_VERSION, {"plugin_sid": FP, "version": "1", "plugin_url": "bundle.js"})
    assert "http(s) URL" in found["plugin_url"]


def test_plugin_configuration_entries_are_validated_and_sent_as_json_values() -> None:
    found = failures(PLUGIN_CONFIGURATION, {"name": "c", "plugins": [{"plugin_version": "FP1"}]})
    assert "plugins.0.plugin_version" in found
    form = to_form(PLUGIN_CONFIGURATION, {"name": "c", "plugins": [{"plugin_version": FV, "phase": 3.0}]})
    [value] = [value for key, value in form if key == "Plugins"]
    assert json.loads(value) == {"plugin_version": FV, "phase": 3}
    assert '"phase":3' in value  # a whole number, not 3.0


def test_release_sends_configuration_id() -> None:
    assert to_form(PLUGIN_RELEASE, {"configuration_sid": "FJ" + "1" * 32}) == [
        ("ConfigurationId", "FJ" + "1" * 32)
    ]
    assert (
        "Flex Plugin Configuration SID"
        in failures(PLUGIN_RELEASE, {"configuration_sid": "x"})["configuration_sid"]
    )


def test_questions_require_allow_na_and_read_the_category_from_the_record() -> None:
    values = {"category_sid": FY, "question": "q", "answer_set_id": "set"}
    assert "is required" in failures(QUESTIONNAIRE_QUESTION, values)["allow_na"]
    assert QUESTIONNAIRE_QUESTION.always_send == ("allow_na",)
    outs = outputs_from_record(QUESTIONNAIRE_QUESTION, {"category": {"category_sid": FY}}, {})
    assert outs["category_sid"] == FY


def test_questionnaire_question_sids() -> None:
    assert "questionnaire_sid" in QUESTIONNAIRE.output_names
    assert "question_sids.1" in failures(QUESTIONNAIRE, {"name": "n", "question_sids": [GE, "GE1"]})
    outs = outputs_from_record(QUESTIONNAIRE, {"questions": [{"question_sid": GE}]}, {})
    assert outs["question_sids"] == [GE]
    form = to_form(QUESTIONNAIRE, {"name": "n", "question_sids": [GE, GE]})
    assert form.count(("QuestionSids", GE)) == 2  # repeated keys


def test_configuration_keys_are_typed_and_compared_canonically() -> None:
    found = failures(CONFIGURATION, {"ui_attributes": "not an object", "ui_langauge": "typo"})
    assert "ui_attributes" in found
    assert "is not an input of Configuration" in found["ui_langauge"]
    state = {
        "ui_attributes": {"theme": {"isLight": True}, "logLevel": "info"},
        "taskrouter_skills": [{"min": 1}],
    }
    declared = {
        "ui_attributes": {"logLevel": "info", "theme": {"isLight": True}},
        "taskrouter_skills": [{"min": 1.0}],
    }
    assert changed_fields(CONFIGURATION, state, declared) == []


def test_an_empty_list_empties_on_update_and_is_omitted_on_create() -> None:
    assert to_form(QUESTIONNAIRE, {"question_sids": []}) == []
    assert to_form(QUESTIONNAIRE, {"question_sids": []}, updating=True) == [("QuestionSids", "")]
    assert changed_fields(QUESTIONNAIRE, {"question_sids": []}, {"question_sids": []}) == []
