"""Words that ask for one side of a treatment, its risks or its benefits, in other words than an article's.

Sentence embeddings place antonyms close together ("drawbacks" is about as near
to "benefits" as to "risks"), so a question that asks for the downsides in its
own words could be matched to the wrong list, or to none. `SideWords` rewrites
such words into the article's own word for that side, the way spelling
correction rewrites a misspelt word; words the article has are left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import partial

from assistant.lexical import stemmer, words_by_stem

_WORDS = {
    "risk": "risk risks risky danger dangers dangerous hazard hazards downside downsides drawback drawbacks "
    "disadvantage disadvantages con cons negative negatives harm harms harmful complication complications "
    "pitfall pitfalls gamble gambles",
    "benefit": "benefit benefits beneficial advantage advantages upside upsides pros positive positives "
    "perk perks merit merits",
}
_PHRASES = {  # phrases that name a side, with a word of the list above that stands for them
    "risks": re.compile(
        r"\b(?:(?:side|negative|adverse|harmful|bad)[- ]effects?|adverse reactions?|bad (?:sides?|things|points)|"
        r"(?:go|goes|(?<!what's )(?<!whats )(?<!what is )(?<!is )going) wrong|"  # not a problem one has now
        r"backfir(?:e|es|ed|ing)|(?:watch|look)(?:ing)? out for|adverse events?|"
        r"be (?:careful|wary) (?:of|about)|red flags?|bad stuff|"
        r"warn(?:s|ed|ing)? (?:you |us |readers |people )?(?:about|of|against)|"
        r"(?:worry|be worried|be concerned|get worried) about(?=\W*$)|(?:what's|whats|what is|any) (?:the )?catch)\b",
        re.I,
    ),
    "benefits": re.compile(
        r"\b(?:(?:positive|good) effects?|good (?:sides?|things|points|stuff)|(?:go|goes|going) right|"
        r"(?:what|which) ways (?:can|could|does|do|will|would|might|may) (?:it|this|that|microneedling|needling|"
        r"the (?:[\w-]+ )?(?:treatment|procedure|needles)) help|"
        r"what good (?:does|do|will|would|can|could) (?:it|this|that|they|microneedling) do|"
        r"(?:do|does|did|doing) (?:\w+ )?(?:some|any) good|plus (?:sides?|points?)|"
        r"(?:(?<=every )|(?<=each )|(?<=one )|(?<=another )|(?<=main )|(?<=biggest )|(?<=only )|(?<=single ))"
        r"pro(?! and\b)|"  # not "see a pro"
        r"therapeutic (?:claims?|effects?|uses?)|bright sides?|silver linings?|good news|"
        r"why (?:do|would|should|are|is|does) (?:people|ppl|folks|anyone|everyone|so many people|doctors|derms|clinics|"
        r"influencers) (?:even |always |still |keep )?(?:recommend(?:s|ing)?|suggest(?:s|ing)?|promot(?:e|es|ing)|"
        r"rav(?:e|es|ing) about|bother(?:s|ing)?)|(?:anything|something) (?:\w+ )?good about (?:it|this|that))\b",
        re.I,
    ),
}
_WORD = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)?")


class SideWords:
    """Rewrites words for a side (risks, benefits) that an article lacks into its own word for that side."""

    def __init__(self, vocabulary: Iterable[str], by_stem: dict[str, list[str]] | None = None) -> None:
        """Find the article's own words for each side among its `vocabulary` (lowercase words).

        `by_stem` is `words_by_stem(vocabulary)` when the caller has it already.
        """
        stem = stemmer().stemWord
        self._side = {stem(word): side for side, words in _WORDS.items() for word in words.split()}
        self._vocabulary = frozenset(vocabulary)
        by_stem = words_by_stem(self._vocabulary) if by_stem is None else by_stem
        own: dict[str, list[str]] = {}
        for side_stem, side in self._side.items():
            own.setdefault(side, []).extend(by_stem.get(side_stem, ()))
        self._own = {  # shortest first, then alphabetical
            side: sorted(found, key=lambda w: (len(w), w)) for side, found in own.items() if found
        }

    def rewrite(self, text: str) -> str:
        """`text` with each side word or phrase the article lacks replaced by the article's word for that side."""
        if not self._own:
            return text
        for word, phrase in _PHRASES.items():
            text = phrase.sub(partial(self._replace, word=word), text)
        return _WORD.sub(self._replace, text)

    def _replace(self, match: re.Match[str], word: str = "") -> str:
        """The article's word for the side `match` names (same number when it has both), else the match."""
        found = match.group(0)
        if found.lower() in self._vocabulary:
            return found
        lower = (word or found).lower()
        own = self._own.get(self._side.get(stemmer().stemWord(lower), ""), [])
        if not own:
            return found
        plural = [w for w in own if w.endswith("s") == lower.endswith("s")]
        return (plural or own)[0]
