"""The words by which FOMC minutes record a decision: the cues ``fomc`` looks for, sentence by sentence.

Each cue is a small grammar of *who* and *what* (the README's rule of round four): a subject that is
the Committee or its members as a whole ("the Committee", "all but one member", "members generally",
"they" when it points back to them) and a position on an action or on the wording of the statement or
directive ("supported a proposal to …", "judged that … was appropriate", "agreed that the statement
should …", "saw no reason to change …"), or a formal act ("By unanimous vote", "voted to", "approved").
Parts of the members ("most", "a majority of the members", "these members" after "some"), assessments
of the economy, recaps of earlier meetings, bare intentions to monitor and denials ("no decisions were
made") are screened out here too, so ``fomc.find_decisions`` only places and trims what these find.
"""

from __future__ import annotations

import re

from ..heuristics import sentence_bounds

#: The Committee, or its members or participants as a whole (all, all but a few, nearly all, "members
#: generally"), as the subject of a position; "they" is checked against the sentence before it.
_WHOLE_BODY = (
    r"(?:\b(?:[Tt]he )?Committee(?! members)|\b[Pp]olicymakers|"
    r"\b(?:[Aa]ll|[Nn]early all|[Aa]lmost all) (?:but (?:one|two|three) )?(?:of )?(?:the )?"
    r"(?:Committee |[Mm]eeting )?(?:members?|participants?)(?: but (?:one|two|three))?|"
    r"\b(?:[Aa]ll (?:but|except) (?:one|two|three) (?:of the )?(?:members?|participants?))|"
    r"\b(?:[Tt]he |Committee |[Mm]eeting )?(?:[Mm]embers|[Pp]articipants)(?: of the Committee)?"
    r"(?: with one exception)?|"
    # "All agreed that …" (the sentence's subject, without a noun)
    r"\bAll(?= (?:agreed|concurred|favou?red|supported|judged|concluded)\b)|"
    # "All the members who supported a tightening action also favored the retention of a symmetric
    # directive": those who carry the policy vote, on the directive that goes with it
    r"\b[Aa]ll (?:of )?the members who (?:supported|favou?red|intended to vote for|preferred)\b[^.;,]{0,60}?"
    r"(?= (?:also )?(?:favou?red|supported|indicated|agreed|could accept|preferred)\b)|"
    r"\b[Tt]hey|\b[Tt]hese members)"
)
#: The same subject for the broad tier (``fomc_candidates``), which takes the same "who" as the cues.
WHOLE_BODY = _WHOLE_BODY
#: Words before the subject that make it a part of the members, not the whole: "Most members …",
#: "A few of those who supported …", "Other members …", "Broaddus and Jordan dissented because they …".
_PART_RE = re.compile(
    r"\b(?:(?:[Mm]ost|[Mm]any|[Ss]ome|[Ss]everal|[Ff]ew|[Nn]umber|[Oo]thers?|[Rr]emaining|[Mm]ajority|"
    r"[Tt]hese|[Tt]hose|(?<!but )(?<!except )(?:[Oo]ne|[Tt]wo|[Tt]hree)|[Cc]ouple)(?: of)?"
    r"(?: the| these| those)?(?: other)? (?:members?|participants?|policymakers)|[Oo]thers|[Tt]hose who|"
    r"who|dissent\w*|[Hh]e|his)\b"
    # a quantifier as the subject: "All the members favored prompt disclosure in principle, but some
    # expressed reservations …", "Most thought that …"
    r"|\b(?:[Mm]ost|[Mm]any|[Ss]ome|[Ss]everal|[Oo]thers|a few)\s+(?:also\s+)?"
    r"(?:said|thought|saw|felt|were|had|[a-z]+ed)\b"
)
#: The verb of a position on an action: "supported", "favored", "could accept", "expressed a preference
#: for", "indicated that they were in favor of", "indicated their support of", "agreed on the
#: desirability of" — whatever the words, the members come out for (or against) something to be done.
_POSITION = (
    r"(?:(?:indicated|said|noted) (?:that )?they (?:also )?(?:would |could )?|could |would )?"
    r"(?:support(?:ed)?|endorsed?|favou?red|accept(?:ed)?|preferred|vote for|"
    r"(?:were|was)(?: \w+ly| all)? in favou?r of|"
    r"(?:noted|expressed|indicated) (?:their |a |(?:at least )?some )?(?:preference|acceptance|support)"
    r"(?: for| of)?"
    r"(?:, or acceptance of,)?(?: of)?|"
    r"(?:agreed on|recognized) the (?:desirability|advisability|need) (?:of|for|to)|"
    r"concurred in|"
    # "they saw a clear need for a preemptive policy action", "saw no need to taper the pace of the
    # Committee's purchases", "saw no reason to change those ranges", "did not see any firm basis for
    # deviating from their recent practice of setting ranges …", "saw the balance of factors … as
    # calling for an unchanged degree of pressure on reserve positions"
    r"(?:saw|did not see) (?:a (?:clear |strong )?|no |little |any (?:firm )?)"
    # "saw no legal or operational need in the event of delayed payments … to make changes to …"
    r"(?:[\w-]+ (?:or |and )?){0,3}?(?:need|reason|basis)(?: [^.;]{0,80}?)? (?:for|to)"
    # the act itself right after: not "saw little reason to anticipate any … increase in inflation", not
    # "saw a need for continuing vigilance"
    r"(?= (?!anticipate|expect|believe|think)(?:a |an |the |any |further |additional )?(?:\w+ ){0,3}?"
    r"(?:action|move|tighten\w*|eas\w*|firm\w*|adjust\w*|chang\w*|increase|reduc\w*|rais\w*|lower\w*|"
    r"depart\w*|deviat\w*|alter\w*|taper\w*|policy)\b)|"
    r"saw\b[^.;]{0,200}?\bas (?:calling for|warranting|requiring|supporting|justifying)|"
    # "almost all participants confirmed that they were broadly comfortable with the characterization of
    # the contingent outlook for asset purchases"
    r"(?:confirmed|indicated|said) (?:that )?they were (?:\w+ )?comfortable with)\b"
    r"(?: or could (?:accept|support))?"
)
#: What a position is on: an action of the Committee or the wording of its directive or statement (a
#: noun, or the verb of the act), not a view of the economy.
_ACTION_OBJECT = (
    r"\b(?:proposals?|directive|instruction|polic(?:y|ies)|stance|ranges?|adjustment|move|action|"
    r"reduction|increase|easing|tightening|firming|bias|symmetry|asymmetry|review|target|guidance|"
    r"statement|language|wording|purchases|program|pressure|the use of|deviating|disclosure|changes?|"
    r"characterization|"
    r"to be (?:undertaken|conducted|held|carried out)|"
    r"keeping|retaining|retention|maintaining|adopting|affirming|shifting|moving|leaving|extending|"
    r"continuing|raising|lowering|reducing|changing|communicat(?:e|ing)|holding|publishing|releasing|providing|"
    r"announcing|using|conducting|introducing|establishing|beginning|ending|adding|implementing|"
    r"to (?:retain|keep|maintain|leave|adopt|extend|continue|raise|lower|reduce|ease|tighten|change|"
    r"shift|move|add|drop|remove|include|omit))\b"
)
#: A formal verb that states a standing rule or wording rather than a vote: "the Committee reaffirmed its
#: long-standing rules governing the confidentiality …", "The Committee also adopted language to the
#: effect that …" (the README's results: adopted).
STATED_NOT_VOTED_RE = re.compile(r".{0,10}?(?:reaffirmed|adopted(?= (?:language|wording)))\b")
COLLECTIVE_RULES = {
    "decision:collective",
    "decision:collective-judged",
    "decision:commitment",
    "decision:need-to-act",
    "decision:revisit",
}
#: The other cues of a position without a vote: their subject may still be a quantified part ("most
#: members agreed that …", "a majority of the members favored a symmetric directive").
POSITION_RULES = {
    "decision:agreed-to",
    "decision:decided",
    "decision:agreed-that",
    "decision:agreed-it-would",
    "decision:statement-agreed",
    "decision:directive-wording",
    "decision:committee-kept",
}
#: A sentence that opens with the whole body as its subject, after at most a short lead-in.
_WHOLE_SUBJECT_RE = re.compile(
    r"(?:[A-Z][^,.;]{0,60}, )?(?:[Tt]he |[Mm]eeting )?(?:[Mm]embers|[Pp]articipants|Committee)\b(?! who)"
)
#: A subject word of a position, the verb it governs, and a quantifier right before the subject.
_SUBJECT_WORD_RE = re.compile(r"\b(?:Committee|[Mm]embers?|[Pp]articipants?|[Tt]hey|[Pp]olicymakers)\b")
_POSITION_VERB_RE = re.compile(r"\b(?:agreed|decided|concurred|favou?red|wanted)\b")
_QUANTIFIER_RE = re.compile(
    r"\b(?:[Mm]ost|[Mm]any|[Ss]ome|[Ss]everal|[Ff]ew|[Nn]umber|[Mm]ajority|[Oo]ther|[Rr]emaining|[Cc]ouple|"
    r"(?<!but )(?<!except )(?:[Oo]ne|[Tt]wo|[Tt]hree))(?: of)?(?: the| these| those)?(?: other)?\s+$"
)


# (pattern, confidence, rule, formal). A formal decision is one the minutes record as put to a vote;
# a vote list attaches to the last formal decision before it. First match in a sentence names it.
CUES: list[tuple[re.Pattern[str], float, str, bool]] = [
    # "Notation VotesBy notation vote …": a heading the scrape glued to the sentence hides its "By".
    (
        re.compile(r"(?:\bby|(?<=[a-z])(?-i:By)) (?:unanimous|notation|majority) vote\b", re.I),
        0.95,
        "decision:by-vote",
        True,
    ),
    (re.compile(r"\bdissenting, (?:the|this|these)\b"), 0.95, "decision:with-dissent", True),
    (re.compile(r"\bvoted\s+(?:unanimously\s+)?to\b"), 0.95, "decision:voted", True),
    (
        re.compile(r"\bFederal Reserve Bank of New York was (?:authorized and directed|selected)\b"),
        0.9,
        "decision:bank-directed",
        True,
    ),
    (
        re.compile(
            r"\b(?:Committee|[Mm]embers?|Board(?: of Governors)?)"
            r"(?:\s+(?:also|then|subsequently|had|has|formally|unanimously))*\s+"
            r"(?:approved|adopted|ratified|amended|re-?elected|elected|selected|rescinded|terminated|"
            # "the Committee authorized the renewal …", not "… that the Committee authorized in August"
            r"authorized(?= the\b)|"
            # "reaffirmed its intention to keep the target …" restates guidance; it is no vote.
            r"reaffirmed(?! (?:its|the Committee's) (?:intention|expectation|view|commitment|judgment)))\b"
        ),
        0.9,
        "decision:approved",
        True,
    ),
    (
        re.compile(
            r"\bunanimously\s+(?:approved|adopted|ratified|reaffirmed|re-?elected|elected|selected)\b"
        ),
        0.9,
        "decision:unanimously",
        True,
    ),
    (
        # "Accordingly, the following longer-run policy statement for 1995 was approved for inclusion …"
        re.compile(r"\bthe following\b[^.;:]{0,80}?\b(?:was|were) (?:approved|adopted)\b"),
        0.9,
        "decision:following-approved",
        True,
    ),
    (
        # "All participants but one supported making only minor wording changes to the Statement …"
        re.compile(
            r"\b[Aa]ll (?:but (?:one|two|three) )?(?:of the )?(?:members|participants)"
            r"(?: but (?:one|two|three))? supported (?:adopting|making|amending|reaffirming|approving)\b"
        ),
        0.85,
        "decision:all-but-supported",
        # the members' support is a position (adopted); the vote that follows it is its own decision
        False,
    ),
    (
        # A standing document amended, in the passive: "In addition, the Authorization was amended to
        # include the authority to conduct intraday repurchase agreement transactions …".
        re.compile(
            r"\b(?:Authorization|Directive|Instructions|Program|Guidelines|Rules|[Pp]aragraphs?)\b"
            r"[^.;]{0,60}?\b(?:was|were) (?:also )?amended\b(?! at its)"
        ),
        0.85,
        "decision:amended",
        True,
    ),
    (
        # A passive action at the end of its sentence: "The Report of Examination … was accepted."
        # "… was approved unanimously in the form shown below:" is the same act with its text after it.
        re.compile(
            r"\b(?:was|were) (?:unanimously )?(?:accepted|approved|adopted|ratified|reaffirmed)"
            r"(?: unanimously)?(?=[.;]| in the forms? shown below)"
        ),
        0.75,
        "decision:passive",
        False,
    ),
    (
        re.compile(r"\bBoard of Governors (?:then |also )?took no action\b"),
        0.85,
        "decision:board-no-action",
        False,
    ),
    (
        re.compile(
            r"\b(?:Committee|[Mm]embers?|[Tt]hey|[Pp]articipants|"
            r"It(?= (?:also |then )?(?:agreed|decided) to))\b"
            # "… tools that the Committee might employ if it decided to provide …" decides nothing.
            r"[^.;]{0,160}?(?<!\bif it )(?<!\bif they )\b(?:decided|agreed|chose)"
            r"(?:\s+(?:at this meeting|unanimously))?\s+to\b"
        ),
        0.8,
        "decision:agreed-to",
        False,
    ),
    (
        re.compile(r"\b[Ii]t was (?:jointly |also |further )?agreed (?:by [^.;]{0,60}? )?to\b"),
        0.8,
        "decision:agreed-to",
        False,
    ),
    (
        # What the Committee kept or changed without a vote: "The Committee also retained its forward
        # guidance …", "the Committee made relatively small modifications to the language …"
        re.compile(
            r"\bCommittee(?:\s+(?:also|again))?\s+(?:retained|kept|left unchanged|maintained|reiterated|"
            r"repeated (?:its|the)|"
            r"(?:re)?affirmed (?:its|the Committee's) (?:intention|expectation|view|commitment|judgment)|"
            r"made (?:\w+ ){0,3}(?:modifications|changes|revisions))\b"
            # The forward guidance kept: "The Committee continued to anticipate that economic conditions …
            # were likely to warrant exceptionally low levels for the federal funds rate …"
            r"|\bCommittee (?:also |again )?continued to (?:anticipate|expect) that\b"
            r"(?=[^.;]{0,200}?\bwarrant\b)"
            # "The statement also reiterated the Committee's intention to extend the average maturity …"
            r"|\b[Tt]he statement(?:\s+(?:also|again))?\s+(?:reiterated|retained|reaffirmed|maintained)\b"
            # "With respect to the statement …, members made only relatively small modifications …"
            r"|\b[Mm]embers\s+made (?:\w+ ){0,3}(?:modifications|changes|revisions) to\b"
        ),
        0.75,
        "decision:committee-kept",
        False,
    ),
    (
        re.compile(
            r"\b(?:Committee|[Mm]embers|[Tt]hey)\b[^.;]{0,160}?(?<!\bif it )(?<!\bif they )\bdecided\b"
        ),
        0.8,
        "decision:decided",
        False,
    ),
    (
        re.compile(
            # The statement as the sentence's topic ("With respect to the statement to be released …,
            # members agreed that only small changes were necessary"), not a clause that mentions an
            # announcement before an assessment ("while … the immediate announcement of a shift …, the
            # members agreed that were they to announce …, it would likely have …").
            r"\b(?:[Ww]ith (?:respect|regard) to|[Ii]n|[Ff]or|[Cc]oncerning|[Rr]egarding) the "
            r"(?:statement|announcement)\b[^.;]{0,120}?\b(?:[Mm]embers|Committee)\b[^.;]{0,30}?\bagreed\b"
        ),
        0.75,
        "decision:statement-agreed",
        False,
    ),
    (
        re.compile(
            # "Members noted the improvement … and agreed that …": a longer subject only before "and".
            r"\b(?:Committee(?! Policy Action)|[Mm]embers|[Tt]hey|[Pp]articipants|It was)\b"
            r"(?:[^.;]{0,40}?|[^.;]{0,100}?\band (?:also )?)"
            # "All members agreed the statement should indicate …" leaves out its "that".
            r"\b(?:agreed|concurred) (?:that|on|with|(?=the (?:statement|directive|announcement)\b))"
            r"(?=(?:(?!, and )[^.;]){0,170}?\b(?:the statement|the announcement|the Desk should|keeping the|"
            r"the directive\b|operations should|"
            r"(?:policy|accommodation|easing|tightening|firming) should be\b|"
            r"called for (?:additional|further|more|less|some) (?:monetary )?(?:policy )?"
            r"(?:accommodation|easing|tightening|firming|restraint)\b|"
            r"should be (?:revisited|reconsidered|taken up)\b|"
            r"(?:policy|easing|firming|tightening)\b[^.;]{0,60}\bwarranted|\bwarranted\b[^.;]{0,40}\bpolicy\b|"
            r"a proposal\b|(?:was|were) an appropriate\b|"
            r"no changes?\b|"
            r"it (?:would(?: not)? be|was(?: not)?) (?:appropriate|desirable|prudent|helpful|useful|"
            r"essential|preferable|advisable)(?: for [^.;]{0,40}?)? to|"
            r"(?:it|the Committee) (?:was|is|would be) prepared to\b|"
            r"should be (?:continued|retained|maintained|discontinued)\b|"
            r"(?:maintaining|keeping|leaving|raising|lowering|reducing|increasing)\b[^.;]{0,160}?"
            r"\b(?:was|would be)(?: [a-z]+ and)? appropriate\b|"
            r"(?:more|further) (?:discussion|review|study|consideration)\b|"
            r"\b(?:they|the (?:increase|decrease|reduction|rise|cut|change) in [^.;]{0,40}?) should "
            r"(?:not )?(?:be (?:limited|kept|maintained|held|left|adjusted|conducted)|specify|leave|keep|"
            r"maintain|hold|adopt|announce|indicate|note|include|retain|publish|release)\b|"
            r"an updating|updating|the next meeting|in determining the (?:appropriate )?(?:size|pace)\b|"
            r"there should be|the \w+ meeting should))"
        ),
        0.75,
        "decision:agreed-that",
        False,
    ),
    (
        # The Committee's own next act: "the Committee agreed that, beginning in January, it would add to
        # its holdings …", "It was agreed that the Committee would continue its discussion …". Not what it
        # would need, be, have or likely do (assessments).
        re.compile(
            r"\b(?:Committee|[Mm]embers|[Pp]articipants|[Tt]hey|It was)\b[^.;]{0,40}?"
            r"\b(?:agreed|concurred) that,?\s+(?:[^.;]{0,90}?,\s+(?:and that )?)?"
            r"(?:it|the Committee|the Federal Reserve|the Desk|they) (?:would|will)"
            r"(?:, [^,.;]{0,20},)? "
            r"(?!(?:\w+ly |soon |then |also |not )?"
            r"(?:be|have|need|not)\b)[a-z]+"
        ),
        0.75,
        "decision:agreed-it-would",
        False,
    ),
    (
        # (Nearly) all members conclude an action is appropriate: "All but one member concluded that it
        # would be appropriate to begin reinvesting …", "All members but one judged that it was
        # appropriate to reiterate …". A subset's judgment ("several members judged") is a view.
        re.compile(
            r"\b[Aa]ll (?:but (?:one|two|three) )?(?:of the )?(?:Committee )?members?"
            r"(?: but (?:one|two|three))? "
            r"(?:concluded|judged|agreed) that it (?:would be|was) appropriate to\b"
        ),
        0.75,
        "decision:all-concluded",
        False,
    ),
    (
        # The members' collective position on an action (the gold rule of round four): "all of the
        # members endorsed a proposal to maintain …", "all but one member indicated that they could
        # support a directive that called for …", "nearly all members favored keeping the target …".
        # A part of them ("most", "a majority", "other members", "these members") is screened out by
        # `part_of_the_members`.
        re.compile(
            f"{_WHOLE_BODY}(?:\\s+(?:also|again|generally|broadly|strongly|unanimously|all))*\\s+{_POSITION}"
            f"(?=[^.;]{{0,50}}?{_ACTION_OBJECT})"
        ),
        0.75,
        "decision:collective",
        False,
    ),
    (
        # The members' judgment that an action is appropriate or warranted, or what policy should do:
        # "members judged that a 75 basis point easing of policy at this meeting was appropriate",
        # "all members but one judged that continued provision of monetary accommodation was
        # warranted", "the members concluded that monetary policy needed to move …", "Participants
        # continued to agree that gradual sales of MBS should be undertaken". An assessment of the
        # economy ("agreed that inflation was likely to moderate") names no action and does not match.
        re.compile(
            _WHOLE_BODY + r"(?:,? (?:in general|on balance),?)?"
            r"(?:\s+(?:also|again|generally|all|continued to|nonetheless|however|therefore))*\s+"
            # "Participants noted the importance of appropriate consultation … and emphasized that …"
            r"(?:(?:noted|discussed|welcomed|acknowledged) (?:[^.;:]|\b[A-Z]\.){0,100}? and (?:also )?)?"
            # The verb that reports the position does not matter (the README's round four): a judgment
            # ("judged", "concluded", "believed") or a statement of it ("emphasized", "stressed",
            # "recognized", "noted", "observed", "acknowledged", "indicated"); what makes the sentence a
            # decision is the complement below, a position on an action, never the economy's outlook.
            r"(?:(?:judged|concluded|agreed|concurred|believed|felt|thought|did not believe|anticipated|"
            # the plain form only after "continued to" ("Participants continued to agree that …"), never
            # in a conditional ("should the Committee judge that … was warranted")
            r"(?<=continued to )(?:agree|think|anticipate|judge|conclude|believe|feel)|"
            r"recognized|emphasized|stressed|noted|observed|acknowledged|indicated|"
            r"(?:was|were) unanimous in (?:the|its|their) view|reached the collective judgment)"
            # "They agreed, nonetheless, that monetary policy was still insufficiently restrictive …"
            r"(?:, \w+,)?\s+that\b|"
            r"thought(?= it would be)|"
            # "The Committee again viewed it as appropriate to indicate that …"
            r"(?:viewed|saw|considered|judged|thought|found) it (?:as )?(?=\w+ to\b))(?! while\b)"
            # A second complement of the same verb ("agreed that …, and that it was particularly important
            # … to resist") or a clause on policy itself continues the position; another clause does not.
            r"(?=(?:(?!, and (?!that |policy |the Committee |in that regard |thus |accordingly |"
            r"the key issue )|, but )[^.;]){0,300}?(?:"
            r"\b(?:was|were|is|remained|remains|seemed|(?:would|will)(?: \w+ly| soon)? be)"
            r"(?: not| no longer)?(?: yet)?(?: \w+ly)?(?: likely to (?:remain|be))?"
            r" (?:appropriate|warranted)\b|"
            # "agreed that a further tightening action was needed at this point"
            r"\b(?:action|move|step|tightening|easing|firming|adjustment)\b[^.;]{0,30}?\b(?:was|were|is) "
            r"(?:not )?(?:needed|required)\b|"
            # No case for an action: "agreed that there was no firm basis for changing the tentative ranges",
            # "did not believe that a persuasive argument could be made … for raising the M3 range",
            # "anticipated that there would be no need to make changes to … open market operations"
            r"\b(?:no|little) (?:firm |strong |compelling |persuasive )?(?:basis|reason|need|case|argument) "
            r"(?:for|to) (?:chang|rais|lower|reduc|increas|adjust|alter|mak\w* (?:any )?changes?)\w*|"
            r"\b(?:argument|case)\b[^.;]{0,60}?\bfor (?:raising|lowering|changing|increasing|reducing|"
            r"adjusting|easing|tightening|firming)\b|"
            # "the marked degree of uncertainty … argued against any increases in the ranges"
            r"\bargued (?:against|for) (?:any |an? |the )?(?:\w+ )?(?:increases?|decreases?|reductions?|"
            r"changes?|easing|tightening|firming|adjustments?|move|action)\b|"
            # "retaining an asymmetric directive … would be consistent with their assessments …"
            r"\b(?:retaining|maintaining|keeping|leaving|adopting)\b[^.;]{0,100}?\b(?:directive|"
            r"polic(?:y|ies)|stance|rate|ranges?)\b[^.;]{0,60}?\b(?:was|would be) consistent with\b|"
            # "consideration would need to be given to an adjustment in the Committee's policy stance"
            r"\bconsideration (?:would|should) (?:need to )?be given to\b[^.;]{0,40}?\b(?:adjustment|change|"
            r"action|polic(?:y|ies)|move)\b|"
            # "a shift to an asymmetric directive seemed desirable"
            r"\b(?:directive|polic(?:y|ies)|move|action|shift|adjustment|easing|tightening|firming)\b"
            r"[^.;]{0,40}?\b(?:seemed|was|would be|appeared) (?:\w+ly )?desirable\b|"
            # "watchful waiting remained the prudent course for policy"
            r"\b(?:remained|was|would be) the (?:most )?(?:prudent|appropriate|best|preferred|wisest) "
            r"(?:course|approach|policy)\b|"
            # "the retention of an asymmetric directive toward tightening was consistent with their view …"
            r"\bthe (?:retention|adoption|maintenance) of\b[^.;]{0,80}?\b(?:directive|polic(?:y|ies)|stance|"
            r"ranges?)\b[^.;]{0,60}?\b(?:was|would be) consistent with\b|"
            # "no compelling case could be made at this point for potential adjustments to policy"
            r"\b(?:no|little) (?:\w+ )?(?:case|argument|basis)\b[^.;]{0,40}?\bfor (?:\w+ )?"
            r"(?:adjustments?|changes?|action|move|easing|tightening|firming)\b|"
            # "recent economic developments tended to reinforce the view that monetary policy was on an
            # appropriate course"
            r"\bpolicy (?:was|remained) on an? (?:appropriate|proper|right) (?:course|track|path)\b|"
            # "agreed that recent developments pointed to the desirability of a steady policy course"
            r"\bpointed to the desirability of\b[^.;]{0,40}?\b(?:policy|stance|course|directive)\b|"
            r"\bit was (?:preferable|essential) (?:for the Committee )?to (?!pay|watch|monitor)|"
            r"\bwarranted\s+(?:\w+ing\b|an? (?:easing|tightening|firming|reduction|increase|change)\b|"
            r"the continuation\b)|"
            # "nearly all the members believed that the System's reciprocal currency arrangements, which
            # …, should be renewed for another year"
            r"(?:\b(?:arrangements|ranges?|programs?|facilit(?:y|ies)), which [^.;]{0,250}?, )?"
            r"\bshould (?:not )?be (?:renewed|retained|maintained|continued|extended|discontinued|adopted|"
            r"approved|reaffirmed|changed|raised|lowered|reduced|increased|left unchanged|eased|tightened|"
            r"deferred|postponed|given|assigned|made available|made clear|made public|undertaken|"
            r"contingent|conditional|"
            r"adjusted|published|released)\b|"
            r"(?:(?<=\bit as )|(?<=\bit ))(?:appropriate|desirable|advisable|helpful|useful|preferable) to "
            r"(?!(?:\w+ )?(?:pay|watch|monitor))|"
            # "it would be prudent for the Committee to assess further developments before taking any
            # action", "it was particularly important at this juncture to resist firmly …", "it would be
            # premature to place increased reliance on them", "important for policy to be responsive"
            r"\bit (?:would be|was) (?:\w+ly )?(?:prudent|premature|important|preferable|essential|necessary)"
            r"(?: at this juncture| at this time)?(?: for (?:the Committee|policy|the Federal Reserve))? to "
            r"(?!pay|watch|monitor)|"
            # "had not changed sufficiently to warrant an adjustment", "was not sufficient to warrant any
            # adjustments to the asset-purchase program", "was insufficient to warrant an adjustment"
            r"\b(?:in|not )?sufficient(?:ly)? to warrant (?:an?|any) (?:\w+ )?(?:adjustments?|changes?)\b|"
            r"\bwarranted further (?:review|study|discussion|consideration)\b|"
            r"\ba decision was (?:deferred|postponed)\b|"
            r"\bpolicy (?:was|remained) (?:still )?(?:insufficiently|too|overly) "
            r"(?:restrictive|accommodative|"
            r"stimulative|tight|easy)\b|"
            r"\b(?:new|revised|proposed) (?:wording|language)\b|"
            # "… needed more information on the likely effects of a reduction in the IOR rate …"
            r"\bneeded (?:more|further|additional) (?:information|analysis|study|time)\b|"
            # "… made a flexible approach to monetary policy particularly desirable at this juncture"
            r"\bmade an? [^.;]{0,40}?\b(?:approach|policy|stance|course)\b[^.;]{0,40}?\bdesirable\b|"
            # "… judged that leaving the federal funds rate unchanged at this time suitably balanced …"
            r"\b(?:suitably|appropriately) balanced\b|"
            r"\bit (?:would be|was) (?:helpful|useful|advisable) to (?:indicate|note|say|state|include|add|"
            r"clarify|emphasize|underscore|acknowledge|publish|release|announce|provide|communicate)\b|"
            r"\b(?:polic(?:y|ies)|the Committee|the Federal Reserve|the Desk|ranges?|sales|purchases|"
            r"the statement|the directive|the (?:target |effective )?federal funds rate|"
            r"the size|accommodation|response|operations)\b[^.;]{0,80}?\b(?:should|needed to|"
            # not a conditional ("a change in policy, should one be called for, would represent …") nor
            # a need to keep watching ("the Committee would need to continue to assess whether …")
            r"would need to)\b(?! have| (?:one|it|they|there|that|this|such)\b)"
            r"(?! (?:continue to )?(?:assess|monitor|watch|evaluate)\b)|"
            r"\b(?:was|is|would be) important to (?!pay|watch|monitor)|\bnecessary and desirable\b|"
            r"\bcalled for\b(?:[^.;]{0,80}?\bprompt action\b|"
            r" the adoption of\b[^.;]{0,40}?\b(?:directive|policy|range)|"
            r" an? (?:\w+ ){0,2}(?:directive|easing|tightening|firming)\b)|"
            r"\bin determining the (?:appropriate )?(?:size|pace)\b))"
        ),
        0.75,
        "decision:collective-judged",
        False,
    ),
    (
        # A readiness to act the Committee agreed on: "The Committee agreed on the need to act in a
        # timely manner …", "… agreed on the need to remain exceptionally alert …, and members would be
        # prepared to adjust the stance of monetary policy …".
        re.compile(
            r"\b(?:Committee|[Mm]embers|[Pp]articipants) agreed on the need to "
            r"(?:act\b|[^.;]{0,200}?\bprepared to (?:adjust|act|respond)\b)"
        ),
        0.75,
        "decision:need-to-act",
        False,
    ),
    (
        # The Committee's readiness stated as its own sentence: "The Committee would, of course, monitor
        # and respond as needed to the incoming economic information." (capital "The": the sentence's
        # subject, not "that member urged … to say explicitly that the Committee will act …")
        re.compile(
            r"\bThe Committee (?:would|will)(?:, [^,.;]{0,20},)? (?:\w+ (?:and|or) )?(?:respond|act)\b"
        ),
        0.75,
        "decision:commitment",
        False,
    ),
    (
        # A commitment to act, whatever the verb that reports it: "Members emphasized that they were
        # prepared to modify these plans if necessary …", "The Committee also stated that it will regularly
        # review the size and composition of its securities holdings and is prepared to adjust those
        # holdings …", "Members noted, however, that the Committee will continue to regularly review …".
        re.compile(
            # "it was emphasized that the Committee remained committed to a policy that would resist …"
            r"(?:\b[Ii]t was (?:also )?(?=(?:emphasized|stressed|noted|agreed|understood) that)|"
            + _WHOLE_BODY
            + r"(?:\s+(?:also|again|generally|all|wanted to|continued to))*\s+)"
            r"(?:emphasized?|stressed|noted|stated|indicated|agreed|understood|reiterated|affirmed)"
            r"(?:, however,)?"
            # "Members also stressed the need to underscore that the pace of asset purchases … would remain
            # contingent on …": the statement's wording of a commitment
            r"(?: the (?:need|importance) (?:to|of) "
            r"(?:underscor|emphasiz|indicat|communicat|stress)\w*)? that\b"
            # the Committee's own readiness, not the markets' ("investors were prepared to take on risk")
            r"(?=[^.;]{0,200}?\b(?:(?:it|they|the Committee|the Federal Reserve|members)"
            r"(?: [^.;]{0,120}? and)? "
            r"(?:is|was|are|were|would be|will be) (?:\w+ )?prepared to "
            r"(?:adjust|modify|act|take|provide|employ|use|respond|change)\b|"
            r"(?:remained|remains|was|is|were|are) (?:\w+ly )?committed to (?:a policy|\w+ing)\b|"
            r"(?:will|would) (?:\w+ly )?(?:continue to )?(?:\w+ly )?review\b"
            r"[^.;]{0,400}?\band (?:will|would) (?:adjust|modify)\b|"
            # "Members emphasized that the pace and overall size of the purchase program would be
            # contingent on economic and financial developments"
            r"\b(?:purchases|program|policy|holdings)\b[^.;]{0,40}?\b(?:would|will) "
            r"(?:continue to )?(?:be|remain) "
            r"(?:contingent|conditional|dependent) on\b))"
        ),
        0.75,
        "decision:commitment",
        False,
    ),
    (
        # The statement's or the directive's wording changed or left: "the Committee revised the form
        # of the directive …", "the Committee considered whether to note that …, but judged that this
        # might overemphasize …".
        re.compile(
            r"\bCommittee (?:also )?(?:revised|updated|modified) (?:the|its) (?:\w+ ){0,2}?"
            r"(?:form|wording|language|sentence|phrase|paragraph)\b|"
            # "the Committee included language in the statement … to make explicit that …"
            r"\bCommittee (?:also )?(?:included|added|inserted|removed|dropped|deleted) (?:\w+ ){0,3}?"
            r"(?:language|sentence|phrase|reference)\b|"
            r"\bCommittee (?:also )?considered whether to (?:note|include|add|mention|drop|remove|retain)\b"
            r"[^.;]{0,200}?\bbut (?:judged|decided|agreed)\b"
        ),
        0.75,
        "decision:wording",
        False,
    ),
    (re.compile(r"\bsupported the Chairman's decision\b"), 0.7, "decision:supported-chairman", False),
    (
        # Taking the subject up again, which the README counts as a decision: "It was understood that
        # this issue … would be considered at a later meeting", "Participants planned to discuss
        # further, at a future meeting, …", "members wanted to consider further the most effective
        # framework …", "… issues would still need to be evaluated before the Committee could make
        # decisions about …", "The outcome of the discussion was a decision that the Chairman would …".
        re.compile(
            r"\b[Ii]t was (?:also )?understood that\b"
            r"(?=[^.;]{0,200}?\bwould be (?:\w+ly )?(?:considered|explored|"
            r"edited|released|reviewed|discussed|taken up|addressed|examined|studied|evaluated|published)\b"
            # "it was understood that the Committee would be prepared to review its policy stance and take
            # further action, if warranted …" (a readiness to act, as the commitments below)
            r"|[^.;]{0,40}?\b(?:the Committee|it) would be prepared to\b)|"
            # A subject of the discussion put off to a later meeting, with or without its agent: "That
            # matter would be reviewed … at a later meeting", "… it recognized that the matter would need
            # to be revisited from time to time", "a further discussion of communications topics was
            # planned for the next FOMC meeting". A subcommittee's or the staff's own work is not the
            # Committee's act and does not match (the README's FOMC decisions).
            r"\b(?:[Tt]hat|[Tt]his|[Tt]he|[Tt]hese|[Tt]hose) (?:matter|issue|question|subject|topic)s? "
            r"(?:would|will) (?:need to )?be (?:\w+ly )?(?:reviewed|considered|discussed|taken up|revisited|"
            r"reconsidered|explored|studied|examined|addressed)\b|"
            r"\b(?:further |additional )?(?:discussion|review|consideration|examination) of [^.;]{0,80}?"
            r"\b(?:was|were) (?:planned|scheduled) for (?:the|its|a) (?:next|later|future|subsequent)\b|"
            # "At the next FOMC meeting, …, the Committee intended to consider the role that …"
            r"\bAt (?:the|its) next (?:\w+ )?meeting\b[^.;]{0,80}?\b(?:Committee|[Mm]embers|[Pp]articipants) "
            r"(?:planned|intended|expected|wanted) to (?:discuss|consider|examine|review|study|explore|"
            r"revisit|take up)\b|"
            # "Participants noted that their judgments were tentative, that they would continue to discuss
            # the ultimate operating regime, …"
            + _WHOLE_BODY
            + r"(?:\s+(?:also|generally))*\s+(?:noted|agreed|indicated) that\b[^.;]{0,80}?\b"
            r"(?:they|the Committee|it) would continue to "
            r"(?:discuss|consider|examine|review|study|explore)\b|"
            + _WHOLE_BODY
            + r"(?:\s+(?:also|generally))*\s+(?:planned|wanted|intended) to "
            r"(?:discuss|consider|examine|review|study|explore|revisit)\b"
            r"(?=[^.;]{0,80}?\b(?:further|at a (?:future|later|subsequent) (?:meeting|date)|"
            r"again)\b)|"
            r"\bbefore the Committee could (?:make (?:a )?decisions?|decide)\b|"
            # "… would need to resolve a number of practical issues before deciding whether to adopt …"
            r"\b(?:would|will) (?:still )?need to (?:resolve|address|evaluate|consider|study)\b[^.;]{0,120}?"
            r"\bbefore (?:deciding|making a decision)\b|"
            # "the Committee would evaluate later whether further changes … would be desirable", "the
            # Committee would consult in some way before any policy tightening was undertaken"
            r"\b[Tt]he Committee would (?:\w+ )?(?:evaluate|review|reconsider|revisit|reassess) "
            r"(?:later|further|again)\b|"
            r"\b[Tt]he Committee would consult\b[^.;]{0,40}?\bbefore\b|"
            r"\b(?:was|were) a decision (?:that|to)\b|"
            r"\b(?:working group|subcommittee)\b[^.;]{0,60}?\b(?:was|were) (?:requested|asked|directed) to\b"
        ),
        0.75,
        "decision:revisit",
        False,
    ),
    (
        # A request the Committee refused (README): "Providing copies of unedited transcripts … was not
        # approved by the Committee."
        re.compile(r"\b(?:was|were) not approved by the Committee\b"),
        0.75,
        "decision:not-approved",
        False,
    ),
    (
        re.compile(
            r"\breached a consensus (?:on|to)\b|\ba consensus emerged (?:in favor of|for|to)\b"
            # "In general, there was support for maintaining the current numerical thresholds …"
            r"|\b[Tt]here was (?:general |broad |widespread |strong |unanimous )?"
            r"(?:support|agreement|a consensus) "
            r"(?:for|on|to)\b"
            rf"(?=[^.;]{{0,50}}?{_ACTION_OBJECT})"
        ),
        0.75,
        "decision:consensus",
        False,
    ),
    (
        # A document agreed on without a vote: "all but one of the participants agreed on the following
        # key elements of the strategy …:" (the exit principles of June 2011).
        re.compile(r"\b(?:Committee|[Mm]embers|[Pp]articipants)\b[^.;:]{0,40}?\bagreed on the following\b"),
        0.8,
        "decision:agreed-following",
        False,
    ),
    (
        # Positions that carry their own object: "Participants generally regarded the second proposal, to
        # set up a foreign exchange swap arrangement …, as a positive step …", "Members also welcomed the
        # opportunity to coordinate this policy action with similar measures by …", "Members of the
        # Committee urged that the Board's report to Congress … make clear the reasons …".
        re.compile(
            _WHOLE_BODY + r"(?:,? in general,)?(?:\s+(?:also|again|generally|still|continued to))*\s+"
            # "the members viewed policy as appropriately positioned under current circumstances",
            # "continued to view the broad principles set out in 2011 as still applicable"; not a view
            # of the stance ("the members still viewed monetary policy as too stimulative", April 1994 gold)
            r"(?:(?:viewed|view|saw|regarded) (?:the )?(?:(?:current )?(?:stance of )?(?:monetary )?policy|"
            r"(?:broad )?principles\b[^.;]{0,40}?) as (?:still )?(?:appropriately (?:positioned|set)|"
            r"applicable|appropriate)\b|"
            r"(?:regarded|viewed) (?:the|a|this) (?:\w+ )?proposal\b[^.;]{0,150}? as an? "
            r"(?:\w+ly )?(?:positive|useful|helpful|constructive|appropriate|reasonable|welcome)\b|"
            r"welcomed the (?:opportunity|decision) to (?:\w+ ){0,2}(?:this |the )?(?:policy )?action\b|"
            r"urged that\b)"
        ),
        0.75,
        "decision:collective",
        False,
    ),
    (
        # The statement's wording stated in the passive, and an instruction to the Desk outside the
        # directive: "No such references were included in the statement for this meeting.", "the
        # Committee instructed the Desk to purchase up to $100 billion in housing-related GSE debt …"
        re.compile(
            r"\b(?:was|were) (?:not )?(?:included|retained|dropped|omitted|removed|added|deleted) "
            r"(?:in|from|to) the (?:\w+ )?(?:statement|directive) for this meeting\b|"
            r"\bCommittee (?:also )?(?:instructed|directed) the (?:Desk|Manager)\b|"
            # "the Committee would no longer include its view of future developments in the … directive"
            r"\bthe Committee would (?:no longer|henceforth|in the future) "
            r"(?:include|publish|release|announce|issue|express|state)\b"
        ),
        0.75,
        "decision:wording",
        False,
    ),
    (
        # The directive's wording in the 1990s: "Given its decision to ease policy, the Committee favored
        # a change to symmetry …", "the members indicated that they wanted to retain in the operating
        # paragraph of the directive the existing asymmetry …". The whole Committee or all its members,
        # never "other members" or "a few members".
        re.compile(
            r"(?<![Oo]ther )(?<![Ff]ew )\b(?:[Tt]he Committee|"
            r"(?:[Aa]ll )?[Tt]he members)\s+(?:also\s+)?"
            r"(?:favored|(?:indicated that they )?wanted to (?:retain|keep|adopt|move|shift|include))\b"
            r"(?=[^.;]{0,120}?\b(?:directive|symmetry|asymmetry)\b)"
        ),
        0.7,
        "decision:directive-wording",
        False,
    ),
]
#: An action of the Board of Governors, not of the Committee.
BOARD_RE = re.compile(
    r"\bBoard of Governors\b[^.;]{0,45}?\b(?:voted|approved|took no action)\b|\bthe Board had approved\b"
)
#: Not a decision: a recap of an earlier meeting, a view, an intention to monitor, or a denial.
_NOT_DECISION_RE = re.compile(
    # "At its December meeting, …" recaps; "… the ranges that the Committee had established … at its
    # meeting in July 1993" only names the earlier act the sentence's own act is about.
    r"^As had previously been agreed|^(?:(?!\bthat the Committee had\b).)*?\b[Aa]t its (?:\w+ )?meeting\b"
    r"|\bnot making a formal\b"
    r"|\bwho (?:had )?voted\b"
    # The Manager's report recaps: "… purchased … since the Committee decided, on August 10, to …".
    r"|\bsince the (?:Committee|FOMC|Board)\b[^.;]{0,30}?\b(?:decided|agreed|voted|approved|adopted)\b"
    # The text of what was voted, presented again: "The paragraphs … that were amended or added by the
    # Committee, all by unanimous vote, read as follows:".
    r"|\b(?:that|which) (?:were|was) (?:amended|added|adopted)\b[^.]{0,120}?(?<!to )\bread as follows\b"
    # An assessment of what a setting allows: "agreed that a symmetric directive would not preclude …".
    r"|\bagreed that\b[^.;]{0,160}?\b(?:would|could|did) (?:not )?(?:preclude|prevent|rule out|prejudice)\b"
    # A sentence that announces what the section reports: "the Committee at this meeting reviewed the
    # ranges … and it decided on tentative ranges for growth in those aggregates in 1994" (the ranges,
    # in percent, follow in later sentences).
    r"|^(?:(?!percent).)*\breviewed\b[^.;]{0,200}?\bdecided on\b(?:(?!percent).)*$",
)
#: An intention to monitor is not a decision, unless the sentence also decides something else ("decided
#: to summarize its current thinking … and to emphasize that it will closely monitor …").
_MONITOR_RE = re.compile(r"\bmonitor(?:ed)?\b|\bwill (?:continue to )?regularly review\b")
_OTHER_ACT_RE = re.compile(
    r"\b(?:decided|agreed) to (?!(?:continue to )?(?:\w+ly )?monitor)[a-z]+"
    # "… it would closely monitor incoming information …, and that if …, it would continue its purchases"
    r"|\bit would (?!(?:\w+ly )?(?:continue to )?(?:\w+ly )?monitor)(?:continue|undertake|add|purchase|"
    r"increase|reduce|keep|maintain|adjust|employ|take|begin|end|slow)\b"
    # "… will regularly review … and will adjust the program as needed", "… and that they are prepared
    # to adjust those holdings", "… monitored and taken into account in determining the size …"
    r"|\b(?:will|would) adjust\b|\bprepared to (?:adjust|respond|act)\b|\btaken into account in determining\b"
    # "The Committee would, of course, monitor and respond as needed …"
    r"|\b(?:monitor|watch)\w* and (?:respond|act|adjust)\b"
    # "… would continue to monitor … and would employ its policy tools as necessary …"
    r"|\b(?:will|would) employ its (?:policy )?tools\b"
    # "… closely monitor … and carefully weigh the potential benefits and costs of various tools in
    # assessing whether additional policy action would be warranted"; "… and that the relevant data
    # should be made available to outside analysts"
    r"|\bweigh\b[^.;]{0,120}?\bwhether (?:additional|further) (?:policy )?action\b"
    r"|\bshould be (?:made available|published|released)\b"
    r"|\b(?:appropriate|preferable|essential) to (?!(?:continue to )?(?:\w+ly )?monitor)[a-z]+"
)
#: "no decisions were made" denies a decision, unless the sentence agrees to take the subject up again
#: ("The Committee agreed that more discussion of these issues was needed, and no decisions …").
_NO_DECISION_RE = re.compile(r"\bno decisions?\b")
_REVISIT_RE = re.compile(
    r"\bagreed that (?:more|further) (?:discussion|review|study|consideration)\b"
    # "The Committee made no decisions relating to these matters, though it was understood that these
    # issues would be explored further."
    r"|\bwould be (?:\w+ly )?(?:explored|considered|discussed|studied|examined|taken up|revisited)"
    r"(?: further| again| at a (?:later|future) (?:meeting|date))\b"
    r"|\b(?:was|were) (?:planned|scheduled) for (?:the|its|a) (?:next|later|future|subsequent)\b"
)
#: A pluperfect recaps an earlier act: "The Committee already had decided to make public …".
_PLUPERFECT_RE = re.compile(
    r"\b(?:Committee|[Mm]embers|FOMC|[Tt]hey)\s+(?:(?:already|previously|earlier|also)\s+)*had\s+"
    r"(?:(?:already|previously|earlier|also|unanimously)\s+)*"
    r"(?:decided|agreed|approved|adopted|voted|ratified|reaffirmed|selected|elected)\b"
)
RECAP_RE = re.compile(r"^(?:At its\b|In its last\b)")


def not_a_decision(sentence: str) -> bool:
    """Whether a sentence with a decision cue recaps an earlier act, denies one or only monitors."""
    if _NOT_DECISION_RE.search(sentence):
        return True
    if _MONITOR_RE.search(sentence) and not _OTHER_ACT_RE.search(sentence):
        return True
    if _NO_DECISION_RE.search(sentence) and not _REVISIT_RE.search(sentence):
        return True
    return bool(_PLUPERFECT_RE.search(sentence)) and not re.search(
        r"\b[Bb]y (?:unanimous|notation) vote\b", sentence
    )


def part_of_the_members(text: str, start: int, cue: int) -> bool:
    """Whether the position a collective cue found is held by a part of the members only: a word
    such as "most", "other" or "these" before the subject in its sentence, or a "they" that points back
    to a sentence whose subject is such a part ("The remaining members said … They agreed …")."""
    window_end = min(cue + 30, sentence_bounds(text, cue)[1])
    if re.match(r"[Aa]ll (?:of )?the members who\b", text[cue : cue + 25]):
        # "All the members who supported a tightening action also favored …": the relative clause names
        # those who carry the policy vote, not a part; a quantifier before it still would.
        return _PART_RE.search(text, start, cue) is not None
    if re.match(r"[Tt]hese members\b", text[cue : cue + 13]):  # the pointer itself is no part
        if _PART_RE.search(text, start, cue) or _PART_RE.search(text, cue + 13, window_end):
            return True
    elif _PART_RE.search(text, start, window_end):
        return True
    if _PART_RE.search(text, cue, sentence_bounds(text, cue)[1]) and re.search(
        r"\b(?:these|those|other) (?:members|participants)\b", text[cue : sentence_bounds(text, cue)[1]]
    ):
        return True  # "While they could support …, these members were persuaded …"
    if not re.match(r"[Tt]hey\b|[Tt]hese members\b", text[cue : cue + 13]):
        return False
    # "They" and "These members" point back: to a part when one of the two sentences before names one.
    # A run of sentences that open with "They" keeps pointing to the same subject ("Some members
    # preferred … They were concerned … They noted … More fundamentally, they believed …").
    before = start
    steps = 0
    while steps < 2:
        previous = sentence_bounds(text, max(0, before - 2))
        head = text[previous[0] : min(previous[1], previous[0] + 80)]
        carriers = re.match(r"[Aa]ll (?:of )?the members who\b", head)
        if previous[0] >= before or (not carriers and _PART_RE.search(head)):
            return previous[0] < before
        if carriers or _WHOLE_SUBJECT_RE.match(head):
            return False  # the nearest subject is the whole body ("Meeting participants, in general, …")
        if not re.match(r"(?:They|These members)\b", text[previous[0] : previous[0] + 13]):
            steps += 1
        before = previous[0]
    return False


def quantified_subject(text: str, match: re.Match[str]) -> bool:
    """Whether the subject of the verb a cue found is a quantified part of the members: the last
    subject word before the verb ("Consistent with the concerns expressed by many members …, the
    Committee decided …" is the Committee's) with "most", "a majority of the", "other" … right before
    it."""
    verb = _POSITION_VERB_RE.search(text, match.start(), match.end())
    subjects = list(_SUBJECT_WORD_RE.finditer(text, match.start(), verb.start() if verb else match.end()))
    if not subjects:
        return False
    subject = subjects[-1].start()
    return _QUANTIFIER_RE.search(text[max(0, subject - 40) : subject]) is not None
