"""Retries (429 with Retry-After, 5xx on idempotent requests, the deadline), ambiguous creates
reconciled (exactly one object whatever the faults), and listings shared between reads."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from pulumi_flex.client.errors import FlexError
from pulumi_flex.provider import runtime
from pulumi_flex.resources.configuration import ConfigurationProvider
from pulumi_flex.resources.flex_flow import FlexFlowProvider
from pulumi_flex.resources.questionnaire_category import QuestionnaireCategoryProvider
from pulumi_flex.resources.questionnaire_question import QuestionnaireQuestionProvider
from tests.inprocess.conftest import SECOND, Emulator
from tests.inprocess.samples import MOVED, QM, YES_NO, Props, Sample, api_path, new_category, samples

FLOWS = "/v1/FlexFlows"
CATEGORIES = f"{QM}/Categories"
QUESTIONS = f"{QM}/Questions"


def flow(name: str = "support") -> Props:
    return {
        "friendly_name": name,
        "chat_service_sid": "IS" + "1" * 32,
        "channel_type": "sms",
        "integration_type": "external",
        "integration": {"url": "https://hooks.example.com/flex"},
    }


def listing(flex: Emulator, sample: Sample, inputs: Props) -> list[Props]:
    spec = sample.provider.spec
    query = {**spec.list_params, "PageSize": 50}  # the smallest maximum of any list endpoint
    body = flex.call("GET", api_path(spec, spec.list_path(inputs)), params=query)
    records: list[Props] = body[spec.list_key]
    return records


# --- ambiguous creates -------------------------------------------------------------------------------


# A lost response is reconciled by each kind's own matching, so every kind meets it. A 500 that made
# nothing is sent again after a pause, the same for every kind: one of each matching rule meets it.
RESENT = ("FlexFlow", "WebChannel", "PluginRelease", "QuestionnaireCategory", "Workspace")
AMBIGUOUS = [
    pytest.param(sample.values[0], fault, id=f"{sample.id}-{fault}")
    for sample in samples(without=("Configuration",))
    for fault in ("lost", "500")
    if fault == "lost" or sample.id in RESENT
]


@pytest.mark.parametrize(("sample", "fault"), AMBIGUOUS)
def test_an_ambiguous_create_makes_exactly_one_object(sample: Sample, fault: str, flex: Emulator) -> None:
    provider = sample.provider()
    inputs = sample.make(flex).inputs
    path = api_path(provider.spec, provider.spec.list_path(inputs))
    before = len(listing(flex, sample, inputs))
    flex.reset_counts()
    flex.transport.fail("POST", path, fault)
    result = provider.create(inputs)
    assert flex.transport.pending == 0  # the fault was met
    posts = flex.transport.log.count(("POST", path))
    lookups = flex.transport.log.count(("GET", path))
    # lost: processed, so the lookup finds it; 500: not processed, the lookup finds nothing, it is sent again
    assert (posts, lookups) == ((1, 1) if fault == "lost" else (2, 1))
    records = listing(flex, sample, inputs)
    assert len(records) == before + 1
    assert str(result.id) in [r[provider.spec.id_field] for r in records]


def test_a_create_whose_lookup_fails_says_the_object_may_exist(flex: Emulator) -> None:
    flex.configure(retryDeadline="0.5")
    runtime_reset(flex)
    flex.transport.fail("POST", FLOWS, "lost")
    flex.transport.fail("GET", FLOWS, "500", times=100)
    unknown = r"the outcome is unknown, so the object may exist .*; and looking for what it made failed"
    with pytest.raises(FlexError, match=unknown):
        FlexFlowProvider().create(flow())


def test_a_create_that_keeps_failing_gives_up_at_the_deadline(flex: Emulator) -> None:
    flex.configure(retryDeadline="1")
    runtime_reset(flex)
    flex.transport.fail("POST", FLOWS, "500", times=100)
    with pytest.raises(FlexError, match=r"gave up creating a FlexFlow after \d+ attempts"):
        FlexFlowProvider().create(flow())
    assert flex.call("GET", FLOWS)["flex_flows"] == []  # nothing was made


# --- retries -----------------------------------------------------------------------------------------


def test_429_waits_for_retry_after(flex: Emulator) -> None:
    provider = FlexFlowProvider()
    created = provider.create(flow())
    assert created.outs is not None
    flex.transport.fail("GET", f"{FLOWS}/{created.id}", "429", retry_after=1)
    started = time.monotonic()
    result = provider.read(str(created.id), created.outs)
    assert time.monotonic() - started >= 1.0
    assert result.outs == created.outs
    assert flex.transport.log.count(("GET", f"{FLOWS}/{created.id}")) == 2


def test_a_create_answered_429_is_sent_again_without_a_lookup(flex: Emulator) -> None:
    flex.transport.fail("POST", FLOWS, "429", times=2, retry_after=0)
    FlexFlowProvider().create(flow())
    assert flex.transport.log.count(("POST", FLOWS)) == 3  # a 429 was never processed
    assert ("GET", FLOWS) not in flex.transport.log
    assert len(flex.call("GET", FLOWS)["flex_flows"]) == 1


def test_5xx_is_retried_on_idempotent_requests(flex: Emulator) -> None:
    provider = FlexFlowProvider()
    created = provider.create(flow())
    assert created.outs is not None
    sid, path = str(created.id), f"{FLOWS}/{created.id}"
    flex.transport.fail("GET", path, "500")
    assert provider.read(sid, created.outs).id == sid
    flex.transport.fail("POST", path, "lost")  # an update is idempotent: sent again
    updated = provider.update(sid, created.outs, flow("renamed"))
    assert updated.outs is not None and updated.outs["friendly_name"] == "renamed"
    flex.transport.fail("DELETE", path, "500")
    provider.delete(sid, updated.outs)
    assert flex.transport.log.count(("GET", path)) == 2
    assert flex.transport.log.count(("POST", path)) == 2
    assert flex.transport.log.count(("DELETE", path)) == 2
    assert flex.call("GET", FLOWS)["flex_flows"] == []


def test_a_configuration_write_is_retried(flex: Emulator) -> None:
    flex.transport.fail("POST", "/v1/Configuration", "500")
    result = ConfigurationProvider().create({"ui_language": "fr"})
    assert result.outs is not None and result.outs["ui_language"] == "fr"
    assert flex.transport.log.count(("POST", "/v1/Configuration")) == 2


def test_retries_stop_at_the_deadline(flex: Emulator) -> None:
    provider = FlexFlowProvider()
    created = provider.create(flow())
    assert created.outs is not None
    flex.configure(retryDeadline="0.5")
    runtime_reset(flex)
    flex.transport.fail("GET", f"{FLOWS}/{created.id}", "500", times=100)
    with pytest.raises(FlexError, match=r"retry deadline 0\.5s; set flex:retryDeadline"):
        provider.read(str(created.id), created.outs)


@pytest.mark.parametrize("value", ["soon", "0", "-3"])
def test_a_bad_retry_deadline_says_what_to_set(flex: Emulator, value: str) -> None:
    flex.configure(retryDeadline=value)
    with pytest.raises(FlexError, match="flex:retryDeadline must be"):
        FlexFlowProvider().create(flow())


def test_the_retry_deadline_falls_back_to_the_environment(
    flex: Emulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FLEX_RETRY_DEADLINE", "0.4")
    flex.transport.fail("GET", CATEGORIES, "500", times=100)
    started = time.monotonic()
    with pytest.raises(FlexError, match=r"retry deadline 0\.4s"):
        QuestionnaireCategoryProvider().read("FY" + "0" * 32, {})  # reads by listing
    assert time.monotonic() - started < 5


def runtime_reset(flex: Emulator) -> None:
    """Drop the shared clients, so the next one is built with the settings now configured."""
    runtime.use_transport(flex.transport)


# --- listings ----------------------------------------------------------------------------------------


def test_reads_of_categories_share_one_listing_until_a_write(flex: Emulator) -> None:
    provider = QuestionnaireCategoryProvider()
    made = [provider.create({"name": f"category {n}"}) for n in range(4)]
    flex.reset_counts()
    for result in made:
        assert result.outs is not None
        assert provider.read(str(result.id), result.outs).outs == result.outs
    assert flex.transport.log.count(("GET", CATEGORIES)) == 1
    renamed = provider.update(str(made[0].id), made[0].outs or {}, {"name": "renamed"})  # a write
    assert renamed.outs is not None
    assert provider.read(str(made[0].id), made[0].outs or {}).outs == renamed.outs  # not the stale listing
    assert flex.transport.log.count(("GET", CATEGORIES)) == 2


def test_concurrent_reads_share_one_listing(flex: Emulator) -> None:
    provider = QuestionnaireQuestionProvider()
    category = new_category(flex)
    made = [
        provider.create(
            {
                "category_sid": category,
                "question": f"question {n}?",
                "answer_set_id": YES_NO,
                "allow_na": True,
            }
        )
        for n in range(8)
    ]
    flex.reset_counts()
    with ThreadPoolExecutor(4) as pool:  # the engine calls a provider from up to four threads
        results = list(pool.map(lambda r: provider.read(str(r.id), r.outs or {}), made))
    assert [r.outs for r in results] == [r.outs for r in made]
    assert flex.transport.log.count(("GET", QUESTIONS)) == 1
    provider.delete(str(made[0].id), made[0].outs or {})  # a write: the next read lists again
    assert provider.read(str(made[0].id), made[0].outs or {}).id is None
    assert provider.read(str(made[1].id), made[1].outs or {}).id == made[1].id
    assert flex.transport.log.count(("GET", QUESTIONS)) == 2


def test_each_account_has_its_own_listing(flex: Emulator) -> None:
    provider = QuestionnaireCategoryProvider()
    ours = provider.create({"name": "ours"})
    theirs = provider.create({"name": "theirs", **MOVED})
    assert ours.outs is not None and theirs.outs is not None
    flex.reset_counts()
    assert provider.read(str(ours.id), ours.outs).id == ours.id
    assert provider.read(str(theirs.id), theirs.outs).id == theirs.id
    assert provider.read(str(theirs.id), ours.outs).id is None  # not in the stack's account
    assert flex.transport.log.count(("GET", CATEGORIES)) == 2
    assert flex.call("GET", CATEGORIES, account=SECOND)["categories"][0]["name"] == "theirs"
