"""Insights Quality Management over real HTTP: categories, questions, questionnaires and answer sets."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import httpx
import pytest
from twilio.base.exceptions import TwilioRestException
from twilio.rest import Client

from tests.emulator.samples import assert_twilio_error
from tests.support.emulator import EmulatorProcess

QM = "/v1/Insights/QualityManagement"
YES_NO = "a6a8a54f-5305-4aec-b92c-a6e429932f58"
UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
MISSING_FY = "FY" + "f" * 32
MISSING_GE = "GE" + "f" * 32
MISSING_GM = "GM" + "f" * 32


def create_category(http: httpx.Client, name: str = "Greeting") -> dict[str, Any]:
    response = http.post(f"{QM}/Categories", data={"Name": name})
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


def question_form(category_sid: str, **overrides: str) -> dict[str, str]:
    form = {
        "CategorySid": category_sid,
        "Question": "Did the agent greet the customer by name?",
        "AnswerSetId": YES_NO,
        "AllowNa": "false",
    }
    form.update(overrides)
    return form


def create_question(http: httpx.Client, category_sid: str, **overrides: str) -> dict[str, Any]:
    response = http.post(f"{QM}/Questions", data=question_form(category_sid, **overrides))
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


def create_questionnaire(http: httpx.Client, **form: str | list[str]) -> dict[str, Any]:
    response = http.post(f"{QM}/Questionnaires", data={"Name": "Chat QA", **form})
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


def answer_set(http: httpx.Client, set_id: str) -> dict[str, Any]:
    sets: list[dict[str, Any]] = http.get(f"{QM}/Settings/AnswerSets").json()["answer_sets"]
    return next(s for s in sets if s["id"] == set_id)


# ------------------------------------------------------------------------------------------ answer sets


def test_answer_sets_are_a_realistic_stable_default(flex: EmulatorProcess) -> None:
    with flex.client() as http:
        response = http.get(f"{QM}/Settings/AnswerSets")
        again = http.get(f"{QM}/Settings/AnswerSets").json()
        post = http.post(f"{QM}/Settings/AnswerSets", data={"Name": "x"})
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"account_sid", "answer_sets", "answer_set_categories", "not_applicable", "url"}
    assert body == again  # stable ids
    assert body["account_sid"] == flex.account_sid
    assert body["url"] == f"{flex.base_url}{QM}/Settings/AnswerSets"
    sets = body["answer_sets"]
    names = {s["name"] for s in sets}
    assert {"Yes, No", "Good, Average, Poor", "1 - 5"} <= names
    category_ids = {c["id"] for c in body["answer_set_categories"]}
    for answer_set_ in sets:
        assert UUID.match(answer_set_["id"]) and answer_set_["type"] == "select"
        assert answer_set_["category_id"] in category_ids
        assert len(answer_set_["answers"]) >= 2
        for answer in answer_set_["answers"]:
            assert set(answer) == {"id", "name", "description", "score", "sort"}
            assert UUID.match(answer["id"]) and 0 <= answer["score"] <= 100
    assert [a["name"] for a in next(s for s in sets if s["name"] == "1 - 5")["answers"]] == list("12345")
    assert len({s["id"] for s in sets}) == len(sets)
    assert body["not_applicable"]["name"] == "N/A"
    assert_twilio_error(post, 405, 20004)


# ------------------------------------------------------------------------------------------- categories


def test_category_create_update_list_delete(flex: EmulatorProcess) -> None:
    with flex.client() as http:
        created = http.post(f"{QM}/Categories", data={"Name": "Greeting"})
        sid = created.json()["category_sid"]
        updated = http.post(f"{QM}/Categories/{sid}", data={"Name": "Opening"})
        listed = http.get(f"{QM}/Categories").json()
        deleted = http.delete(f"{QM}/Categories/{sid}")
        again = http.delete(f"{QM}/Categories/{sid}")
        empty = http.get(f"{QM}/Categories").json()["categories"]
    assert created.status_code == 201
    assert created.json() == {
        "account_sid": flex.account_sid,
        "category_sid": sid,
        "name": "Greeting",
        "url": f"{flex.base_url}{QM}/Categories/{sid}",
    }
    assert re.match(r"^FY[0-9a-f]{32}$", sid)
    assert updated.status_code == 200 and updated.json()["name"] == "Opening"
    assert listed["categories"] == [updated.json()]
    assert listed["meta"]["key"] == "categories"
    assert deleted.status_code == 204 and deleted.content == b""
    assert_twilio_error(again, 404, 20404)
    assert empty == []


def test_categories_have_no_fetch_by_sid(flex: EmulatorProcess) -> None:
    with flex.client() as http:
        category = create_category(http)
        response = http.get(f"{QM}/Categories/{category['category_sid']}")
    assert_twilio_error(response, 405, 20004)
    assert set(response.headers["allow"].split(", ")) == {"POST", "DELETE"}
    assert flex.stats()["requests"]["GET /v1/Insights/QualityManagement/Categories/{CategorySid}"] == 1


def test_category_name_is_required_on_create_and_update(flex: EmulatorProcess) -> None:
    with flex.client() as http:
        missing = http.post(f"{QM}/Categories")
        empty = http.post(f"{QM}/Categories", data={"Name": ""})
        category = create_category(http)
        update = http.post(f"{QM}/Categories/{category['category_sid']}", data={})
        unknown = http.post(f"{QM}/Categories/{MISSING_FY}", data={"Name": "x"})
    for response in (missing, empty, update):
        body = assert_twilio_error(response, 400, 20001)
        assert body["message"] == "Missing required parameter Name in the post body"
    assert_twilio_error(unknown, 404, 20404)


def test_category_in_use_cannot_be_deleted(flex: EmulatorProcess) -> None:
    with flex.client() as http:
        category = create_category(http)
        question = create_question(http, category["category_sid"])
        refused = http.delete(f"{QM}/Categories/{category['category_sid']}")
        still = http.get(f"{QM}/Categories").json()["categories"]
        http.delete(f"{QM}/Questions/{question['question_sid']}")
        allowed = http.delete(f"{QM}/Categories/{category['category_sid']}")
    body = assert_twilio_error(refused, 400, 45008)
    assert category["category_sid"] in body["message"] and question["question_sid"] in body["message"]
    assert still == [category]
    assert allowed.status_code == 204


# -------------------------------------------------------------------------------------------- questions


def test_question_create_renders_category_answer_set_and_usage(flex: EmulatorProcess) -> None:
    with flex.client() as http:
        category = create_category(http, "Greeting")
        response = http.post(f"{QM}/Questions", data=question_form(category["category_sid"], Description="d"))
        expected_set = answer_set(http, YES_NO)
    assert response.status_code == 201
    body = response.json()
    sid = body["question_sid"]
    assert re.match(r"^GE[0-9a-f]{32}$", sid)
    assert body == {
        "account_sid": flex.account_sid,
        "question": "Did the agent greet the customer by name?",
        "question_sid": sid,
        "description": "d",
        "category": {"category_name": "Greeting", "category_sid": category["category_sid"]},
        "answer_set_id": YES_NO,
        "allow_na": False,
        "usage": 0,
        "answer_set": expected_set,
        "url": f"{flex.base_url}{QM}/Questions/{sid}",
    }
    assert "sid" not in body and "date_created" not in body


@pytest.mark.parametrize("missing", ["CategorySid", "Question", "AnswerSetId", "AllowNa"])
def test_question_required_parameters(flex: EmulatorProcess, missing: str) -> None:
    with flex.client() as http:
        category = create_category(http)
        form = question_form(category["category_sid"])
        del form[missing]
        response = http.post(f"{QM}/Questions", data=form)
        listed = http.get(f"{QM}/Questions").json()["questions"]
    body = assert_twilio_error(response, 400, 20001)
    assert body["message"] == f"Missing required parameter {missing} in the post body"
    assert listed == []


@pytest.mark.parametrize(
    ("overrides", "parameter"),
    [
        ({"CategorySid": "FY1"}, "CategorySid"),
        ({"CategorySid": MISSING_FY}, "CategorySid"),
        ({"AnswerSetId": "00000000-0000-0000-0000-000000000000"}, "AnswerSetId"),
        ({"AllowNa": "maybe"}, "AllowNa"),
    ],
)
def test_question_invalid_parameters(
    flex: EmulatorProcess, overrides: dict[str, str], parameter: str
) -> None:
    with flex.client() as http:
        category = create_category(http)
        response = http.post(f"{QM}/Questions", data=question_form(category["category_sid"], **overrides))
    assert parameter in assert_twilio_error(response, 400, 20001)["message"]


def test_questions_have_no_fetch_by_sid(flex: EmulatorProcess) -> None:
    with flex.client() as http:
        category = create_category(http)
        question = create_question(http, category["category_sid"])
        response = http.get(f"{QM}/Questions/{question['question_sid']}")
    assert_twilio_error(response, 405, 20004)


def test_question_update_requires_allow_na(flex: EmulatorProcess) -> None:
    with flex.client() as http:
        category = create_category(http)
        question = create_question(http, category["category_sid"])
        sid = question["question_sid"]
        refused = http.post(f"{QM}/Questions/{sid}", data={"Question": "Changed?"})
        listed = http.get(f"{QM}/Questions").json()["questions"]
    body = assert_twilio_error(refused, 400, 20001)
    assert body["message"] == "Missing required parameter AllowNa in the post body"
    assert listed == [question]


def test_question_update_changes_given_fields(flex: EmulatorProcess) -> None:
    with flex.client() as http:
        first = create_category(http, "Greeting")
        second = create_category(http, "Closing")
        question = create_question(http, first["category_sid"], Description="old")
        sid = question["question_sid"]
        good_average_poor = "01a7791d-f7ea-51da-976c-105ca011da2b"
        response = http.post(
            f"{QM}/Questions/{sid}",
            data={
                "AllowNa": "true",
                "CategorySid": second["category_sid"],
                "Question": "Did the agent close politely?",
                "AnswerSetId": good_average_poor,
            },
        )
        cleared = http.post(f"{QM}/Questions/{sid}", data={"AllowNa": "true", "Description": ""})
        bad_category = http.post(f"{QM}/Questions/{sid}", data={"AllowNa": "true", "CategorySid": MISSING_FY})
        unknown = http.post(f"{QM}/Questions/{MISSING_GE}", data={"AllowNa": "true"})
    assert response.status_code == 200
    body = response.json()
    assert body["allow_na"] is True
    assert body["category"] == {"category_name": "Closing", "category_sid": second["category_sid"]}
    assert body["question"] == "Did the agent close politely?"
    assert body["answer_set_id"] == good_average_poor
    assert [a["name"] for a in body["answer_set"]["answers"]] == ["Good", "Average", "Poor"]
    assert body["description"] == "old"  # not sent, kept
    assert cleared.json()["description"] is None
    assert "CategorySid" in assert_twilio_error(bad_category, 400, 20001)["message"]
    assert_twilio_error(unknown, 404, 20404)


def test_renaming_a_category_shows_in_its_questions(flex: EmulatorProcess) -> None:
    with flex.client() as http:
        category = create_category(http, "Greeting")
        create_question(http, category["category_sid"])
        http.post(f"{QM}/Categories/{category['category_sid']}", data={"Name": "Welcome"})
        listed = http.get(f"{QM}/Questions").json()["questions"]
    assert listed[0]["category"]["category_name"] == "Welcome"


def test_category_sid_filter_single_and_repeated(flex: EmulatorProcess) -> None:
    with flex.client() as http:
        a, b, c = (create_category(http, name)["category_sid"] for name in ("A", "B", "C"))
        qa = create_question(http, a, Question="qa")["question_sid"]
        qb = create_question(http, b, Question="qb")["question_sid"]
        create_question(http, c, Question="qc")
        only_a = http.get(f"{QM}/Questions", params={"CategorySid": a}).json()
        a_and_b = http.get(f"{QM}/Questions", params=[("CategorySid", a), ("CategorySid", b)]).json()
        none = http.get(f"{QM}/Questions", params={"CategorySid": MISSING_FY}).json()
        every = http.get(f"{QM}/Questions").json()
        malformed = http.get(f"{QM}/Questions", params={"CategorySid": "GE" + "0" * 32})
    assert [q["question_sid"] for q in only_a["questions"]] == [qa]
    assert [q["question_sid"] for q in a_and_b["questions"]] == [qa, qb]
    assert none["questions"] == []
    assert len(every["questions"]) == 3
    # Filters come before PageSize in meta URLs, repeated as sent.
    assert only_a["meta"]["url"] == f"{flex.base_url}{QM}/Questions?CategorySid={a}&PageSize=50&Page=0"
    query = parse_qsl(urlsplit(a_and_b["meta"]["first_page_url"]).query)
    assert query == [("CategorySid", a), ("CategorySid", b), ("PageSize", "50"), ("Page", "0")]
    assert "CategorySid" in assert_twilio_error(malformed, 400, 20001)["message"]


def test_question_filter_pages_keep_the_filter(flex: EmulatorProcess) -> None:
    with flex.client() as http:
        a = create_category(http, "A")["category_sid"]
        b = create_category(http, "B")["category_sid"]
        for i in range(3):
            create_question(http, a, Question=f"a{i}")
            create_question(http, b, Question=f"b{i}")
        first = http.get(f"{QM}/Questions", params={"CategorySid": a, "PageSize": 2}).json()
        second = http.get(first["meta"]["next_page_url"]).json()
    assert [q["question"] for q in first["questions"]] == ["a0", "a1"]
    assert [q["question"] for q in second["questions"]] == ["a2"]
    assert second["meta"]["next_page_url"] is None


def test_question_in_use_cannot_be_deleted_and_usage_counts(flex: EmulatorProcess) -> None:
    with flex.client() as http:
        category = create_category(http)
        question = create_question(http, category["category_sid"])
        sid = question["question_sid"]
        one = create_questionnaire(http, QuestionSids=[sid])
        create_questionnaire(http, Name="Second", QuestionSids=[sid])
        usage = http.get(f"{QM}/Questions").json()["questions"][0]["usage"]
        refused = http.delete(f"{QM}/Questions/{sid}")
        http.delete(f"{QM}/Questionnaires/{one['questionnaire_sid']}")
        usage_after = http.get(f"{QM}/Questions").json()["questions"][0]["usage"]
    assert usage == 2
    body = assert_twilio_error(refused, 400, 45008)
    assert sid in body["message"]
    assert usage_after == 1


def test_question_delete(flex: EmulatorProcess) -> None:
    with flex.client() as http:
        category = create_category(http)
        question = create_question(http, category["category_sid"])
        deleted = http.delete(f"{QM}/Questions/{question['question_sid']}")
        again = http.delete(f"{QM}/Questions/{question['question_sid']}")
        malformed = http.delete(f"{QM}/Questions/GE1")
    assert deleted.status_code == 204
    message = assert_twilio_error(again, 404, 20404)["message"]
    resource = f"/Insights/QualityManagement/Questions/{question['question_sid']}"
    assert message == f"The requested resource {resource} was not found"
    assert_twilio_error(malformed, 404, 20404)


# --------------------------------------------------------------------------------------- questionnaires


def test_questionnaire_create_embeds_questions(flex: EmulatorProcess) -> None:
    with flex.client() as http:
        category = create_category(http, "Greeting")
        q1 = create_question(http, category["category_sid"], Question="one", Description="first")
        q2 = create_question(http, category["category_sid"], Question="two", AllowNa="true")
        response = http.post(
            f"{QM}/Questionnaires",
            data={
                "Name": "Chat QA",
                "Description": "weekly",
                "QuestionSids": [q2["question_sid"], q1["question_sid"], q2["question_sid"]],
            },
        )
    assert response.status_code == 201
    body = response.json()
    sid = body["questionnaire_sid"]
    assert re.match(r"^GM[0-9a-f]{32}$", sid)
    assert body == {
        "account_sid": flex.account_sid,
        "questionnaire_sid": sid,
        "name": "Chat QA",
        "description": "weekly",
        "active": True,  # default
        "questions": [
            {
                "question": "two",
                "description": None,
                "category": {"category_sid": category["category_sid"], "category_name": "Greeting"},
                "question_sid": q2["question_sid"],
                "answer_set_id": YES_NO,
                "allow_na": True,
                "usage": 1,
            },
            {
                "question": "one",
                "description": "first",
                "category": {"category_sid": category["category_sid"], "category_name": "Greeting"},
                "question_sid": q1["question_sid"],
                "answer_set_id": YES_NO,
                "allow_na": False,
                "usage": 1,
            },
        ],
        "url": f"{flex.base_url}{QM}/Questionnaires/{sid}",
    }


def test_questionnaire_validation(flex: EmulatorProcess) -> None:
    with flex.client() as http:
        no_name = http.post(f"{QM}/Questionnaires", data={"Description": "x"})
        bad_active = http.post(f"{QM}/Questionnaires", data={"Name": "x", "Active": "on"})
        malformed = http.post(f"{QM}/Questionnaires", data={"Name": "x", "QuestionSids": "FY" + "0" * 32})
        unknown = http.post(f"{QM}/Questionnaires", data={"Name": "x", "QuestionSids": MISSING_GE})
        listed = http.get(f"{QM}/Questionnaires", params={"IncludeInactive": "true"}).json()
    assert assert_twilio_error(no_name, 400, 20001)["message"] == (
        "Missing required parameter Name in the post body"
    )
    assert "Active" in assert_twilio_error(bad_active, 400, 20001)["message"]
    assert "QuestionSids" in assert_twilio_error(malformed, 400, 20001)["message"]
    assert MISSING_GE in assert_twilio_error(unknown, 400, 20001)["message"]
    assert listed["questionnaires"] == []


def test_questionnaire_fetch_and_update_requires_active(flex: EmulatorProcess) -> None:
    with flex.client() as http:
        created = create_questionnaire(http, Description="d")
        sid = created["questionnaire_sid"]
        fetched = http.get(f"{QM}/Questionnaires/{sid}")
        refused = http.post(f"{QM}/Questionnaires/{sid}", data={"Name": "renamed"})
        updated = http.post(f"{QM}/Questionnaires/{sid}", data={"Active": "false", "Name": "renamed"})
        after = http.get(f"{QM}/Questionnaires/{sid}").json()
    assert fetched.status_code == 200 and fetched.json() == created
    body = assert_twilio_error(refused, 400, 20001)
    assert body["message"] == "Missing required parameter Active in the post body"
    assert updated.status_code == 200
    assert (updated.json()["active"], updated.json()["name"], updated.json()["description"]) == (
        False,
        "renamed",
        "d",
    )
    assert after == updated.json()


def test_question_sids_on_update_replace_keep_or_empty_the_set(flex: EmulatorProcess) -> None:
    with flex.client() as http:
        category = create_category(http)
        q1, q2, q3 = (
            create_question(http, category["category_sid"], Question=n)["question_sid"] for n in "abc"
        )
        sid = create_questionnaire(http, QuestionSids=[q1, q2])["questionnaire_sid"]
        path = f"{QM}/Questionnaires/{sid}"

        def questions(body: dict[str, Any]) -> list[str]:
            return [q["question_sid"] for q in body["questions"]]

        replaced = http.post(path, data={"Active": "true", "QuestionSids": [q3, q1]}).json()
        kept = http.post(path, data={"Active": "true", "Name": "x"}).json()
        emptied = http.post(path, data={"Active": "true", "QuestionSids": ""}).json()
    assert questions(replaced) == [q3, q1]
    assert questions(kept) == [q3, q1]
    assert questions(emptied) == []


def test_list_only_active_unless_include_inactive(flex: EmulatorProcess) -> None:
    with flex.client() as http:
        active = create_questionnaire(http, Name="on")
        inactive = create_questionnaire(http, Name="off", Active="false")
        default = http.get(f"{QM}/Questionnaires").json()
        included = http.get(f"{QM}/Questionnaires", params={"IncludeInactive": "true"}).json()
        excluded = http.get(f"{QM}/Questionnaires", params={"IncludeInactive": "false"}).json()
        bad = http.get(f"{QM}/Questionnaires", params={"IncludeInactive": "all"})
    assert [q["name"] for q in default["questionnaires"]] == ["on"]
    assert included["questionnaires"] == [active, inactive]
    assert [q["name"] for q in excluded["questionnaires"]] == ["on"]
    assert default["meta"]["url"] == f"{flex.base_url}{QM}/Questionnaires?PageSize=50&Page=0"
    assert (
        included["meta"]["url"]
        == f"{flex.base_url}{QM}/Questionnaires?IncludeInactive=true&PageSize=50&Page=0"
    )
    assert included["meta"]["key"] == "questionnaires"
    assert "IncludeInactive" in assert_twilio_error(bad, 400, 20001)["message"]


def test_questionnaire_delete(flex: EmulatorProcess) -> None:
    with flex.client() as http:
        created = create_questionnaire(http)
        sid = created["questionnaire_sid"]
        deleted = http.delete(f"{QM}/Questionnaires/{sid}")
        fetched = http.get(f"{QM}/Questionnaires/{sid}")
        missing = http.get(f"{QM}/Questionnaires/{MISSING_GM}")
        malformed = http.get(f"{QM}/Questionnaires/GMxyz")
    assert deleted.status_code == 204 and deleted.content == b""
    for response in (fetched, missing, malformed):
        assert_twilio_error(response, 404, 20404)


def test_extra_authorization_parameters_are_ignored(flex: EmulatorProcess) -> None:
    with flex.client() as http:
        response = http.post(
            f"{QM}/Categories",
            data={"Name": "x"},
            params={"Authorization": "Token abc"},
            headers={"Token": "abc"},
        )
        listed = http.get(f"{QM}/Categories", params={"Authorization": "Token abc"}).json()
    assert response.status_code == 201
    assert [c["name"] for c in listed["categories"]] == ["x"]
    assert "Authorization" not in listed["meta"]["url"]
    with httpx.Client(base_url=flex.base_url, trust_env=False) as anonymous:
        assert_twilio_error(anonymous.get(f"{QM}/Categories"), 401, 20003)


def test_official_client_round_trip(flex: EmulatorProcess) -> None:
    client = Client(flex.account_sid, flex.auth_token)
    client.flex_api.base_url = flex.base_url
    api = client.flex_api.v1
    answer_sets = api.insights_settings_answer_sets.fetch()
    assert YES_NO in {s["id"] for s in answer_sets.answer_sets}

    category = api.insights_questionnaires_category.create(name="Greeting", authorization="Token ignored")
    assert category.category_sid is not None and category.category_sid.startswith("FY")
    renamed = api.insights_questionnaires_category(category.category_sid).update(name="Opening")
    assert renamed.name == "Opening"
    assert [c.name for c in api.insights_questionnaires_category.list()] == ["Opening"]

    question = api.insights_questionnaires_question.create(
        category_sid=category.category_sid, question="Greeted?", answer_set_id=YES_NO, allow_na=False
    )
    assert question.question_sid is not None
    assert question.category == {"category_name": "Opening", "category_sid": category.category_sid}
    assert question.answer_set["id"] == YES_NO and question.usage == 0
    listed = api.insights_questionnaires_question.list(category_sid=[category.category_sid, "FY" + "0" * 32])
    assert [q.question_sid for q in listed] == [question.question_sid]
    updated = api.insights_questionnaires_question(question.question_sid).update(allow_na=True)
    assert updated.allow_na is True and updated.question == "Greeted?"

    questionnaire = api.insights_questionnaires.create(
        name="Chat QA", active=False, question_sids=[question.question_sid]
    )
    assert questionnaire.questionnaire_sid is not None and questionnaire.active is False
    assert [q["question_sid"] for q in questionnaire.questions] == [question.question_sid]
    assert api.insights_questionnaires.list() == []
    assert len(api.insights_questionnaires.list(include_inactive=True)) == 1
    context = api.insights_questionnaires(questionnaire.questionnaire_sid)
    assert context.update(active=True, name="Chat QA v2").name == "Chat QA v2"
    assert context.fetch().active is True

    with pytest.raises(TwilioRestException) as in_use:
        api.insights_questionnaires_question(question.question_sid).delete()
    assert (in_use.value.status, in_use.value.code) == (400, 45008)
    assert context.delete() is True
    assert api.insights_questionnaires_question(question.question_sid).delete() is True
    assert api.insights_questionnaires_category(category.category_sid).delete() is True
    assert api.insights_questionnaires_category.list() == []
