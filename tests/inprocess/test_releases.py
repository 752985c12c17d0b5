"""PluginRelease: what destroy releases (the configuration active before, or an empty one, or
nothing when another release has taken over), updates, refresh and adoption."""

from __future__ import annotations

import pytest

from pulumi_flex.client.errors import FlexError
from pulumi_flex.provider.plugins import EMPTY_CONFIGURATION_NAME
from pulumi_flex.resources.plugin_release import PluginReleaseProvider
from tests.inprocess.conftest import Emulator
from tests.inprocess.samples import (
    CONFIGURATIONS,
    PLUGINS,
    RELEASES,
    active_configuration,
    new_configuration,
    new_plugin,
    new_version,
    release,
)

RELEASE_WRITES = "POST /v1/PluginService/Releases"


@pytest.fixture
def configurations(flex: Emulator) -> list[str]:
    """Three releasable configurations, each holding one version of one plugin."""
    version = new_version(flex, new_plugin(flex))
    return [new_configuration(flex, f"configuration {n}", [version]) for n in range(3)]


def releases(flex: Emulator) -> list[str]:
    body = flex.call("GET", RELEASES, params={"PageSize": 1000})
    return [r["configuration_sid"] for r in body["releases"]]


def test_destroy_releases_the_configuration_active_before(flex: Emulator, configurations: list[str]) -> None:
    before, ours, _ = configurations
    release(flex, before)
    provider = PluginReleaseProvider()
    result = provider.create({"configuration_sid": ours})
    assert result.outs is not None
    assert result.outs["previous_configuration_sid"] == before
    assert active_configuration(flex) == ours
    provider.delete(str(result.id), result.outs)
    assert active_configuration(flex) == before
    assert releases(flex) == [before, ours, before]  # newest first: released again, as a new release


def test_destroy_without_a_previous_release_releases_an_empty_configuration(
    flex: Emulator, configurations: list[str]
) -> None:
    provider = PluginReleaseProvider()
    result = provider.create({"configuration_sid": configurations[0]})
    assert result.outs is not None
    assert result.outs["previous_configuration_sid"] is None
    provider.delete(str(result.id), result.outs)
    empty = active_configuration(flex)
    assert empty is not None and empty not in configurations
    record = flex.call("GET", f"{CONFIGURATIONS}/{empty}")
    assert record["name"] == EMPTY_CONFIGURATION_NAME
    assert flex.call("GET", f"{CONFIGURATIONS}/{empty}/Plugins")["plugins"] == []
    # The stack's plugins can now be archived: none is in the active release.
    flex.call("POST", f"{CONFIGURATIONS}/{configurations[0]}/Archive")


def test_destroy_after_the_previous_configuration_was_archived(
    flex: Emulator, configurations: list[str]
) -> None:
    before, ours, _ = configurations
    release(flex, before)
    provider = PluginReleaseProvider()
    result = provider.create({"configuration_sid": ours})
    assert result.outs is not None
    flex.call("POST", f"{CONFIGURATIONS}/{before}/Archive")  # not active any more, so archivable
    provider.delete(str(result.id), result.outs)
    empty = active_configuration(flex)
    assert empty not in (before, ours)
    assert flex.call("GET", f"{CONFIGURATIONS}/{empty}")["name"] == EMPTY_CONFIGURATION_NAME


def test_destroy_after_a_version_of_the_previous_configuration_was_archived(flex: Emulator) -> None:
    old_version = new_version(flex, new_plugin(flex, "old-plugin"))
    new = new_version(flex, new_plugin(flex, "new-plugin"))
    before, ours = new_configuration(flex, "before", [old_version]), new_configuration(flex, "ours", [new])
    release(flex, before)
    provider = PluginReleaseProvider()
    result = provider.create({"configuration_sid": ours})
    assert result.outs is not None
    plugin = flex.call("GET", f"{CONFIGURATIONS}/{before}/Plugins")["plugins"][0]["plugin_sid"]
    flex.call("POST", f"{PLUGINS}/{plugin}/Versions/{old_version}/Archive")
    provider.delete(str(result.id), result.outs)  # Twilio refuses to release `before` now (400)
    empty = active_configuration(flex)
    assert flex.call("GET", f"{CONFIGURATIONS}/{empty}")["name"] == EMPTY_CONFIGURATION_NAME


def test_destroy_leaves_a_release_made_since_alone(flex: Emulator, configurations: list[str]) -> None:
    ours, theirs, _ = configurations
    provider = PluginReleaseProvider()
    result = provider.create({"configuration_sid": ours})
    assert result.outs is not None
    release(flex, theirs)
    flex.reset_counts()
    provider.delete(str(result.id), result.outs)
    assert flex.writes() == 0
    assert active_configuration(flex) == theirs


def test_update_releases_again_and_keeps_the_resource_id(flex: Emulator, configurations: list[str]) -> None:
    before, first, second = configurations
    release(flex, before)
    provider = PluginReleaseProvider()
    created = provider.create({"configuration_sid": first})
    assert created.outs is not None
    flex.reset_counts()
    updated = provider.update(str(created.id), created.outs, {"configuration_sid": second})
    assert updated.outs is not None
    assert flex.requests()[RELEASE_WRITES] == 1
    assert updated.outs["sid"] != created.id  # a new release...
    assert updated.outs["configuration_sid"] == second
    assert updated.outs["previous_configuration_sid"] == before  # ...restoring what was there first
    assert active_configuration(flex) == second
    assert provider.read(str(created.id), updated.outs).outs == updated.outs
    provider.delete(str(created.id), updated.outs)  # its latest release is the active one
    assert active_configuration(flex) == before


def test_refresh_after_destroy_shows_no_configuration_when_nothing_is_active(flex: Emulator) -> None:
    provider = PluginReleaseProvider()
    outs = {"configuration_sid": "FJ" + "1" * 32, "sid": "FK" + "1" * 32}
    result = provider.read("FK" + "1" * 32, outs)  # nothing has ever been released
    assert result.outs is not None
    assert result.outs["configuration_sid"] is None


def test_a_get_reference_reads_the_release_itself(flex: Emulator, configurations: list[str]) -> None:
    first, second, _ = configurations
    made = release(flex, first)
    release(flex, second)
    provider = PluginReleaseProvider()
    result = provider.read(made, {})  # PluginRelease.get(): no state, just the SID
    assert result.id == made
    assert result.outs is not None
    assert result.outs["configuration_sid"] == first  # the release itself, not the active one
    with pytest.raises(FlexError, match=r"PluginRelease\.get: no PluginRelease FK0{32} exists"):
        provider.read("FK" + "0" * 32, {})


def test_adopt_a_release_with_another_configuration_releases_again(
    flex: Emulator, configurations: list[str]
) -> None:
    theirs, ours, _ = configurations
    existing = release(flex, theirs)
    provider = PluginReleaseProvider()
    flex.reset_counts()
    result = provider.create({"configuration_sid": ours, "adopt_sid": existing})
    assert result.id == existing
    assert result.outs is not None
    assert result.outs["adopt_sid"] == existing
    assert result.outs["previous_configuration_sid"] is None  # unknown for a release made elsewhere
    assert flex.requests()[RELEASE_WRITES] == 1
    assert active_configuration(flex) == ours


def test_adopt_of_a_missing_release_says_what_to_fix(flex: Emulator) -> None:
    missing = "FK" + "0" * 32
    with pytest.raises(FlexError, match="remove adopt_sid to release anew"):
        PluginReleaseProvider().create({"configuration_sid": "FJ" + "0" * 32, "adopt_sid": missing})
