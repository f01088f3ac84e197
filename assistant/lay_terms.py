"""Everyday words for clinical terms ("blood flow" for circulation), rewritten into an article's own terms.

A health article says "follicles", "absorption" and "excessive"; readers ask
about "roots", things that "soak in" and doing it "too often". A small sentence
embedding model relates such pairs weakly, and BM25 not at all, so a question in
plain words could be matched to the wrong passage or none. `LayTerms` rewrites a
plain phrase into the article's term when the article has that term and not the
phrase, the way consumer health vocabularies map lay words to clinical ones.
The pairs are general lay health vocabulary, not phrasings of particular
questions; a term the article lacks leaves its plain words alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import partial

from assistant.lexical import stopwords, words_by_stem

_PLAIN = {  # clinical term (word stems to find in the article; stopwords kept as they are) -> plain words for it
    "seborrh dermat": r"seb(?:orrheic)? derm|"  # the signs the condition is known by: "greasy yellow flakes"
    r"(?:greasy|oily|yellow(?:ish)?)(?:,? (?:and )?[\w-]+){0,2} (?:flakes|scales|scaling|crusts?|patches|rash(?:es)?)",
    "excess": r"too (?:often|much|many(?: times)?|frequent(?:ly)?)|repeated(?:ly)?|over-?do(?:es|ing|ne)?|"
    r"to (?:often|frequently)|to many (?:\w+ )?(?:sessions|treatments|times|rounds)|"
    r"over-?us(?:e|es|ed|ing)|(?:that|so|this) (?:often|frequently)|(?:go|goes|going|went|gone) overboard|"
    r"(?<=doing it )(?:that|so|this) much|(?<=do it )(?:that|so|this) much|"
    r"every (?:single )?(?:day|night)|every other (?:day|night)|every (?:few|couple of|two|2|three|3) days|"
    r"(?:several|multiple|many) times (?:a|per|each) week|"
    r"(?:a ton of|tons of|loads of|heaps of|so many|way too many|cram(?:s|med|ming)? in (?:\w+ )?(?:many|more)|"
    r"pil(?:e|es|ed|ing) on(?: the)?(?: more)?) "
    r"(?:sessions|treatments|rounds|times)",
    "absorpt": r"(?:soak|sink|seep)(?:s|ed|ing)? (?:in|up|into)|sunk in|absorb(?:s|ed|ing)?|"
    r"penetrat(?:e|es|ed|ing|ion)|(?:take|takes|taking|took) in(?= (?:\w+ )?(?:products?|serums?|creams?|lotions?|"
    r"topicals?|treatments?|drops|stuff))|"
    r"(?:enter|enters|entering|go|goes|get|gets) (?:better |deeper |more )?(?:in|into|inside)(?= (?:the |my |your )?"
    r"(?:skin|scalp))",
    "improv absorpt": r"(?:products?|serums?|creams?|lotions?|topicals?|stuff|treatments?)(?: [\w']+){0,5}? "
    r"(?P<better>works? better|more effective(?:ly)?)|"
    r"(?:get|gets|getting|go|goes|going|sink|sinks|soak|soaks) (?:deeper|further|down) (?:in|into|to)\b",
    "collagen": r"(?:stuff|things?|substances?|proteins?) (?:in the skin )?that (?:keeps?|makes?) "  # "...skin springy"
    r"(?:the |your |my )?(?:skin|it) "
    r"(?:firm|springy|elastic|plump|bouncy|stretchy)(?: and (?:firm|springy|elastic|plump|bouncy|stretchy))?|"
    r"proteins?|building blocks",
    "needl": r"pins",
    "needl themselv": r"(?<!which )(?<!what )(?:(?:the )?metal (?:in|of) the needles|(?:the )?device itself)",
    "histori of hair loss": r"(?:already|previously) (?:lost|losing) (?:my |his |her |some |a lot of |lots of |"
    r"so much |most of (?:my |his |her )?)?hair|"
    r"(?:already |previously )(?:have|has|had|having|experienced?|suffer(?:ed)? from) "
    r"(?:had |some |a lot of )?(?:hair loss|thinning hair|thinning|balding)|"
    r"(?:have|has|had) (?:had )?(?:some |a lot of )?(?:hair loss|thinning hair) (?:before|in the past)|"
    r"(?:(?:have|has|had) been )?(?:losing|shedding) (?:my |his |her |some |a lot of )?hair "  # "for years"
    r"(?:for|since) (?:years|ages|months|a long time|a while|some time|many years|decades)",
    "blood circul": r"blood ?flow(?:s|ing)?|blood supply|flow of blood|perfusion|"
    r"blood (?:to )?(?:go|goes|flow|flows|move|moves|get|gets|reach|reaches)(?= (?:better|more|faster|well)\b)|"
    r"(?<=more )blood (?:moving|flowing|going|pumping)(?: around)?",
    "follicl": r"roots? (?:that |which )?(?:my |the |your )?hairs? grows? (?:out of|from|in)|"  # where hair grows
    r"(?:hair )?roots?(?! causes?)|"
    r"(?:spots?|places?|pores?|holes?|pockets?) (?:that |where )?(?:my |the |your )?hairs? grows? (?:out of|from|in)|"
    r"(?:spots?|places?|pores?|pockets?) where (?:my |the |your )?hairs? grows?|"
    r"(?:the )?place where (?:my |the |your )?hairs? grows?",
    "dermatolog": r"skin (?:doctor|doc|specialist|expert)s?|doctors?|docs?|derms?|physicians?",
    "infect": r"germs?|bacteria|bacterial|microbial|microbes?|pathogens?|contamination|dirty|unclean|"
    r"(?:un|non-?)steril(?:e|ised|ized)|(?:not|aren't|isn't|weren't|wasn't) (?:properly |fully )?(?:clean|sterile)|"
    r"catch(?:es|ing)? (?:something|anything|a bug|a virus)|bugs|(?:(?<=a )|(?<=any )|(?<=nasty ))bug|"
    r"unhygienic(?:ally)?|(?:not|un)(?:-| )?hygienic|pus|"
    r"(?:didn't|did not|don't|do not|doesn't|does not) (?:look|seem) (?:very |properly |fully )?(?:clean|sterile)",
    "inflamm": r"swelling|swollen|inflamed|redness|anti-?inflammatory|puff(?:y|iness)",
    "reduc": r"calm(?:s|ed|ing)?(?: down)?|sooth(?:e|es|ed|ing)|bring(?:s|ing)? down|"
    r"settl(?:e|es|ed|ing)(?= (?:(?:it|this|that|them|things) )?down\b)",
    "minim": r"lower(?:s|ed|ing)?(?= (?:the|my|your|its|their|them|it|those|these)\b)|lessen(?:s|ed|ing)?|"
    r"cut(?:s|ting)? down(?: on)?|"
    r"prevent(?:s|ed|ing)?|make (?:it|this|that|them) less likely|"
    r"make sure (?:it|this|that|they|those|these) (?:doesn't|does not|don't|do not|won't|will not|never) "
    r"happen(?:s)?(?: again)?|"
    r"avoid(?:s|ed|ing)?(?= (?:all )?(?:it|that|this|them|those|these|the|any|such)\b)|"
    r"(?P<keep>keep)(?= (?:[\w']+ ){0,7}(?:from|low|down|to a minimum)\b)",
    "minim risk": r"make (?:it|this|that|them) (?:less risky|less risk|safer)|stay(?:s|ing)? safe|"
    r"(?:be )?(?:at |in )?(?:less|lower) (?:in |at )?risk",
    "damag": r"wreck(?:s|ed|ing)?|ruin(?:s|ed|ing)?|destroy(?:s|ed|ing)?|"
    r"mess(?:es|ed|ing)? up(?= (?:the |my |your |their )?(?:hair|follicles?|roots?|scalp|skin))",
    "trauma": r"injur(?:e|es|ed|ing|y|ies)|"
    r"hurt(?:s|ing)?(?= (?:the |my |your |their )?(?:hair|follicles?|roots?))",  # "hurt my scalp" may be pain
    "not perform correct": r"mess(?:es|ed|ing)? (?:it|this|that) up|"  # how it is done, not who does it
    r"(?:do(?:es)?n'?t|not) (?:really |even |actually )?know what (?:they|he|she|you)(?:'re| are|'s| is) doing|"
    r"(?:isn't|is not|aren't|are not|wasn't|not) (?:very |being )?careful|"
    r"(?:poor(?:ly)?|bad) (?:technique|done|performed)|"
    r"botch(?:ed|es)?|done (?:badly|wrong|poorly)|badly done|messed up|incorrect(?:ly)?|improper(?:ly)?|"
    r"careless(?:ly)?|sloppy|sloppily|(?:makes?|made|making) (?:a )?mistakes?|"
    r"(?:does|do|did|doing) (?:it|this|that|the treatment) (?:wrong|badly|poorly)|(?:in )?the wrong way|"
    r"(?:get|gets|getting|got|gotten) (?:it|this|that|the treatment|the procedure) wrong|"
    r"screw(?:s|ed|ing)? (?:it|this|that) up|"
    r"(?:doesn't|does not|don't|do not|didn't|did not) do (?:it|this|that|the (?:treatment|procedure|job)) "
    r"(?:properly|right|correctly|well)",
    "hair loss": r"bald(?:ing|ness)?(?: (?:patch|spot)(?:es|s)?)?|(?:hair )?f[ae]l{1,2}(?:s|ing)? out|hair ?fall|"
    r"(?:lose|losing|lost) (?:my |your |some |their |a lot of |lots of |so much |most of my )?hair|"
    r"shed(?:s|ding)?|(?:thin|thinning) hair|hair thinning|"
    r"thinning|thins?(?: out)?(?= (?:my|your|the|their) hair)|thin(?:s|ning)? out|"
    r"cost(?:s|ing)? (?:me |you |them )?(?:my |your |some |their )?hair|"
    r"hair (?:is |was |keeps |kept )?coming out|thin(?:ning)? (?:patches|spots|areas)|thinner hair|"
    r"hair (?:is |was )?(?:getting|gets|got|going|goes|becoming|becomes) thinner",
    "hair growth": r"(?:hair )?(?:re-?grow(?:s|n|th|ing)?|grow(?:s|th|ing)? (?:back|again))"
    r"(?: thicker| fuller| denser)?|"
    r"hair (?:to )?c[oa]m(?:e|es|ing) back|(?:thicker|fuller|denser) hair|"
    r"new hairs? (?:to )?(?:c[oa]m(?:e|es|ing) in|grow(?:s|ing)?)|"
    r"hair (?:grow(?:s|ing|th)? )?(?:back )?(?:thicker|fuller|denser)",
    "topic treatment": r"creams?|lotions?|ointments?|topicals?|(?<=growth )drops|(?<=hair )drops",
    "dandruff": r"(?:white )?flak(?:y|ey|es|ing)|scal(?:y|es)|scurf",
    "psoriasi": r"psoriatic(?: plaques?)?|"  # "red, scaly patches"
    r"(?:red|scaly|thick|silvery|raised)(?:,? (?:and )?[\w-]+){0,2} (?:patches|plaques)(?: (?:with|of) scales)?",
    "scalp condit": r"scalp (?:problems?|issues?|disorders?)|"
    r"(?:problems?|issues?|trouble) with (?:the |my |your |his |her |their )?scalp|"
    r"(?:skin )?(?:problems?|issues?|conditions?|disorders?) (?:on|of) (?:the |my |your )?(?:head|scalp)(?: skin)?|"
    r"(?:head|scalp) skin (?:problems?|issues?|conditions?)",
    "histori of scalp condit": r"(?:(?:already |previously )(?:have|has|had|having|suffer(?:s|ed)? from) "
    r"(?:a |an |some |existing )?|(?:existing|pre-?existing|prior|past|previous) )scalp conditions?",  # as rewritten
    "irrit": r"itch(?:y|es|ing|iness)?|rash(?:es)?|sore(?:ness)?",
    "treatment": r"procedures?|sessions?|appointments?|rounds?",
    "undergo": r"sign(?:s|ed|ing)? up(?: for)?",
    "punctur": r"wounds?|pok(?:e|es|ed|ing)|prick(?:s|ed|ing)?|pierc(?:e|es|ed|ing)|hol(?:e|es)|"
    r"jab(?:s|bed|bing)?|stab(?:s|bed|bing)?|"
    r"(?P<breaking>break(?:s|ing)?)(?= (?:in |of )?(?:the |my |your )?skin)|"
    r"(?<=skin )(?:gets |is |being |has been )?broken",
    "profession": r"(?:expert|specialist|practitioner|provider|clinician)s?|pro(?! and\b)",
    "consult": r"talk(?:s|ed|ing)? to|check(?:s|ed|ing)? (?:in )?with|speak(?:s|ing)? (?:to|with)|"
    r"run(?:s|ning)? (?:it|this|that) (?:past|by)|"
    r"(?:get|gets|getting|got|seek|seeking) (?:a |an )?(?:medical|professional|expert|doctor'?s|specialist) "
    r"(?:opinion|check|check-?up)|(?:get|gets|getting|got) (?:checked|examined|assessed)(?: out)?(?: by)?",
    "skin": r"complexion|faces?|facial",
    "process": r"mechanisms?|"
    r"how (?:does|do|would|will) (?:it|this|that|they|(?:[\w-]+ )?microneedling|needling|the (?:treatment|procedure|"
    r"needles|roller)) (?:actually |really |even |exactly )?(?P<plain>work)|"
    r"how (?:it|this|microneedling) (?P<works>works)|"
    r"what (?:does|do|will) (?:it|this|microneedling|needling|the (?:treatment|procedure)) "
    r"(?:actually |really |exactly |physically )?(?P<involve>involve)\b|"
    # what is done to the skin: "what does the treatment physically do to the skin?"
    r"what (?:is|gets) (?:actually |really |physically )?(?P<done>done)(?= (?:to|during)\b)|"
    r"what (?:does|do|will) (?:it|this|they|(?:[\w-]+ )?microneedling|needling|the (?:treatment|procedure|needles|"
    r"needling|roller)) (?:actually |really |physically |exactly )?(?P<does>do)"
    r"(?= to (?:the |my |your )?(?:skin|scalp))",
    "not qualifi": r"untrained|unqualified|unskilled|inexperienced|amateurs?|"
    r"(?:no|zero|without) (?:the )?(?:right |proper |necessary )?(?:training|skills?)|"
    r"(?:bad|dodgy|shady|sketchy|unlicensed) (?:technician|practitioner|provider|salon|clinic)s?",
    "qualifi": r"trained|licen[cs]ed|certified|experienced|skilled|competent|"
    r"(?<!n't )(?<!not )knows? what (?:they|he|she|you)(?:'re| are|'s| is) doing",
    "risk": r"chances?|odds|likelihood",
    "caus": r"(?:bring|brings|bringing|brought) (?:it |this |that |them )?on\b",
    "stimul": r"boost(?:s|ed|ing)?|encourag(?:e|es|ed|ing)|(?:wake|wakes|waking|woke) up|trigger(?:s|ed|ing)?|"
    r"(?:kick|jump)-?start(?:s|ed|ing)?",
    "improv": r"works? better|more effective(?:ly)?|clear(?:s|ed|ing)? up(?= (?:the |my |your |their )?(?:dandruff|"
    r"flak\w*|scal\w*|psoriasis|seborrheic|dermatitis|itch\w*|irritation|conditions?))",
    "wrinkl": r"fine lines|creases?",
    "reduc appear": r"(?:(?:look|looking|appear|appearing|seem) )?less (?:noticeable|visible|obvious)|"
    r"(?:fade|fades|fading)(?= (?:my |the |old |those )?(?:scars|marks|wrinkles|lines))",
    "serum": r"liquid|gel|goop|gunk|(?:hair )?tonics?|"
    r"(?:the )?stuff (?:they|you|i|we) (?:put|apply|use|rub)(?: on| in)?",
    "environ": r"(?<=better )place|(?<=good )place|(?<=ideal )place|(?<=healthy )place|(?<=healthier )place|"
    r"(?<=perfect )place|(?<=right )place|(?<=nice )place|(?<=nicer )place|(?<=great )place|(?<=happier )place",
    "thrive": r"(?<=to )do well|flourish(?:es|ing)?",
    "skincar": r"cosmetic(?:s|ally)?|beauty",
    "popular": r"trendy|trending|hyped|fashionable|all the rage|in fashion|in vogue|widely (?:used|done)|"
    r"(?:lots of|a lot of|many|loads of|plenty of|so many) people "
    r"(?:gets?|getting|do|does|doing|try|tries|trying|use|uses|using|have|has|having)"
    r"(?= (?:(?:it|this|microneedling) )?(?:done|now|these days|nowadays)\b)",
    "inform decis": r"(?:sensible|smart|good|wise|right|better|informed) (?:choices?|decisions?|call)|"
    r"(?:decide|work out|figure out|know) (?:whether|if) (?:it's|it is|this is|microneedling is|it would be) "
    r"(?:right|good|a good idea|worth it) for me|"
    r"decide (?:whether|if) (?:to|i should|i ought to) (?:try|do|get|have) (?:it|this|microneedling)",
    "incorpor": r"add(?:s|ed|ing)?(?= (?:it|this|microneedling|needling) (?:to|into)\b)|"
    r"(?:fit|fits|fitting)(?= (?:it|this|microneedling|needling) into\b)",
    "attent": r"(?:everybody|everyone|people|so many people)(?: is| are|'s)? (?:so )?(?:talking about|interested in|"
    r"raving about|obsessed with)|hype|buzz",
    "allerg": r"sensitiv(?:e|ity) to|react(?:s|ed|ing)? (?:badly )?to|hypersensitiv(?:e|ity)|"
    r"(?:doesn't|does not|don't|do not|didn't|won't) (?:get along|agree|get on) with",
    "tini": r"small|little",
    "nourish": r"feed(?:s|ing)?|nutrients?|goodness",
    "deep": r"depths?",
    "too deep": r"(?<=in )too far|"  # "if the needles go in too far"
    r"(?:go|goes|going|went|gone|push(?:es|ed|ing)?|press(?:es|ed|ing)?|stick(?:s|ing)?|stuck) "
    r"(?:[\w']+ ){0,3}?(?P<far>too far)",
    "textur": r"smooth(?:er|ness)?(?: out)?|rough(?:er|ness)?|bump(?:y|iness)|uneven",
    "natur oil": r"sebum|scalp oils?|skin oils?|(?:natural )?grease",
    "strip": r"(?:(?:take|takes|taking|took) away|remov(?:e|es|ed|ing)|wash(?:es|ed|ing)? away)"
    r"(?=(?: [\w']+){0,3} (?:oils?|grease|sebum|moisture)\b)",
    "strip natur oil": r"dr(?:y|ies|ied|ying) (?:\w+ ){0,2}out|dryness|"
    r"(?P<dry>dry)(?= (?:my |the |your |their |his |her )?(?:scalp|skin|head))|"
    r"(?<=too )dry|(?<=very )dry|(?<=super )dry|(?<=really )dry|(?<=so )dry|(?<=extremely )dry",
    "most individu": r"(?:the )?average (?:person|people|individual)|"
    r"most (?:normal |ordinary |regular |healthy )?(?:people|persons)|(?:the )?general public|"
    r"(?:ordinary|normal|regular|average) (?:people|persons|folks)|"
    r"(?:the )?majority of people|(?:the )?typical (?:person|patient)",
    "safe": r"harmless|(?:ok|okay|alright|fine)(?= for (?:everyone|everybody|anyone|most|all|people|the average)\b)",
    "explor": r"look(?:s|ing)? into|examin(?:e|es|ed|ing)|investigat(?:e|es|ed|ing)|"
    r"(?<=trying to )(?:figure out|find out|work out|answer|cover|look at)|"
    r"(?:(?<=set out to )|(?<=sets out to )|(?<=setting out to ))(?:answer|cover|figure out|look at)",
    "scalp": r"(?:(?<=my )|(?<=your )|(?<=the )|(?<=their )|(?<=his )|(?<=her ))head|crown|up top",
    "microneedl": r"(?<!micro)(?<!micro )(?<!micro-)(?:needling|needle[sd]?(?= (?:my|your|the|their|his|her|it)\b))|"
    r"derma-? ?(?:roll(?:er|ers|ing|ed)?|pens?|stamps?)|needle rollers?|skin needling|rollers?(?: things?)?|"
    r"(?:tiny[- ])?needle (?:treatments?|therapy|procedures?|sessions?)|"
    r"using (?:tiny |small |little )?needles(?= (?:on|for)\b)|"
    r"(?:(?:needle|needling|microneedling|home|scalp|hair) )?(?:pens?|kits?|devices?|gadgets?)(?! of\b)|"
    r"rolling (?:tiny |small |little )?needles|(?<=after )rolling|(?<=before )rolling|(?<=the )rolling|"
    r"roll(?:s|ed|ing)?(?= (?:my|your|the|their|his|her) (?:scalp|head|skin)\b)|"
    r"needle thing(?:y|s)?|(?<=scalp )needled|(?<=skin )needled|"
    # the procedure described ("poking my scalp with little needles"), read after the words above were rewritten
    r"punctur(?:ed|es) (?:(?:tiny )?punctur(?:ed|es) in )?(?:my |the |your |their |his |her )?(?:scalp|skin) "
    r"with (?:a bunch of |lots of )?(?:tiny )?needles|a bunch of tiny needles",
}
_SKIPPED_WITH = {  # "benefits for the face?" asks about a place the article's lists do not speak of
    # the text read has its side words rewritten already: "side effects" and "dangers" are "risks", "risky" is "risk"
    "skin": re.compile(r"\b(?:risks|benefits|upsides|downsides|pros|cons)\b", re.IGNORECASE)
}
_COMPARING = re.compile(  # "a dermaroller or a dermapen", "better than", "the same as", "vs"
    r"\bor (?:a|an|the)\b|\b(?:vs|versus|than|same|difference|different|compared?)\b", re.IGNORECASE
)


class LayTerms:
    """Rewrites plain words into an article's clinical terms, for terms the article has."""

    def __init__(self, vocabulary: Iterable[str], by_stem: dict[str, list[str]] | None = None) -> None:
        """Find each term's words among the article's `vocabulary` (lowercase words); keep terms it has.

        `by_stem` is `words_by_stem(vocabulary)` when the caller has it already.
        """
        self._vocabulary = frozenset(vocabulary)
        by_stem = words_by_stem(self._vocabulary) if by_stem is None else by_stem
        self._rules: list[tuple[re.Pattern[str], str]] = []
        for stems, plain in _PLAIN.items():
            own = [stem if stem in stopwords() else by_stem.get(stem, [""])[0] for stem in stems.split()]
            if all(own):
                term = " ".join(word for word in own if word)
                self._rules.append((re.compile(rf"\b(?:{plain})\b", re.IGNORECASE), term))

    def rewrite(self, text: str) -> str:
        """`text` with each plain word or phrase the article lacks replaced by the article's term for it.

        A question that compares two things one term would cover ("a dermaroller or a dermapen?",
        "is dermarolling the same as microneedling?") keeps its words: the term would erase the difference.
        """
        comparing = bool(_COMPARING.search(text))
        asked = text
        for pattern, term in self._rules:
            if (guard := _SKIPPED_WITH.get(term)) and guard.search(asked):
                continue
            plain = {m.group(0).lower() for m in pattern.finditer(text)} - self._vocabulary
            # "a trained expert rather than someone not qualified" sets opposites apart, which one term keeps
            named = re.search(rf"(?i)(?<!not )\b{re.escape(term)}\b", text)
            if comparing and len(plain | ({term} if named else set())) > 1:
                continue
            text = pattern.sub(partial(self._replace, term=term), text)
        return text

    def _replace(self, match: re.Match[str], term: str) -> str:
        """`term`, unless the article itself uses the words `match` found; a named group is all it replaces."""
        found = match.group(0)
        if found.lower() in self._vocabulary:
            return found
        for name in match.re.groupindex:
            if match.group(name):
                start, end = (i - match.start() for i in match.span(name))
                return found[:start] + term + found[end:]
        return term
