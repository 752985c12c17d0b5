"""Names that discover gives adopted resources: readable, ASCII, cut between words."""

from __future__ import annotations

import pytest

from pulumi_flex.discover.codegen import MAX_NAME, Names, slugify


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Données été", "donnees-ete"),
        ("Web chat to Studio", "web-chat-to-studio"),
        ("Did the agent greet the customer politely and on time?", "did-the-agent-greet-the-customer"),
        ("Ürün — İade", "urun-iade"),
        ("日本語", ""),
        ("x" * 50, "x" * MAX_NAME),
    ],
)
def test_slugs_transliterate_and_end_at_word_boundaries(text: str, slug: str) -> None:
    assert slugify(text) == slug
    assert len(slugify(text)) <= MAX_NAME


def test_names_fall_back_and_number_duplicates() -> None:
    names = Names()
    assert names.new("日本語", "flex-flow") == ("flex-flow", "flex_flow")
    assert names.new("Données", "flex-flow") == ("donnees", "donnees")
    assert names.new("Données", "flex-flow") == ("donnees-2", "donnees_2")
    assert names.new("2024 review", "questionnaire") == ("2024-review", "questionnaire_2024_review")
