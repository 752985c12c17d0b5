"""Plugin Service endpoints over real HTTP: the deploy flow (plugin → version → configuration → release),
aliases in paths, ordering, uniqueness, archiving rules, immutability and Twilio's official client."""

from __future__ import annotations

import json
import re
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx
import pytest
from twilio.base.exceptions import TwilioRestException

from tests.emulator.samples import DATE, assert_twilio_error
from tests.emulator.test_twilio_client import twilio_client
from tests.support.emulator import EmulatorProcess

PS = "/v1/PluginService"
FP_SID = re.compile(r"^FP[0-9a-f]{32}$")
FV_SID = re.compile(r"^FV[0-9a-f]{32}$")
FJ_SID = re.compile(r"^FJ[0-9a-f]{32}$")
FK_SID = re.compile(r"^FK[0-9a-f]{32}$")
MISSING_FV = "FV" + "e" * 32
MISSING_FJ = "FJ" + "e" * 32
BUNDLE = "https://assets.example.com/plugins/plugin-sample/{}/bundle.js"

PLUGIN_FIELDS = {
    "sid", "account_sid", "unique_name", "friendly_name", "description", "archived", "date_created",
    "date_updated", "url", "links",
}  # fmt: skip
VERSION_FIELDS = {
    "sid", "account_sid", "plugin_sid", "version", "plugin_url", "changelog", "private", "archived",
    "validated", "date_created", "url",
}  # fmt: skip
CONFIGURATION_FIELDS = {
    "sid",
    "account_sid",
    "name",
    "description",
    "archived",
    "date_created",
    "url",
    "links",
}
CONFIGURED_PLUGIN_FIELDS = {
    "account_sid", "configuration_sid", "plugin_sid", "plugin_version_sid", "phase", "plugin_url",
    "unique_name", "friendly_name", "description", "plugin_archived", "version", "plugin_version_archived",
    "changelog", "private", "date_created", "url",
}  # fmt: skip
RELEASE_FIELDS = {"sid", "account_sid", "configuration_sid", "date_created", "url"}


# ------------------------------------------------------------------------------------------------ helpers


def ok(response: httpx.Response, status: int = 200) -> dict[str, Any]:
    assert response.status_code == status, response.text
    body: dict[str, Any] = response.json()
    return body


def create_plugin(http: httpx.Client, name: str = "plugin-sample", **form: str) -> dict[str, Any]:
    return ok(http.post(f"{PS}/Plugins", data={"UniqueName": name, **form}), 201)


def create_version(http: httpx.Client, plugin: str, version: str = "1.0.0", **form: str) -> dict[str, Any]:
    data = {"Version": version, "PluginUrl": BUNDLE.format(version), **form}
    return ok(http.post(f"{PS}/Plugins/{plugin}/Versions", data=data), 201)


def entry(version_sid: str, phase: int | None = 3) -> str:
    value: dict[str, Any] = {"plugin_version": version_sid}
    if phase is not None:
        value["phase"] = phase
    return json.dumps(value)


def create_configuration(http: httpx.Client, *version_sids: str, name: str = "config") -> dict[str, Any]:
    data = {"Name": name, "Plugins": [entry(sid) for sid in version_sids]}
    return ok(http.post(f"{PS}/Configurations", data=data), 201)


def release(http: httpx.Client, configuration_sid: str) -> dict[str, Any]:
    return ok(http.post(f"{PS}/Releases", data={"ConfigurationId": configuration_sid}), 201)


def deployed(http: httpx.Client, name: str = "plugin-sample") -> tuple[dict[str, Any], dict[str, Any]]:
    """A plugin with version 1.0.0 in the active release."""
    plugin = create_plugin(http, name)
    version = create_version(http, plugin["sid"])
    release(http, create_configuration(http, version["sid"])["sid"])
    return plugin, version


# ------------------------------------------------------------------------------------------------ deploy


def test_full_deploy_flow_shapes_and_active_release(flex: EmulatorProcess) -> None:
    base = flex.base_url
    with flex.client() as http:
        plugin = create_plugin(http, FriendlyName="Sample", Description="the sample plugin")
        assert set(plugin) == PLUGIN_FIELDS
        assert FP_SID.match(plugin["sid"]) and plugin["account_sid"] == flex.account_sid
        assert (plugin["unique_name"], plugin["friendly_name"]) == ("plugin-sample", "Sample")
        assert plugin["description"] == "the sample plugin" and plugin["archived"] is False
        assert DATE.match(plugin["date_created"]) and plugin["date_updated"] == plugin["date_created"]
        assert plugin["url"] == f"{base}{PS}/Plugins/{plugin['sid']}"
        assert plugin["links"] == {"plugin_versions": f"{base}{PS}/Plugins/{plugin['sid']}/Versions"}

        version = create_version(
            http, plugin["sid"], Changelog="first", Private="true", ValidateStatus="success"
        )
        assert set(version) == VERSION_FIELDS  # no date_updated, no links
        assert FV_SID.match(version["sid"]) and version["plugin_sid"] == plugin["sid"]
        assert (version["version"], version["plugin_url"]) == ("1.0.0", BUNDLE.format("1.0.0"))
        assert (version["changelog"], version["private"], version["validated"]) == ("first", True, True)
        assert version["archived"] is False
        assert version["url"] == f"{base}{PS}/Plugins/{plugin['sid']}/Versions/{version['sid']}"

        configuration = create_configuration(http, version["sid"], name="v1 config")
        assert set(configuration) == CONFIGURATION_FIELDS
        assert FJ_SID.match(configuration["sid"]) and configuration["name"] == "v1 config"
        assert configuration["description"] is None and configuration["archived"] is False
        assert configuration["url"] == f"{base}{PS}/Configurations/{configuration['sid']}"
        assert configuration["links"] == {
            "plugins": f"{base}{PS}/Configurations/{configuration['sid']}/Plugins"
        }

        assert_twilio_error(http.get(f"{PS}/Releases/Active"), 404, 20404)  # nothing released yet
        created = release(http, configuration["sid"])
        assert set(created) == RELEASE_FIELDS
        assert FK_SID.match(created["sid"]) and created["configuration_sid"] == configuration["sid"]
        assert created["url"] == f"{base}{PS}/Releases/{created['sid']}"
        assert ok(http.get(f"{PS}/Releases/Active")) == created
        assert ok(http.get(f"{PS}/Releases/{created['sid']}")) == created

        # What Flex UI would load: the active release's configuration's plugins.
        listed = ok(http.get(f"{PS}/Configurations/{created['configuration_sid']}/Plugins"))
    [item] = listed["plugins"]
    assert listed["meta"]["key"] == "plugins"
    assert set(item) == CONFIGURED_PLUGIN_FIELDS
    assert item["plugin_sid"] == plugin["sid"] and item["plugin_version_sid"] == version["sid"]
    assert (item["phase"], item["plugin_url"], item["version"]) == (3, version["plugin_url"], "1.0.0")
    assert (item["unique_name"], item["friendly_name"], item["description"]) == (
        "plugin-sample",
        "Sample",
        "the sample plugin",
    )
    assert (item["plugin_archived"], item["plugin_version_archived"], item["private"]) == (False, False, True)
    assert item["url"] == f"{base}{PS}/Configurations/{configuration['sid']}/Plugins/{plugin['sid']}"


def test_stats_count_route_templates(flex: EmulatorProcess) -> None:
    with flex.client() as http:
        deployed(http)
        http.get(f"{PS}/Releases/Active")
        http.get(f"{PS}/Plugins/plugin-sample/Versions/1.0.0")
        other = create_plugin(http, "other")
        http.post(f"{PS}/Plugins/{other['sid']}/Archive")
    requests = flex.stats()["requests"]
    assert requests["POST /v1/PluginService/Plugins"] == 2
    assert requests["POST /v1/PluginService/Plugins/{PluginSid}/Versions"] == 1
    assert requests["GET /v1/PluginService/Plugins/{PluginSid}/Versions/{Sid}"] == 1
    assert requests["POST /v1/PluginService/Configurations"] == 1
    assert requests["POST /v1/PluginService/Releases"] == 1
    assert requests["GET /v1/PluginService/Releases/{Sid}"] == 1
    assert requests["POST /v1/PluginService/Plugins/{Sid}/Archive"] == 1


def test_flex_metadata_header_is_accepted(flex: EmulatorProcess) -> None:
    with flex.client(headers={"Flex-Metadata": '{"cli":"7.0.0"}'}) as http:
        plugin = create_plugin(http)
        assert ok(http.get(f"{PS}/Plugins/{plugin['sid']}"))["sid"] == plugin["sid"]


# ------------------------------------------------------------------------------------------------ plugins


def test_plugin_and_version_paths_accept_unique_name_and_version_string(flex: EmulatorProcess) -> None:
    with flex.client() as http:
        plugin = create_plugin(http, "by-name")
        assert ok(http.get(f"{PS}/Plugins/by-name")) == ok(http.get(f"{PS}/Plugins/{plugin['sid']}"))
        updated = ok(http.post(f"{PS}/Plugins/by-name", data={"FriendlyName": "Named"}))
        assert updated["sid"] == plugin["sid"] and updated["friendly_name"] == "Named"

        version = create_version(http, "by-name", "2.0.1")
        assert version["plugin_sid"] == plugin["sid"]
        assert ok(http.get(f"{PS}/Plugins/by-name/Versions/2.0.1")) == version
        assert ok(http.get(f"{PS}/Plugins/{plugin['sid']}/Versions/{version['sid']}")) == version
        listed = ok(http.get(f"{PS}/Plugins/by-name/Versions"))
        assert [v["sid"] for v in listed["plugin_versions"]] == [version["sid"]]
        # Meta URLs name the plugin by SID, whatever alias the request used.
        assert listed["meta"]["url"].startswith(f"{flex.base_url}{PS}/Plugins/{plugin['sid']}/Versions?")

        archived = ok(http.post(f"{PS}/Plugins/by-name/Versions/2.0.1/Archive"))
        assert archived["sid"] == version["sid"] and archived["archived"] is True
        assert ok(http.post(f"{PS}/Plugins/by-name/Archive"))["archived"] is True


def test_plugin_create_validation_and_duplicate_unique_name(flex: EmulatorProcess) -> None:
    with flex.client() as http:
        missing = assert_twilio_error(http.post(f"{PS}/Plugins", data={"FriendlyName": "x"}), 400, 20001)
        assert "UniqueName" in missing["message"]
        too_long = http.post(f"{PS}/Plugins", data={"UniqueName": "long", "Description": "d" * 501})
        assert "Description" in assert_twilio_error(too_long, 400, 20001)["message"]
        assert create_plugin(http, "long", Description="d" * 500)["description"] == "d" * 500
        assert create_plugin(http, "bare")["friendly_name"] is None

        duplicate = assert_twilio_error(http.post(f"{PS}/Plugins", data={"UniqueName": "long"}), 409, 45202)
        assert "long" in duplicate["message"]
        assert len(ok(http.get(f"{PS}/Plugins"))["plugins"]) == 2


def test_plugin_update_ignores_unique_name_and_refuses_archived(flex: EmulatorProcess) -> None:
    with flex.client() as http:
        plugin = create_plugin(http, "kept-name", FriendlyName="Old", Description="old")
        updated = ok(
            http.post(
                f"{PS}/Plugins/{plugin['sid']}",
                data={"FriendlyName": "New", "Description": "new", "UniqueName": "renamed"},
            )
        )
        assert (updated["unique_name"], updated["friendly_name"], updated["description"]) == (
            "kept-name",
            "New",
            "new",
        )
        assert_twilio_error(http.get(f"{PS}/Plugins/renamed"), 404, 20404)
        too_long = http.post(f"{PS}/Plugins/{plugin['sid']}", data={"Description": "d" * 501})
        assert_twilio_error(too_long, 400, 20001)

        http.post(f"{PS}/Plugins/{plugin['sid']}/Archive")
        refused = http.post(f"{PS}/Plugins/{plugin['sid']}", data={"FriendlyName": "after"})
        assert "archived" in assert_twilio_error(refused, 400, 45008)["message"]
        assert ok(http.get(f"{PS}/Plugins/{plugin['sid']}"))["friendly_name"] == "New"


def test_unknown_objects_in_paths_are_404(flex: EmulatorProcess) -> None:
    with flex.client() as http:
        missing = assert_twilio_error(http.get(f"{PS}/Plugins/no-such-plugin"), 404, 20404)
        assert (
            missing["message"] == "The requested resource /PluginService/Plugins/no-such-plugin was not found"
        )
        assert_twilio_error(http.get(f"{PS}/Plugins/no-such-plugin/Versions"), 404, 20404)
        versions = http.post(
            f"{PS}/Plugins/no-such-plugin/Versions", data={"Version": "1", "PluginUrl": "https://x"}
        )
        assert_twilio_error(versions, 404, 20404)
        assert_twilio_error(http.post(f"{PS}/Plugins/no-such-plugin/Archive"), 404, 20404)
        plugin = create_plugin(http)
        assert_twilio_error(http.get(f"{PS}/Plugins/{plugin['sid']}/Versions/9.9.9"), 404, 20404)
        assert_twilio_error(http.get(f"{PS}/Configurations/not-a-sid"), 404, 20404)
        assert_twilio_error(http.get(f"{PS}/Configurations/{MISSING_FJ}"), 404, 20404)
        assert_twilio_error(http.get(f"{PS}/Configurations/{MISSING_FJ}/Plugins"), 404, 20404)
        assert_twilio_error(http.get(f"{PS}/Releases/FK{'e' * 32}"), 404, 20404)


# ------------------------------------------------------------------------------------------------ versions


def test_versions_are_newest_first_unique_and_validated(flex: EmulatorProcess) -> None:
    with flex.client() as http:
        plugin = create_plugin(http)
        sids = [create_version(http, plugin["sid"], v)["sid"] for v in ("1.0.0", "1.1.0", "2.0.0")]
        listed = ok(http.get(f"{PS}/Plugins/{plugin['sid']}/Versions"))
        assert [v["sid"] for v in listed["plugin_versions"]] == sids[::-1]
        assert listed["meta"]["key"] == "plugin_versions"

        duplicate = http.post(
            f"{PS}/Plugins/{plugin['sid']}/Versions",
            data={"Version": "1.1.0", "PluginUrl": BUNDLE.format("x")},
        )
        assert "1.1.0" in assert_twilio_error(duplicate, 409, 45202)["message"]
        # Version strings are unique per plugin only.
        assert create_version(http, create_plugin(http, "another")["sid"], "1.1.0")["version"] == "1.1.0"

        path = f"{PS}/Plugins/{plugin['sid']}/Versions"
        for data, named in [
            ({"PluginUrl": BUNDLE.format("3")}, "Version"),
            ({"Version": "3.0.0"}, "PluginUrl"),
            ({"Version": "3.0.0", "PluginUrl": "not a url"}, "PluginUrl"),
            ({"Version": "3.0.0", "PluginUrl": "ftp://host/x.js"}, "PluginUrl"),
            ({"Version": "3.0.0", "PluginUrl": BUNDLE.format("3"), "Private": "maybe"}, "Private"),
            ({"Version": "3.0.0", "PluginUrl": BUNDLE.format("3"), "ValidateStatus": "ok"}, "ValidateStatus"),
        ]:
            assert named in assert_twilio_error(http.post(path, data=data), 400, 20001)["message"]

        defaults = create_version(http, plugin["sid"], "3.0.0")
        assert (defaults["changelog"], defaults["private"], defaults["validated"]) == (None, False, False)
        failed = create_version(http, plugin["sid"], "3.0.1", ValidateStatus="failure")
        assert failed["validated"] is False


def test_versions_page_newest_first_through_next_page_url(flex: EmulatorProcess) -> None:
    with flex.client() as http:
        plugin = create_plugin(http)
        created = [create_version(http, plugin["sid"], f"1.0.{i}")["version"] for i in range(5)]
        seen: list[str] = []
        url: str | None = f"{PS}/Plugins/{plugin['sid']}/Versions?PageSize=2"
        pages = 0
        while url is not None:
            body = ok(http.get(url))
            seen += [v["version"] for v in body["plugin_versions"]]
            url = body["meta"]["next_page_url"]
            pages += 1
    assert seen == created[::-1]
    assert pages == 3


def test_version_cannot_be_added_to_an_archived_plugin(flex: EmulatorProcess) -> None:
    with flex.client() as http:
        plugin = create_plugin(http)
        create_version(http, plugin["sid"])
        http.post(f"{PS}/Plugins/{plugin['sid']}/Archive")
        refused = http.post(
            f"{PS}/Plugins/{plugin['sid']}/Versions",
            data={"Version": "2.0.0", "PluginUrl": BUNDLE.format("2")},
        )
        assert_twilio_error(refused, 400, 45008)
        # Archived objects still list and fetch.
        assert [p["archived"] for p in ok(http.get(f"{PS}/Plugins"))["plugins"]] == [True]
        assert [
            v["version"] for v in ok(http.get(f"{PS}/Plugins/{plugin['sid']}/Versions"))["plugin_versions"]
        ] == ["1.0.0"]


# ------------------------------------------------------------------------------------------------ immutables


def test_immutable_objects_answer_405(flex: EmulatorProcess) -> None:
    with flex.client() as http:
        plugin, version = deployed(http)
        configuration_sid = ok(http.get(f"{PS}/Releases/Active"))["configuration_sid"]
        release_sid = ok(http.get(f"{PS}/Releases/Active"))["sid"]
        cases = [
            ("POST", f"{PS}/Plugins/{plugin['sid']}/Versions/{version['sid']}"),
            ("DELETE", f"{PS}/Plugins/{plugin['sid']}/Versions/{version['sid']}"),
            ("DELETE", f"{PS}/Plugins/{plugin['sid']}"),
            ("POST", f"{PS}/Configurations/{configuration_sid}"),
            ("DELETE", f"{PS}/Configurations/{configuration_sid}"),
            ("POST", f"{PS}/Releases/{release_sid}"),
            ("DELETE", f"{PS}/Releases/{release_sid}"),
            ("POST", f"{PS}/Releases/{release_sid}/Archive"),
            ("POST", f"{PS}/Configurations/{configuration_sid}/Plugins"),
            ("GET", f"{PS}/Plugins/{plugin['sid']}/Archive"),
        ]
        for method, path in cases:
            response = http.request(method, path, data={"Name": "x"} if method == "POST" else None)
            if path.endswith(f"/Releases/{release_sid}/Archive"):
                assert_twilio_error(response, 404, 20404)  # no such route at all
            else:
                assert_twilio_error(response, 405, 20004)
        assert ok(http.get(f"{PS}/Plugins/{plugin['sid']}/Versions/{version['sid']}")) == version


# ------------------------------------------------------------------------------------------------ archiving


def test_archive_shapes_and_archiving_twice_is_400(flex: EmulatorProcess) -> None:
    base = flex.base_url
    with flex.client() as http:
        plugin = create_plugin(http, FriendlyName="P")
        version = create_version(http, plugin["sid"])
        configuration = create_configuration(http, version["sid"])

        archived_configuration = ok(http.post(f"{PS}/Configurations/{configuration['sid']}/Archive"))
        assert set(archived_configuration) == CONFIGURATION_FIELDS - {"links"}
        assert archived_configuration["archived"] is True
        assert archived_configuration["url"] == f"{base}{PS}/Configurations/{configuration['sid']}/Archive"

        archived_version = ok(http.post(f"{PS}/Plugins/{plugin['sid']}/Versions/{version['sid']}/Archive"))
        assert set(archived_version) == VERSION_FIELDS - {"validated"}
        assert archived_version["archived"] is True
        assert archived_version["url"] == f"{version['url']}/Archive"

        archived_plugin = ok(http.post(f"{PS}/Plugins/{plugin['sid']}/Archive"))
        assert set(archived_plugin) == PLUGIN_FIELDS - {"links"}
        assert archived_plugin["archived"] is True and archived_plugin["friendly_name"] == "P"
        assert archived_plugin["url"] == f"{plugin['url']}/Archive"

        for path in (
            f"{PS}/Configurations/{configuration['sid']}/Archive",
            f"{PS}/Plugins/{plugin['sid']}/Versions/{version['sid']}/Archive",
            f"{PS}/Plugins/{plugin['sid']}/Archive",
        ):
            assert "already archived" in assert_twilio_error(http.post(path), 400, 45008)["message"]

        # Archived objects still fetch, in their normal shape.
        fetched = ok(http.get(f"{PS}/Plugins/{plugin['sid']}"))
        assert fetched["archived"] is True and "links" in fetched
        assert ok(http.get(f"{PS}/Configurations/{configuration['sid']}"))["archived"] is True
        assert ok(http.get(f"{PS}/Plugins/{plugin['sid']}/Versions/{version['sid']}"))["validated"] is False


def test_archiving_what_is_in_the_active_release_is_refused_until_released_without_it(
    flex: EmulatorProcess,
) -> None:
    with flex.client() as http:
        plugin, version = deployed(http, "released")
        active = ok(http.get(f"{PS}/Releases/Active"))
        refused = assert_twilio_error(http.post(f"{PS}/Plugins/{plugin['sid']}/Archive"), 400, 45008)
        assert "active release" in refused["message"] and active["sid"] in refused["message"]
        version_path = f"{PS}/Plugins/{plugin['sid']}/Versions/{version['sid']}/Archive"
        assert_twilio_error(http.post(version_path), 400, 45008)
        assert_twilio_error(
            http.post(f"{PS}/Configurations/{active['configuration_sid']}/Archive"), 400, 45008
        )
        assert ok(http.get(f"{PS}/Plugins/{plugin['sid']}"))["archived"] is False

        # Undeploy: release a configuration without the plugin, then archiving is allowed.
        other = create_plugin(http, "other")
        release(http, create_configuration(http, create_version(http, other["sid"])["sid"])["sid"])
        assert ok(http.post(version_path))["archived"] is True
        assert ok(http.post(f"{PS}/Plugins/{plugin['sid']}/Archive"))["archived"] is True
        assert ok(http.post(f"{PS}/Configurations/{active['configuration_sid']}/Archive"))["archived"] is True


# --------------------------------------------------------------------------------------------- configurations


def test_configuration_plugins_entries_are_validated(flex: EmulatorProcess) -> None:
    with flex.client() as http:
        plugin = create_plugin(http)
        v1 = create_version(http, plugin["sid"], "1.0.0")
        v2 = create_version(http, plugin["sid"], "2.0.0")
        gone = create_version(http, plugin["sid"], "0.9.0")
        http.post(f"{PS}/Plugins/{plugin['sid']}/Versions/{gone['sid']}/Archive")
        for plugins, reason in [
            (["not json"], "JSON object"),
            (["[1, 2]"], "JSON object"),
            ([json.dumps({"phase": 3})], "plugin_version"),
            ([json.dumps({"plugin_version": "FV123"})], "plugin_version"),
            ([entry(MISSING_FV)], "does not exist"),
            ([entry(gone["sid"])], "archived"),
            ([json.dumps({"plugin_version": v1["sid"], "phase": "3"})], "phase"),
            ([json.dumps({"plugin_version": v1["sid"], "phase": -1})], "phase"),
            ([json.dumps({"plugin_version": v1["sid"], "phase": 2.5})], "phase"),
            ([entry(v1["sid"]), entry(v2["sid"])], "at most one version"),
        ]:
            response = http.post(f"{PS}/Configurations", data={"Name": "bad", "Plugins": plugins})
            message = assert_twilio_error(response, 400, 20001)["message"]
            assert "Plugins" in message and reason in message, message
        missing_name = http.post(f"{PS}/Configurations", data={"Plugins": [entry(v1["sid"])]})
        assert "Name" in assert_twilio_error(missing_name, 400, 20001)["message"]
        assert ok(http.get(f"{PS}/Configurations"))["configurations"] == []

        # An entry without a phase gets the schema default, 0; a configuration may be empty.
        configuration = ok(
            http.post(
                f"{PS}/Configurations",
                data={"Name": "ok", "Description": "d", "Plugins": [entry(v2["sid"], phase=None)]},
            ),
            201,
        )
        assert configuration["description"] == "d"
        [item] = ok(http.get(f"{PS}/Configurations/{configuration['sid']}/Plugins"))["plugins"]
        assert item["phase"] == 0 and item["plugin_version_sid"] == v2["sid"]
        # JSON numbers: an integral 3.0 (what a client holding floats sends) is the integer 3.
        floaty = http.post(
            f"{PS}/Configurations",
            data={"Name": "f", "Plugins": [json.dumps({"plugin_version": v2["sid"], "phase": 3.0})]},
        )
        [item] = ok(http.get(f"{PS}/Configurations/{ok(floaty, 201)['sid']}/Plugins"))["plugins"]
        assert item["phase"] == 3 and isinstance(item["phase"], int)
        empty = ok(http.post(f"{PS}/Configurations", data={"Name": "empty"}), 201)
        assert ok(http.get(f"{PS}/Configurations/{empty['sid']}/Plugins"))["plugins"] == []

        # A version of an archived plugin cannot be configured either.
        http.post(f"{PS}/Plugins/{plugin['sid']}/Archive")
        response = http.post(f"{PS}/Configurations", data={"Name": "late", "Plugins": [entry(v1["sid"])]})
        assert "archived" in assert_twilio_error(response, 400, 20001)["message"]


def test_configurations_newest_first_and_configured_plugins(flex: EmulatorProcess) -> None:
    with flex.client() as http:
        alpha = create_plugin(http, "alpha", FriendlyName="Alpha")
        beta = create_plugin(http, "beta")
        va = create_version(http, alpha["sid"])
        vb = create_version(http, beta["sid"], "0.1.0", Private="true", Changelog="b")
        first = create_configuration(http, va["sid"], name="first")
        second = ok(
            http.post(
                f"{PS}/Configurations",
                data={"Name": "second", "Plugins": [entry(vb["sid"], 1), entry(va["sid"], 3)]},
            ),
            201,
        )
        listed = ok(http.get(f"{PS}/Configurations"))
        assert listed["meta"]["key"] == "configurations"
        assert [c["sid"] for c in listed["configurations"]] == [second["sid"], first["sid"]]

        items = ok(http.get(f"{PS}/Configurations/{second['sid']}/Plugins"))["plugins"]
        assert [(i["unique_name"], i["phase"]) for i in items] == [("beta", 1), ("alpha", 3)]  # request order
        assert (items[0]["version"], items[0]["private"], items[0]["changelog"]) == ("0.1.0", True, "b")
        assert {i["configuration_sid"] for i in items} == {second["sid"]}

        by_sid = ok(http.get(f"{PS}/Configurations/{second['sid']}/Plugins/{alpha['sid']}"))
        assert by_sid == items[1]
        assert ok(http.get(f"{PS}/Configurations/{second['sid']}/Plugins/alpha")) == by_sid
        assert_twilio_error(http.get(f"{PS}/Configurations/{first['sid']}/Plugins/{beta['sid']}"), 404, 20404)

        # Configured plugins show the plugin's current state.
        http.post(f"{PS}/Plugins/{alpha['sid']}", data={"FriendlyName": "Alpha 2"})
        http.post(f"{PS}/Plugins/{alpha['sid']}/Archive")
        now = ok(http.get(f"{PS}/Configurations/{first['sid']}/Plugins/alpha"))
        assert (now["friendly_name"], now["plugin_archived"], now["plugin_version_archived"]) == (
            "Alpha 2",
            True,
            False,
        )
    requests = flex.stats()["requests"]
    assert requests["GET /v1/PluginService/Configurations/{ConfigurationSid}/Plugins/{PluginSid}"] == 4


# ------------------------------------------------------------------------------------------------ releases


def test_releases_newest_first_and_active_follows_the_newest(flex: EmulatorProcess) -> None:
    with flex.client() as http:
        plugin = create_plugin(http)
        c1 = create_configuration(http, create_version(http, plugin["sid"], "1.0.0")["sid"], name="c1")
        c2 = create_configuration(http, create_version(http, plugin["sid"], "2.0.0")["sid"], name="c2")
        r1 = release(http, c1["sid"])
        r2 = release(http, c2["sid"])
        assert ok(http.get(f"{PS}/Releases/Active"))["sid"] == r2["sid"]
        r3 = release(http, c1["sid"])  # rollback = a new release of the older configuration
        listed = ok(http.get(f"{PS}/Releases"))
        assert listed["meta"]["key"] == "releases"
        assert [r["sid"] for r in listed["releases"]] == [r3["sid"], r2["sid"], r1["sid"]]
        active = ok(http.get(f"{PS}/Releases/Active"))
        assert active == listed["releases"][0] and active["configuration_sid"] == c1["sid"]


def test_release_requires_a_releasable_configuration(flex: EmulatorProcess) -> None:
    with flex.client() as http:
        assert "ConfigurationId" in assert_twilio_error(http.post(f"{PS}/Releases"), 400, 20001)["message"]
        for bad in ("not-a-sid", MISSING_FJ):
            response = http.post(f"{PS}/Releases", data={"ConfigurationId": bad})
            assert "ConfigurationId" in assert_twilio_error(response, 400, 20001)["message"]

        plugin = create_plugin(http)
        version = create_version(http, plugin["sid"])
        archived = create_configuration(http, version["sid"], name="archived")
        http.post(f"{PS}/Configurations/{archived['sid']}/Archive")
        refused = http.post(f"{PS}/Releases", data={"ConfigurationId": archived["sid"]})
        assert "archived" in assert_twilio_error(refused, 400, 45008)["message"]

        # A configuration whose version was archived after it was created cannot be released either.
        stale = create_configuration(http, version["sid"], name="stale")
        http.post(f"{PS}/Plugins/{plugin['sid']}/Versions/{version['sid']}/Archive")
        refused = http.post(f"{PS}/Releases", data={"ConfigurationId": stale["sid"]})
        assert_twilio_error(refused, 400, 45008)
        assert ok(http.get(f"{PS}/Releases"))["releases"] == []
        assert_twilio_error(http.get(f"{PS}/Releases/Active"), 404, 20404)


# ---------------------------------------------------------------------------------------------- twilio-python


def test_official_client_deploys_and_archives(flex: EmulatorProcess) -> None:
    v1 = twilio_client(flex).flex_api.v1
    plugin = v1.plugins.create(
        unique_name="official", friendly_name="Official", description="via twilio-python", flex_metadata="{}"
    )
    assert plugin.sid is not None and FP_SID.match(plugin.sid)
    assert plugin.links == {"plugin_versions": f"{flex.base_url}{PS}/Plugins/{plugin.sid}/Versions"}
    assert v1.plugins("official").fetch().sid == plugin.sid
    assert v1.plugins(plugin.sid).update(friendly_name="Renamed").friendly_name == "Renamed"

    versions = v1.plugins("official").plugin_versions
    version = versions.create(
        resource_version="1.0.0", plugin_url=BUNDLE.format("1.0.0"), private=True, validate_status="success"
    )
    newer = versions.create(resource_version="1.1.0", plugin_url=BUNDLE.format("1.1.0"), changelog="fix")
    assert (version.private, version.validated, version.plugin_sid) == (True, True, plugin.sid)
    assert [v.version for v in versions.list()] == ["1.1.0", "1.0.0"]
    assert versions("1.0.0").fetch().sid == version.sid
    with pytest.raises(TwilioRestException) as duplicate:
        versions.create(resource_version="1.0.0", plugin_url=BUNDLE.format("1.0.0"))
    assert (duplicate.value.status, duplicate.value.code) == (409, 45202)

    assert newer.sid is not None
    configuration = v1.plugin_configurations.create(
        name="official config", plugins=[{"plugin_version": newer.sid, "phase": 3}], description="d"
    )
    assert configuration.sid is not None
    [configured] = v1.plugin_configurations(configuration.sid).plugins.list()
    assert (configured.plugin_version_sid, configured.phase, configured.unique_name) == (
        newer.sid,
        3,
        "official",
    )
    assert v1.plugin_configurations(configuration.sid).plugins(plugin.sid).fetch().version == "1.1.0"

    released = v1.plugin_releases.create(configuration_id=configuration.sid)
    assert released.configuration_sid == configuration.sid
    assert v1.plugin_releases("Active").fetch().sid == released.sid
    assert [r.sid for r in v1.plugin_releases.list()] == [released.sid]
    assert [c.sid for c in v1.plugin_configurations.list()] == [configuration.sid]

    with pytest.raises(TwilioRestException) as in_release:
        v1.plugin_archive(plugin.sid).update()
    assert (in_release.value.status, in_release.value.code) == (400, 45008)
    assert version.sid is not None
    archived_version = v1.plugin_version_archive(plugin.sid, version.sid).update()
    assert archived_version.archived is True
    empty = v1.plugin_configurations.create(name="empty")
    assert empty.sid is not None
    v1.plugin_releases.create(configuration_id=empty.sid)
    assert v1.plugin_configuration_archive(configuration.sid).update().archived is True
    archived = v1.plugin_archive(plugin.sid).update()
    assert archived.archived is True and archived.url == f"{flex.base_url}{PS}/Plugins/{plugin.sid}/Archive"
    with pytest.raises(TwilioRestException) as twice:
        v1.plugin_archive(plugin.sid).update()
    assert twice.value.status == 400


def test_concurrent_creates_of_one_unique_name_make_one_plugin(flex: EmulatorProcess) -> None:
    def attempt(_: int) -> int:
        with flex.client() as http:
            return http.post(f"{PS}/Plugins", data={"UniqueName": "raced"}).status_code

    with ThreadPoolExecutor(max_workers=8) as pool:
        statuses = list(pool.map(attempt, range(16)))
    assert sorted(statuses) == [201] + [409] * 15
    with flex.client() as http:
        assert len(ok(http.get(f"{PS}/Plugins"))["plugins"]) == 1
