"""Every fixed message the assistant can show, in one place.

Reviewed like medical copy: short, plain, and making no health claim. Nothing
else the assistant shows is its own words: the rest is verbatim article text.
"""

from __future__ import annotations

DISCLAIMER = (
    "These are quotes from the article, not medical advice. "
    "For advice about your own health, ask a qualified professional."
)
NOT_COVERED = "The article does not answer this question, so I can't quote an answer."
COVERS = "The article covers:"
TRY_ASKING = "Questions the article answers:"
EMPTY = "Please type a question about the article."
NO_WORDS = "Please ask your question in words."
NOT_ENGLISH = "I can only answer questions in English about this article."
TRUNCATED = "Your question was long, so only its beginning was used."
FROM_ARTICLE = "From the article:"
RELEVANCE = {"high": "Strong match", "medium": "Good match", "low": "Partial match"}
CHAT_PROMPT = "Ask about the article (an empty line or Ctrl-D quits)."
BUSY = "The assistant is busy. Please try again in a moment."
FAULT = "The assistant is not ready. The operator should run: article-assistant build"
ERROR = "Something went wrong while answering. Please try again."

# The web page's own words (assistant/web.py): labels and one line on what it does.
ABOUT = (
    "Ask a question about the article and get its own words back, quoted with the section they come from. "
    "It does not give advice and does not answer what the article does not cover."
)
EXAMPLES_LABEL = "Example questions:"
ARTICLE_LABEL = "The article (quoted passages are highlighted)"
QUESTION_LABEL = "Your question"
QUESTION_PLACEHOLDER = "Type a question and press Enter"
SEND = "Ask"
NO_ARTICLE = "The article text is not available here."

PROBLEMS = {"empty": EMPTY, "no_words": NO_WORDS, "not_english": NOT_ENGLISH}

# Headings of the examples the chat offers; each must be answered by the bundled article.
EXAMPLE_QUESTIONS = (
    "Can microneedling cause hair loss?",
    "What are the risks of microneedling on the scalp?",
    "What are the benefits of microneedling for hair?",
    "Can microneedling help with dandruff?",
)

ALL = (
    DISCLAIMER,
    NOT_COVERED,
    COVERS,
    TRY_ASKING,
    EMPTY,
    NO_WORDS,
    NOT_ENGLISH,
    TRUNCATED,
    FROM_ARTICLE,
    CHAT_PROMPT,
    BUSY,
    FAULT,
    ERROR,
    ABOUT,
    EXAMPLES_LABEL,
    ARTICLE_LABEL,
    QUESTION_LABEL,
    QUESTION_PLACEHOLDER,
    SEND,
    NO_ARTICLE,
    *RELEVANCE.values(),
)
