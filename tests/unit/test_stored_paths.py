"""Users' stacks store each resource's provider as a pickled class reference: these paths are
part of the public contract. Moving a provider class breaks every saved stack that uses it,
unless an importable alias stays at the old path."""

from __future__ import annotations

import base64
import importlib
import pickle

import pytest
from pulumi.dynamic.dynamic import serialize_provider

from pulumi_flex.specs import RESOURCE_SPECS

# Every provider path a stack may hold, as stored by every release so far.
STORED_PROVIDERS = {
    "FlexFlow": "pulumi_flex.resources.flex_flow.FlexFlowProvider",
    "WebChannel": "pulumi_flex.resources.web_channel.WebChannelProvider",
    "Plugin": "pulumi_flex.resources.plugin.PluginProvider",
    "PluginVersion": "pulumi_flex.resources.plugin_version.PluginVersionProvider",
    "PluginConfiguration": "pulumi_flex.resources.plugin_configuration.PluginConfigurationProvider",
    "PluginRelease": "pulumi_flex.resources.plugin_release.PluginReleaseProvider",
    "QuestionnaireCategory": "pulumi_flex.resources.questionnaire_category.QuestionnaireCategoryProvider",
    "QuestionnaireQuestion": "pulumi_flex.resources.questionnaire_question.QuestionnaireQuestionProvider",
    "Questionnaire": "pulumi_flex.resources.questionnaire.QuestionnaireProvider",
    "Configuration": "pulumi_flex.resources.configuration.ConfigurationProvider",
    "Workspace": "pulumi_flex.resources.workspace.WorkspaceProvider",
    "Activity": "pulumi_flex.resources.activity.ActivityProvider",
    "TaskChannel": "pulumi_flex.resources.task_channel.TaskChannelProvider",
    "TaskQueue": "pulumi_flex.resources.task_queue.TaskQueueProvider",
    "Workflow": "pulumi_flex.resources.workflow.WorkflowProvider",
    "StudioFlow": "pulumi_flex.resources.studio_flow.StudioFlowProvider",
    "AddressConfiguration": "pulumi_flex.resources.address_configuration.AddressConfigurationProvider",
}

# Modules that code outside the package may import, kept as aliases after a move.
ALIASES = {
    "pulumi_flex.provider.plugins": (
        "ArchivingProvider",
        "PluginReleaseProvider",
        "EMPTY_CONFIGURATION_NAME",
    ),
}


def resolve(path: str) -> type:
    module, _, name = path.rpartition(".")
    found: type = getattr(importlib.import_module(module), name)
    return found


@pytest.mark.parametrize(("kind", "path"), sorted(STORED_PROVIDERS.items()))
def test_every_stored_provider_path_still_resolves_to_its_kind(kind: str, path: str) -> None:
    provider = resolve(path)
    assert provider.spec.name == kind  # type: ignore[attr-defined]


def test_every_resource_is_pinned() -> None:
    assert {spec.name for spec in RESOURCE_SPECS} <= set(STORED_PROVIDERS)


@pytest.mark.parametrize(("kind", "path"), sorted(STORED_PROVIDERS.items()))
def test_the_engine_stores_the_provider_by_that_path(kind: str, path: str) -> None:
    # What pulumi.dynamic puts in state: a base64 dill pickle, by reference to the class.
    provider = resolve(path)()
    pickled = base64.b64decode(serialize_provider(provider))
    module, _, name = path.rpartition(".")
    assert module.encode() in pickled and name.encode() in pickled
    assert len(pickled) < 200  # a reference, not the class's code
    assert type(pickle.loads(pickled)) is type(provider)


@pytest.mark.parametrize(("module", "names"), sorted(ALIASES.items()))
def test_moved_modules_stay_importable(module: str, names: tuple[str, ...]) -> None:
    imported = importlib.import_module(module)
    for name in names:
        assert getattr(imported, name) is not None
