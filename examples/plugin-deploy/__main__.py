"""Deploy a Flex UI plugin the way `twilio flex:plugins:deploy` + `release` do:
plugin -> version -> configuration -> release.

Bump `version` (config key `pluginVersion`) to ship a new build: the version and the
configuration are immutable, so Pulumi creates new ones, and the release moves to the new
configuration in place. `pulumi destroy` restores the release that was active before, then
archives the configuration, the version and the plugin (archiving is permanent).
"""

import pulumi

import pulumi_flex as flex

config = pulumi.Config()
version = config.get("pluginVersion") or "1.0.0"
bundle_url = config.get("bundleUrl") or f"https://assets.example.com/plugins/agent-tools/{version}/bundle.js"

plugin = flex.Plugin(
    "agent-tools",
    unique_name="plugin-agent-tools",
    friendly_name="Agent tools",
    description="Shortcuts and canned responses for agents",
)

plugin_version = flex.PluginVersion(
    "agent-tools-version",
    plugin_sid=plugin.sid,
    version=version,
    plugin_url=bundle_url,
    changelog=f"Release {version}",
    private=True,
)

configuration = flex.PluginConfiguration(
    "agent-tools-configuration",
    name=f"agent-tools {version}",
    description="Deployed by pulumi-flex",
    plugins=[{"plugin_version": plugin_version.sid, "phase": 3}],
)

release = flex.PluginRelease("release", configuration_sid=configuration.sid)

pulumi.export("plugin_sid", plugin.sid)
pulumi.export("plugin_version_sid", plugin_version.sid)
pulumi.export("configuration_sid", configuration.sid)
pulumi.export("release_sid", release.sid)
