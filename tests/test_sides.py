"""Words for a side of a treatment (risks, benefits) rewritten into an article's own words."""

from __future__ import annotations

import pytest

from assistant.sides import SideWords

ARTICLE = ["risk", "risks", "benefits", "hair", "loss", "scalp"]


@pytest.mark.parametrize(
    ("question", "rewritten"),
    [
        ("What are the drawbacks?", "What are the risks?"),
        ("any downside?", "any risk?"),
        ("Is it dangerous for my scalp?", "Is it risks for my scalp?"),
        ("What are the possible side effects?", "What are the possible risks?"),
        ("any side-effect on hair", "any risks on hair"),
        ("and the upsides?", "and the benefits?"),
        ("good things about it", "benefits about it"),
        ("any negative effects on hair?", "any risks on hair?"),
        ("positive effects", "benefits"),
        ("what could go wrong?", "what could risks?"),
        ("how do I keep it from going wrong", "how do I keep it from risks"),
        ("can too much of it backfire?", "can too much of it risks?"),
        ("what should I watch out for?", "what should I risks?"),
        ("what good does it do for hair", "benefits for hair"),
        ("adverse events on the scalp", "risks on the scalp"),
        ("its therapeutic claims", "its benefits"),
        ("is there anything actually good about it?", "is there benefits?"),
        ("should I be careful about it", "should I risks it"),
        ("what went wrong with my treatment?", "what went wrong with my treatment?"),  # a past event is no side
        ("pros and cons", "benefits and risks"),
        ("any red flags for hair?", "any risks for hair?"),
        ("show him the plus side", "show him the benefits"),
        ("what does the article warn about?", "what does the article risks?"),
        ("what should I worry about?", "what should I risks?"),
        ("should I worry about infection?", "should I worry about infection?"),  # a named worry is no side
        ("and the good stuff?", "and the benefits?"),
        ("what can go right", "what can benefits"),
        ("in what ways could the tiny needles help?", "in benefits?"),
        ("is there a bright side?", "is there a benefits?"),
        ("any silver lining for hair?", "any benefits for hair?"),
        ("what's the catch?", "risks?"),
        ("why do people recommend it?", "benefits it?"),
        ("why do people get it", "why do people get it"),  # getting it is no reason given for it
        ("is it a gamble", "is it a risk"),
        ("does it actually do some good for hair?", "does it actually benefits for hair?"),
        ("What's going wrong?", "What's going wrong?"),  # a problem one has now is no side
        ("every pro listed, please", "every benefits listed, please"),
        ("should I see a pro?", "should I see a pro?"),  # a professional
    ],
)
def test_side_words_become_the_articles_words(question: str, rewritten: str) -> None:
    assert SideWords(ARTICLE).rewrite(question) == rewritten


def test_words_the_article_has_and_other_words_stay() -> None:
    sides = SideWords([*ARTICLE, "dangers"])
    assert sides.rewrite("Any dangers of hair loss?") == "Any dangers of hair loss?"
    assert sides.rewrite("Does it hurt? Is it safe?") == "Does it hurt? Is it safe?"
    assert sides.rewrite("over-exfoliation, side") == "over-exfoliation, side"


def test_an_article_without_a_side_keeps_the_question() -> None:
    assert SideWords(["hair", "loss"]).rewrite("What are the drawbacks and benefits?") == (
        "What are the drawbacks and benefits?"
    )
    assert SideWords(["risks"]).rewrite("drawbacks and perks") == "risks and perks"
