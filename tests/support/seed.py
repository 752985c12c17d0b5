"""Seed an emulator account with objects of every kind, as a console user would make them."""

from __future__ import annotations

import json
from dataclasses import dataclass
from urllib.parse import urlencode

import httpx

PS = "/v1/PluginService"
QM = "/v1/Insights/QualityManagement"


def post_pairs(http: httpx.Client, path: str, pairs: list[tuple[str, str]]) -> httpx.Response:
    """A form POST with repeated keys (httpx's ``data=`` takes a mapping only)."""
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    return http.post(path, content=urlencode(pairs), headers=headers)


def _ok(response: httpx.Response) -> dict[str, object]:
    assert response.is_success, f"{response.request.method} {response.request.url}: {response.text}"
    body: dict[str, object] = response.json()
    return body


@dataclass
class Seeded:
    total: int = 0


def seed_account(http: httpx.Client, *, flows: int = 3, plugins: int = 2, categories: int = 2) -> Seeded:
    """``flows`` flows (every other with a web channel), ``plugins`` plugins with two versions each
    (the latest released in one configuration), ``categories`` categories with two questions each
    and one questionnaire over all questions, and a tweaked Flex configuration."""
    seeded = Seeded()

    def made(response: httpx.Response) -> dict[str, object]:
        seeded.total += 1
        return _ok(response)

    for i in range(flows):
        form = {
            "FriendlyName": f"flow {i}",
            "ChatServiceSid": "IS" + "5" * 32,
            "ChannelType": "web",
            "IntegrationType": "external",
            "Integration.Url": f"https://hooks.example.com/{i}",
            "Integration.RetryCount": str(i % 4),
            "Enabled": "true",
        }
        flow = made(http.post("/v1/FlexFlows", data=form))
        if i % 2 == 0:
            made(
                http.post(
                    "/v1/WebChannels",
                    data={
                        "FlexFlowSid": flow["sid"],
                        "Identity": f"visitor-{i}",
                        "CustomerFriendlyName": "Customer",
                        "ChatFriendlyName": "Chat",
                    },
                )
            )
    latest = []
    for i in range(plugins):
        plugin = made(
            http.post(f"{PS}/Plugins", data={"UniqueName": f"plugin-{i}", "FriendlyName": f"Plugin {i}"})
        )
        for version in ("1.0.0", "1.1.0"):
            record = made(
                http.post(
                    f"{PS}/Plugins/{plugin['sid']}/Versions",
                    data={
                        "Version": version,
                        "PluginUrl": f"https://assets.example.com/{i}/{version}.js",
                        "Changelog": f"release {version}",
                        "Private": "true",
                    },
                )
            )
        latest.append(record)
    if latest:
        entries = [("Plugins", json.dumps({"plugin_version": v["sid"], "phase": 3})) for v in latest]
        configuration = made(post_pairs(http, f"{PS}/Configurations", [("Name", "production"), *entries]))
        made(http.post(f"{PS}/Releases", data={"ConfigurationId": configuration["sid"]}))
    answer_set = _ok(http.get(f"{QM}/Settings/AnswerSets"))["answer_sets"][0]["id"]  # type: ignore[index]
    questions = []
    for i in range(categories):
        category = made(http.post(f"{QM}/Categories", data={"Name": f"category {i}"}))
        for j in range(2):
            questions.append(
                made(
                    http.post(
                        f"{QM}/Questions",
                        data={
                            "CategorySid": category["category_sid"],
                            "Question": f"question {i}.{j}?",
                            "AnswerSetId": answer_set,
                            "AllowNa": "true" if j else "false",
                            "Description": "seeded",
                        },
                    )
                )
            )
    if questions:
        pairs = [("Name", "seeded review"), ("Description", "seeded"), ("Active", "true")]
        pairs += [("QuestionSids", str(q["question_sid"])) for q in questions]
        made(post_pairs(http, f"{QM}/Questionnaires", pairs))
    account_sid = http.get("/v1/Configuration").json()["account_sid"]
    _ok(
        http.post(
            "/v1/Configuration",
            json={
                "account_sid": account_sid,
                "ui_language": "es",
                "ui_attributes": {"theme": {"isLight": False}},
            },
        )
    )
    return seeded
