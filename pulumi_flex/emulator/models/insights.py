"""Flex Insights Quality Management (``/v1/Insights/QualityManagement/…``): state and rules.

Source: docs/twilio-api-notes.md §6 and ``flex.v1.insights_questionnaires*`` /
``insights_settings_answersets`` in Twilio's OpenAPI. Three families and one read-only settings document:

* **Categories** (``FY``, field ``category_sid``): list, create, update (``Name`` required), delete; **no
  fetch by SID** (``GET …/Categories/{CategorySid}`` is a 405).
* **Questions** (``GE``, field ``question_sid``): list (repeatable ``CategorySid`` filter), create, update
  (``AllowNa`` required on every update), delete; **no fetch by SID**. A question renders its category, its
  full answer set and ``usage``, the number of questionnaires that contain it.
* **Questionnaires** (``GM``, field ``questionnaire_sid``, no ``sid``): list (only active ones unless
  ``IncludeInactive=true``), create, fetch, update (``Active`` required on every update), delete. Questions
  are embedded without ``answer_set`` and ``url``. No family here has date fields or ``links``.
* ``GET …/Settings/AnswerSets``: the answer sets a question's ``AnswerSetId`` must come from. Twilio's are
  per account and edited in the Flex UI; the emulator serves one fixed, realistic default to every account.

Decisions where the reference is silent:

* Deleting a category that a question uses, or a question that a questionnaire contains, is refused with 400
  and Flex code 45008 (Unprocessable Request).
* A ``CategorySid``, ``QuestionSids`` entry or ``AnswerSetId`` that names nothing is a 400 / 20001 naming the
  parameter; a malformed ``CategorySid`` list filter is a 400 too.
* ``QuestionSids`` on a questionnaire update **replaces** the set; leaving it out keeps the set, and a single
  empty value (``QuestionSids=``) empties it. Repeated SIDs are kept once, in first-seen order.
* ``Active`` defaults to true on create. ``Description`` defaults to null, and an empty value sets it to null.
* The ``Authorization`` header or query parameter Twilio declares on these operations is ignored: plain Basic
  auth is what clients send (§6.4).
"""

from __future__ import annotations

import copy
import threading
from collections import Counter
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, Field

from pulumi_flex.emulator.models.base import Collection, Context, Operation
from pulumi_flex.emulator.store import Condition, Doc, Store
from pulumi_flex.emulator.validation import (
    CLEARABLE,
    NON_EMPTY,
    FormBool,
    FormModel,
    sid,
    validate,
)
from pulumi_flex.emulator.wire import Form, JsonObject, invalid_parameter, unprocessable

QM_PATH = "/v1/Insights/QualityManagement"
ANSWER_SETS_PATH = f"{QM_PATH}/Settings/AnswerSets"

CATEGORY_KIND = "insights_category"
QUESTION_KIND = "insights_question"
QUESTIONNAIRE_KIND = "insights_questionnaire"

NO_FETCH: frozenset[Operation] = frozenset({"list", "create", "update", "delete"})

# Reference checks ("the category exists", "nothing uses this question") and the writes that depend on them
# run under one lock, so a concurrent delete cannot slip between the check and the write.
WRITE_LOCK = threading.RLock()

# ------------------------------------------------------------------------------------------ answer sets

TWO_OPTIONS = "1a8cac56-826c-4f85-ac14-9104811cf184"
THREE_OPTIONS = "10c44902-0e6e-46b6-9378-d4665348b4b7"
RATING = "10c44902-0e6e-46b6-9378-d4665348b4b8"

ANSWER_SET_CATEGORIES: list[JsonObject] = [
    {"id": TWO_OPTIONS, "name": "Two Options", "sort": 1},
    {"id": THREE_OPTIONS, "name": "Three Options", "sort": 2},
    {"id": RATING, "name": "Rating", "sort": 3},
]


def _answer(answer_id: str, name: str, description: str, score: int, sort: int) -> JsonObject:
    return {"id": answer_id, "name": name, "description": description, "score": score, "sort": sort}


def _answer_set(set_id: str, name: str, category_id: str, sort: int, answers: list[JsonObject]) -> JsonObject:
    return {"id": set_id, "name": name, "type": "select", "sort": sort, "category_id": category_id,
            "answers": answers}  # fmt: skip


# The first two sets (and their ids) are the ones in Twilio's own examples; the others are stable ids of the
# emulator's own, so programs and tests can hard-code them.
ANSWER_SETS: list[JsonObject] = [
    _answer_set("a6a8a54f-5305-4aec-b92c-a6e429932f58", "Yes, No", TWO_OPTIONS, 0, [
        _answer("4e34f701-8206-4670-b376-c9fe26bb3ca3", "Yes", "Yes.", 100, 0),
        _answer("5e926651-fa5d-4aba-86e1-8440bb8faa6c", "No", "No or a very poor.", 0, 1),
    ]),
    _answer_set("675e8803-e7ca-4002-97f6-a29490450b1b", "Good, Poor", TWO_OPTIONS, 1, [
        _answer("5aa6c6c0-05cf-4952-b9f9-9fdbe18cc79d", "Good", "Good.", 100, 0),
        _answer("d19f1c36-8331-44cc-9944-e94cb39e35e9", "Poor", "Poor.", 0, 1),
    ]),
    _answer_set("01a7791d-f7ea-51da-976c-105ca011da2b", "Good, Average, Poor", THREE_OPTIONS, 2, [
        _answer("6ee8794a-2bb4-506c-9b07-d9520a3d4b0d", "Good", "Good.", 100, 0),
        _answer("50e8f64c-4a3e-562d-bb00-b61e29f2e2da", "Average", "Average.", 50, 1),
        _answer("f5752e02-0102-5067-b3b0-24c56aed36df", "Poor", "Poor.", 0, 2),
    ]),
    _answer_set("e6711c4c-1d05-5737-a5bf-3642ba347802", "Yes, Partially, No", THREE_OPTIONS, 3, [
        _answer("65daaea2-4672-57fc-8f1f-e5ca5e9cee34", "Yes", "Yes.", 100, 0),
        _answer("49c93ff9-802c-5cd8-8c10-419e757561b3", "Partially", "Partially.", 50, 1),
        _answer("49107f21-63b4-5ecf-a2a9-2f356e315e64", "No", "No.", 0, 2),
    ]),
    _answer_set("526bf533-6c17-57ab-bb73-a71044dd2532", "1 - 5", RATING, 4, [
        _answer("adad8fd8-b875-531f-a508-0d1ced7b2fe4", "1", "Very poor.", 0, 0),
        _answer("84f3d7a6-4f4b-5f70-84ec-3cefe25b0bc5", "2", "Poor.", 25, 1),
        _answer("2264299b-cad7-5474-b1f9-bff15b80c0cc", "3", "Average.", 50, 2),
        _answer("867c371a-9fd7-525c-a65a-f7517191cb5d", "4", "Good.", 75, 3),
        _answer("1505fcee-5c06-5118-a31c-31ed5badf01b", "5", "Excellent.", 100, 4),
    ]),
]  # fmt: skip
ANSWER_SETS_BY_ID: dict[str, JsonObject] = {answer_set["id"]: answer_set for answer_set in ANSWER_SETS}
NOT_APPLICABLE: JsonObject = _answer(
    "8dc58ae1-16ae-4e17-a357-799d06230fa3", "N/A", "Not applicable for this call", 0, 0
)


def answer_sets(ctx: Context) -> JsonObject:
    """``GET …/Settings/AnswerSets``: the same default for every account, with Twilio's keys."""
    return {
        "account_sid": ctx.account_sid,
        "answer_sets": copy.deepcopy(ANSWER_SETS),
        "answer_set_categories": copy.deepcopy(ANSWER_SET_CATEGORIES),
        "not_applicable": copy.deepcopy(NOT_APPLICABLE),
        "url": ctx.base_url + ANSWER_SETS_PATH,
    }


def _answer_set_id(value: str | None) -> str | None:
    if value is not None and value not in ANSWER_SETS_BY_ID:
        raise ValueError(f"{value!r} is not the id of an answer set in {ANSWER_SETS_PATH}")
    return value


ANSWER_SET_ID = AfterValidator(_answer_set_id)
"""An ``AnswerSetId`` that names one of the served answer sets."""


def _no_blanks(values: object) -> object:
    # A repeated parameter's empty values are dropped: "QuestionSids=" is how a form says "none".
    return [value for value in values if value] if isinstance(values, list) else values


NO_BLANKS = BeforeValidator(_no_blanks)

# ------------------------------------------------------------------------------------------------ helpers


def question_usage(store: Store, account_sid: str) -> Counter[str]:
    """How many questionnaires contain each question."""
    usage: Counter[str] = Counter()
    for questionnaire in store.every(QUESTIONNAIRE_KIND, account_sid):
        usage.update(set(questionnaire.get("question_sids") or ()))
    return usage


def category_names(store: Store, account_sid: str, sids: set[str]) -> dict[str, Any]:
    """The name of each category in ``sids`` (None for one that no longer exists)."""
    names: dict[str, Any] = {}
    for category_sid in sids:
        category = store.get(CATEGORY_KIND, account_sid, category_sid)
        names[category_sid] = None if category is None else category.get("name")
    return names


class QualityManagementCollection(Collection):
    """The QM families: writes serialised with the reference checks, deletes refused while in use."""

    def create(self, form: Form, ctx: Context) -> JsonObject:
        """Create under the QM write lock, so a referenced object cannot vanish meanwhile."""
        with WRITE_LOCK:
            return super().create(form, ctx)

    def update(self, sid: str, form: Form, ctx: Context) -> JsonObject:
        """Update under the QM write lock, so a referenced object cannot vanish meanwhile."""
        with WRITE_LOCK:
            return super().update(sid, form, ctx)

    def delete(self, sid: str, ctx: Context) -> None:
        """Delete under the QM write lock; refused (400 / 45008) while something refers to it."""
        with WRITE_LOCK:
            self.check_unused(self.require(sid, ctx), ctx)
            super().delete(sid, ctx)

    def check_unused(self, doc: Doc, ctx: Context) -> None:
        """Raise when something still refers to ``doc``."""


class UsageRendering(QualityManagementCollection):
    """Families that render question ``usage``: a list page counts it once, not once per record."""

    def __init__(self, store: Store) -> None:
        super().__init__(store)
        self.usage: Counter[str] | None = None  # set on the copy that renders one list page

    def usage_counts(self, ctx: Context) -> Counter[str]:
        """Question usage: the count computed for the page being rendered, else a fresh one."""
        return self.usage if self.usage is not None else question_usage(self.store, ctx.account_sid)

    def list_page(self, query: Form, ctx: Context) -> JsonObject:
        """One list page, counting question usage once for the whole page."""
        page_renderer = copy.copy(self)
        page_renderer.usage = question_usage(self.store, ctx.account_sid)
        return super(UsageRendering, page_renderer).list_page(query, ctx)


# --------------------------------------------------------------------------------------------- categories


class CategoryParams(FormModel):
    """A create or an update: ``Name`` is required."""

    name: str


class Categories(QualityManagementCollection):
    """``…/Categories`` (``FY``): a name only; no fetch by SID, no delete while a question uses it."""

    kind = CATEGORY_KIND
    sid_prefix = "FY"
    list_path = f"{QM_PATH}/Categories"
    list_key = "categories"
    instance_param = "CategorySid"
    operations = NO_FETCH

    def new_fields(self, form: Form, ctx: Context) -> Doc:
        """``Name`` is required."""
        return validate(CategoryParams, form).model_dump()

    def changed_fields(self, doc: Doc, form: Form, ctx: Context) -> Doc:
        """``Name`` is required on update too."""
        return self.new_fields(form, ctx)

    def check_unused(self, doc: Doc, ctx: Context) -> None:
        """400 / 45008 while a question is in this category."""
        used = self.store.scan(QUESTION_KIND, ctx.account_sid, where={"category_sid": doc["sid"]}, limit=1)
        if used:
            raise unprocessable(
                f"Category {doc['sid']} is used by question {used[0][1]['sid']}; "
                "delete or move its questions first"
            )

    def render(self, doc: Doc, ctx: Context) -> JsonObject:
        """``account_sid``, ``category_sid``, ``name`` and ``url``."""
        return {
            "account_sid": doc["account_sid"],
            "category_sid": doc["sid"],
            "name": doc.get("name"),
            "url": self.instance_url(doc["sid"], ctx),
        }


# ---------------------------------------------------------------------------------------------- questions


class QuestionUpdate(FormModel):
    """An update: ``AllowNa`` is required on every update, the rest optional."""

    category_sid: Annotated[str, sid("FY")] | None = None
    question: Annotated[str, NON_EMPTY] | None = None
    description: Annotated[str | None, CLEARABLE] = None
    answer_set_id: Annotated[str, ANSWER_SET_ID] | None = None
    allow_na: FormBool


class NewQuestion(QuestionUpdate):
    """A create: category, question, answer set and ``AllowNa`` are required."""

    category_sid: Annotated[str, sid("FY")]
    question: Annotated[str, NON_EMPTY]
    answer_set_id: Annotated[str, ANSWER_SET_ID]


class QuestionFilter(FormModel):
    """The list filter: ``CategorySid``, repeatable (questions in any of the categories)."""

    category_sid: Annotated[list[Annotated[str, sid("FY")]], NO_BLANKS] = Field(default_factory=list)


class Questions(UsageRendering):
    """``…/Questions`` (``GE``): no fetch by SID, ``AllowNa`` on every update, ``CategorySid`` filter."""

    kind = QUESTION_KIND
    sid_prefix = "GE"
    list_path = f"{QM_PATH}/Questions"
    list_key = "questions"
    instance_param = "QuestionSid"
    operations = NO_FETCH

    def new_fields(self, form: Form, ctx: Context) -> Doc:
        """Require category, question, answer set and ``AllowNa``; the category must exist."""
        fields = validate(NewQuestion, form).model_dump()
        self.require_category(fields["category_sid"], ctx)
        return fields

    def changed_fields(self, doc: Doc, form: Form, ctx: Context) -> Doc:
        """``AllowNa`` is required; a new ``CategorySid`` must name an existing category."""
        changes = validate(QuestionUpdate, form).model_dump(exclude_unset=True)
        if "category_sid" in changes:
            self.require_category(changes["category_sid"], ctx)
        return changes

    def require_category(self, category_sid: str, ctx: Context) -> None:
        """400 naming ``CategorySid`` when the account has no such category."""
        if self.store.get(CATEGORY_KIND, ctx.account_sid, category_sid) is None:
            raise invalid_parameter("CategorySid", f"category {category_sid} does not exist")

    def check_unused(self, doc: Doc, ctx: Context) -> None:
        """400 / 45008 while a questionnaire contains this question."""
        usage = question_usage(self.store, ctx.account_sid)[doc["sid"]]
        if usage:
            raise unprocessable(
                f"Question {doc['sid']} is used by {usage} questionnaire(s); remove it from them first"
            )

    def list_where(self, query: Form) -> tuple[dict[str, Condition], list[tuple[str, str]]]:
        """Filter on ``CategorySid``, repeatable: questions in any of the categories given."""
        values = validate(QuestionFilter, query).category_sid
        if not values:
            return {}, []
        unique = tuple(dict.fromkeys(values))
        condition: Condition = unique[0] if len(unique) == 1 else unique
        return {"category_sid": condition}, [("CategorySid", value) for value in values]

    def render(self, doc: Doc, ctx: Context) -> JsonObject:
        """A question with its category, its full answer set and ``usage``."""
        usage = self.usage_counts(ctx)[doc["sid"]]
        category_sid = doc["category_sid"]
        name = category_names(self.store, ctx.account_sid, {category_sid})[category_sid]
        return {
            "account_sid": doc["account_sid"],
            "question": doc.get("question"),
            "question_sid": doc["sid"],
            "description": doc.get("description"),
            "category": {"category_name": name, "category_sid": category_sid},
            "answer_set_id": doc.get("answer_set_id"),
            "allow_na": doc.get("allow_na"),
            "usage": usage,
            "answer_set": copy.deepcopy(ANSWER_SETS_BY_ID.get(doc.get("answer_set_id") or "")),
            "url": self.instance_url(doc["sid"], ctx),
        }


# ----------------------------------------------------------------------------------------- questionnaires


class QuestionnaireUpdate(FormModel):
    """An update: ``Active`` is required on every update; ``QuestionSids``, when sent, replaces the set."""

    name: Annotated[str, NON_EMPTY] | None = None
    description: Annotated[str | None, CLEARABLE] = None
    active: FormBool
    question_sids: Annotated[list[Annotated[str, sid("GE")]], NO_BLANKS] = Field(default_factory=list)


class NewQuestionnaire(QuestionnaireUpdate):
    """A create: ``Name`` is required, ``Active`` defaults to true."""

    name: Annotated[str, NON_EMPTY]
    active: FormBool = True


class QuestionnaireFilter(FormModel):
    """The list filter: inactive questionnaires are listed only with ``IncludeInactive=true``."""

    include_inactive: Annotated[FormBool | None, CLEARABLE] = None


class Questionnaires(UsageRendering):
    """``…/Questionnaires`` (``GM``): ``Active`` on every update; lists hide inactive ones by default."""

    kind = QUESTIONNAIRE_KIND
    sid_prefix = "GM"
    list_path = f"{QM_PATH}/Questionnaires"
    list_key = "questionnaires"
    instance_param = "QuestionnaireSid"

    def new_fields(self, form: Form, ctx: Context) -> Doc:
        """``Name`` is required; ``Active`` defaults to true; ``QuestionSids`` must exist."""
        fields = validate(NewQuestionnaire, form).model_dump()
        fields["question_sids"] = self.existing_questions(fields["question_sids"], ctx)
        return fields

    def changed_fields(self, doc: Doc, form: Form, ctx: Context) -> Doc:
        """``Active`` is required; ``QuestionSids``, when sent, replaces the set of questions."""
        changes = validate(QuestionnaireUpdate, form).model_dump(exclude_unset=True)
        if "question_sids" in changes:
            changes["question_sids"] = self.existing_questions(changes["question_sids"], ctx)
        return changes

    def existing_questions(self, sids: list[str], ctx: Context) -> list[str]:
        """``sids`` without repeats, each an existing question's (else a 400 naming ``QuestionSids``)."""
        for value in sids:
            if self.store.get(QUESTION_KIND, ctx.account_sid, value) is None:
                raise invalid_parameter("QuestionSids", f"question {value} does not exist")
        return list(dict.fromkeys(sids))

    def list_where(self, query: Form) -> tuple[dict[str, Condition], list[tuple[str, str]]]:
        """Active questionnaires only, unless ``IncludeInactive=true``."""
        include = validate(QuestionnaireFilter, query).include_inactive
        if include is None:
            return {"active": True}, []  # absent: active questionnaires only
        return ({} if include else {"active": True}), [("IncludeInactive", "true" if include else "false")]

    def render(self, doc: Doc, ctx: Context) -> JsonObject:
        """A questionnaire with its questions embedded (no ``answer_set`` or ``url`` on them)."""
        usage = self.usage_counts(ctx)
        questions = [
            question
            for question in (
                self.store.get(QUESTION_KIND, ctx.account_sid, question_sid)
                for question_sid in doc.get("question_sids") or ()
            )
            if question is not None
        ]
        names = category_names(self.store, ctx.account_sid, {q["category_sid"] for q in questions})
        return {
            "account_sid": doc["account_sid"],
            "questionnaire_sid": doc["sid"],
            "name": doc.get("name"),
            "description": doc.get("description"),
            "active": doc.get("active"),
            "questions": [
                {
                    "question": question.get("question"),
                    "description": question.get("description"),
                    "category": {
                        "category_sid": question["category_sid"],
                        "category_name": names[question["category_sid"]],
                    },
                    "question_sid": question["sid"],
                    "answer_set_id": question.get("answer_set_id"),
                    "allow_na": question.get("allow_na"),
                    "usage": usage[question["sid"]],
                }
                for question in questions
            ],
            "url": self.instance_url(doc["sid"], ctx),
        }
