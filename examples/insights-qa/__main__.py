"""A Flex Insights quality-management questionnaire with its categories and questions.

Answer sets come from GET /v1/Insights/QualityManagement/Settings/AnswerSets; the defaults
below are ids the emulator's default account (and Twilio's docs) use. On a real account, set
the config keys `yesNoAnswerSet` and `ratingAnswerSet` to ids from that listing.
"""

import pulumi

import pulumi_flex as flex

config = pulumi.Config()
yes_no = config.get("yesNoAnswerSet") or "a6a8a54f-5305-4aec-b92c-a6e429932f58"
rating = config.get("ratingAnswerSet") or "526bf533-6c17-57ab-bb73-a71044dd2532"

opening = flex.QuestionnaireCategory("opening", name="Opening")
resolution = flex.QuestionnaireCategory("resolution", name="Resolution")

greeted = flex.QuestionnaireQuestion(
    "greeted",
    category_sid=opening.category_sid,
    question="Did the agent greet the customer by name?",
    description="Look for the customer's name in the first two messages",
    answer_set_id=yes_no,
    allow_na=False,
)
verified = flex.QuestionnaireQuestion(
    "verified",
    category_sid=opening.category_sid,
    question="Did the agent verify the customer's identity?",
    answer_set_id=yes_no,
    allow_na=True,
)
resolved = flex.QuestionnaireQuestion(
    "resolved",
    category_sid=resolution.category_sid,
    question="How well was the issue resolved?",
    answer_set_id=rating,
    allow_na=False,
)

review = flex.Questionnaire(
    "weekly-review",
    name="Weekly quality review",
    description="Used by team leads every Friday",
    active=True,
    question_sids=[greeted.question_sid, verified.question_sid, resolved.question_sid],
)

pulumi.export("questionnaire_sid", review.questionnaire_sid)
pulumi.export("question_sids", review.question_sids)
