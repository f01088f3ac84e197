"""Plain words for clinical terms ("blood flow", "roots") rewritten into an article's own terms."""

from __future__ import annotations

import pytest

from assistant.lay_terms import LayTerms

ARTICLE = [
    "follicles", "absorption", "excessive", "blood", "circulation", "dermatologist", "infection", "reduce",
    "minimize", "damage", "performed", "correctly", "hair", "loss", "growth", "topical", "treatments",
    "treatment", "dandruff", "irritation", "scalp", "skin", "professional", "consult", "punctures", "conditions",
    "qualified", "stimulate", "wrinkles", "safe", "microneedling", "process", "not", "risk", "texture", "improve",
    "strip", "natural", "oils", "serum", "trauma", "nourish", "deep", "allergic", "tiny", "skincare", "psoriasis",
    "inflammation", "seborrheic", "dermatitis", "explore", "environment", "most", "individuals",
    "collagen", "needles", "themselves", "history", "of", "wrinkles", "appearance", "popular", "attention",
    "informed", "decisions", "incorporating", "explore", "undergoing", "thrive", "too", "cause",
]  # fmt: skip


@pytest.mark.parametrize(
    ("question", "rewritten"),
    [
        ("Does it boost blood flow to the roots?", "Does it stimulate blood circulation to the follicles?"),
        ("do serums soak in better?", "do serums absorption better?"),
        ("is it bad to do it too often", "is it bad to do it excessive"),
        ("what if I overdo it", "what if I excessive it"),
        ("I roll every night, is that bad", "I roll excessive, is that bad"),
        ("how do I avoid all that", "how do I minimize all that"),
        ("and how can I lower them?", "and how can I minimize them?"),
        ("can it clear up scurf", "can it improve dandruff"),
        ("will poking my scalp with tiny needles help", "will microneedling help"),  # the procedure described
        ("how would a bunch of tiny needles help hair", "how would microneedling help hair"),
        ("does it encourage growth", "does it stimulate growth"),
        ("my scalp feels sore", "my scalp feels irritation"),
        ("my hair tonic", "my serum"),
        ("what if I go overboard with it", "what if I excessive with it"),
        ("is infection a worry when the skin gets broken", "is infection a worry when the skin punctures"),
        ("what if they don't do it properly", "what if they not performed correctly"),
        ("what does the procedure involve", "what does the treatment process"),
        ("what brings it on", "what cause"),
        ("can it clear up my dandruff", "can it improve my dandruff"),
        ("will the rash clear up", "will the irritation clear up"),  # clearing up by itself is no improvement made
        ("should I see a pro", "should I see a professional"),
        ("should I get checked by a doctor first", "should I consult a dermatologist first"),
        ("does it get the goodness to the roots", "does it get the nourish to the follicles"),
        ("is it bad to have my scalp needled that often", "is it bad to have my scalp microneedling excessive"),
        ("is it fine for ordinary people", "is it safe for most individuals"),
        ("should I see a skin doctor first?", "should I see a dermatologist first?"),
        ("should I ask my doctor?", "should I ask my dermatologist?"),
        ("what if it is done incorrectly", "what if it is done not performed correctly"),
        ("which scalp problems does it help", "which scalp conditions does it help"),
        ("skin issues on my scalp", "scalp conditions"),
        ("I have a problem with my scalp", "I have a scalp conditions"),
        ("if I already have a problem with my scalp", "if I history of scalp conditions"),
        (
            "what should people with existing scalp problems do",
            "what should people with history of scalp conditions do",
        ),
        ("what does the procedure physically involve", "what does the treatment physically process"),
        ("what should she do before she signs up for it", "what should she do before she undergoing it"),
        ("does it help the blood flow better", "does it help the blood circulation better"),
        (
            "will it get the blood to move faster to the roots",
            "will it get the blood circulation faster to the follicles",
        ),
        ("is the blood test needed", "is the blood test needed"),
        ("what is the post trying to find out", "what is the post trying to explore"),
        ("what did the writer set out to answer", "what did the writer set out to explore"),
        ("how do I find out if I am allergic", "how do I find out if I am allergic"),  # not what the text explores
        ("does it help head skin problems", "does it help scalp conditions"),
        ("can it block the pores my hair grows from", "can it block the follicles"),
        ("the place where hair grows", "follicles"),
        ("can germs get in?", "can infection get in?"),
        ("can it calm down my scalp", "can it reduce my scalp"),
        ("How do I lower the risk?", "How do I minimize the risk?"),
        ("can a botched session wreck my hair", "can a not performed correctly treatment damage my hair"),
        ("could I end up with bald patches", "could I end up with hair loss"),
        ("will my hair fall out?", "will my hair loss?"),
        ("will my hair grow back", "will my hair growth"),
        ("do creams sink in", "do topical treatment absorption"),
        ("I have a flaky, itchy scalp", "I have a dandruff, irritation scalp"),
        ("will poking holes hurt", "will punctures punctures hurt"),
        ("who is an expert in it", "who is an professional in it"),
        ("should I talk to someone first", "should I consult someone first"),
        ("what does it do for my complexion", "what does it do for my skin"),
        ("why do people get it done on their face", "why do people get it done on their skin"),
        ("what are the benefits for the face", "what are the benefits for the face"),  # the lists speak of hair
        ("is it ok on my head", "is it ok on my scalp"),
        ("should a trained person do it", "should a qualified person do it"),
        ("does it boost collagen", "does it stimulate collagen"),
        ("does it help fine lines", "does it help wrinkles"),
        ("is it harmless", "is it safe"),
        ("is scalp needling safe", "is scalp microneedling safe"),
        ("is it bad to needle my scalp", "is it bad to microneedling my scalp"),
        ("what if I dermaroller my scalp", "what if I microneedling my scalp"),
        ("is a derma pen safe", "is a microneedling safe"),
        ("will the roller thing help", "will the microneedling help"),
        ("can it mess up my scalp", "can it damage my scalp"),
        ("does it feed the roots", "does it nourish the follicles"),
        ("see a skin doc first?", "see a dermatologist first?"),
        ("check w derm", "check w dermatologist"),
        ("what if they mess it up", "what if they not performed correctly"),
        ("can my scalp get too dry", "can my scalp get too strip natural oils"),
        ("I'm sensitive to creams", "I'm allergic topical treatment"),
        ("my skin reacts badly to everything", "my skin allergic everything"),
        ("small holes", "tiny punctures"),
        ("is it ok for everyone?", "is it safe for everyone?"),
        ("is it ok for me?", "is it ok for me?"),  # a personal case is not the article's "most individuals"
        ("what is this needle treatment for?", "what is this microneedling for?"),
        ("rolling tiny needles over my head", "microneedling over my scalp"),
        ("the roller too many times", "the microneedling excessive"),
        ("might it thin my hair", "might it hair loss my hair"),
        ("what cosmetic problems is it for", "what skincare problems is it for"),
        ("could poor technique hurt the roots", "could not performed correctly trauma the follicles"),
        ("microbial contamination", "infection infection"),
        ("scalp perfusion", "scalp blood circulation"),
        ("a hypersensitivity reaction", "a allergic reaction"),
        ("does it affect sebum", "does it affect natural oils"),
        ("psoriatic plaques", "psoriasis"),
        ("what is the mechanism", "what is the process"),
        ("could the little wounds get infected", "could the tiny punctures get infected"),
        ("is repeated use bad", "is excessive use bad"),
        ("how do I make it less risky", "how do I minimize risk"),
        ("how do I make it less likely", "how do I minimize"),
        ("an anti-inflammatory effect", "an inflammation effect"),
        ("I have seb derm", "I have seborrheic dermatitis"),
        ("could my hair thin out", "could my hair hair loss"),
        ("could bad technique cost me hair", "could not performed correctly hair loss"),
        ("how skilled is the person", "how qualified is the person"),
        ("a better place for hair to grow", "a better environment for hair to grow"),
        ("should I go to a pro?", "should I go to a professional?"),
        ("how do vaccines work?", "how do vaccines work?"),  # only the article's subject works by a process
        ("how do I work out if it's for me", "how do I work out if it's for me"),
        ("why is a break in the skin risky", "why is a punctures in the skin risky"),
        ("is it okay for the average person", "is it safe for most individuals"),
        ("what is this piece trying to look into", "what is this piece trying to explore"),
        (
            "how do I keep the chances of something going wrong as low",
            "how do I minimize the risk of something going wrong as low",
        ),
        ("does needle depth matter", "does needle deep matter"),
        ("my hairline is receding", "my hairline is receding"),  # a pattern of loss the article does not name
        ("will it get my hair growing again", "will it get my hair growth"),
        ("what if he doesn't know what he's doing", "what if he not performed correctly"),  # how it is done
        ("what if she doesn't really know what she's doing", "what if she not performed correctly"),
        ("what if the person does it wrong", "what if the person not performed correctly"),
        ("what if the nurse is careless", "what if the nurse is not performed correctly"),
        ("my scalp has yellowish, greasy scales", "my scalp has seborrheic dermatitis"),
        ("will my scars look less visible", "will my scars reduce appearance"),
        ("she has been losing hair for months", "she history of hair loss"),
        ("does the serum penetrate the scalp", "does the serum absorption the scalp"),
        ("why is it so trendy", "why is it so popular"),
        ("how do I make a wise choice", "how do I make a informed decisions"),
        ("how can I know if it is right for me", "how can I informed decisions"),
        ("should I add it to my routine", "should I incorporating it to my routine"),
        ("should I add serum to it", "should I add serum to it"),
        ("what does the procedure really do to the skin", "what does the treatment really process to the skin"),
        ("what is done during a session", "what is process during a treatment"),
        ("what does it do for the skin", "what does it do for the skin"),  # asks what it is good for
        ("why is everyone talking about it", "why is attention it"),
        ("what is all the buzz about", "what is all the attention about"),
        ("does it get deeper into the skin", "does it absorption the skin"),
        ("should I use it before rolling", "should I use it before microneedling"),
        ("can I keep rolling with it", "can I keep rolling with it"),  # no time named: not the treatment
        ("is she losing hair?", "is she hair loss?"),  # no history stated
        ("how can I be at less risk", "how can I minimize risk"),
        ("the things that make skin plump and elastic", "the collagen"),
        ("does it make a perfect place for follicles", "does it make a perfect environment for follicles"),
        ("can it dry my scalp", "can it strip natural oils my scalp"),
        ("does it fade old scars", "does it reduce appearance old scars"),
        ("he has thick silvery plaques on his scalp", "he has psoriasis on his scalp"),
        ("white flakes on my collar", "dandruff on my collar"),
        ("I have oily skin", "I have oily skin"),  # no sign of a condition
        ("what if she makes a mistake", "what if she not performed correctly"),
        ("is it a mistake to try it", "is it a mistake to try it"),  # a mistake made, not a judgement
        ("does it take away the scalp's oils", "does it strip the scalp's oils"),
        ("does it remove the grease", "does it strip the natural oils"),
        ("can it remove scars", "can it remove scars"),  # no oils: not stripping them
        ("is it bad to do it that often", "is it bad to do it excessive"),
        ("is doing it this much bad", "is doing it excessive bad"),
        ("is it bad to do it every single day", "is it bad to do it excessive"),
        ("I roll it several times a week", "I roll it excessive"),
        ("how much does it cost", "how much does it cost"),
        ("how many rounds will I need", "how many treatment will I need"),
        ("do growth products work better after it", "do growth products improve absorption after it"),
        ("help treatments get down to my follicles", "help treatments improve absorption my follicles"),
        ("can the stuff they apply cause hair loss", "can serum cause hair loss"),
        ("does it work better than a laser", "does it improve than a laser"),  # no product: not absorption
        ("why could doing it the wrong way hurt", "why could doing it not performed correctly hurt"),
        ("why does it hurt the hair roots?", "why does it trauma the follicles?"),
        ("does microneedling hurt?", "does microneedling hurt?"),  # pain, not harm to the hair
        ("will it hurt my scalp?", "will it hurt my scalp?"),  # pain as likely as harm
        ("can it injure my scalp", "can it trauma my scalp"),
        ("will it make me shed", "will it make me hair loss"),
        ("can it make my hair fal out", "can it make my hair loss"),
        ("is it ok for the average person", "is it safe for most individuals"),
        ("which proteins does it boost", "which collagen does it stimulate"),
        ("could the metal in the needles irritate my scalp", "could needles themselves irritate my scalp"),
        ("which metal is in the needles", "which metal is in the needles"),  # asks what the article never names
        ("are the needles made of nickel", "are the needles made of nickel"),  # a material it never names
        ("can to many sessions hurt", "can excessive hurt"),  # "to" for "too"
        ("is it bad to do it to often", "is it bad to do it excessive"),
        ("does it help lines and creases", "does it help lines and wrinkles"),
        ("what if the needles are not clean", "what if the needles are infection"),
        ("he has a thinning crown", "he has a hair loss scalp"),
        ("what if I already have thinning hair?", "what if I history of hair loss?"),
        ("he has had some thinning hair before", "he history of hair loss"),
        ("can it stop thinning hair", "can it stop hair loss"),  # no history stated
        ("does it work for most people", "does it work for most individuals"),
        ("is it safe for most healthy people", "is it safe for most individuals"),
        ("does it help thinning hair", "does it help hair loss"),
        ("more blood flowing to the scalp", "more blood circulation to the scalp"),
        ("will my hair come back", "will my hair growth"),
        ("how can I prevent hair loss", "how can I minimize hair loss"),
        ("how does scalp microneedling work", "how does scalp microneedling process"),
        ("how it works", "how it process"),
        ("what if they don't know what they're doing", "what if they not performed correctly"),
        ("and what if she isn't careful", "and what if she not performed correctly"),
        ("is an untrained person risky", "is an not qualified person risky"),
        ("someone without the right skills", "someone not qualified"),
        ("how do I keep the risk low", "how do I minimize the risk low"),
        ("what are the chances of that", "what are the risk of that"),
        ("could I catch something from it", "could I infection from it"),
        ("will it smooth out rough, bumpy skin", "will it texture texture, texture skin"),
        ("will my serum work better", "will my serum improve absorption"),
        ("will it dry my scalp out", "will it strip natural oils"),
        ("does breaking the skin hurt", "does punctures the skin hurt"),
        ("can the gel irritate", "can the serum irritate"),
        ("does the person know what they're doing", "does the person qualified"),
        ("I have a dry scalp", "I have a strip natural oils scalp"),
        ("ok so how do I avoid that?", "ok so how do I minimize that?"),
        ("what if they push the pins in too far", "what if they push the needles in too deep"),
        ("could going in too far hurt the spots where my hair grows", "could going in too deep trauma the follicles"),
        ("does my scalp take in products better", "does my scalp absorption products better"),
        ("the tools didn't look clean and now there is pus", "the tools infection and now there is infection"),
        ("a dirty, unhygienic session", "a infection, infection treatment"),
        ("can it calm puffiness", "can it reduce inflammation"),
        ("could it settle it down", "could it reduce it down"),
        ("can it wake up hair growth", "can it stimulate hair growth"),
        ("my hair is coming out and I have thin patches", "my hair loss and I have hair loss"),
        ("could the rolling itself hurt", "could the microneedling itself hurt"),
        ("is the needle thing bad", "is the microneedling bad"),
        ("a nicer place for the hair to do well", "a nicer environment for the hair to thrive"),
        ("how do I stay safe with it", "how do I minimize risk with it"),
        ("should I get a medical opinion first", "should I consult first"),
        ("I roll my scalp before my hair drops", "I microneedling my scalp before my hair topical treatment"),
        ("what it does to faces", "what it does to skin"),
        ("could it give me thinner hair", "could it give me hair loss"),
        ("what does the piece set out to look at", "what does the piece set out to explore"),
        ("more blood moving around up top", "more blood circulation scalp"),
        ("the proteins that keep it firm and stretchy", "the collagen"),
        ("a flakey head and bugs", "a dandruff head and infection"),
        ("picks up a nasty bug", "picks up a nasty infection"),
        ("the verdict on using needles for hair", "the verdict on microneedling for hair"),
        ("how should I decide whether to try it", "how should I informed decisions"),
        ("a cheap pen or a home kit", "a cheap pen or a home kit"),  # two devices compared keep their words
        ("is this gadget safe", "is this microneedling safe"),
        ("the makers of these pens", "the makers of these microneedling"),
        ("why cram in too many sessions", "why excessive"),
        ("after a ton of sessions", "after excessive"),
        ("my scalp feels super dry", "my scalp feels super strip natural oils"),
        ("the roots my hair grows from", "the follicles"),
        ("will it give me thicker hair", "will it give me hair growth"),
        ("does it make existing hair strands thicker", "does it make existing hair strands thicker"),
        ("a dodgy technician", "a not qualified"),
        ("if my body doesn't get along with the needles", "if my body allergic the needles"),
        ("could piling on the sessions backfire", "could excessive backfire"),
        ("should I check in with a doctor", "should I consult a dermatologist"),
    ],
)
def test_plain_words_become_the_articles_terms(question: str, rewritten: str) -> None:
    assert LayTerms(ARTICLE).rewrite(question) == rewritten


def test_words_in_their_other_senses_stay() -> None:
    lay = LayTerms(ARTICLE)
    assert lay.rewrite("exercises for lower back pain") == "exercises for lower back pain", "lower as an adjective"
    assert lay.rewrite("head lice") == "head lice", "head with no possessive before it"
    assert lay.rewrite("the root cause of hair loss") == "the root cause of hair loss"
    assert lay.rewrite("can the needles go too deep") == "can the needles go too deep", "needles as a noun"
    assert lay.rewrite("micro needling and micro-needling") == "micro needling and micro-needling", "joined later"
    assert lay.rewrite("Does it hurt? Is it safe?") == "Does it hurt? Is it safe?"
    assert lay.rewrite("Does it work? Will it work?") == "Does it work? Will it work?", "whether, not how"
    assert lay.rewrite("will I keep my hair") == "will I keep my hair", "keeping is not minimizing"
    assert lay.rewrite("how far apart should I go") == "how far apart should I go", "far is not too deep"
    assert lay.rewrite("does rolling hurt") == "does rolling hurt", "rolling alone may be anything"
    assert lay.rewrite("what should I avoid putting on my scalp") == "what should I avoid putting on my scalp", (
        "avoiding a thing is not minimizing it"
    )


def test_plain_words_the_article_uses_stay() -> None:
    assert LayTerms([*ARTICLE, "roots", "creams"]).rewrite("roots and creams") == "roots and creams"


def test_a_term_the_article_lacks_leaves_its_plain_words() -> None:
    lay = LayTerms(["hair", "scalp"])
    assert lay.rewrite("blood flow to the roots, too often") == "blood flow to the roots, too often"
    assert LayTerms(["blood"]).rewrite("blood flow") == "blood flow", "every word of a term must be there"


@pytest.mark.parametrize(
    "question",
    [
        "Should I use a dermaroller or a dermapen?",
        "Is dermarolling the same as microneedling?",
        "Is a derma roller better than needling by hand?",
    ],
)
def test_a_comparison_of_two_things_one_term_covers_keeps_its_words(question: str) -> None:
    # both would become "microneedling", and the question, what tells them apart, would be lost
    assert LayTerms(ARTICLE).rewrite(question) == question


def test_a_term_set_against_its_negation_is_still_rewritten() -> None:
    assert LayTerms(ARTICLE).rewrite("a trained expert rather than an untrained one") == (
        "a qualified professional rather than an not qualified one"
    )


def test_two_plain_words_for_one_term_outside_a_comparison_are_both_rewritten() -> None:
    assert LayTerms(ARTICLE).rewrite("can germs or bacteria get in?") == "can infection or infection get in?"
