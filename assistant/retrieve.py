"""Hybrid retrieval: dense + BM25 scores, section grouping, highlights, and the decision to abstain."""

from __future__ import annotations

import functools
import itertools
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from assistant.bm25_scores import Bm25Scorer, Bm25Scores
from assistant.corpus import Passage, Sentence, section_label
from assistant.embed import Embedder
from assistant.index import SearchIndex
from assistant.lay_terms import LayTerms
from assistant.lexical import stemmer, stopwords, tokenize, words, words_by_stem
from assistant.sides import SideWords
from assistant.spelling import ORDINAL_WORDS, Spelling, english_frequency

MAX_HISTORY_DEPTH = 2
TOPIC_SAMPLE = 10_000
MAX_OPPOSITE_HOLDERS = 50  # passages read for what an article says of a word asked about as caused
_ORDINALS = {word: place for place, word in enumerate(ORDINAL_WORDS)} | {"1st": 0, "2nd": 1, "3rd": 2, "4th": 3}
_ORDINAL_WORDS = "|".join([*_ORDINALS, "last", "final"])
_ORDINAL = re.compile(  # not "the final takeaway", "the last word"
    rf"\b({_ORDINAL_WORDS})\b(?!\s+(?:time|place|takeaways?|thoughts?|verdict|word|words|conclusions?|summary|say)\b)"
)
_ORDINAL_WORD = rf"(?:{_ORDINAL_WORDS})"
_POINTS_INTO_LIST = re.compile(  # "the second one", "first risk", "and the last?"; not "should I do anything first?"
    rf"\b(?:the|that|this)\s+{_ORDINAL_WORD}\b|\b{_ORDINAL_WORD}\s+(?:one|item|point|risk|benefit|thing)s?\b|"
    rf"^\W*(?:(?:and|what about|how about|ok|okay|so|then|tell me about|explain)\s+)*{_ORDINAL_WORD}\W*$"
)
_NEXT = re.compile(r"\bnext one\b|\bthe next\b|\bthe (?:one|item|point) after (?:that|it|this)\b|\bthe following one\b")
_NAMED_ONE = re.compile(r"\bthe ([a-z-]+) ones?\b")  # "the allergic one": an item named by its heading's word
_REST = re.compile(  # "what are the rest?", "and the other two?", "the remaining ones": the items not yet quoted
    r"\bthe (?:rest|others|remaining(?: [a-z]+)?|other (?:ones|two|three|four|five|[a-z]+s))\b|"
    r"\bother (?:two|three|four)\b"
)
_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5}
_NUMBERED = re.compile(
    rf"(?:\b(?:number|no\.?|item|point)\s*|#\s*|^\W*(?:(?:and|what about|how about|ok|okay|so|then)\s+)?(?=\d\W*$))"
    rf"(\d|{'|'.join(_NUMBER_WORDS)})\b"
)  # "number 2", "#2", and a bare "and 2?" (the # is gone after normalising)
_ANAPHORA = frozenset("it its it's that this they them those these their there one ones he she so then".split())
_OPENERS = ("and ", "but ", "so ", "also ", "what about", "how about", "ok ", "okay ", "then ", "why ", "how come")
_LIST_CUE = re.compile(
    r"\b(what are|list|all|which|name|ways|pros|cons|upsides|downsides|advantages|disadvantages|"
    r"good side|bad side|good things|bad things|factors|reasons|every (?:single )?(?:reason|way|factor|thing)|"
    r"one by one|point by point|item by item|run (?:me )?through|go through|walk me through)\b"
)
_YES_NO = re.compile(  # a clause that asks yes or no ("generally speaking, is it safe or risky?")
    r"(?:^|[,;:.?!])\W*(?:is|are|can|could|does|do|did|will|would|should|was|were|has|have|may|might)\b"
)
_WHAT_PLURAL = re.compile(r"\b(?:what|which)(?: \w+)? (\w+s)\b")  # "what risks", "what possible benefits"
_KINDS_OF = re.compile(r"\b(?:kinds?|types?|sorts?) of (?:the )?([a-z]+)")  # "kinds of risks", not "of doctor"
_NAMED_CUES = frozenset({"which", "all"})  # list cues only when the question names a list ("all the risks")
_ONE_DOES = (  # a verb in the singular: "which of the benefits helps...", "which risk involves..."
    r"(?:is|was|has|does|helps|deals|comes|involves|relates|concerns|causes|happens|means|leads|makes|gets|works|"
    r"affects|applies|goes|refers|mentions|says|matters|improves|boosts|increases|reduces|targets|treats|lets|"
    r"allows|explains|covers|addresses|results|stems|links|ties|touches)"
)
_WHICH_OF_THEM = r"\bwhich of (?:the|these|those|them|its)\b(?: [\w-]+)?"  # "which of the risks", "which of them"
_WHICH_ONE = re.compile(  # "which one", "which of the risks has...": one item of a list
    rf"\bwhich (?:one|single)\b|{_WHICH_OF_THEM} {_ONE_DOES}\b"
)
_WHICH_OF = re.compile(rf"{_WHICH_OF_THEM} ([a-z]+[^s\W]s)\b")  # "which of the risks strips...": a verb, maybe
_WHICH_NOUN = re.compile(  # "which risk" (one) or "which risks" (the list); not "which risk factors"
    rf"\bwhich ([a-z-]+)\b(?! (?!{_ONE_DOES}\b)[a-z-]+s\b)"
)
_ALL_OF = re.compile(r"\ball (?:of )?(?:the |its |their |these |those |your |my )?([a-z]+)")
_WHETHER_HOW = re.compile(  # "does it matter how deep the needles go?" asks whether depth matters, not how deep
    r"\b(?:matters?|mattered|depends?|depending|about|affects?|important|difference|with|(?:related|linked|tied) to)"
    r"\s+(?:on\s+)?how\b"  # "which one has to do with how often you do it?" names an item by what it is about
)
_COUNTED = (  # "how many risks are there?" asks for a list's items, which show how many
    r"(?:ways|things|kinds|types|sorts|reasons|factors|risks|benefits|dangers|problems|advantages|disadvantages|"
    r"downsides|upsides)"
)
_QUANTITY_QUESTION = re.compile(
    rf"\bhow (?:much|many(?! {_COUNTED}\b)|long|often|soon|frequently|deep|far|old|quickly|fast)\b|"
    r"\b(what|which) (?:(?!about\b)[a-z-]+ )?(age|size|length|depth|percentage|dose|amount|number|price|proportion)\b|"
    r"\bhow much time\b|"
    r"\bwhat (?:%|percent)|\bhow (?:common|likely|rare)\b|"
    r"\bwhen (?:will|would|do|does|can|might) (?:i|you|we|it|they) (?:see|notice|get|expect|start)\b|"
    r"\b(?:permanent(?:ly)?|temporar(?:y|ily)|(?:ir)?reversible|forever|for good|recover(?:y|s)?|go away)\b|"
    r"\b(?:grow|come)s? back after (?:[\w-]+ ){0,3}(?:hair loss|losing|shedding|falls? out)|"
    r"\b(?:lose|lost|losing|falls? out|fell out) (?:[\w,-]+ ){0,4}(?:will|would|does|do|can) (?:it|they|my hair) "
    r"(?:grow|come) back|"
    r"\bhair (?:lost|loss) (?:[\w-]+ ){0,3}(?:grows?|comes?) back"
)
_QUANTITY_TEXT = re.compile(
    r"(?<!^)\d|\b(once|twice|two|three|four|five|six|seven|eight|nine|ten|dozen|hundred|weeks?|months?|"
    r"days?|years?|hours?|minutes?|mm|millimet\w+|percent|dollars?|daily|weekly|monthly)\b"
)
_HOW_TO = re.compile(  # asks what to do ("how can I lower the risk?"), not how it happens ("how could I lose hair")
    r"\bhow (?:do|can|could|should|would|will|might|may) (?:i|you|we|one) (?!(?:get|lose|end|develop|catch|have|be)\b)"
    r"|\bhow to\b|\bhow (?:am i|are (?:we|you)) (?:supposed|meant) to\b"  # "how am I supposed to avoid that?"
    r"|\bhow (?:can|could|should|would|will|do|is|are) [\w ]{1,40}? be \w+(?:ed|en)\b"
    r"|\bwhat (?:should|can|could|do|would|must) (?:i|you|we|one) do\b"
    r"|\bhow (?:is|are) [\w ]{1,40}? (?:treated|managed|cured|handled)\b"  # "how is an allergic reaction treated?"
    r"|\bwhat (?:\w+ )?(?:should|can|could|do|would|must) (?:i|you|we|one) (?:take|use|apply)\b"  # "what cream?"
    r"|\b(?:which|what) (?:\w+ ){0,2}(?:i|you|we|one|he|she|they) (?:should|must) (?:take|use|apply)\b"
    r"|\bshould (?:i|you|we|one|he|she|they) (?:take|use|apply|put)\b"  # "should she take an antihistamine?"
    r"|\b(?:advice|tips)\b"  # "what's the main advice for staying safe?"
)
_SIGNS_QUESTION = re.compile(  # asks how to recognise something: "what are the signs of an infection?"
    r"\b(?:signs?(?! up\b)|symptoms?|warning signs?)\b|"  # "before she signs up" is no sign
    r"\bhow (?:do|can|could|would|will) (?:i|you|we|one) (?:know|tell|spot)\b"
    r"|\bshow(?:s|ing)? (?:itself |themselves )?up\b"
)
_SIGNS_TEXT = re.compile(
    r"\b(?:signs?|symptoms?|redness|red|swelling|swollen|itch\w*|pain\w*|fever|pus|irritation|rash\w*|bleeding)\b"
)
_PAIN_QUESTION = re.compile(  # asks whether it hurts: "does it hurt?", "do they use numbing cream?"
    r"\b(?:pain|painful|painless|numb(?:ing|ed)?|an(?:a)?esthe\w*|ouch)\b|"
    # "does it hurt?", "will it hurt a lot"; not "hurt my roots" or "could the roots get hurt?" (harm)
    r"(?<!get )(?<!gets )(?<!got )(?<!getting )(?<!be )(?<!been )\bhurt(?:s|ing)?\b"
    r"(?=\s*(?:[?.!,;]|$)|\s+(?:a lot|much|badly|bad|more|less|at all|too|and|or|like)\b)"
)
_PAIN_TEXT = re.compile(r"\b(?:pain\w*|hurt\w*|discomfort|numb\w*|an(?:a)?esthe\w*)\b")
_NORMAL_QUESTION = re.compile(  # asks whether something is to be expected: "is shedding normal?", "normal to bleed?"
    r"\b(?:normal|expected|usual)\s*(?:[?,.!;:]|$|\b(?:to|for|if|when|after|during|and|or|in)\b)"
)
_NORMAL_TEXT = re.compile(r"\b(?:normal\w*|expected|usual\w*|common\w*|typical\w*)\b")
_AFTERCARE = re.compile(  # asks what to do once it is done: "what should I put on my scalp after microneedling?"
    r"\bafter-?care\b|\bwhat to do\b.*\bafter|\bwhat happens (?:to (?:\w+ ){1,3})?after\b|"
    r"\b(?:should|can|do|must|could) (?:i|you|we|one|they|clients?|customers?|patients?) "
    r"(?:\w+ )?(?:do|put|wash|avoid|care|treat|expect)\b.*\bafter(?:wards)?\b|"
    r"\bcare\b.*\bafter(?:wards)?\b|\bafter(?:wards)?\b.*\bcare\b"
)
_PREVENTING = re.compile(r"\b(?:minimi[sz]e|prevent|avoid|reduce|lower|stop)\b")  # "how do I avoid that?"
# asks the article to rank two things: "which is worse, infection or allergy?", "which brand of pen is better?",
# "is X or Y the better one?"
_COMPARING_QUESTION = re.compile(
    r"\bwhich (?:one |of (?:those|these|them|the two)(?: two)? |[\w-]+ (?:of (?:[\w-]+ ){1,2})?)?"
    r"(?:is|are|was|would be) (?:the )?(?:worse|better|more|less|riskier|safer|worst|best|most|least)\b|"
    r"\bthe (?:better|best|safer|riskier|worse|more effective) (?:one|option|choice|bet|pick)\b|"
    r"\b(?:worse|riskier|more dangerous|more common|more likely|safer|better) than\b|"
    r"\bwhich (?:one |of (?:those|these|them|the two)(?: two)? )?(?:works?|helps?|does|do) (?:\w+ )?"
    r"(?:better|best|more|less|worse)\b"
)
_WHERE_TO_BUY = re.compile(  # asks where to get a product: "where can I buy a derma stamp?"
    r"\bwhere (?:(?:can|could|do|should|would|to) )?(?:(?:i|you|we|one|people) )?(?:\w+ )?"
    r"(?:buy|get|purchase|order|source)\b(?! (?:it|this|microneedling|treatment|the treatment) done\b)"
)
_SHOP_TEXT = re.compile(r"\b(?:buy|bought|purchase\w*|sold|sells?|stores?|shops?|pharmac\w+|online|retailers?)\b")
_COMPARING_TEXT = re.compile(  # not "safe for most individuals", which ranks nothing
    r"\b(?:than|worse|better|more|less|least|worst|best)\b|\bmost\b(?! (?:individuals|people|persons|cases|of)\b)"
)
_WHAT_IS = re.compile(  # a short "what is X?" asking for a definition
    r"^\W*(?:(?:so|and|ok|okay)\s+)?(?:what(?: exactly| even| actually)?(?:['\u2019]s| is| are)|define)"
    r"(?:\s+(?:exactly|even|actually))?"
    r"((?:\s+[\w'-]+){1,4})\W*$"
)
_EXAMPLES = re.compile(r"\b(?:such as|including|like)\b([^.;:]*?)(?=,?\s+(?:which|that)\b|[.;:]|$)")
_ADVICE = re.compile(  # a passage that tells the reader what to do
    r"\b(?:should|(?:essential|important|recommended|advisable|best) to|recommend\w*|must|need to|advis\w*|"
    r"consult|seek|make sure|be sure)\b|^by \w+ing\b",  # "By understanding the risks, individuals can..."
    re.IGNORECASE,
)
_ASKS_WHICH = re.compile(  # "which serum ingredients cause...": group 1 is what the question asks to be named
    r"^(?:\W*(?:so|and|ok|okay|but|then|also)\b)*\W*(?:which|what) ((?:[a-z-]+ ){0,3}?[a-z-]+?)\s+"
    r"(?:should|would|do|does|did|are|is|can|could|cause|causes|to|will|make|makes|work|works|help|helps|in|of|"
    r"for|from|with|might|may|trigger|people|i|you|most|more|commonly|usually|often|typically)\b"
)
_RECOMMENDATION = re.compile(
    r"\b(?:should i (?:use|buy|get|try|choose|pick|apply)|best|worst|safest|least|most|recommend\w*)\b"
)
_ENUMERATION = re.compile(r"(?:\s+[a-z]+){0,3}(?:,?\s+(?:such as|like|including|e\.g\.|for example|namely)|:)")
_EXTENT = frozenset("fully completely totally entirely permanently forever guaranteed always never".split())
_LINKING = frozenset(
    "before after during with without from into onto for about over under underneath beneath between against "
    "behind".split()
)
_TIMING = frozenset({"before", "after"})  # "what happens after microneedling?" asks about a time the article lacks
_NOT_NAMED = frozenset("one ones kind kinds type types sort sorts way ways thing things part parts if".split())
_CAUSING = re.compile(  # "can it leave scars?": group 1 is what the question asks it to cause
    r"\b(?:leave|leaves|cause|causes|give|gives|create|creates|produce|produces|trigger|triggers|result in|"
    r"lead to)\s+(?:(?:me|you|him|her|them|us)\s+)?(?:(?:a|an|any|some|more|the|my|your)\s+)?([a-z]+)"
)
_AS_VERB = re.compile(  # "can microneedling scar the scalp?": a noun the article uses, asked about as a verb
    r"\b(?:can|could|will|would|does|do|did|might|may)\s+(?:it|this|that|microneedling|needling|the treatment|"
    r"the procedure)\s+(scar|wrinkle)\b"
)
_REDUCING = re.compile(r"\b(?:reduc|minimi|improv|prevent|lessen|treat|eas|reliev|clear)\w*(?:\s+\w+){0,4}\s+$")
_SENTENCES = re.compile(r"(?<=[.!?])\s+")  # not corpus.split_sentences: chat often starts a sentence in lowercase
_REQUEST = re.compile(  # a sentence that asks without a question mark: "Give me the full list of..."
    r"\W*(?:please\s+)?(?:give|tell|show|list|name|explain|describe|summari[sz]e|walk me through)\b", re.IGNORECASE
)
_DEMONSTRATIVE = re.compile(r"\b(?:that|this|those|these)\b")  # "that professional": one the scene named
_POINTS_BACK = re.compile(r"\b(?:it|its|that|this|they|them|those|these)\b")  # what an earlier sentence named
_NUMBER_IN_QUESTION = re.compile(r"(?<![$£€\d.,])\d+(?:[.,]\d+)?")  # a price ("a $15 roller") is no quantity asked
_PERSON = (  # someone a reader may ask for: "my mother is 68", "my teenage son is 16"
    r"(?:mother|mom|mum|father|dad|husband|wife|partner|son|daughter|child|kid|aunt|uncle|brother|sister|"
    r"grandmother|grandma|granny|nan|grandfather|grandpa|friend|boyfriend|girlfriend|client|customer|patient)"
)
_STATED_AGE = re.compile(  # "I am 64", "my mother is 68", "a 70 year old"; not "15 mm", "10 times"
    rf"(?:\b(?:i am|i'm|im|he is|he's|she is|she's|aged)\s+|\b{_PERSON}\s+(?:is|was|turned|just turned)\s+)"
    r"(\d\d)\b(?!\s*(?:mm|%|percent|times))|\b(\d\d)(?=[\s-]*(?:years?|yrs?)[\s-]*old\b|\s*(?:yo|y/o)\b)"
    r"|\b(\d\d) ?[mf]\b"  # "33F", "28 m": a forum's age and sex
    r"|\b(?:thinning|balding|bald|hair loss|grey|gray) (?:at|by) (\d\d)\b"  # "balding at 24"
    r"(?!\s*(?:%|percent|mm|hours?|days?|weeks?|months?|sessions?|times)\b)"
)
_ABOUT_THE_SCENE = re.compile(  # an asking sentence that leans on the sentences before it: "safe for him?"
    rf"\b(?:for|to|on) (?:me|him|them|us|you|her(?=\W*$)|someone like|people like|my {_PERSON})\b"
    r"|\b(?:can|could|should|shall|may|might|must|would|will) (?:i|he|she|we|they)\b"  # "can I still get it?"
    r"|\b(?:make|makes|get|gets|help|helps|treat|fix|cure|affect|worsen|improve)\s+(?:it|that|this|them|those)\b"
    r"|\b(?:safe|safely|okay|ok|fine|alright|advisable|recommended|suitable|allowed|still|anyway|in my case)\b"
    r"|\b(?:that|this|those|these|it|them|(?<!by )one)\W*$"
    r"|^(?:is|are|was|were|would|will|could|does|do) (?:that|this|those|these)\b"  # "Is that too deep?"
)
_DEMONSTRATIVE_WORD = re.compile(rf"(?i){_DEMONSTRATIVE.pattern} ([a-z-]+)")  # "this microneedling"
ADULT_AGE = 18
_PAST_AGE = re.compile(r"\b(?:when|since) (?:i|he|she|we|they) (?:was|were) (\d\d?)\b")  # "scars from when I was 14"
_ASKING_SENTENCE = re.compile(
    r"\?\s*$|\b(question|in this (?:article|post|guide)|we will|we'll|let's|let us|read on)\b", re.IGNORECASE
)
_THE_TREATMENT_DONE = re.compile(  # "before trying it", "do it", "have it done": the treatment, not the last topic
    r"\b(?:try|tries|trying|tried|doing|undergo|undergoes|undergoing|underwent) it\b|\b(?:i|you|we|to) do it\b|"
    r"\b(?:have|has|having|had|get|gets|getting|got) it done\b"
)
_NEW_TOPIC = re.compile(  # "different question: does it help hair grow?" leaves the earlier questions behind
    r"^\W*(?:(?:ok|okay|so|and|also|now|right|oh)\W+)?(?:(?:a|one|my) )?(?:(?:different|another|new|separate|"
    r"unrelated|other) (?:question|topic|thing)|(?:on )?(?:a )?(?:different|another|separate|unrelated) note|"
    r"chang(?:e|ing) (?:of )?(?:the )?(?:subject|topic)|unrelated|switching (?:topics?|gears))\b",
    re.IGNORECASE,
)
_SET_APART = re.compile(  # an opening clause that sets a topic apart: "Apart from hair, what is it known for?"
    r"^\W*(?:(?:apart|aside) from|besides|other than|beyond|outside of) ([\w\s'-]{1,40}?),\s*", re.IGNORECASE
)
_ONESELF = r"(?:myself|yourself|at home|anyone|anybody|anywhere)"  # whoever is at hand, not a trained person


def _weighed(first: str, second: str) -> str:
    """A pattern for `first` weighed against `second`: "myself, or should I see a specialist", "pro than anyone"."""
    return rf"\b{first}\b(?:[\s,]+[\w']+){{0,8}}?[\s,]+(?:or|than|instead of)\b(?:\s+[\w']+){{0,6}}?\s+{second}\b"


_WHO_DOES = re.compile(  # asks who should carry it out: "who should do it?", "who should I go to?", "a pro to do it?"
    r"\bwho\b(?:\s+[\w']+){0,5}?\s+(?:do|does|doing|perform|performs|carry out|administer|give|go to|see|visit|book|"
    r"ask|consult|talk to|speak to|speak with|check with)\b|"
    r"\b(?:person|someone|somebody|anyone|anybody|professional|expert|specialist|practitioner)\b(?:\s+[\w']+){0,2}?"
    r"\s+to (?:do|perform|carry out)\b|"
    r"\b(?:see|consult|ask|check with|talk to) (?:anyone|anybody|someone|somebody)\b|"
    r"\b(?:what|which) (?:kind|sort|type) of (?:person|people|professional|expert|specialist|practitioner|provider)s?\b"
    r"(?:\s+[\w']+){0,4}?\s+(?:go to|see|visit|book|do|does|perform|performs|trust)\b|"
    r"\bgo to (?:a|an|the|some) (?:[\w']+ ){0,3}(?:person|someone|professional|expert|specialist|practitioner)\b|"
    # weighs doing it oneself against a trained person, either way round: "do it myself or have a trained person do it?"
    rf"{_weighed(_ONESELF, r'(?:person|someone|somebody|professional|pro|expert|specialist|practitioner)')}|"
    rf"{_weighed(r'(?:trained|qualified|professional|pro|expert|specialist|practitioner)', _ONESELF)}"
)
_PERFORMERS = re.compile(
    r"\b(?:professional|dermatologist|doctor|physician|practitioner|expert|specialist|provider|clinician|nurse|"
    r"surgeon)s?\b"
)
_CONCEDED = re.compile(  # what a question grants before asking about something else: "or just risks?"
    r"\b(?:or (?:just|only|is it (?:all|just|only))|even with|despite|in spite of|(?:apart|aside) from|besides|"
    r"other than|setting|putting|leaving|only|not just|not merely|against)"
    r"((?:\s+[\w-]+){1,4})"
    r"|\bis (?:it|this|that) (?:all|just|only)((?:\s+[\w-]+){1,3})(?=,?\s+or\b)"  # "is it all risks, or...?"
)
_BOTH_SIDES = re.compile(
    r"\b(?:pros and cons|(?:good|bad) and (?:the )?(?:bad|good)|(?:advantages|upsides|plus(?:es)?) and "
    r"(?:disadvantages|downsides|minus(?:es)?)|both sides)\b",
    re.IGNORECASE,
)
_CLOSING = frozenset(
    "conclusion conclusions conclude concluded summary summarize summarise sum takeaway takeaways bottom line "
    "final thoughts verdict main key point points overall worth weighing weigh balance idea advice advise "
    "recommend recommends recommendation recommendations".split()
)  # words that ask for an article's closing section or its overall verdict, whatever its role heading
_SUMMING_UP = re.compile(r"(?i)\ball things considered\b|\b(?:when )?all is said and done\b")  # "overall"
_DEFINITION = re.compile(  # asks what something is or does ("what's X for?"), after any opener
    r"^(?:\W*(?:so|and|ok|okay|hi|hey|hello|well)\b)*\W*"
    r"(?:what(?:['\u2019]s|s| is| are| was| does| do)|define|describe|explain|tell me)\b"
)
_ARTICLE_NOUNS = "article|page|post|text|piece|guide|blog|site"
_THE_ARTICLE = re.compile(rf"\b(?:{_ARTICLE_NOUNS}|this)\b")  # "what is this about?"
_THIS_ARTICLE = re.compile(rf"\b(?:this|that) (?:{_ARTICLE_NOUNS}|link)\b")  # "this piece": the article itself
_PURPOSE_OF_IT = re.compile(r"\bit\b(?: [\w']+){0,2} for\W*$")  # "what is it for?", "what do people use it for?"
_EVERY = re.compile(r"\b(?:all|every|each)\b(?! about)")  # "what is this article all about?" asks for no list
_GOOD_OR_BAD = re.compile(r"\b(?:good|bad|helpful|harmful)\b.{0,30}\bor\b.{0,30}\b(?:good|bad|helpful|harmful)\b")
_WITH_LIST_NAME = frozenset(
    "about every each all any some several various one ones two three four five six seven eight nine ten enumerate "
    "summarize summarise outline overview rundown breakdown point points item items bullet bullets potential".split()
)  # words that may come with a list's name when the list is all a question asks for ("what about the risks?")
# closing words that often come with a topic: "worth the money", "key ingredient", "main cause", "recommend a brand"
_TOPICAL_CLOSING = frozenset("worth key main advise recommend recommends recommendation recommendations".split())
_PLAIN_FORM = frozenset(  # "in simple terms", "in plain English", "dumbed down"
    "brief briefly short shortly quick simple simply plain terms words wording english language sentence "
    "jargon layman laymans dumb dumbed eli5 version".split()
)
_FORM = _WITH_LIST_NAME | _PLAIN_FORM | (_CLOSING - _TOPICAL_CLOSING)  # the form of an answer, never a topic
# a health article's subject named in other words than its title's: "is the treatment worth it?"
_TREATMENT = frozenset("treatment treatments procedure procedures therapy technique".split())
_ROLE_HEADINGS = frozenset(
    "conclusion conclusions introduction summary overview background discussion takeaway takeaways "
    "faq faqs references sources notes final thoughts bottom line key".split()
)
_GENERIC = frozenset(
    "tell know explain happen happens happened thing things mean means say says said get gets make makes made "
    "want need like really actually exactly just also much many way ways good bad better worse ok okay please "
    "article info information details question answer help helps use used using people someone anyone kind "
    "sort lot lots possible true right wrong real work works worked will would could should might thanks "
    "thank hello hi hey go goes going come comes done doing did let lets give gives cause causes what how why "
    "when where who whom whose which does you your yours name list see tell im ive id dont doesnt isnt cant wont "
    "whats thats hows whos theres "
    "anything something everything thing ever even still yes".split()
) | frozenset(  # pronouns, fillers and framing ("my friend told me") bm25s's stopwords keep: never a topic
    "i me my mine myself we us our ours ourselves yourself yourselves he him his himself she her hers herself "
    "its itself them theirs themselves more else already yet maybe perhaps probably sure can may must shall "
    "think thinking thought hear heard read scared worried afraid nervous concerned wonder wondering curious "
    "friend friends told all any both each every other from got out up off reason reasons try tries tried "
    "trying known person persons different various main mainly mostly usually typically commonly normally whole "
    "deal stuff loads put puts putting have has had having problem problems issue issues walk everybody everyone "
    "somebody anybody nobody buddy pal mate sister brother mum mom dad wife husband partner girlfriend boyfriend "
    "do colleague coworker swear swears swore truth claim claims claimed online internet saw seen through kindly "
    "enumerate outline rundown breakdown top old feel feels feeling seem seems seemed during "
    "honestly frankly basically literally seriously generally speaking lol lmao haha omg btw tbh ought terrified "
    "anxious stressed freaking freaked panicking confused unsure excited talk talking discuss discussing mention "
    "mentioned page text post site website author writer book booking booked appointment considering planning "
    "plan decide deciding together past lately recently currently nowadays today carry carries always full "
    "complete entire matter matters sorting setting hearing pretty guy guys dude lady bit again been single though "
    "although well mentions physically specifically particularly precisely apply applies applied applying one two "
    "three four five six seven eight nine ten first whoever whatever needed needs down very only nothing "
    "end low instead piece example examples instance isn aren wasn weren doesn don didn won shouldn couldn "
    "wouldn hasn haven those these years wants wanted girl daughter son granddaughter grandson niece nephew aunt "
    "uncle cousin tiktok instagram youtube reddit influencer influencers ngl fr nah lowkey legit hype supposedly "
    "apparently originally besides aside rather regarding according once describe describes described examine "
    "examines link linked links connected connection reader readers world run affect affects "
    "affected involve involves involved involving news than technician technicians esthetician aesthetician "
    "beautician listed lists properly proper aim nutshell learn learning extra existing proposed miracle "
    "marketing getting gotten kinds about show shows mechanically mechanical mother father grandmother grandma "
    "granny grandfather grandpa client clients customer customers anywhere somewhere keeps kept hears story stories "
    "rumour rumours rumor rumors names warn warns warned sent books wow yikes ugh hmm whoa geez jeez sheesh gosh "
    "welp eek oops sounds went gone normal student students trainee bother blame confess neighbor neighbour "
    "neighbors neighbours reasoning meant supposing substance substances doom gloom enthusiastic now alright "
    "alrighty pose poses choose chooses choosing chose chosen pick picks picking picked select selecting "
    "ask asks asked asking step steps "
    # shopping that frames a question without changing it: "a cheap pen", "before I buy", "on Amazon"
    "cheap buy buying bought purchase purchasing order ordering amazon package packages deal deals discount "
    # courtesies and address words of other languages that turn up in English chat: "todos por favor"
    "por favor porfa gracias todos todas bhai yaar habibi amigo amiga merci bitte danke obrigado obrigada grazie "
    "hola namaste salaam dear sir madam morning evening afternoon greetings "
    # doubt and slang that frame a question without changing it: "the supposed benefits", "no cap", "sis"
    "supposed allegedly alleged purportedly purported genuinely because wait sis bro bruh cap girlies bestie yolo "
    "warning warnings worry worries worrying fine keep headline judge related become becomes became myth place set "
    # ages and counts in words: "I am seventy-eight"
    "eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty "
    "seventy eighty ninety hundred".split()
)


@dataclass(frozen=True)
class Settings:
    """Retrieval weights and thresholds, fitted on tests/data/eval_questions.jsonl (`article-assistant calibrate`)."""

    sentence_weight: float = 1.0
    bm25_weight: float = 0.3
    lede_penalty: float = 0.3
    previous_boost: float = 0.2
    min_covered_relevance: float = 0.8
    min_bm25: float = 1.5
    answer_weights: tuple[float, float, float, float] = (-47.11, 6.96, 2.01, -4.93)
    answer_bias: float = -5.153
    answer_threshold: float = 0.0
    alone_weight: float = 1.0
    new_topic_weight: float = 3.0
    referring_weight: float = 0.3
    min_synonym: float = 0.7
    group_margin: float = 0.05
    distinctive_margin: float = 0.15
    summary_margin: float = 0.1
    intro_margin: float = 0.05
    min_expansion: float = 0.5
    label_weight: float = 0.3
    asking_penalty: float = 0.2
    max_missing: int = 3
    aside_shift: float = 0.025
    context_aside_shift: float = 0.05
    candidates: int = 100
    sentence_candidates: int = 400


SCORE_SIGNALS = ("gain", "specific", "bm25", "shift")  # what the answer score weighs, in Settings.answer_weights order


def answer_score(signals: dict[str, float], settings: Settings) -> float:
    """How strongly the best passage answers (below 0: abstain): a weighted sum of SCORE_SIGNALS plus a bias."""
    features = (signals[name] for name in SCORE_SIGNALS)
    return settings.answer_bias + sum(w * x for w, x in zip(settings.answer_weights, features, strict=True))


@dataclass(frozen=True)
class Hit:
    """A passage chosen to quote, its score and its best sentence(s)."""

    passage: Passage
    score: float
    highlights: tuple[Sentence, ...]


@dataclass(frozen=True)
class Retrieval:
    """What retrieval decided: the hits to quote in order, or an abstention."""

    hits: tuple[Hit, ...]
    abstained: bool
    reason: str = ""
    signals: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class _Found:
    """What the two FAISS searches found for one query vector: passages, and sentences with their owners."""

    passages: np.ndarray
    passage_scores: np.ndarray
    sentences: np.ndarray
    owners: np.ndarray
    sentence_scores: np.ndarray  # less the asking penalty
    raw_sentence_scores: np.ndarray  # as searched
    specific: float


@dataclass(frozen=True)
class _Scored:
    """Scores of the candidate passages for one query; every array is aligned with `ids` (sorted positions)."""

    ids: np.ndarray
    fused: np.ndarray
    dense: np.ndarray
    sentence: np.ndarray
    specific: float

    @property
    def best(self) -> int:
        """Position of the best-scoring passage."""
        return int(self.ids[int(np.argmax(self.fused))])

    def rows(self, positions: Sequence[int]) -> np.ndarray:
        """Rows of candidate `positions` in the arrays."""
        return np.searchsorted(self.ids, np.asarray(positions, dtype=np.int64))

    def score(self, position: int) -> float:
        """Fused score of the candidate at `position`."""
        return float(self.fused[self.rows([position])[0]])


class Retriever:
    """Scores passages of a SearchIndex for a question and decides what to quote."""

    def __init__(self, index: SearchIndex, embedder: Embedder, settings: Settings | None = None) -> None:
        """Prepare lists, label rows and word lookups once, at load time (words and labels come embedded)."""
        self.index = index
        self.embedder = embedder
        self.settings = settings or Settings()
        self.passages = index.passages
        self._lexical = Bm25Scorer(index.bm25)
        self.sentences = [s for p in index.passages for s in p.sentences]
        lexicon = index.lexicon  # the article's words and section labels, embedded at build time
        vocabulary = list(lexicon.terms)
        self.vocabulary = frozenset(vocabulary)
        self._words_of_stem = words_by_stem(vocabulary)  # each stem's words, shortest first
        self.spelling = Spelling(vocabulary, self._words_of_stem, kept=_GENERIC | _FORM)  # "influencer", "dumbed"
        self._term_words = vocabulary
        self._sides = SideWords(vocabulary, self._words_of_stem)
        self._lay = LayTerms(vocabulary, self._words_of_stem)
        self._term_vectors = lexicon.term_vectors
        self.groups: dict[tuple[str, str], list[int]] = defaultdict(list)
        for i, passage in enumerate(self.passages):
            if passage.group:
                self.groups[(passage.source, passage.group)].append(i)
        self._heads = {
            (p.source, p.section): i
            for i, p in enumerate(self.passages)
            if not p.group and (p.source, p.section) in self.groups
        }
        self._lists = {
            key: [*items, *([self._heads[key]] if key in self._heads else [])] for key, items in self.groups.items()
        }
        self._list_of = {i: key for key, members in self._lists.items() for i in members}
        sample = index.passage_vectors.reconstruct_n(0, min(index.passage_vectors.ntotal, TOPIC_SAMPLE))
        mean = sample.mean(axis=0) if len(sample) else np.zeros(embedder.dim, np.float32)
        self._topic = mean / max(float(np.linalg.norm(mean)), 1e-6)
        self._ledes = np.array([p.section == p.title for p in self.passages])
        title_tokens = {title: frozenset(tokenize([title])[0]) for title in {p.title for p in self.passages}}
        self._subjects = {  # an article's subject: its title's words that open its first paragraph ("microneedling")
            i: title_tokens[p.title] & frozenset(tokenize([p.sentences[0].text])[0])
            for i, p in enumerate(self.passages)
            if p.section == p.title and p.sentences
        }
        self._advice_words: dict[int, frozenset[str]] = {}  # read on first need: a pass at load costs seconds at 10^6
        self._shared_words: dict[tuple[str, str], frozenset[str]] = {}  # likewise
        self._asking = np.array([_asks(s.text) for s in self.sentences], dtype=np.float32)
        labels = [section_label(p.section) for p in self.passages]
        unique = list(lexicon.labels)
        self._item_labels = {
            i: frozenset(tokenize([label])[0]) for i, label in enumerate(labels) if self.passages[i].group
        }
        self._item_label_words = frozenset().union(*self._item_labels.values())
        row = {label: i for i, label in enumerate(unique)}
        self._label_vectors = lexicon.label_vectors
        self._label_rows = np.array([row[label] for label in labels], dtype=np.int32)
        self._role = np.array([_is_role_heading(label) for label in unique], dtype=bool)[self._label_rows]
        closing = np.array([bool(set(words(label)) & _CLOSING) for label in unique], dtype=bool)[self._label_rows]
        self._closing = self._role & closing  # Conclusion, Summary, Takeaways... (what "sum it up" asks for)
        self._title_words = frozenset().union(*title_tokens.values())
        self._closing_words = frozenset(stemmer().stemWords(sorted(_CLOSING)))
        held_by = Counter(stem for tokens in tokenize([p.text for p in self.passages]) for stem in set(tokens))
        # the title's words and those in half the passages or more ("scalp"): the subject, not a topic within it
        self._subject_words = self._title_words | {stem for stem, n in held_by.items() if 2 * n >= len(self.passages)}
        self._positions = {p.id: i for i, p in enumerate(self.passages)}
        self._list_titles = {key: title_tokens[self.passages[head].title] for key, head in self._heads.items()}
        self._list_words = {
            key: frozenset(tokenize([section_label(self.passages[head].section)])[0]) - self._list_titles[key]
            for key, head in self._heads.items()
        }

    def search(self, question: str, history: Sequence[str] = (), depth: int = 0) -> Retrieval:
        """Decide what to quote for `question`, using earlier questions in `history`.

        `question` and `history` must already be normalised. All texts a question
        needs are embedded in one batch. Returns hits in the order to show them,
        or an abstention with its reason.
        """
        query = self._in_article_words(question)
        query, marked_new = _NEW_TOPIC.subn(" ", query, count=1)  # the marker names no topic either
        history = () if marked_new else history
        if (apart := _SET_APART.match(query)) and not self._lists_named_by(apart.group(1)):
            query = query[apart.end() :]  # "apart from hair, what else...?" asks about what is not hair
        previous = None
        if history and depth < MAX_HISTORY_DEPTH:
            previous = self.search(history[-1], history[:-1], depth + 1)
            if rest := self._rest_pick(query, previous):
                return Retrieval(rest, False, "", {"ordinal": 1.0})
            picked = self._ordinal_pick(query, previous) or self._next_pick(query, previous)
            if picked is None and len(history) > 1 and _POINTS_INTO_LIST.search(query.lower()):
                # "and the first one?" after a question about one item of a list asked for before it
                picked = self._ordinal_pick(query, self.search(history[-2], history[:-2], depth + 1))
            if picked is not None:  # "how soon would I notice the first one?" asks what no item says
                wrong = self._wrong_type(query, question, self._position(picked.passage))
                return Retrieval(() if wrong else (picked,), bool(wrong), wrong, {"ordinal": 1.0})
        context = self._in_article_words(history[-1]) if history and self.is_dependent(query) else ""
        asking = _asking_part(query)  # the sentences that ask, when others only set the scene
        set_aside = self._scene_sides(query, asking)  # "I've read about the dangers. Is there anything positive?"
        # "pros and cons" asks for lists, not about pros; "I want both sides. Any benefits?" asks for one
        both_sides = bool(_BOTH_SIDES.search(query)) and not set_aside
        asked = _content_words(query)
        topic = stemmer().stemWords(asked)  # the question's topic words, stemmed once for the rules below
        content = _content_words(_BOTH_SIDES.sub(" ", query)) if both_sides else asked
        known = {w for w in content if self.spelling.in_article(w)}  # words the article has
        lacking = [w for w in content if w not in known and self._counts_as_missing(w, known)]
        scene = self._only_sets_the_scene(asking, lacking)  # "I'm 58, in Vancouver. What are the benefits?"
        covered = sum(w in known for w in content)
        missing = _weighed_first(lacking, asking)[: self.settings.max_missing]
        conversation = f"{context} {query}" if context else query  # what the decision to abstain reads
        texts = [
            query,
            *([conversation] if context else []),
            *missing,
            *(_drop_word(conversation, w) for w in missing),
            *([functools.reduce(_drop_word, lacking, conversation)] if len(lacking) > 1 else []),  # without all
        ]
        vectors = self.embedder.encode(texts)
        query_vector = vectors[0]
        first = 2 if context else 1
        word_vectors = vectors[first : first + len(missing)]
        variant_vectors = vectors[first + len(missing) : first + 2 * len(missing)]
        # how much the words the article lacks change the question's meaning: little for "last week", "ugh"
        dropped = vectors[-1] if len(lacking) > 1 else variant_vectors[0] if missing else vectors[first - 1]
        aside = 1.0 - float(dropped @ vectors[first - 1])
        expansion, synonym = self._expansions(word_vectors)
        # BM25 of the question with its expansion (scoring), and of what the decision reads (the conversation)
        if context:
            lexical = self._bm25(f"{context} {query} {expansion}")
            expanded = self._bm25(f"{query} {expansion}" if expansion else query)
        else:
            lexical = self._bm25(query)
            expanded = self._bm25(f"{query} {expansion}") if expansion else lexical
        found = [self._find(vectors[0]), *([self._find(vectors[1])] if context else [])]
        boosted = [] if previous is None or previous.abstained else [self._position(h.passage) for h in previous.hits]
        ids = self._candidates(found, [expanded, lexical], boosted)
        scored = self._score(vectors[0], found[0], expanded, ids)
        if context:
            combined = self._score(vectors[1], found[1], lexical, ids)
            scored = self._with_context(query, context, scored, combined, boosted)
            query_vector = vectors[1]
        best = self._distinctive(asked, scored)
        best = self._past_the_intro(topic, scored, best)  # "does it damage hair follicles?": not "...benefits for hair"
        conceded = self._conceded(asking or query) | set_aside  # lists named only to grant them: "even with the risks"
        if conceded and self._list_of.get(best) in conceded:
            best = max((i for i in scored.ids.tolist() if self._list_of.get(i) not in conceded), key=scored.score)
        performer = self._performer(question, scored)  # "who should do it?"
        best = best if performer is None else performer
        how_to = bool(_HOW_TO.search(_main_question(question).lower()))  # before "lose hair" becomes "hair loss"
        advised = self._advice_on(query, context, scored, best, previous) if how_to else None
        best = best if advised is None else advised
        at_best = int(scored.rows([best])[0])
        gain, shift = self._unsupported(query_vector, variant_vectors, missing, best)
        # the missing words are asides ("last week", "ugh"), unless one sets an extent ("fully", "completely")
        asides = aside < self._aside_limit(asking, lacking) and not _EXTENT.intersection(lacking)
        signals = {
            "relevance": float(scored.fused[at_best]),
            "dense": float(scored.dense[at_best]),
            "sentence": float(scored.sentence[at_best]),
            "bm25": float(lexical.at(np.array([best]))[0]),
            "synonym": synonym,
            "covered": float(covered),
            "gain": gain,
            "shift": shift,
            "specific": scored.specific,
            "missing": float(len(missing)),
            "aside": float(bool(missing) and (scene or asides)),
            "dependent": float(bool(context)),
            "both_sides": float(both_sides and len(self._lists) >= 2),
            "unadvised": float(how_to and advised is None),  # asks what to do; no advice names its topic
            "advised": float(advised is not None),  # asks what to do; a passage's advice names its topic
            "performer": float(performer is not None),  # asks who should do it; a passage names such a person
            # "so what makes that happen?", "what kind of products?" after one quoted passage: about that passage
            "leaning": float(previous is not None and [best] == boosted and self._holds_every_word(topic, best, 0)),
        }
        named = self._lists_named_alone(asked, scored.ids)
        # "Ugh, scary. Any upsides?" names a list in its asking sentence; not "I fear infection. Is that a risk?"
        # "...I'm a pharmacist. List every risk that could make my hair fall out from this." asks for the whole list
        asking_lower = asking.lower()
        whole_list = bool(_EVERY.search(asking_lower) and _LIST_CUE.search(asking_lower))
        if not named and asking and ((signals["aside"] and not _POINTS_BACK.search(asking_lower)) or whole_list):
            named = self._lists_named_alone(_content_words(asking), scored.ids)
        named_alone = [key for key in named if key not in conceded]
        if self._asks_for_one(query, question, named_alone):
            named_alone = []  # "which of the benefits is about hair growth?" asks for one of them
        asked_here = _what_is_asked(query)  # the asking sentences when they stand alone after a scene
        if advised is None and performer is None and (listed := named_alone):  # not "who, so it's not risky?"
            chosen = sorted(i for key in listed for i in self.groups[key])
        elif closing := self._closing_asked(asked_here, _content_words(asked_here), scored.ids):
            chosen = closing  # "what is the conclusion?", "sum it up"; "I've three kids. What's the bottom line?"
        elif opening := self._subject_asked(query, asked, scored, bool(context)):  # "what is microneedling for?"
            chosen = opening
        else:
            rule = self._rule(query, question, signals, best, topic)
            signals["scored"] = float(rule is None)  # the answer score decides (calibrate.py fits it)
            reason = rule if rule is not None else self._score_reason(signals)
            if reason:
                return Retrieval((), True, reason, signals)
            chosen = (
                [best]
                if advised is not None
                else self._expand_list(
                    f"{query} {expansion}" if expansion else query, question, best, scored, both_sides, conceded
                )
            )
        scores = scored.fused[scored.rows(chosen)]
        hits = tuple(self._hit(i, float(score), query_vector) for i, score in zip(chosen, scores, strict=True))
        return Retrieval(hits, False, "", signals)

    def _only_sets_the_scene(self, asking: str, lacking: list[str]) -> bool:
        """True when the words the article lacks, `lacking`, are all in sentences before the question `asking`.

        The asking sentence must have a topic of its own, have every word of it in the article and
        not lean on the scene (`_stands_alone`): "I'm 58 and live in Vancouver. What are the benefits?"
        is the question "What are the benefits?"; "I'm pregnant. Is it safe for me?" is not "Is it safe?".
        """
        if not asking or not _stands_alone(self._subject_named(asking)):
            return False
        asked = _content_words(asking)
        # a topic of its own: not "Will microneedling help?", where the scene says with what
        topical = len(asked) > 1 or any(stemmer().stemWord(w) not in self._title_words for w in asked)
        return topical and not _names_a_missing_word(asking, lacking)

    def _subject_named(self, asking: str) -> str:
        """`asking` without a demonstrative that only names the subject: "Will this microneedling help my hair?"."""

        def named(match: re.Match[str]) -> str:
            return match.group(1) if stemmer().stemWord(match.group(1).lower()) in self._title_words else match.group(0)

        return _DEMONSTRATIVE_WORD.sub(named, asking)

    def _aside_limit(self, asking: str, lacking: list[str]) -> float:
        """How far the missing words `lacking` may move the question's meaning and still be asides.

        Words only in a sentence that asks nothing ("My aunt runs a barbershop.") set the scene for the
        question that follows (`asking`, from `_asking_part`); they may move it further
        (`context_aside_shift`) than words in the question.
        """
        if not asking or _names_a_missing_word(asking, lacking):
            return self.settings.aside_shift
        return self.settings.context_aside_shift

    def _in_article_words(self, text: str) -> str:
        """`text` in the article's words: shorthand written out, side and plain words rewritten, typos corrected."""
        plain = _SUMMING_UP.sub("overall", self.spelling.expand_shorthand(text))
        corrected = self.spelling.correct(self._lay.rewrite(self._sides.rewrite(plain)))
        return self._lay.rewrite(corrected)  # a plain phrase with a typo ("too offten") once it is put right

    @staticmethod
    def is_dependent(question: str) -> bool:
        """True when a question leans on the conversation: a pronoun, an opener, or almost no content.

        Words that point into an earlier list ("the first", "number two") are not content.
        """
        lower = question.lower()
        content = [w for w in words(_NUMBERED.sub(" ", _ORDINAL.sub(" ", lower))) if w not in _GENERIC]
        return _refers_back(lower) or lower.startswith(_OPENERS) or len(content) <= 1

    def _with_context(self, query: str, context: str, alone: _Scored, combined: _Scored, boosted: list[int]) -> _Scored:
        """Blend a follow-up's own scores with its scores read after the earlier question.

        A follow-up that refers back ("reduce them") leans on the earlier question;
        one that brings an article topic of its own ("and the risks?") leans on
        itself and gets no boost for the previous answer.
        """
        refers_back = _refers_back(_NAMED_ONE.sub(self._unless_item_named, query.lower()))
        new_topic = not refers_back and any(  # the subject's words ("hair", "scalp") are every question's, never new
            self.spelling.in_article(w) and w not in words(context) and stemmer().stemWord(w) not in self._subject_words
            for w in _content_words(query)
        )
        settings = self.settings
        weight = (
            settings.new_topic_weight
            if new_topic
            else settings.referring_weight
            if refers_back
            else settings.alone_weight
        )
        fused = (weight * alone.fused + combined.fused) / (1 + weight)
        if boosted and not new_topic:
            fused[alone.rows(boosted)] += settings.previous_boost
        return _Scored(
            ids=alone.ids,
            fused=fused,
            dense=np.maximum(alone.dense, combined.dense),
            sentence=np.maximum(alone.sentence, combined.sentence),
            specific=max(alone.specific, combined.specific),
        )

    def _unless_item_named(self, match: re.Match[str]) -> str:
        """A blank for "the allergic one" when a list item's heading has the word, else the words as they are."""
        named = stemmer().stemWord(match.group(1)) in self._item_label_words
        return " " if named else match.group(0)

    def _unsupported(
        self, query_vector: np.ndarray, variant_vectors: np.ndarray, missing: list[str], best: int
    ) -> tuple[float, float]:
        """How far the best passage is from supporting the question's words the article lacks: (gain, shift).

        For each content word the article lacks, the question (read after the
        earlier question when it is a follow-up) is embedded without it; the
        gain is how much closer the question then comes to the passage. A word
        that pulls the question away from the passage names something the
        passage does not speak to. The shift is how much that word changes the
        question's meaning (small for filler words).
        """
        if not missing:
            return 0.0, 0.0
        targets = self._passage_vectors(best)
        base = float((targets @ query_vector).max())
        gains = (variant_vectors @ targets.T).max(axis=1) - base
        shifts = 1.0 - variant_vectors @ query_vector
        worst = int(np.argmax(gains))
        return float(gains[worst]), float(shifts[worst])

    def _expansions(self, word_vectors: np.ndarray) -> tuple[str, float]:
        """Article words close in meaning to the question's words the article lacks (added to BM25).

        Also returns the closest such similarity (0 when there is none).
        """
        if not len(word_vectors) or not len(self._term_words):
            return "", 0.0
        similarity = word_vectors @ self._term_vectors.T
        best = similarity.argmax(axis=1)
        closeness = similarity[np.arange(len(best)), best]
        keep = closeness >= self.settings.min_expansion
        return " ".join(self._term_words[i] for i in best[keep]), float(closeness.max())

    def _sentence_rows(self, position: int) -> range:
        """Rows of the passage's sentences in the sentence index."""
        first = int(np.searchsorted(self.index.sentence_owner, position))
        return range(first, first + len(self.passages[position].sentences))

    def _sentence_vectors(self, rows: range) -> np.ndarray:
        """Vectors of sentence-index `rows` (one passage's sentences)."""
        return np.vstack([self.index.sentence_vectors.reconstruct(row) for row in rows])

    def _passage_vectors(self, position: int) -> np.ndarray:
        """The passage's own vector and its sentences' vectors."""
        own = self.index.passage_vectors.reconstruct(position)
        return np.vstack([own, self._sentence_vectors(self._sentence_rows(position))])

    def _find(self, vector: np.ndarray) -> _Found:
        """Search the passage and sentence indexes for one query vector."""
        query = vector[None, :]
        n = len(self.passages)
        values, ids = self.index.passage_vectors.search(query, min(n, self.settings.candidates))
        keep = ids[0] >= 0
        passages, passage_scores = ids[0][keep], values[0][keep]
        vectors = [self.index.passage_vectors.reconstruct_batch(passages)]
        values, ids = self.index.sentence_vectors.search(
            query, min(len(self.sentences), self.settings.sentence_candidates)
        )
        keep = ids[0] >= 0
        sentences = ids[0][keep]
        vectors.append(self.index.sentence_vectors.reconstruct_batch(sentences))
        raw = values[0][keep]
        penalised = raw - self.settings.asking_penalty * self._asking[sentences]
        owners = self.index.sentence_owner[sentences]
        specific = self._specific(vector, np.vstack(vectors))
        return _Found(passages, passage_scores, sentences, owners, penalised, raw, specific)

    def _candidates(self, found: list[_Found], bm25: list[Bm25Scores], boosted: list[int]) -> np.ndarray:
        """Passages worth scoring: what the searches found, the best by BM25, earlier answers, and their whole lists.

        With no more passages than `candidates`, that is every passage. Scoring only
        these keeps the cost of a question flat as the corpus grows. The BM25
        candidates are the `candidates` best among passages with at least half the
        top BM25 score: below that, BM25 (weighted `bm25_weight` on a relative
        scale) adds too little to lift a passage that neither search found.
        """
        n = len(self.passages)
        if n <= self.settings.candidates:
            return np.arange(n)
        parts = [np.asarray(boosted, dtype=np.int64)]
        for f in found:
            parts += [f.passages, f.owners]
        for scores in {id(b): b for b in bm25}.values():  # the same scores are often passed twice
            parts.append(scores.leaders(self.settings.candidates))
        ids = np.unique(np.concatenate(parts).astype(np.int64))
        members = [m for i in ids.tolist() if i in self._list_of for m in self._lists[self._list_of[i]]]
        return np.union1d(ids, np.asarray(members, dtype=np.int64)) if members else ids

    def _score(self, vector: np.ndarray, found: _Found, bm25: Bm25Scores, ids: np.ndarray) -> _Scored:
        """Dense passage, best-sentence and label scores of the candidates `ids`, fused with their BM25 scores."""
        dense = np.zeros(len(ids), np.float32)
        hit = np.isin(found.passages, ids)
        dense[np.searchsorted(ids, found.passages[hit])] = found.passage_scores[hit]
        sentence = np.zeros(len(ids), np.float32)
        hit = np.isin(found.owners, ids)
        np.maximum.at(sentence, np.searchsorted(ids, found.owners[hit]), found.sentence_scores[hit])
        values = bm25.at(ids)
        relative = values / bm25.top if bm25.top > 0 else values
        labels = self._label_vectors[self._label_rows[ids]] @ vector
        role = self._role[ids]
        if role.any() and not role.all():
            labels[role] = float(np.median(labels[~role]))
        fused = (
            dense
            + self.settings.sentence_weight * sentence
            + self.settings.bm25_weight * relative
            + self.settings.label_weight * labels
            - self.settings.lede_penalty * self._lede_penalties(ids, found)
        )
        return _Scored(ids, fused, dense, sentence, found.specific)

    def _lede_penalties(self, ids: np.ndarray, found: _Found) -> np.ndarray:
        """1 for each candidate opening paragraph unless its sentence closest to the question answers, else 0.

        An opening paragraph often restates the title as a question ("one question
        that often arises is whether..."); it is penalised when that is what the
        question matches, not when its best sentence says something ("Microneedling,
        a popular skincare treatment, ...").
        """
        ledes = self._ledes[ids]
        if not ledes.any():
            return ledes.astype(np.float32)
        asking = self._asking[found.sentences]
        order = np.lexsort((found.raw_sentence_scores, found.owners))  # by owner, then by score
        owners = found.owners[order]
        best = np.r_[owners[1:] != owners[:-1], True]  # each owner's best sentence comes last
        answering = owners[best][asking[order][best] == 0]
        return (ledes & ~np.isin(ids, answering)).astype(np.float32)

    def _bm25(self, text: str) -> Bm25Scores:
        """BM25 scores for the words of `text`: exact for any passage, the best found through top postings."""
        return self._lexical.score(tokenize([text])[0])

    def _specific(self, vector: np.ndarray, candidates: np.ndarray) -> float:
        """Best cosine between question and candidates once the article's common topic direction is removed."""
        topic = self._topic
        query = vector - (vector @ topic) * topic
        rest = candidates - np.outer(candidates @ topic, topic)
        norms = np.linalg.norm(rest, axis=1) * max(float(np.linalg.norm(query)), 1e-6)
        return float(((rest @ query) / np.maximum(norms, 1e-6)).max()) if len(rest) else 0.0

    def _rule(self, query: str, question: str, signals: dict[str, float], best: int, topic: list[str]) -> str | None:
        """Why a rule says the best passage does not answer, "" when a rule says it does, None to let the score decide.

        Answer-type rules: a how-much/how-long question needs a quantity in the
        passage; a number in the question must appear in it; a question about
        signs or symptoms needs a passage that names one, one asking whether
        something is normal a passage that says what is, one that ranks two
        things a passage that compares, one about aftercare a passage that
        speaks of afterwards; a short "what is X?" is not answered by a passage
        that only names X as an example; then the advice, which-X and
        opposite-claim rules. A question whose content words all occur in the
        article, or whose missing words are asides, is then answered unless its
        relevance is very low (a request for both sides, "pros and cons?", of an
        article with two or more lists is answered with them; so is a question
        whose one topic word only the passage has); any other goes
        to the answer score (README, "How it decides to abstain"). `topic` is
        the question's content words, stemmed.
        """
        lower = query.lower()
        if wrong := self._wrong_type(query, question, best):
            return wrong
        if signals["unadvised"]:
            return "no_advice"
        if self._names_no_instances(_asking_part(lower) or lower, best):  # the scene names nothing asked for
            return "no_instances"
        if self._says_the_opposite(lower, best):
            return "opposite"
        leans_back = signals["dependent"] and signals["aside"]  # "how does it manage that?": the topic came before
        weak_synonym = signals["synonym"] < self.settings.min_synonym
        if signals["missing"] and not signals["covered"] and weak_synonym and not leans_back:
            return "uncovered"
        if not signals["missing"] or signals["aside"]:
            relevant = (
                signals["relevance"] >= self.settings.min_covered_relevance
                or signals["leaning"]
                or signals["advised"]
                or signals["both_sides"]
                or self._holds_every_word(topic, best)
                or self._only_holder_of_its_word(topic, best)
                or signals["performer"]
            )
            return "" if relevant or signals["bm25"] >= self.settings.min_bm25 else "weak"
        return None

    def _wrong_type(self, query: str, question: str, best: int) -> str:
        """Why the passage cannot hold the kind of answer asked for (a quantity, signs...), else "".

        `query` is the question in the article's words, `question` as typed.
        """
        passage = self.passages[best].text.lower()
        lower = query.lower()
        typed = self.spelling.expand_shorthand(question).lower()  # as asked, before plain words were rewritten
        asked = _what_is_asked(typed)  # not "I'm shedding more than usual." before "What are the risks?"
        asks_quantity = any(  # "what depth"; not "does it matter how deep?"
            _QUANTITY_QUESTION.search(text) and not _WHETHER_HOW.search(text) for text in (lower, typed)
        )
        checks = (
            ("no_quantity", asks_quantity and not _QUANTITY_TEXT.search(passage)),
            ("unknown_number", any(number not in passage for number in _numbers_asked(_what_is_asked(lower)))),
            ("no_signs", _SIGNS_QUESTION.search(asked) and not _SIGNS_TEXT.search(passage)),
            ("no_norm", _NORMAL_QUESTION.search(asked) and not _NORMAL_TEXT.search(passage)),
            ("no_pain", _PAIN_QUESTION.search(asked) and not _PAIN_TEXT.search(passage)),
            (  # typed too: "which one works better" is rewritten to "improve"
                "no_comparison",
                any(_COMPARING_QUESTION.search(text) for text in (lower, typed))
                and not _COMPARING_TEXT.search(passage),
            ),
            ("no_aftercare", _AFTERCARE.search(typed) and not re.search(r"\bafter", passage)),
            ("no_shop", _WHERE_TO_BUY.search(typed) and not _SHOP_TEXT.search(passage)),
        )
        wrong = next((reason for reason, failed in checks if failed), "")
        return wrong or ("no_definition" if self._defines_a_named_example(lower, best) else "")

    def _performer(self, question: str, scored: _Scored) -> int | None:
        """For a question asking who should carry a treatment out, the best candidate naming such a person, else None.

        "Who should do it?" and "who should I go to?" ask for a professional, a dermatologist or the like;
        "who is it safe for?" asks about the people treated and is left to the scores.
        """
        if not _WHO_DOES.search(question.lower()):
            return None
        naming = [i for i in scored.ids.tolist() if _PERFORMERS.search(self.passages[i].text.lower())]
        return max(naming, key=scored.score) if naming else None

    def _counts_as_missing(self, word: str, known: set[str]) -> bool:
        """Whether a content word the article lacks names a topic it does not cover.

        Linking words never do ("under the skin"), nor words for the form of the answer ("summarize",
        "takeaway"). "Before" and "after" do when the question has no
        other topic in the article ("what happens after microneedling?"), not when they only place one
        in time ("risk of infection after microneedling").
        """
        if word in _FORM:  # the form of the answer asked for: "summarize", "takeaway"
            return False
        if word in _TIMING:  # `known`: the question's content words the article has
            return not any(stemmer().stemWord(w) not in self._title_words for w in known if w not in _LINKING)
        return word not in _LINKING

    def _holds_every_word(self, stems: list[str], best: int, least: int = 2) -> bool:
        """True when the passage has all the question's topic `stems`, `least` or more ("qualified professional")."""
        text = self.passages[best].text.lower()
        return len(stems) >= least and all(_mentions(text, stem) for stem in stems)

    def _only_holder_of_its_word(self, stems: list[str], best: int) -> bool:
        """True when the question has one topic stem and only the passage has it ("is doing it excessive bad?")."""
        return len(stems) == 1 and self._lexical.only_holder(stems[0]) == best

    def _distinctive(self, content: list[str], scored: _Scored) -> int:
        """The best passage, or the only passage holding a word of the question if within `distinctive_margin`.

        "Can it calm an inflamed scalp?" matches "Reduce Scalp Conditions" by its heading, but only
        "Stimulate Hair Growth" says "reducing inflammation".
        """
        best = scored.best
        stems = stemmer().stemWords([w for w in content if w not in _LINKING])  # "before" is no topic
        holders = {i for i in map(self._lexical.only_holder, stems) if i is not None and i != best}
        floor = float(scored.fused.max()) - self.settings.distinctive_margin
        near = [i for i in holders & set(scored.ids.tolist()) if scored.score(i) >= floor]
        return max(near, key=scored.score) if near else best

    def _past_the_intro(self, stems: list[str], scored: _Scored, best: int) -> int:
        """The list item near a best list intro that holds more of the question's `stems`, else `best`.

        A list's intro ("...can also offer several benefits for hair health:") is short and general, so it
        can edge out by a hair the item that holds the question's own words.
        """
        key = self._list_of.get(best)
        if key is None or best != self._heads.get(key):
            return best
        floor = scored.score(best) - self.settings.intro_margin
        items = [i for i in scored.ids.tolist() if self.passages[i].group and scored.score(i) >= floor]
        least = self._words_held(stems, best)
        held = {i: n for i in items if (n := self._words_held(stems, i)) > least}
        return max(held, key=lambda i: (held[i], scored.score(i))) if held else best

    def _words_held(self, stems: list[str], position: int) -> int:
        """How many of the distinct `stems` the passage at `position` mentions."""
        text = self.passages[position].text.lower()
        return sum(bool(_mentions(text, stem)) for stem in set(stems))

    def _advice_on(
        self, query: str, context: str, scored: _Scored, best: int, previous: Retrieval | None = None
    ) -> int | None:
        """The best-scoring candidate whose advice names what a how-to question is about, else None.

        What it is about is the last word of the first run of topic words after its verb ("lower my
        chances" -> "risk" after rewriting, "treat a scalp infection" -> "infection"), or of the
        earlier question's `context` when it has none ("how do I avoid that?"); the title's words do
        not count, and a question about nothing else takes the `best` passage if it advises. "How can I
        lower the risks?" is advised on in a conclusion's "To minimize the risks, ... seek a qualified
        professional"; "how do I treat an infection?" is not. Asked how to prevent "that" after an item of
        a list was quoted ("how do I avoid that?" after "what if the needles go too deep?"), advice
        that names the list ("minimize the risks") counts too.
        """
        lower = query.lower()
        match = _HOW_TO.search(lower)
        if match is None:
            return None
        # "how can the risks be minimized?", "how is an infection treated?": the topic comes before the verb
        passive = " be " in match.group(0) or bool(re.match(r"how (?:is|are) ", match.group(0)))
        following = words(match.group(0) if passive else lower[match.end() :])[1:]  # past "how", or past the verb
        own = self._topic_run(following)
        run = own or self._topic_run(words(context))
        if not run:  # nothing but the title's subject ("how do I avoid that?" after "can it cause hair loss?")
            return best if self._advice(best) else None
        advising = [i for i in scored.ids.tolist() if run[-1] in self._advice(i)]
        if not advising and previous is not None and _PREVENTING.search(lower) and not own:
            quoted = [self._position(hit.passage) for hit in previous.hits]
            lists = {self._list_of[p] for p in quoted if p in self._list_of}
            named = frozenset().union(*(self._list_words.get(key, frozenset()) for key in lists))
            advising = [i for i in scored.ids.tolist() if named & self._advice(i)]
        return max(advising, key=scored.score) if advising else None

    def _shared(self, key: tuple[str, str]) -> frozenset[str]:
        """Stems that two or more items of the list `key` share: they single out no item ("benefits for the scalp")."""
        if key not in self._shared_words:
            counts = Counter(w for i in self.groups[key] for w in set(tokenize([self.passages[i].text])[0]))
            self._shared_words[key] = frozenset(w for w, n in counts.items() if n >= 2)
        return self._shared_words[key]

    def _advice(self, position: int) -> frozenset[str]:
        """Stems of the passage's advice sentences (should, consult, seek...); empty when it gives none."""
        if position not in self._advice_words:
            sentences = [s.text for s in self.passages[position].sentences if _ADVICE.search(s.text)]
            self._advice_words[position] = frozenset(w for tokens in tokenize(sentences) for w in tokens)
        return self._advice_words[position]

    def _topic_run(self, following: list[str]) -> list[str]:
        """Stems of the first run of topic words in `following` (no filler, linking or title words)."""
        run: list[str] = []
        for word in following:
            stem = stemmer().stemWord(word)
            if word in _GENERIC or word in _LINKING or stem in self._title_words or not self.spelling.in_article(word):
                if run:
                    break
                continue
            run.append(stem)
        return run

    def _names_no_instances(self, lower: str, best: int) -> bool:
        """True when a "which X" question wants X named and the best passage mentions X without naming any.

        It wants them named when X is plural ("which serum ingredients...") or it asks for a
        recommendation ("which serum should I use?"). A passage names them when X comes with
        "such as", "including" or a colon ("scalp conditions such as dandruff"). Lists ("which risks")
        and follow-ups ("which one") are left to the list rules. Asked for the best X, it wants X
        named also when the article never mentions X ("which serum brand works best?").
        """
        match = _ASKS_WHICH.search(lower)
        if match is None:
            return False
        named = match.group(1).split()
        head = named[-1]
        if any(w in _GENERIC or w in stopwords() or w in _NOT_NAMED for w in named):
            return False
        if len(named) == 1 and match.group(0).endswith(" to"):  # "what leads to ...": a verb, not things to name
            return False
        stems = stemmer().stemWords(named)
        if any(stem in heading for stem in stems for heading in self._list_words.values()):
            return False
        plural = head.endswith("s") and not head.endswith("ss")
        recommending = bool(_RECOMMENDATION.search(lower))
        if not (plural or recommending):
            return False
        if recommending and not self.spelling.in_article(head):
            return True
        text = self.passages[best].text.lower()
        singular = head[:-1] if plural else head
        mentions = list(re.finditer(rf"\b{re.escape(singular)}(?:s|es)?\b", text))  # the noun, not "improve"
        return bool(mentions) and not any(_ENUMERATION.match(text, m.end()) for m in mentions)

    def _defines_a_named_example(self, lower: str, best: int) -> bool:
        """True when a short "what is X?" asks about something the best passage only names as an example.

        "What is seborrheic dermatitis?" is not answered by "scalp conditions such as dandruff, seborrheic
        dermatitis, and psoriasis": the passage names it and says nothing of what it is.
        """
        match = _WHAT_IS.match(lower)
        asked = _content_words(match.group(1)) if match else []
        stems = [s for s in stemmer().stemWords(asked) if s not in self._title_words]
        if not stems:
            return False
        text = self.passages[best].text.lower()
        inside = [range(m.start(1), m.end(1)) for m in _EXAMPLES.finditer(text)]
        found = [m.start() for stem in stems for m in _mentions(text, stem)]
        return bool(found) and all(any(at in span for span in inside) for at in found)

    def _says_the_opposite(self, lower: str, best: int) -> bool:
        """True when a question asks whether something causes X and its article only says it reduces X.

        "Can microneedling leave scars?" is not answered by "reduce the appearance of scars": quoting it
        would read as a claim the article does not make. Every passage of the best passage's article that
        holds X counts (up to `MAX_OPPOSITE_HOLDERS`, else the best passage alone), so "Can the needles
        leave scars?" abstains whichever passage scores best.
        """
        source = self.passages[best].source
        for match in itertools.chain(_CAUSING.finditer(lower), _AS_VERB.finditer(lower)):
            stem = stemmer().stemWord(match.group(1))
            if stem in _GENERIC or stem in self._title_words:
                continue
            holders = self._lexical.holders(stem).tolist()
            holders = holders if len(holders) <= MAX_OPPOSITE_HOLDERS else [best]
            texts = [self.passages[i].text.lower() for i in holders if self.passages[i].source == source]
            before = [text[max(0, m.start() - 60) : m.start()] for text in texts for m in _mentions(text, stem)]
            if before and all(_REDUCING.search(text) for text in before):
                return True
        return False

    def _score_reason(self, signals: dict[str, float]) -> str:
        """ "uncovered" when the answer score, fitted on labelled questions, is below its threshold, else ""."""
        return "uncovered" if answer_score(signals, self.settings) < self.settings.answer_threshold else ""

    def _expand_list(
        self,
        query: str,
        question: str,
        best: int,
        scored: _Scored,
        both_sides: bool,
        conceded: set[tuple[str, str]],
    ) -> list[int]:
        """Quote whole lists (their items, in article order) when the question asks for them.

        A list's items are quoted when the question asks for several things and the list scores within
        `group_margin` of the best passage, or when the question names two or
        more lists by their headings' own words ("risks and benefits") or asks
        for both sides ("pros and cons": the two best-scoring lists). Only lists
        among the candidates are considered. When the best passage is a list's intro
        paragraph, its items are quoted, after the intro unless the question asks no
        yes-or-no question and names the list or the intro only leads into it. A summary in no list that is best
        for a list question gives way to the list it names every item of, else
        to the best list within `summary_margin`. "All the X", "kinds of X" and
        (as typed) "what Xs" ask for the list X names; a list question naming one
        list gets that list, whichever scores nearer.
        """
        lower = query.lower()
        keys = sorted({self._list_of[i] for i in scored.ids.tolist() if i in self._list_of})
        asked = set(tokenize([query])[0])
        named_lists = [key for key in keys if self._list_words.get(key, frozenset()) & asked]
        cues = {m.group(0) for m in _LIST_CUE.finditer(lower)}
        # "which scalp conditions" asks for one item unless a list is named, and "all" only asks for the list it
        # names ("all the risks", not "the risk of germs from all those tiny holes")
        # the list "all the ...", "kinds of ..." or (as typed) "what ...s" names: "what risks should I know about?"
        typed_plural = _WHAT_PLURAL.findall(question.lower())
        asked_for = _ALL_OF.findall(lower) + _KINDS_OF.findall(lower) + typed_plural
        if typed_plural and best not in self._list_of:  # "what side effects...?" (rewritten "what risks") over advice
            asked_for += _WHAT_PLURAL.findall(lower)
        after_all = set(stemmer().stemWords(asked_for))
        one = "which" in cues and self._asks_for_one(query, question, named_lists)
        if one and (key := self._list_of.get(best)) is not None and best == self._heads.get(key):
            return [max(self.groups[key], key=scored.score)]  # "which benefit helps a flaky scalp?": not the intro
        wants_list = (
            bool(cues - _NAMED_CUES)
            or ("which" in cues and bool(named_lists) and not one)
            or any(self._list_words.get(key, frozenset()) & after_all for key in keys)
        )
        named = self._named_items(asked, scored.ids)
        if len(named) == 1 and not wants_list:
            return named
        top_of = {key: float(scored.fused[scored.rows(self._lists[key])].max()) for key in keys}
        if both_sides and len(named_lists) < 2:
            named_lists = sorted(keys, key=lambda k: -top_of[k])[:2]
        granted = conceded & set(named_lists)  # `conceded`: what the question only grants ("or just risks?")
        named_lists = [key for key in named_lists if key not in granted]
        keys = [key for key in keys if key not in granted]
        if len(named_lists) >= 2:
            return sorted(i for key in named_lists for i in self.groups[key])
        if wants_list and len(named_lists) == 1 and named_lists[0] in keys:  # "what are all the possible upsides?"
            return sorted(self.groups[named_lists[0]])
        top = float(scored.fused.max())  # the best passage's score
        chosen: set[int] = set()
        for key in keys:
            near = top_of[key] >= top - self.settings.group_margin
            at_head = best == self._heads.get(key)
            # an intro that only leads into its list ("... offer several benefits for hair health:") says nothing
            named_head = at_head and not _YES_NO.search(lower) and (key in named_lists or self._only_leads_in(best))
            if (wants_list and near) or named_head:  # "downsides of needling", not "is it safe or risky?"
                chosen.update(self.groups[key])
            elif at_head:  # "is it safe?" is answered by the intro, then its items
                chosen.update(self._lists[key])
        if not chosen and wants_list and best not in self._list_of and keys:  # "all the ways it can cause hair loss"
            nearest = max(keys, key=lambda k: top_of[k])
            summarised = self._summarised(best, keys)  # the lists whose every item it names
            if summarised:
                chosen.update(self.groups[max(summarised, key=lambda k: top_of[k])])
            elif top_of[nearest] >= top - self.settings.summary_margin:
                chosen.update(self.groups[nearest])
        return sorted(chosen) if chosen else [best]

    def _asks_for_one(self, query: str, question: str, named_lists: list[tuple[str, str]]) -> bool:
        """True when a "which" question asks for one item of the list it names, not for the list.

        "Which one deals with flaky skin?", "which of the risks has to do with the serum?" and (singular)
        "which risk is about germs?" ask for one; "which risks should I know about?" asks for them all.
        Both the `query` in the article's words and the `question` as typed are read: side words are
        rewritten in the article's number ("benefit" may become "benefits").
        """
        for lower in (query.lower(), question.lower()):
            if _WHICH_ONE.search(lower):
                return True
            verb = _WHICH_OF.search(lower)  # the article's verb in the singular: "which of the risks strips oils?"
            if (
                verb
                and self.spelling.in_article(verb.group(1))
                and not self._names_a_list(stemmer().stemWord(verb.group(1)))
            ):
                return True
            singular = [m.group(1) for m in _WHICH_NOUN.finditer(lower) if not m.group(1).endswith("s")]
            if any(stemmer().stemWord(w) in self._list_words[key] for w in singular for key in named_lists):
                return True
        return False

    def _only_leads_in(self, position: int) -> bool:
        """True when every sentence of the passage leads into what follows (ends with a colon)."""
        return all(s.text.rstrip().endswith(":") for s in self.passages[position].sentences)

    def _summarised(self, position: int, keys: list[tuple[str, str]]) -> list[tuple[str, str]]:
        """The lists among `keys` whose every item the passage names ("due to trauma, infection...").

        An item is named by a word of its label that no other item's label and not the title has.
        """
        tokens = set(tokenize([self.passages[position].text])[0])

        def names_every_item(key: tuple[str, str]) -> bool:
            own = [self._item_labels[i] - self._list_titles.get(key, frozenset()) for i in self.groups[key]]
            return len(own) >= 2 and all(
                (label - frozenset().union(*own[:n], *own[n + 1 :])) & tokens for n, label in enumerate(own)
            )

        return [key for key in keys if names_every_item(key)]

    def _scene_sides(self, query: str, asking: str) -> set[tuple[str, str]]:
        """The lists only a message's scene names when its asking sentences name one other list, else none.

        "My doctor listed the dangers. Apart from the risks, anything positive?" asks for the benefits: the
        scene (the sentences that do not ask) does not decide, nor does a list the question only grants.
        """
        if not asking:
            return set()
        in_asking = self._lists_named_by(_CONCEDED.sub(" ", asking.lower()))
        in_scene = self._lists_named_by(_scene_part(query))
        return in_scene - in_asking if len(in_asking) == 1 else set()

    def _lists_named_by(self, text: str) -> set[tuple[str, str]]:
        """The lists whose headings' words (stemmed) `text` holds."""
        named = set(stemmer().stemWords(_content_words(text)))
        return {key for key, heading in self._list_words.items() if heading & named}

    def _names_a_list(self, stem: str) -> bool:
        """True when a word stem is in a list's heading ("risk", "benefit")."""
        return any(stem in heading for heading in self._list_words.values())

    def _conceded(self, query: str) -> set[tuple[str, str]]:
        """The lists a question names only to grant them ("even with the risks, ...", "or just risks?")."""
        lower = query.lower()
        granted = set(tokenize([" ".join(m.group(1) or m.group(2) for m in _CONCEDED.finditer(lower))])[0])
        if not granted:
            return set()
        main = set(tokenize([_CONCEDED.sub(" ", lower)])[0])
        return {key for key, heading in self._list_words.items() if heading & granted and not heading & main}

    def _lists_named_alone(self, content: list[str], ids: np.ndarray) -> list[tuple[str, str]]:
        """The lists a question (its `content` words) asks for by their headings' words and nothing else.

        "every benefit and every risk" names two. Words such as "every", "all", "three" or "about" and the
        article title's words may come with them, and with a plural name ("benefits") words that two or more
        of its items share ("scalp"); each list must be among the candidates `ids`.
        """
        asked = set(stemmer().stemWords([w for w in content if w not in _WITH_LIST_NAME]))
        named = [key for key, heading in self._list_words.items() if heading & asked]
        plural = set(stemmer().stemWords([w for w in content if w.endswith("s")]))  # "benefits", not "risky"
        allowed = set().union(
            *(self._list_words[key] | self._list_titles[key] for key in named),
            *(self._shared(key) for key in named if self._list_words[key] & plural),  # "benefits for the scalp"
        )
        if not named or not asked <= allowed:
            return []
        return named if all(np.isin(self._lists[key], ids).all() for key in named) else []

    def _subject_asked(self, query: str, content: list[str], scored: _Scored, follow_up: bool) -> list[int]:
        """The best-scoring opening paragraph whose article's subject is all a "what is" question asks about.

        "What is microneedling?", "what's microneedling known for?", "tell me about microneedling": the
        opening paragraph introduces the subject. So it does the article itself, when a question that
        leans on no earlier one asks what it is about ("What is this article about?"). "Who should do
        microneedling?" is not such a question.
        """
        lower = _what_is_asked(query).lower()  # "I've had it on my face. What is microneedling normally used for?"
        if lower != query.lower():
            content = _content_words(lower)
        named = [w for w in content if w not in _TREATMENT and w not in _FORM]  # "what is this treatment for?"
        asked = set(stemmer().stemWords(named)) - {"about", "cover", "explor", "discuss"}
        # "what is this about?", and with no earlier question "what do people use it for?": the article's subject
        about_it = (_THE_ARTICLE.search(lower) or _PURPOSE_OF_IT.search(lower)) and not follow_up
        about_it = about_it and not _EVERY.search(lower)  # not "all the causes"
        if not _DEFINITION.search(lower) or not (asked or about_it):
            return []
        ledes = [i for i in scored.ids.tolist() if i in self._subjects and asked <= self._subjects[i]]
        return [max(ledes, key=scored.score)] if ledes else []

    def _closing_asked(self, query: str, content: list[str], ids: np.ndarray) -> list[int]:
        """Candidate closing sections (Conclusion, Summary...) when that is all a question's `content` words ask for.

        Besides closing and verdict words, a question may only name its article's subject in the title's
        words ("is microneedling worth it?"); "is it good or bad for hair?" asks for the verdict too.
        """
        asked = set(stemmer().stemWords([w for w in content if w not in _TREATMENT])) - self._subject_words
        verdict = not asked and bool(_GOOD_OR_BAD.search(query.lower()))
        if not verdict and (not asked or not asked <= self._closing_words):
            return []
        return ids[self._closing[ids]].tolist()

    def _named_items(self, asked: set[str], ids: np.ndarray) -> list[int]:
        """Candidate list items whose label words (stemmed) are all among the question's tokens `asked`."""
        labels = self._item_labels
        return [i for i in ids.tolist() if i in labels and labels[i] and labels[i] <= asked]

    def _ordinal_pick(self, query: str, previous: Retrieval) -> Hit | None:
        """Resolve 'the second one' / 'the last one' against the previous list answer."""
        items = [h for h in previous.hits if h.passage.group]
        if len(items) < 2 or not self.is_dependent(query):
            return None
        lower = query.lower()
        match = _ORDINAL.search(lower) if _POINTS_INTO_LIST.search(lower) else None
        number = _NUMBERED.search(lower)
        if match:
            word = match.group(1)
            position = len(items) - 1 if word in ("last", "final") else _ORDINALS[word]
        elif number:
            position = _NUMBER_WORDS.get(number.group(1)) or int(number.group(1))
            position -= 1
        else:
            return None
        if not 0 <= position < len(items):
            return None
        item = items[position]
        return Hit(item.passage, item.score, item.passage.sentences[:1])

    def _next_pick(self, query: str, previous: Retrieval) -> Hit | None:
        """Resolve "the next one" / "the one after that" after one list item was quoted: the item after it."""
        if len(previous.hits) != 1 or not previous.hits[0].passage.group or not _NEXT.search(query.lower()):
            return None
        at = self._position(previous.hits[0].passage)
        items = self.groups[self._list_of[at]]
        following = items.index(at) + 1
        if following >= len(items) or not self.is_dependent(query):
            return None
        passage = self.passages[items[following]]
        return Hit(passage, previous.hits[0].score, passage.sentences[:1])

    def _rest_pick(self, query: str, previous: Retrieval) -> tuple[Hit, ...]:
        """Resolve "the rest" / "the other two" after some items of one list were quoted: the others, in order.

        Empty when the question names another list ("and the other benefits?" after a risk) or
        when the whole list was quoted already.
        """
        lower = query.lower()
        keys = {self._list_of.get(self._position(h.passage)) for h in previous.hits}
        if not previous.hits or len(keys) != 1 or not _REST.search(lower) or not self.is_dependent(query):
            return ()
        topic = [w for w in _content_words(_REST.sub(" ", lower)) if w not in _GENERIC and w not in _FORM]
        if [w for w in stemmer().stemWords(topic) if w not in self._title_words and not self._names_a_list(w)]:
            return ()  # "is it safe for the others in my family?" asks about something else
        key = keys.pop()
        if key is None or any(other != key for other in self._lists_named_by(lower)):
            return ()
        quoted = {self._position(h.passage) for h in previous.hits}
        rest = [i for i in self.groups[key] if i not in quoted]
        if not rest or len(rest) == len(self.groups[key]):
            return ()
        score = previous.hits[0].score
        return tuple(Hit(self.passages[i], score, self.passages[i].sentences[:1]) for i in rest)

    def _position(self, passage: Passage) -> int:
        """Index of a passage in the index."""
        return self._positions[passage.id]

    def _hit(self, position: int, score: float, query_vector: np.ndarray) -> Hit:
        """Build a Hit with the passage's sentence closest to the question highlighted."""
        passage = self.passages[position]
        if len(passage.sentences) == 1:
            return Hit(passage, round(score, 4), passage.sentences)
        rows = self._sentence_rows(position)
        vectors = self._sentence_vectors(rows)
        asking = self._asking[rows.start : rows.stop]
        best = int(np.argmax(vectors @ query_vector - self.settings.asking_penalty * asking))
        return Hit(passage, round(score, 4), (passage.sentences[best],))


def _mentions(text: str, stem: str) -> list[re.Match[str]]:
    """Each word of `text` (lowercase) that begins with `stem`."""
    return list(re.finditer(rf"\b{re.escape(stem)}\w*", text))


def _numbers_asked(lower: str) -> list[str]:
    """The numbers in a question, less ages given as context ("I am 64", "since I was 12"); a minor's age is asked."""
    stated = (next(age for age in m.groups() if age) for m in _STATED_AGE.finditer(lower))
    ages = {age for age in stated if int(age) >= ADULT_AGE} | set(_PAST_AGE.findall(lower))  # a past age at any age
    return [number for number in _NUMBER_IN_QUESTION.findall(lower) if number not in ages]


def _what_is_asked(query: str) -> str:
    """The asking sentences of `query` when they stand alone after sentences that set the scene, else all of it.

    "I've rolled daily for 3 weeks. What does over-exfoliation do?" asks nothing about 3 weeks.
    """
    asking = _asking_part(query)
    points_back = _POINTS_BACK.search(_THIS_ARTICLE.sub(" ", asking))  # "this piece" is the article, not the scene
    return asking if asking and _stands_alone(asking) and not points_back else query


def _weighed_first(lacking: list[str], asking: str) -> list[str]:
    """The missing words in the order they are weighed: the asking sentences' own first, then the rarest first.

    "I'm 19 with acne on my hairline. Will it clear my breakouts?" weighs "breakouts" before "hairline";
    "breastfeeding" comes before "baby". When the asking sentences stand alone and hold missing words
    of their own, only theirs are weighed: a scene's "Lagos" or "clumps" asks nothing.
    """
    asked = set(_content_words(asking))
    if asking and _stands_alone(asking) and not _DEMONSTRATIVE.search(asking.lower()):
        lacking = [word for word in lacking if word in asked] or lacking  # not "...should that professional have?"
    return sorted(lacking, key=lambda word: (word not in asked, english_frequency(word)))


def _main_question(question: str) -> str:
    """The first of two or more questions in one message ("Can it hurt my roots? And how do I avoid that?")."""
    asking = [s for s in _SENTENCES.split(question.strip()) if _asks_here(s)]
    return asking[0] if len(asking) > 1 else question


def _asking_part(query: str) -> str:
    """The sentences of `query` that ask ("...?", "Give me...") when others only set the scene, else ""."""
    sentences = _SENTENCES.split(query.strip())
    asking = [s for s in sentences if _asks_here(s)]
    return " ".join(asking) if asking and len(asking) < len(sentences) else ""


def _scene_part(query: str) -> str:
    """The sentences of `query` that do not ask: the scene its asking sentences (`_asking_part`) follow."""
    return " ".join(s for s in _SENTENCES.split(query.strip()) if not _asks_here(s))


def _asks_here(sentence: str) -> bool:
    """True for a sentence of a message that asks: it ends in "?" or makes a request ("Give me the list.")."""
    return sentence.rstrip().endswith("?") or bool(_REQUEST.match(sentence))


def _names_a_missing_word(asking: str, lacking: list[str]) -> bool:
    """True when the asking sentences hold one of the words the article lacks (`lacking`)."""
    return not set(_content_words(asking)).isdisjoint(lacking)


def _stands_alone(asking: str) -> bool:
    """True when the asking sentences ask about the article's topic, not about the person or thing just described.

    "Is it safe for me?", "Can I still get it?" or "Does it help with that?" after "I am pregnant." or
    "My niece has alopecia." ask what the scene changes; "What are the benefits?" asks the same anywhere.
    """
    return not _ABOUT_THE_SCENE.search(asking.lower())


def _asks(sentence: str) -> bool:
    """True for a sentence that raises or announces a question instead of answering one."""
    return bool(_ASKING_SENTENCE.search(sentence))


def _is_role_heading(label: str) -> bool:
    """True for a heading that names its role in the article (Conclusion, Summary...) rather than a topic."""
    role = words(label)
    return bool(role) and all(w in _ROLE_HEADINGS for w in role)


def _drop_word(text: str, word: str) -> str:
    """Remove every occurrence of `word` (any case) from `text`."""
    return re.sub(rf"(?i)\b{re.escape(word)}\b", " ", text)


def _content_words(text: str) -> list[str]:
    """Distinct words that carry a question's topic: no stopwords, question words or filler."""
    return [w for w in dict.fromkeys(words(text)) if w not in _GENERIC and w.isalpha() and len(w) > 2]


def _refers_back(lower: str) -> bool:
    """True when a lowercased question has a pronoun that points at something said before.

    The "it" one tries, does or has done is the treatment itself ("who should see a doctor before trying it?").
    """
    return bool(set(re.findall(r"[a-z']+", _THE_TREATMENT_DONE.sub(" ", lower))) & _ANAPHORA)
