"""Configuration: the singleton is adopted, only declared keys are managed, and their prior values
are written back on destroy and when a key leaves the program."""

from __future__ import annotations

import json

import pytest

from pulumi_flex.client.errors import FlexError
from pulumi_flex.resources.configuration import ConfigurationProvider
from tests.inprocess.conftest import PRIMARY, SECOND, Emulator
from tests.inprocess.samples import MOVED

WRITE = "POST /v1/Configuration"


def current(flex: Emulator) -> dict[str, object]:
    body: dict[str, object] = flex.call("GET", "/v1/Configuration")
    return body


def test_create_records_prior_values_and_destroy_writes_them_back(flex: Emulator) -> None:
    provider = ConfigurationProvider()
    before = current(flex)
    declared = {"ui_language": "fr", "crm_callback_url": "https://crm.example.com/hook"}
    result = provider.create(declared)
    assert result.id == PRIMARY.account_sid
    assert result.outs is not None
    prior = json.loads(result.outs["prior_values"])
    assert prior == {"ui_language": before["ui_language"], "crm_callback_url": None}
    assert current(flex)["ui_language"] == "fr"
    flex.reset_counts()
    provider.delete(str(result.id), result.outs)
    assert flex.requests()[WRITE] == 1
    after = current(flex)
    assert after["ui_language"] == before["ui_language"]
    assert after["crm_callback_url"] is None  # a prior null is restored as null


def test_destroy_leaves_a_key_changed_since(flex: Emulator, capsys: pytest.CaptureFixture[str]) -> None:
    provider = ConfigurationProvider()
    before = current(flex)
    created = provider.create({"ui_language": "fr", "ui_version": "~2.14"})
    assert created.outs is not None
    flex.call("POST", "/v1/Configuration", json={"account_sid": PRIMARY.account_sid, "ui_version": "~2.15"})
    provider.delete(str(created.id), created.outs)
    after = current(flex)
    assert after["ui_language"] == before["ui_language"]  # still ours: restored
    assert after["ui_version"] == "~2.15"  # someone else's change: kept
    assert "left ui_version as they are" in capsys.readouterr().err


def test_create_with_the_current_values_writes_nothing(flex: Emulator) -> None:
    language = current(flex)["ui_language"]
    flex.reset_counts()
    result = ConfigurationProvider().create({"ui_language": language})
    assert flex.writes() == 0
    assert result.outs is not None
    assert json.loads(result.outs["prior_values"]) == {"ui_language": language}


def test_a_key_dropped_from_the_program_is_restored(flex: Emulator) -> None:
    provider = ConfigurationProvider()
    before = current(flex)
    created = provider.create({"ui_language": "fr", "crm_enabled": True})
    assert created.outs is not None
    news = {"ui_language": "fr"}
    diff = provider.diff(str(created.id), created.outs, news)
    assert (diff.changes, diff.replaces) == (True, [])
    updated = provider.update(str(created.id), created.outs, news)
    assert updated.outs is not None
    assert json.loads(updated.outs["prior_values"]) == {"ui_language": before["ui_language"]}
    after = current(flex)
    assert (after["crm_enabled"], after["ui_language"]) == (before["crm_enabled"], "fr")
    provider.delete(str(created.id), updated.outs)
    assert current(flex)["ui_language"] == before["ui_language"]


def test_a_newly_declared_key_remembers_its_value_before_the_stack_wrote_it(flex: Emulator) -> None:
    provider = ConfigurationProvider()
    before = current(flex)
    created = provider.create({"ui_language": "fr"})
    assert created.outs is not None
    updated = provider.update(str(created.id), created.outs, {"ui_language": "fr", "ui_version": "~2.14"})
    assert updated.outs is not None
    prior = json.loads(updated.outs["prior_values"])
    assert prior == {"ui_language": before["ui_language"], "ui_version": before["ui_version"]}
    provider.delete(str(created.id), updated.outs)
    after = current(flex)
    assert (after["ui_language"], after["ui_version"]) == (before["ui_language"], before["ui_version"])


def test_destroy_with_nothing_managed_writes_nothing(flex: Emulator) -> None:
    provider = ConfigurationProvider()
    created = provider.create({})
    assert created.outs is not None
    flex.reset_counts()
    provider.delete(str(created.id), created.outs)
    assert flex.writes() == 0


def test_another_account_replaces_after_restoring(flex: Emulator) -> None:
    provider = ConfigurationProvider()
    created = provider.create({"ui_language": "fr"})
    assert created.outs is not None
    diff = provider.diff(str(created.id), created.outs, {"ui_language": "fr", **MOVED})
    assert diff.replaces == ["account"]
    assert diff.delete_before_replace is True  # the old account's values go back first


def test_the_configuration_of_another_account(flex: Emulator) -> None:
    provider = ConfigurationProvider()
    result = provider.create({"ui_language": "fr", **MOVED})
    assert result.id == SECOND.account_sid
    assert current(flex)["ui_language"] == "en"  # the stack's account is untouched
    assert flex.call("GET", "/v1/Configuration", account=SECOND)["ui_language"] == "fr"
    # State naming another account than the credentials' reads as gone; a .get() of it is an error.
    assert provider.read(SECOND.account_sid, {"account_sid": SECOND.account_sid}).id is None
    gone = f"no Configuration {SECOND.account_sid} exists in account {PRIMARY.account_sid}"
    with pytest.raises(FlexError, match=gone):
        provider.read(SECOND.account_sid, {})
    assert provider.read(PRIMARY.account_sid, {}).id == PRIMARY.account_sid


@pytest.mark.parametrize("adopt", ["AC" + "0" * 32, "anything"])
def test_adopt_sid_is_refused(flex: Emulator, adopt: str) -> None:
    failures = ConfigurationProvider().check({}, {"ui_language": "fr", "adopt_sid": adopt}).failures
    assert "adopt_sid" in [f.property for f in failures]
    assert any("always adopted" in f.reason for f in failures)
