"""End to end in a real Chromium: ask, read the quote and its citation, check it in the article, follow up, abstain."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

import pytest
from conftest import REPO, WebServer

from assistant import messages

ARTIFACTS = REPO / "test-artifacts"
WAIT_MS = 90_000  # generous upper bound for one answer on a slow machine; never asserted on
LIST_QUESTION = "What are the risks of microneedling on the scalp?"
OFF_TOPIC = "What is the capital of France?"

pytestmark = [pytest.mark.web, pytest.mark.browser]


def _open(browser: Any, web_server: WebServer, width: int) -> Any:
    """A fresh page of the app at the given viewport width."""
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.set_default_timeout(WAIT_MS)
    page.goto(web_server.url)
    page.wait_for_selector("#aa-question textarea")
    return page


def _shot(page: Any, name: str) -> None:
    """Save a full-page screenshot to test-artifacts/."""
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def _answers(page: Any) -> Any:
    """The assistant's replies in the chat."""
    return page.locator("#aa-chat .aa-answer")


def _ask(page: Any, question: str) -> Any:
    """Type a question, press Enter and return the new reply once it is shown."""
    before = _answers(page).count()
    box = page.locator("#aa-question textarea")
    box.fill(question)
    box.press("Enter")
    page.wait_for_function(
        "n => document.querySelectorAll('#aa-chat .aa-answer').length > n", arg=before, timeout=WAIT_MS
    )
    return _answers(page).nth(before)


def _article(web_server: WebServer) -> str:
    """The server's copy of the article."""
    return next(web_server.corpus.iterdir()).read_text(encoding="utf-8")


def test_first_view_explains_the_assistant(browser: Any, web_server: WebServer) -> None:
    page = _open(browser, web_server, 1280)
    header = page.locator("#aa-header")
    assert "Can Microneedling Cause Hair Loss?" in header.inner_text()
    assert messages.ABOUT in header.inner_text()
    assert page.get_by_role("note").inner_text().strip() == messages.DISCLAIMER
    for example in messages.EXAMPLE_QUESTIONS:
        assert page.get_by_role("button", name=example, exact=True).is_visible()
    assert page.locator("#aa-article mark").count() == 0
    assert "Conclusion" in page.locator("#aa-article").inner_text()
    _shot(page, "1280-first-view")
    page.close()


def test_ask_read_the_quote_check_it_in_the_article_follow_up_and_abstain(browser: Any, web_server: WebServer) -> None:
    page = _open(browser, web_server, 1280)
    article = _article(web_server)

    reply = _ask(page, LIST_QUESTION)
    quotes = reply.locator("figure.aa-quote")
    assert quotes.count() >= 2, "a list question is answered by several quotes in one reply"
    first = quotes.first
    assert first.locator("blockquote").inner_text().strip() in article
    caption = first.locator("figcaption").inner_text()
    assert "Risks of Microneedling on Hair Loss" in caption
    assert any(label in caption for label in messages.RELEVANCE.values())
    highlight = first.locator("mark").first.inner_text().strip()
    assert highlight and highlight in article
    assert messages.DISCLAIMER in reply.inner_text()
    texts = [quotes.nth(i).locator("blockquote").inner_text().strip() for i in range(quotes.count())]
    positions = [article.find(text) for text in texts]
    assert -1 not in positions and positions == sorted(positions), "the quotes read in article order"

    # The article panel marks the quoted passages and scrolls the first into view.
    marks = page.locator("#aa-article mark.aa-quoted")
    assert marks.count() == quotes.count()
    assert marks.first.inner_text().strip() == first.locator("blockquote").inner_text().strip()
    page.wait_for_function(
        """() => {
            const box = document.querySelector('#aa-article .aa-scroll');
            const mark = box && box.querySelector('mark');
            if (!box || !mark) return false;
            const b = box.getBoundingClientRect(), m = mark.getBoundingClientRect();
            return box.scrollTop > 0 && m.top >= b.top - 1 && m.top < b.bottom;
        }"""
    )
    _shot(page, "1280-answer")

    # A typed follow-up is read with the conversation ("they" = the risks just quoted).
    follow_up_reply = _ask(page, "Why would they cause hair loss?")
    assert messages.NOT_COVERED not in follow_up_reply.inner_text()
    assert follow_up_reply.locator("figure.aa-quote").count() >= 1

    # Follow-up questions: the article's own headings, clickable.
    suggestions = page.locator("#aa-suggestions button:visible")
    assert 2 <= suggestions.count() <= 3
    follow_up = suggestions.first.inner_text().strip()
    assert follow_up not in messages.EXAMPLE_QUESTIONS
    before = _answers(page).count()
    suggestions.first.click()
    page.wait_for_function("n => document.querySelectorAll('#aa-chat .aa-answer').length > n", arg=before)
    followed = _answers(page).nth(before)
    assert followed.locator("figure").count() >= 1
    assert follow_up in followed.locator("cite").first.inner_text()
    user_messages = page.locator("#aa-chat .user-row")
    assert user_messages.last.inner_text().strip() == follow_up

    # Off topic: the fixed message, and questions the article does answer.
    refused = _ask(page, OFF_TOPIC)
    text = refused.inner_text()
    assert messages.NOT_COVERED in text
    assert refused.locator("figure").count() == 0
    assert refused.locator("li").count() >= 2
    assert page.locator("#aa-suggestions button:visible").count() >= 2
    _shot(page, "1280-abstention")
    page.close()


def test_keyboard_alone_asks_and_follows_up(browser: Any, web_server: WebServer) -> None:
    page = _open(browser, web_server, 1280)
    page.locator("#aa-question textarea").focus()
    page.keyboard.type("Can microneedling cause hair loss?")
    page.keyboard.press("Enter")
    page.wait_for_selector("#aa-chat .aa-answer figure")
    for _ in range(40):  # Tab forward until a follow-up button has the focus
        page.keyboard.press("Tab")
        if page.evaluate("() => !!document.activeElement.closest('#aa-suggestions')"):
            break
    else:
        pytest.fail("no follow-up question is reachable with Tab")
    chosen = page.evaluate("() => document.activeElement.innerText.trim()")
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.querySelectorAll('#aa-chat .aa-answer').length >= 2")
    assert page.locator("#aa-chat .user-row").last.inner_text().strip() == chosen
    page.close()


def test_phone_width_has_no_sideways_scrolling(browser: Any, web_server: WebServer) -> None:
    page = _open(browser, web_server, 400)
    _shot(page, "400-first-view")
    reply = _ask(page, LIST_QUESTION)
    assert reply.locator("figure").count() >= 2
    assert page.locator("#aa-article mark").count() >= 2
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 400
    assert page.locator("#aa-send").is_visible()
    _shot(page, "400-answer")
    page.close()


def test_a_rating_stores_passage_ids_and_never_the_question(browser: Any, web_server: WebServer) -> None:
    page = _open(browser, web_server, 1280)
    question = "What are the benefits of microneedling for hair?"
    reply = _ask(page, question)
    assert reply.locator("figure").count() >= 1
    page.get_by_role("button", name="Like", exact=True).last.click()

    def rows() -> list[tuple[str, str]]:
        if not web_server.feedback_db.exists():
            return []
        with sqlite3.connect(web_server.feedback_db) as db:
            return db.execute("SELECT rating, passage_ids FROM feedback").fetchall()

    for _ in range(200):
        if any(rating == "like" for rating, _ in rows()):
            break
        page.wait_for_timeout(100)
    liked = [json.loads(ids) for rating, ids in rows() if rating == "like"]
    assert liked, "the like was stored"
    assert liked[-1] and all(i.startswith("microneedling-hair-loss#") for i in liked[-1])
    assert question.encode() not in web_server.feedback_db.read_bytes()
    page.close()
