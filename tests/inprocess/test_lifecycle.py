"""Every provider method of every resource, against the emulator app in process: check, diff,
create, read, update, delete and adopt, written once over the table in ``samples``."""

from __future__ import annotations

import re

import pytest

import pulumi_flex.resources
from pulumi_flex.client.errors import FlexError
from pulumi_flex.provider.dynamic import SpecProvider
from pulumi_flex.resources.base import FlexResource
from pulumi_flex.specs.compare import changed_fields
from tests.inprocess.conftest import PRIMARY, Emulator
from tests.inprocess.samples import SAMPLES, Made, Props, Sample, samples, unknown

ENGINE = {"__provider": "<pickled provider>"}  # the engine adds this to every resource's inputs


def declared_differences(provider: SpecProvider, outputs: Props, inputs: Props) -> list[str]:
    """The declared inputs the outputs do not show (compared as diff compares them)."""
    return changed_fields(provider.spec, outputs, provider.declared(inputs))


def created(sample: Sample, flex: Emulator) -> tuple[SpecProvider, Made, str, Props]:
    provider = sample.provider()
    made = sample.make(flex)
    result = provider.create(made.inputs)
    assert result.outs is not None
    return provider, made, str(result.id), result.outs


def test_every_resource_has_a_row_in_the_table() -> None:
    resources = [getattr(pulumi_flex.resources, name) for name in pulumi_flex.resources.__all__]
    providers = {
        cls.provider_class
        for cls in resources
        if isinstance(cls, type) and issubclass(cls, FlexResource) and cls is not FlexResource
    }
    assert providers == {sample.provider for sample in SAMPLES}, "add a row to tests/inprocess/samples.py"


# --- check -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("sample", samples())
def test_check_accepts_valid_inputs(sample: Sample, flex: Emulator) -> None:
    news = {**sample.make(flex).inputs, **ENGINE}
    result = sample.provider().check({}, news)
    assert result.failures == []
    assert result.inputs == news  # passed on as they are, the engine's key included


@pytest.mark.parametrize("sample", samples())
def test_check_names_an_invalid_input(sample: Sample, flex: Emulator) -> None:
    path, bad = sample.invalid
    inputs = sample.make(flex).inputs
    head, _, rest = path.partition(".")
    if rest:  # an item inside a list input: replace that item
        index, _, key = rest.partition(".")
        items = [dict(item) if isinstance(item, dict) else item for item in inputs[head]]
        if key:
            items[int(index)][key] = bad
        else:
            items[int(index)] = bad
        inputs = {**inputs, head: items}
    else:
        inputs = {**inputs, head: bad}
    failures = sample.provider().check({}, inputs).failures
    assert [f.property for f in failures] == [path]
    assert failures[0].reason  # says what would be valid


@pytest.mark.parametrize("sample", samples())
def test_check_names_a_misspelled_input(sample: Sample, flex: Emulator) -> None:
    failures = sample.provider().check({}, {**sample.make(flex).inputs, "descripton": "typo"}).failures
    assert [f.property for f in failures] == ["descripton"]
    assert "is not an input of" in failures[0].reason


@pytest.mark.parametrize("sample", samples())
def test_check_passes_values_unknown_at_preview(sample: Sample, flex: Emulator) -> None:
    inputs = sample.make(flex).inputs
    provider = sample.provider()
    for name in inputs:
        result = provider.check({}, {**inputs, name: unknown(), **ENGINE})
        assert result.failures == [], name
    account = {"account_sid": unknown(), "auth_token": unknown()}
    assert provider.check({}, {**inputs, "account": account}).failures == []
    assert provider.check({}, {**inputs, "account": unknown()}).failures == []


@pytest.mark.parametrize("sample", samples(without=("Configuration",)))
def test_check_rejects_an_adopt_sid_of_another_kind(sample: Sample, flex: Emulator) -> None:
    provider = sample.provider()
    inputs = sample.make(flex).inputs
    wrong = ("ZZ" if provider.spec.sid_prefix != "ZZ" else "YY") + "0" * 32
    failures = provider.check({}, {**inputs, "adopt_sid": wrong}).failures
    assert [f.property for f in failures] == ["adopt_sid"]
    assert provider.spec.sid_prefix in failures[0].reason
    good = provider.spec.sid_prefix + "0" * 32
    assert provider.check({}, {**inputs, "adopt_sid": good}).failures == []
    assert provider.check({}, {**inputs, "adopt_sid": unknown()}).failures == []


# --- diff --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("sample", samples())
def test_diff_without_a_change(sample: Sample, flex: Emulator) -> None:
    provider, made, id_, outs = created(sample, flex)
    diff = provider.diff(id_, {**outs, **ENGINE}, {**made.inputs, **ENGINE})
    assert diff.changes is False
    assert diff.replaces == []


@pytest.mark.parametrize("sample", samples(having="updatable"))
def test_diff_of_an_in_place_change(sample: Sample, flex: Emulator) -> None:
    provider, made, id_, outs = created(sample, flex)
    assert made.in_place is not None
    diff = provider.diff(id_, outs, {**made.inputs, **made.in_place})
    assert diff.changes is True
    assert diff.replaces == []


@pytest.mark.parametrize("sample", samples())
def test_diff_of_a_change_that_replaces(sample: Sample, flex: Emulator) -> None:
    provider, made, id_, outs = created(sample, flex)
    change, replaces = sample.replacement(made)
    diff = provider.diff(id_, outs, {**made.inputs, **change})
    assert diff.changes is True
    assert sorted(diff.replaces or []) == replaces


# --- create ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("sample", samples())
def test_create_writes_once(sample: Sample, flex: Emulator) -> None:
    provider = sample.provider()
    made = sample.make(flex)
    flex.reset_counts()
    result = provider.create({**made.inputs, **ENGINE})
    assert flex.writes() == 1, flex.requests()
    assert result.outs is not None
    id_ = str(result.id)
    assert provider.spec.sid_pattern.match(id_)
    assert declared_differences(provider, result.outs, made.inputs) == []
    assert "__provider" not in result.outs
    assert result.outs["account_sid"] == PRIMARY.account_sid
    assert sample.look(flex, id_, made.inputs) is not None  # it exists


# --- read --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("sample", samples())
def test_read_gives_back_the_outputs(sample: Sample, flex: Emulator) -> None:
    provider, _, id_, outs = created(sample, flex)
    flex.reset_counts()
    result = provider.read(id_, {**outs, **ENGINE})
    assert (result.id, result.outs) == (id_, outs)
    assert flex.writes() == 0


@pytest.mark.parametrize("sample", samples(having="edit"))
def test_read_shows_an_out_of_band_edit(sample: Sample, flex: Emulator) -> None:
    provider, made, id_, outs = created(sample, flex)
    assert sample.edit is not None
    name, value = sample.edit(flex, id_, made.inputs)
    result = provider.read(id_, outs)
    assert result.id == id_
    assert result.outs is not None
    assert result.outs[name] == value
    drift = provider.diff(id_, result.outs, made.inputs)  # the next up puts it back
    assert drift.changes is True
    assert drift.replaces == []


@pytest.mark.parametrize("sample", samples(having="remove"))
def test_read_of_an_object_removed_out_of_band(sample: Sample, flex: Emulator) -> None:
    provider, made, id_, outs = created(sample, flex)
    assert sample.remove is not None
    sample.remove(flex, id_, made.inputs)
    result = provider.read(id_, outs)
    assert (result.id, result.outs) == (None, {})


@pytest.mark.parametrize("sample", samples())
def test_a_get_reference_reads_the_object(sample: Sample, flex: Emulator) -> None:
    provider, made, id_, _ = created(sample, flex)
    scope = {name: made.inputs[name] for name in provider.spec.path_params}  # e.g. a version's plugin_sid
    flex.reset_counts()
    result = provider.read(id_, scope)  # Resource.get(): no state, the ID and the parent only
    assert result.id == id_
    assert result.outs is not None
    assert result.outs[provider.spec.id_field] == id_
    readable = {k: v for k, v in made.inputs.items() if not provider.spec.field_map[k].write_only}
    assert declared_differences(provider, result.outs, readable) == []
    assert flex.writes() == 0


@pytest.mark.parametrize("sample", samples())
def test_a_get_reference_to_a_missing_object_is_an_error(sample: Sample, flex: Emulator) -> None:
    provider = sample.provider()
    made = sample.make(flex)
    scope = {name: made.inputs[name] for name in provider.spec.path_params}
    missing = provider.spec.sid_prefix + "0" * 32
    with pytest.raises(FlexError, match=rf"{sample.name}\.get: no {sample.name} {missing} exists"):
        provider.read(missing, scope)


# --- update ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("sample", samples(having="updatable"))
def test_update_in_place(sample: Sample, flex: Emulator) -> None:
    provider, made, id_, outs = created(sample, flex)
    assert made.in_place is not None
    news = {**made.inputs, **made.in_place}
    flex.reset_counts()
    result = provider.update(id_, {**outs, **ENGINE}, {**news, **ENGINE})
    assert result.outs is not None
    assert flex.writes() == 1, flex.requests()
    assert declared_differences(provider, result.outs, news) == []
    readable = {k: v for k, v in made.in_place.items() if not provider.spec.field_map[k].write_only}
    if readable:  # the API shows the new values
        record = sample.look(flex, id_, news)
        assert record is not None
        assert declared_differences(provider, provider.outputs(record, news), readable) == []
    assert provider.read(id_, result.outs).outs == result.outs
    assert provider.diff(id_, result.outs, news).changes is False


@pytest.mark.parametrize("sample", samples())
def test_update_without_a_declared_change_writes_nothing(sample: Sample, flex: Emulator) -> None:
    provider, made, id_, outs = created(sample, flex)
    flex.reset_counts()
    result = provider.update(id_, outs, made.inputs)
    assert result.outs == outs
    assert flex.writes() == 0


# --- delete ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("sample", samples(without=("Configuration",)))
def test_delete_then_delete_again(sample: Sample, flex: Emulator) -> None:
    provider, made, id_, outs = created(sample, flex)
    provider.delete(id_, {**outs, **ENGINE})
    assert sample.look(flex, id_, made.inputs) is None
    provider.delete(id_, outs)  # already gone (or archived, or superseded) is success
    after = provider.read(id_, outs)
    if sample.name == "PluginRelease":  # releases are never gone: refresh shows what is active now
        assert after.outs is not None
        assert after.outs["configuration_sid"] != made.inputs["configuration_sid"]
    else:
        assert (after.id, after.outs) == (None, {})


@pytest.mark.parametrize("sample", samples(having="remove"))
def test_delete_of_an_object_removed_out_of_band(sample: Sample, flex: Emulator) -> None:
    provider, made, id_, outs = created(sample, flex)
    assert sample.remove is not None
    sample.remove(flex, id_, made.inputs)
    provider.delete(id_, outs)
    assert sample.look(flex, id_, made.inputs) is None


# --- adopt -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("sample", samples(without=("Configuration",)))
def test_adopt_an_existing_object(sample: Sample, flex: Emulator) -> None:
    provider, made, existing, _ = created(sample, flex)  # as if made in the console
    flex.reset_counts()
    result = provider.create({**made.inputs, "adopt_sid": existing, **ENGINE})
    assert result.id == existing
    assert result.outs is not None
    assert result.outs["adopt_sid"] == existing
    assert declared_differences(provider, result.outs, made.inputs) == []
    assert flex.writes() == 0  # nothing created, nothing to change
    assert provider.diff(existing, result.outs, {**made.inputs, "adopt_sid": existing}).replaces == []
    other = provider.spec.sid_prefix + "f" * 32
    assert "adopt_sid" in (
        provider.diff(existing, result.outs, {**made.inputs, "adopt_sid": other}).replaces or []
    )


@pytest.mark.parametrize("sample", samples(having="updatable", without=("Configuration", "WebChannel")))
def test_adopt_brings_the_object_to_the_declared_inputs(sample: Sample, flex: Emulator) -> None:
    provider, made, existing, _ = created(sample, flex)
    assert made.in_place is not None
    news = {**made.inputs, **made.in_place}
    flex.reset_counts()
    result = provider.create({**news, "adopt_sid": existing})
    assert result.id == existing
    assert flex.writes() == 1, flex.requests()
    record = sample.look(flex, existing, news)
    assert record is not None
    readable = {k: v for k, v in made.in_place.items() if not provider.spec.field_map[k].write_only}
    assert declared_differences(provider, provider.outputs(record, news), readable) == []


@pytest.mark.parametrize("sample", [p for p in samples() if p.id == "WebChannel"])
def test_adopt_applies_update_only_inputs(sample: Sample, flex: Emulator) -> None:
    provider, made, existing, _ = created(sample, flex)
    assert made.in_place is not None
    flex.reset_counts()
    provider.create({**made.inputs, **made.in_place, "adopt_sid": existing})
    # chat_status="inactive" closes the chat: adopting with it declared must send it.
    assert flex.requests()["POST /v1/WebChannels/{Sid}"] == 1, flex.requests()


@pytest.mark.parametrize("sample", samples(having="create_only"))
def test_adopt_refuses_a_different_create_only_input(sample: Sample, flex: Emulator) -> None:
    provider, made, existing, _ = created(sample, flex)
    assert made.replace is not None
    flex.reset_counts()
    with pytest.raises(FlexError) as info:
        provider.create({**made.inputs, **made.replace, "adopt_sid": existing})
    message = str(info.value)
    assert f"adopt_sid {existing}" in message
    for name, value in made.replace.items():
        assert name in message
        assert str(value) in message  # what the program declares
    assert re.search(r"cannot (be )?change", message)
    assert flex.writes() == 0


@pytest.mark.parametrize("sample", samples(without=("Configuration",)))
def test_adopt_of_a_missing_sid(sample: Sample, flex: Emulator) -> None:
    provider = sample.provider()
    made = sample.make(flex)
    missing = provider.spec.sid_prefix + "0" * 32
    flex.reset_counts()
    with pytest.raises(FlexError) as info:
        provider.create({**made.inputs, "adopt_sid": missing})
    message = str(info.value)
    assert f"adopt_sid {missing}: no {sample.name} with this SID exists" in message
    assert PRIMARY.account_sid in message
    assert flex.writes() == 0
