"""Reliability end to end: dozens of objects under injected 429s, 5xx and lost responses, an
emulator restart in the middle of an up, and a 200-object stack at the CLI's default
parallelism. Afterwards the emulator must hold exactly the declared objects: no duplicates,
no orphans, and the next preview shows no changes."""

from __future__ import annotations

import subprocess
import time
from collections import Counter
from typing import Any

import httpx
import pytest

from tests.e2e.conftest import ProjectFactory
from tests.support.emulator import EmulatorProcess

pytestmark = pytest.mark.e2e

PS = "/v1/PluginService"
QM = "/v1/Insights/QualityManagement"

FAULTS = {"429": 0.3, "500": 0.05, "lost": 0.05, "seed": 20261125}

# Dozens of objects of every kind, named from config so an update renames them all.
MIXED_PROGRAM = """
import pulumi
import pulumi_flex as flex

c = pulumi.Config()
suffix = c.require("suffix")
flows = [
    flex.FlexFlow(
        f"flow-{i}", friendly_name=f"flow {i} {suffix}", chat_service_sid="IS" + "1" * 32,
        channel_type="sms", integration_type="external",
        integration={"url": f"https://hooks.example.com/{i}", "retry_count": 1},
    )
    for i in range(20)
]
channels = [
    flex.WebChannel(
        f"chat-{i}", flex_flow_sid=flows[i].sid, identity=f"visitor-{i}",
        customer_friendly_name="Customer", chat_friendly_name="Chat",
    )
    for i in range(5)
]
categories = [flex.QuestionnaireCategory(f"cat-{i}", name=f"category {i} {suffix}") for i in range(4)]
questions = [
    flex.QuestionnaireQuestion(
        f"q-{i}", category_sid=categories[i % 4].category_sid, question=f"question {i} {suffix}?",
        answer_set_id=c.require("answerSet"), allow_na=bool(i % 2),
    )
    for i in range(8)
]
flex.Questionnaire(
    "review", name=f"review {suffix}", active=True, question_sids=[q.question_sid for q in questions]
)
plugin = flex.Plugin("plugin", unique_name="plugin-faults", friendly_name=f"plugin {suffix}")
version = flex.PluginVersion(
    "version", plugin_sid=plugin.sid, version="1.0.0", plugin_url="https://assets.example.com/p/1.0.0.js"
)
configuration = flex.PluginConfiguration(
    "configuration", name="faults", plugins=[{"plugin_version": version.sid, "phase": 3}]
)
flex.PluginRelease("release", configuration_sid=configuration.sid)
flex.Configuration("config", ui_language=f"lang-{suffix}")
"""


def names(http: httpx.Client, path: str, key: str, field: str, **params: Any) -> list[str]:
    response = http.get(path, params={"PageSize": 1000, **params})
    assert response.status_code == 200, response.text
    return [record[field] for record in response.json()[key]]


def assert_exactly_declared(flex: EmulatorProcess, suffix: str) -> None:
    """The account holds the declared objects once each, and nothing else."""
    flex.set_faults({})
    http = flex.client()
    flows = names(http, "/v1/FlexFlows", "flex_flows", "friendly_name")
    assert sorted(flows) == sorted(f"flow {i} {suffix}" for i in range(20))
    assert len(names(http, "/v1/WebChannels", "flex_chat_channels", "sid")) == 5
    categories = names(http, f"{QM}/Categories", "categories", "name")
    assert sorted(categories) == sorted(f"category {i} {suffix}" for i in range(4))
    questions = names(http, f"{QM}/Questions", "questions", "question")
    assert sorted(questions) == sorted(f"question {i} {suffix}?" for i in range(8))
    assert names(http, f"{QM}/Questionnaires", "questionnaires", "name", IncludeInactive="true") == [
        f"review {suffix}"
    ]
    assert names(http, f"{PS}/Plugins", "plugins", "unique_name") == ["plugin-faults"]
    versions = names(http, f"{PS}/Plugins/plugin-faults/Versions", "plugin_versions", "version")
    assert versions == ["1.0.0"]
    live = [c for c in http.get(f"{PS}/Configurations").json()["configurations"] if c["name"] == "faults"]
    assert len(live) == 1
    assert http.get(f"{PS}/Releases/Active").json()["configuration_sid"] == live[0]["sid"]
    assert http.get("/v1/Configuration").json()["ui_language"] == f"lang-{suffix}"


def test_dozens_of_objects_under_faults_converge(project: ProjectFactory, flex: EmulatorProcess) -> None:
    answer_set = flex.client().get(f"{QM}/Settings/AnswerSets").json()["answer_sets"][0]["id"]
    stack = project(MIXED_PROGRAM)
    stack.config("answerSet", answer_set)
    stack.config("suffix", "a")
    injected: Counter[str] = Counter()

    def with_faults(*args: str) -> None:
        flex.set_faults(FAULTS)
        stack.run(*args)
        injected.update(flex.faults()["injected"])
        flex.set_faults({})

    with_faults("up", "--yes", "--skip-preview")
    assert_exactly_declared(flex, "a")
    stack.preview("--expect-no-changes")

    stack.config("suffix", "b")  # renames every object: dozens of updates under faults
    with_faults("up", "--yes", "--skip-preview")
    assert_exactly_declared(flex, "b")
    stack.preview("--expect-no-changes")
    with_faults("refresh", "--yes", "--skip-preview", "--expect-no-changes")

    with_faults("destroy", "--yes", "--skip-preview")
    http = flex.client()
    assert names(http, "/v1/FlexFlows", "flex_flows", "sid") == []
    assert names(http, "/v1/WebChannels", "flex_chat_channels", "sid") == []
    assert names(http, f"{QM}/Questions", "questions", "question_sid") == []
    assert names(http, f"{QM}/Categories", "categories", "category_sid") == []
    assert names(http, f"{QM}/Questionnaires", "questionnaires", "name", IncludeInactive="true") == []
    plugins = http.get(f"{PS}/Plugins").json()["plugins"]
    assert [p["archived"] for p in plugins] == [True]
    assert stack.resources(":FlexFlow") == []
    # Every kind of fault really happened; the figures go in the issue note.
    assert all(injected[kind] > 0 for kind in ("429", "500", "lost")), injected
    print(f"faults injected: {dict(injected)}")


def test_emulator_restart_during_up_converges(project: ProjectFactory, flex: EmulatorProcess) -> None:
    program = """
import pulumi_flex as flex
for i in range(40):
    flex.FlexFlow(f"flow-{i}", friendly_name=f"restart {i}", chat_service_sid="IS" + "2" * 32,
                  channel_type="web")
"""
    stack = project(program)
    flex.set_faults({"latency_ms": 100})
    up = subprocess.Popen(
        ["pulumi", "up", "--yes", "--skip-preview", "--non-interactive"],
        cwd=stack.directory,
        env=stack.env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 120
        while flex.stats()["requests"].get("POST /v1/FlexFlows", 0) < 8:
            assert up.poll() is None, "up finished before the restart"
            assert time.monotonic() < deadline, "up made no progress"
            time.sleep(0.1)
        flex.restart()  # same port, same data dir; in-flight and new requests see a dead server
        flex.set_faults({})
        output, _ = up.communicate(timeout=300)
        print(f"up across the restart exited {up.returncode}; last lines: {output.splitlines()[-3:]}")
    finally:
        if up.poll() is None:
            up.kill()
            up.wait()
    stack.up()  # whatever the first up made of it, the next one converges
    flows = names(flex.client(), "/v1/FlexFlows", "flex_flows", "friendly_name")
    assert sorted(flows) == sorted(f"restart {i}" for i in range(40))
    stack.preview("--expect-no-changes")
    stack.destroy()
    assert names(flex.client(), "/v1/FlexFlows", "flex_flows", "sid") == []


def test_two_hundred_objects_at_default_parallelism(project: ProjectFactory, flex: EmulatorProcess) -> None:
    program = """
import pulumi_flex as flex
for i in range(150):
    flex.FlexFlow(f"flow-{i}", friendly_name=f"bulk {i}", chat_service_sid="IS" + "3" * 32,
                  channel_type="web")
for i in range(50):
    flex.QuestionnaireCategory(f"cat-{i}", name=f"bulk category {i}")
"""
    stack = project(program)
    stack.up()
    http = flex.client()
    assert len(set(names(http, "/v1/FlexFlows", "flex_flows", "friendly_name"))) == 150
    assert len(set(names(http, f"{QM}/Categories", "categories", "name"))) == 50
    stack.preview("--expect-no-changes")
    stack.destroy()
    assert names(http, "/v1/FlexFlows", "flex_flows", "sid") == []
    assert names(http, f"{QM}/Categories", "categories", "name") == []


IDENTICAL_PROGRAM = """
import pulumi
import pulumi_flex as flex

for i in range(20):
    flex.FlexFlow(
        f"same-{i}", friendly_name="identical", chat_service_sid="IS" + "2" * 32, channel_type="web",
    )
"""


def test_identical_declarations_under_lost_responses_get_distinct_objects(
    project: ProjectFactory, flex: EmulatorProcess
) -> None:
    # Lost responses make creates reconcile by listing; identical declarations all match every
    # identical object, so reconciliation must never hand one object to two resources.
    stack = project(IDENTICAL_PROGRAM)
    flex.set_faults({"lost": 0.3, "seed": 20261201})
    stack.up()
    flex.set_faults({})
    held = [r["id"] for r in stack.resources(":FlexFlow")]
    in_account = names(flex.client(), "/v1/FlexFlows", "flex_flows", "sid")
    assert len(held) == 20 and len(set(held)) == 20  # 20 distinct objects in the stack
    assert sorted(in_account) == sorted(held)  # and no orphans
    stack.preview("--expect-no-changes")
