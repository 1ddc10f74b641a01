"""The words and phrases each STAR part is told with (``nextround.fit.parts``; a sentence is
split into its words by ``reading``). Every phrase pattern holds the words it can only match with
(``Phrases``): it is searched for only in a sentence that holds one of them."""

from __future__ import annotations

import re

from nextround.fit.parts.phrases import Phrases


def words_of(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Words a spoken or noted sentence opens with before it says anything.
OPENERS = words_of(
    "so um uh er erm and then well basically also but anyway okay ok yeah first firstly next "
    "finally afterwards actually honestly obviously like right second secondly plus"
)
SUBJECTS = frozenset({"i", "we"})
PREFIXES = frozenset({"pre", "re", "co", "de", "un", "over", "under", "cross", "double"})

IRREGULAR_PAST = words_of(
    "built rebuilt led wrote rewrote ran made took set sat spoke met went began brought bought "
    "chose drove found gave got held kept taught told sent spent put cut drew did oversaw "
    "undertook sought broke split caught stood dealt sold paid shut rang swapped showed "
    "withdrew won hung fed laid reran redid retook reset bled dug fought lit lent rode shook "
    "swept sped upheld woke wore overtook underwent sang threw flew froze hid bent forgave "
    "mistook rethought overheard overran stuck struck spun tore understood done gone taken "
    "given written shown driven spoken chosen let left quit spread"
)

# Past tenses that tell a state of mind or a state, not a step taken.
STATES = words_of(
    "was were had wanted needed liked loved hated hoped seemed learned learnt realized realised "
    "wondered believed enjoyed preferred appeared happened used knew felt thought meant "
    "averaged remained lived belonged involved sounded turned stayed noticed saw became "
    "disagreed"
)

# The base form a note's goal starts with ("Restore …", "Cut …", "Bring …").
BASE_VERBS = words_of(
    "achieve add address automate avoid balance bring build calm clear close coach collect "
    "complete contain convince cover create cut deal deliver design diagnose double eliminate "
    "enable ensure establish find finish fix get grow halve handle help hire hit identify "
    "implement improve increase introduce investigate isolate keep launch lead lift limit "
    "lower maintain make manage meet migrate minimise minimize modernise move negotiate obtain "
    "organise organize persuade plan prepare prevent protect provide raise reach rebuild "
    "recover recruit reduce replace resolve respond restore retain return run save secure "
    "ship solve sort speed stabilise stabilize standardise standardize stop streamline "
    "support take teach train turn upgrade win bring shorten boost simplify tighten free fill "
    "reopen repair rescue redesign rewrite tidy"
)

# Base forms that are also nouns: "Support queue averaged …" names a thing, not a goal.
ALSO_NOUNS = words_of(
    "support plan design return turn cover help balance lead close clear record change work sort "
    "move ship fix train launch double control"
)
ALSO_PAST = words_of("set cut put run hit shut let spread read")

# Verbs of change: with a figure or a thing that changed, they tell an outcome.
CHANGE = words_of(
    "reduced increased cut saved grew improved raised lowered boosted doubled tripled halved "
    "shortened dropped fell rose climbed jumped decreased declined shrank stabilised stabilized "
    "stopped disappeared exceeded beat recovered restored resolved prevented eliminated "
    "avoided achieved fallen risen grown shrunk"
)
NOT_STEPS = frozenset({"caused", "required"})

# Verbs that keep or reach a level: an outcome when a figure follows ("stayed at 4.6", "went
# from 60% to 90%", "reached 89%").
LEVEL = words_of("went stayed remained reached hit grew")
CHANGE_NOUNS = words_of("down up reduction increase drop rise improvement fewer")
PROBLEMS = words_of(
    "problem problems issue issues complaint complaints complaining struggling late behind "
    "failing failed failure failures crashed crash outage outages shortage understaffed sick "
    "backlog delay delays spiked errors timeouts timing slow angry upset worried leaked "
    "expired broke broken jammed overspend missing down poor low lost losing risk stressed "
    "nervous empty complained rejected"
)
METRICS = words_of(
    "time times rate rates cost costs usage score scores feedback rating ratings frequency "
    "volume revenue sales wait waiting visits spend attendance losses waste satisfaction"
)
FIGURE = re.compile(
    r"^(?:\d[\d,.]*\w*|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|"
    r"twelve|\w+teen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|"
    r"half|third|quarter|fifth|tenth|double|dozen)$"
)

# Said before a figure that sizes a change: "fell by about 20%", "from nearly 40".
ROUGHLY = words_of("from by to about around nearly almost over roughly some more than")


NOT_A_DUTY = r"(?!first\b|last\b|previous\b|old\b|current\b|former\b|summer\b|new\b)"
TASK_DUTY = Phrases(
    "job role task goal aim objective responsibility assignment mission brief mandate "
    "target priority needed supposed expected out trying asked tasked charged hired brought "
    "assigned responsible charge given fell landed came had i'd i’d we'd we’d plan challenge "
    "ask remit focus request got took first about around less booked sent paid contracted "
    "wanted required part duty bit share",
    rf"""\b(?:my|our|the|his|her)\s+(?:{NOT_A_DUTY}\w+\s+)?(?:job|role|task|goal|aim|
        objective|responsibility|assignment|mission|brief|mandate|target|priority)\s+(?:was|
        were|became|is)\b
    | \b(?:i|we|it|that|this)\s+(?:\w+ly\s+)?(?:was\s+supposed|were\s+supposed|was\s+expected|
        were\s+expected|set\s+out|was\s+trying|were\s+trying)\s+to\b
    | \b(?:i|we)\s+(?:was|were)\s+(?:\w+\s+)?(?:asked|tasked|charged|hired|brought\s+in|
        assigned|responsible|in\s+charge|expected)\b
    | \b(?:i|we)\s+(?:was|were)\s+given\s+the\b
    | \bneeded\s+(?:it|them|this|that)\b | \bneeded\s+to\s+be\b
    | \bhad\s+(?:a|the)\s+(?:\w+\s+)?(?:job|task)\b
    | \b(?:fell|landed)\s+(?:to|on)\s+(?:me|us)\b | \bcame\s+to\s+me\b
    | \blanded\s+on\s+my\s+(?:desk|plate)\b
    | \b(?:i|we)\s+had\s+(?:until\s+\w+|(?:only\s+|just\s+|about\s+|around\s+|less\s+than\s+)?
        (?:a|an|one|two|three|four|five|six|\d+)\s+(?:\w+\s+)?(?:minutes|hours|days|weeks|
        months|hour|day|week|month|morning|afternoon|weekend|shift))\s+to\b
    | \b(?:i|we)\s+(?:was|were)\s+(?:only\s+)?(?:booked|sent|paid|contracted)\s+to\s+
        (?!the\b|a\b|an\b|my\b|our\b|his\b|her\b|their\b)
    | \b(?:i|we)\s+(?:needed|wanted)\s+(?:him|her|them|everyone|everybody|the\s+\w+(?:\s+\w+)?)
        \s+to\b
    | \b(?:i|we)\s+had\s+been\s+(?:asked|tasked|given|brought\s+in|hired|put\s+in\s+charge)\b
    | \b(?:i['’]d|we['’]d)\s+been\s+(?:asked|tasked|given|brought\s+in|hired|put\s+in\s+charge)\b
    | \bthe\s+(?:plan|challenge|ask|remit|brief|focus|request)\s+was\s+(?:how\s+)?to\b
    | \b(?:i|we)\s+got\s+(?:asked|tasked|given\s+the\s+(?:job|task)|put\s+in\s+charge)\b
    | \b(?:i|we)\s+took\s+on\s+(?:the|a)\s+(?:job|task|role|challenge)\s+of\b
    | \b(?:my|our)\s+first\s+(?:priority|task|goal|job\s+was\s+to)\b
    | \b(?:wanted|needed|expected|asked|required)\s+(?:of|from)\s+(?:me|us)\b
    | \b(?:my|our)\s+(?:\w+\s+)?(?:part|duty|bit|share)\s+(?:in\s+(?:it|this|that)\s+)?
        (?:was|is)\s+(?:to|\w+ing)\b""",
)
# Said as words in a row, cheaper than a pattern: "I needed to", "we had to", "it was my/on
# me/up to me".
NEEDS = words_of("needed had have wanted aimed")
NEEDERS = words_of("i we it that this both everything everyone all somebody someone")
# "got to" is a duty only after "'s" or "'ve" ("somebody's got to", "we've got to"); after "I"
# or "we" it is arriving ("we got to the site").
GOT_NEEDERS = words_of("somebody's somebody’s someone's someone’s i've i’ve we've we’ve")
ITS_MINE = words_of("my our on up")
# A duty said as whose it was, with any subject: "putting it right was down to me", "keeping
# it running was on me", "the job came down to me", "it was going to have to be me".
MINE_WORDS = frozenset({"me", "us"})
MINE_ENDS = (" to me ", " to us ", " on me ", " on us ", " be me ", " be us ")
BE_OR_CAME = words_of("was were is came comes fell falls")
SO_MUCH = words_of("all squarely entirely really solely")
# A choice said to be the teller's: "the call on whether to divert was mine alone".
CHOICES = words_of("call decision choice shout say")
OWNED = frozenset({"mine", "ours"})
# What a thing "needed" doing ("ten minutes of airtime needed filling") or had to be ("whatever
# I did had to be done in fifty minutes") is a duty, whoever the subject.
NOT_GERUNDS = words_of("nothing something anything everything morning evening during")
# Labels a note's duty is headed with: "Deliverable: …", "Remit from the area manager: …".
DUTY_LABELS = words_of(
    "goal task aim objective target brief deliverable deliverables remit ask mission mandate "
    "requirement challenge priority purpose job duty"
)

# Weaker: someone asking ("asked me to" may come after the story, as recognition), a duty named.
TASK_ASKED = Phrases(
    "asked told wanted needed expected responsible responsibility",
    r"""\b(?:asked|told|wanted|needed|expected)\s+(?:me|us)\s+to\b | \bresponsible\s+for\b

    | \b(?:wanted|needed)\s+(?:fewer|more|less|better|faster|quicker|lower|higher|shorter)\b
    | \bmy\s+responsibility\b""",
)
# Someone asking a group the teller was one of: "the council asked each branch to show …"
# (said with "I" or "we" and a step, "I asked each pair to explain" is the step).
GROUPS = frozenset({"each", "every", "all"})
ASKED_ALL = Phrases(
    "asked told required expected",
    r"""\b(?:asked|told|required|expected)\s+(?:each|every|all)\s+(?:the\s+)?(?:\w+\s+)?\w+\s+
        to\b""",
)
SETTING = Phrases(
    "when while before year summer spring fall autumn winter quarter month week weekend "
    "night christmas friday saturday sunday monday ago back early there had problem issue "
    "challenge situation context background worked interned volunteered i'm i’m first about "
    "on as",
    r"""\b(?:when|while|back\s+when|before)\s+(?:i|we)\s+(?:was|were|worked|joined|started|had|
        arrived)\b
    | \b(?:last|this\s+past|one|that)\s+(?:year|summer|spring|fall|autumn|winter|semester|term|
        quarter|month|week|weekend|night|christmas|friday|saturday|sunday|monday)\b
    | \b(?:a\s+(?:few|couple\s+of)|two|three|several|some)\s+(?:years|months|weeks)\s+ago\b
    | \bback\s+in\b | \bearly\s+in\s+my\b
    | \bthere\s+(?:was|were)\b | \bwe\s+had\s+(?:a|an|some|this|one|two)\b
    | \bthe\s+(?:problem|issue|challenge|situation|context|background)\s+(?:was|is)\b
    | \b(?:i|we)\s+(?:worked|interned|volunteered)\s+(?:as|at|for|in|on)\b
    | \bi['’]m\s+an?\b | \b(?:my|our)\s+first\s+job\b | \bi\s+had\s+(?:a|an)\b
    | \babout\s+to\b
    | \bon\s+(?:a|one)\s+(?:busy\s+|quiet\s+|late\s+)?(?:monday|tuesday|wednesday|thursday|
        friday|saturday|sunday|weekend|night|bank\s+holiday|morning|evening|shift)\b
    | \bas\s+(?:a|an|the)\s+(?!result\b|team\b|group\b|consequence\b|whole\b|rule\b|
        first\b|start\b|matter\b|bonus\b|favour\b|favor\b)(?:\w+\s+){0,2}?(?:\w+er|\w+or|
        \w+ist|\w+ian|\w+ant|\w+ent|nurse|lead|head|chef|intern|trainee|student|volunteer|
        apprentice|clerk|analyst|coach|guard|officer|agent|rep|associate)\b""",
)
ACTION_PHRASE = Phrases(
    "did step started decided",
    r"""\bwhat\s+i\s+did\s+was\b | \bmy\s+first\s+step\b | \b(?:i|we)\s+started\s+(?:by|with)\b
    | \b(?:i|we)\s+decided\s+to\b""",
)
OUTCOME = Phrases(
    "result end led leads resulted results outcome impact upshot ended meant time schedule "
    "budget sum target contingency estimate forecast quote successful successfully live "
    "handed since passed recovery thank "
    "thanked thanks list nobody one none zero further more neither online track normal "
    "service working deadline other used never expected didn't didn’t didn did ranked placed "
    "finished came best highest top",
    r"""\bas\s+a\s+result\b | \bin\s+the\s+end\b | \bat\s+the\s+end\s+of\s+the\s+(?:day|month|
        term|quarter|year|week|meeting|three|six)\b | \bby\s+the\s+end\s+of\b
    | \b(?:which|this|that|it)\s+(?:led|leads)\s+to\b | \b(?:result|resulted)\s+in\b
    | \bwhich\s+results\s+in\b
    | \bthe\s+(?:result|outcome|impact|upshot)\s+(?:was|is|of)\b | \bended\s+up\b
    | \b(?:which|this|that|it)\s+meant\b
    | \b(?:on|ahead\s+of)\s+(?:time|schedule)\b
    | \b(?:under|within|on|below)\s+(?:the\s+)?(?:\w+\s+)?(?:budget|contract\s+sum|target|
        contingency|estimate|forecast|quote)\b
    | \b(?:successful|successfully)\b | \bwent\s+live\b | \bhanded\s+over\b | \bever\s+since\b
    | \bpassed\b(?!\s+(?:them|it|him|her|the|on|to|over|along|through|by)\b)
    | \bfull\s+recovery\b | \b(?:thank|thanked|thanks)\b | \bwaiting\s+list\b
    | \b(?<!from\s)(?:zero|no\s+further|no\s+more|not\s+one)\b
    | \bback\s+(?:online|on\s+track|to\s+normal|in\s+service|working)\b
    | \b(?:didn['’]t|didnt|did\s+not|never)\s+(?:have|need)\s+to\b | \bnever\s+needed\b
    | \bthan\s+(?:i|we|anyone)\s+(?:had\s+)?expected\b
    | \b(?:ranked|placed|finished)\s+(?:\w+\s+)?(?:first|second|third|top|\d+(?:st|nd|rd|th))\b
    | \b(?:best|highest|top)\s+(?:\w+\s+)?in\s+the\s+(?:department|school|region|country|
        company|team|trust|district|area|county|class|year)\b
    | \bbefore\s+the\s+deadline\b | \bused\s+by\s+(?:\w+\s+)?\d
    | \bto\s+(?:\w+\s+){0,2}other\s+(?:units|wards|teams|sites|stores|branches|departments|
        schools|hospitals|offices|regions|countries|clients|customers|practices|shifts)\b""",
)

# Milder: words an outcome is often told with, but a step or a setting can be too.
MILD_OUTCOME = Phrases(
    "nobody one none neither time since signed now still happy pleased delighted fine "
    "safely grateful became next following later fewer earlier faster quicker sooner better "
    "again continued appreciated highest calmer easier smoother cheaper safer clearer happier "
    "quieter simpler",
    r"""\bfirst\s+time\b | \bsince\W*$
    | \bsigned\b | \bnow\b | \bstill\b | \b(?:happy|pleased|delighted|fine|safely|grateful)\b
    | \bbecame\b | \bthe\s+(?:next|following)\s+(?:year|month|quarter|term|week)\b
    | \blater\W*$ | \bfewer\b | \b(?:nobody|no\s+one|none\s+of|neither)\b
    | \b(?:earlier|faster|quicker|sooner|better|again|continued|appreciated|highest|calmer|
        easier|smoother|cheaper|safer|clearer|happier|quieter|simpler)\b""",
)
ABLE = Phrases(
    "able managed",
    r"\b(?:was|were)\s+able\s+to\b | \bmanaged\s+to\b",
)
RECOGNITION = Phrases(
    "adopted promoted praised recognised recognized approved awarded commended published "
    "accepted selected chosen extended used thanked congratulated rehired award prize "
    "promotion praise bonus recognition distinction marks commendation",
    r"""\b(?:was|were|been|got|being|is|are|it['’]s|that['’]s)\s+(?:\w+\s+)?(?:adopted|promoted|praised|
        recognised|recognized|approved|awarded|commended|published|accepted|selected|chosen|
        extended|used\s+(?:by|at|in|across))\b
    | \b(?:thanked|praised|commended|congratulated|promoted|rehired)\s+(?:me|us|the|my|our)\b
    | \b(?:won|got|received|earned|awarded|gave)\s+(?:\w+\s+){0,4}(?:award|prize|promotion|
        praise|bonus|recognition|distinction|marks|commendation)\b
""",
)
UPTAKE = frozenset({"adopted", "copied", "reused"})
# Said just before recognition, these make it a condition or a deadline, not what came about:
# "before her options were chosen", "until the plan was approved".
NOT_YET = words_of("before until unless if whether till")

# Work finished, said of the work: "All 95 returns filed before the deadline."
DONE = words_of(
    "filed placed done completed delivered finished closed resolved fixed sorted served shipped "
    "hired filled met achieved ready restored"
)

# What someone learned or would do next time: no part of the story.
LESSON = Phrases(
    "learned learnt taught took takeaway lesson looking next future would comes come question "
    "think",
    r"""\b(?:learned|learnt|taught\s+me|took\s+from)\b
    | \b(?:my|our|main|key|big|biggest|real)\s+takeaway\b | \btakeaway\s+(?:from|for\s+me|here)\b
    | \b(?:the|a|my)\s+(?:\w+\s+)?lesson\s+(?:i|was|here|is)\b
    | \blooking\s+back\b | \bnext\s+time\b | \bin\s+future\b
    | \b(?:i|we)\s+would\s+have\b
    | \b(?:come|comes)\s+to\s+mind\b | \b(?:good|great|interesting|tough)\s+question\b
    | \blet\s+me\s+think\b""",
)
DEADLINE = frozenset({"within", "without", "under", "below"})
VERBS = words_of(
    "is are was were be been am has have had do does did will would can could isn't wasn't "
    "weren't didn't couldn't think believe feel guess mean know matters"
)
PRONOUNS = words_of("i we you he she they it this that")

# Where the teller was: "at my last job", "on a night shift", "in our busiest store".
PLACES = words_of(
    "job company role position internship team employer school university college class "
    "semester project placement shift year firm practice ward site depot store restaurant "
    "surgery library lab centre center hospital hotel office caseload career term migration "
    "refurbishment season launch drive close council bank branch warehouse factory plant "
    "clinic pharmacy nursery salon garage agency charity shop unit kitchen airline airport "
    "station practice department trust authority ministry "
    # occasions of the work, as much a setting as a place: "during a routine inspection"
    "inspection audit visit round patrol appointment crossing flight callout tour rotation"
)
# Words that start a verb's object or join a second verb: after one of them, a sentence's
# first past form is a step taken ("Replaced the shared …", "Weighed and logged …").
OBJECT_STARTS = words_of(
    "the a an every each all our my their his her its this that these those both and or any "
    "some several two three four five six it them him us me"
)
LINKS = words_of("with for from to in on at by of via into over under about and or as than")
PHRASE_BREAKS = words_of("and or but the a an so then which who that")
# Words that start another clause: a size said after them is not the size of the change before.
CLAUSE_LINKS = words_of("and but so then which while when because until although whereas")
PLACE_PREPOSITIONS = frozenset({"at", "in", "during", "on", "for"})
# Past forms that tell a post held when "at/in/on/for/as" follows: "I worked in the team".
HELD = words_of("worked volunteered interned lived studied")
HELD_WHERE = words_of("at in on for as")
PLACE_DETERMINERS = frozenset({"my", "our", "the", "a"})

# The words a setting's phrase can start with ("last year", "in 2019", "I was working").
SETTING_FIRSTS = words_of(
    "when while back before last this one that a two three several some early there we the i "
    "i'm i’m my our about in of on as"
)
YEAR = re.compile(r"\b(?:in|of)\s+(?:19|20)\d\d\b")
# What the teller had been doing when the story began: "I'd been running the counter for a
# month", "I had been tuning for the hall for two years" (not "I'd been asked to", a duty).
HAD_BEEN = re.compile(r"\b(?:i|we)(?:['’]d|\s+had)\s+been\s+(?:\w+ly\s+)?\w+ing\b")
HAD_BEEN_SUBJECTS = words_of("i we i'd we'd i’d we’d")
I_WAS = re.compile(
    r"""\b(?:i|we)\s+(?:was|were)\s+(?:\w+ly\s+)?(?:working|interning|studying|volunteering|
        employed|part\s+of|on\s+(?:a|the)|a|an|the|in|at|due|about|(?!going\b)\w+ing)\b""",
    re.VERBOSE,
)

# Said in the present: an opinion or a claim about oneself, not what happened.
PRESENT = words_of("is are am i'm i’m think believe feel always usually love enjoy")
STRETCH = words_of("for over during after within every each")
UNITS = words_of(
    "hours minutes seconds days weeks months years percent points pounds dollars euros people "
    "staff customers patients clients users calls tickets jobs"
)
MEASURES = UNITS | words_of("% percent out minute second hour day week month year mins hrs")
SIZEABLE = CHANGE | CHANGE_NOUNS | LEVEL
MOVES = words_of("went gone go going come came was were is are been")

# Plain-words outcomes (``outcome.came_about``): what a state became, told without a change verb
# or a figure ("the backlog was gone by Friday", "nobody has missed a shipment since").
TIME_UNITS = words_of(
    "minute minutes hour hours day days week weeks month months year years term terms quarter "
    "quarters shift shifts season morning afternoon evening night weekend"
)
WEEKDAYS_MONTHS = words_of(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may "
    "june july august september october november december christmas easter lunchtime noon "
    "midnight"
)
# When a note's work was done, said straight after its verb: "Delivered Sunday night." is the
# work finished, "Delivered the papers" a step.
DONE_WHEN = WEEKDAYS_MONTHS | words_of(
    "early ahead overnight same next within yesterday today tonight"
)
# When a state was reached, after the steps: "a month later", "from then on", "by Friday".
AFTERWARDS = Phrases(
    "after afterwards then that since ever by within next following later",
    r"""\bafter\s+that\b | \bafterwards\b
    | \bfrom\s+(?:then|that\s+(?:day|point|moment|week|month))\s+on\b
    | \bsince\s+(?:then|that\s+(?:day|week|month|shift|point))\b | \bever\s+since\b
    | \bby\s+(?:the\s+(?:next|following|weekend|afternoon|evening|close)|then|day\s+\w+|
        week\s+\w+|monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|
        march|april|may|june|july|august|september|october|november|december|christmas|easter|
        lunchtime|noon|midnight)\b
    | \bwithin\s+(?:a|an|the|\w+)\s+(?:\w+\s+)?(?:hour|hours|day|days|week|weeks|month|
        months|year|shift|term)\b
    | \bover\s+the\s+(?:next|following)\b
    | \b(?:the|that)\s+(?:next|following)\s+(?:day|morning|afternoon|evening|night|week|
        month|quarter|term|year|season|shift|monday|tuesday|wednesday|thursday|friday)\b
    | \blater\s+(?:that|the|on)\b""",
)
# A state reached, said with a form of "be": "the backlog was gone", "checkout was back".
SETTLED = words_of(
    "gone cleared clear fixed solved sorted resolved over done finished ready stable steady "
    "calm calmer quiet quieter smooth smoother normal safe back"
)
BE = words_of("was were is are been it's it’s that's that’s")
SOFTENERS = words_of("all now finally then completely fully mostly almost")
# A change told with a particle: "the complaints dried up", "sales picked up".
TURNS = frozenset(
    {
        ("dried", "up"),
        ("died", "down"),
        ("calmed", "down"),
        ("settled", "down"),
        ("went", "away"),
        ("picked", "up"),
        ("cleared", "up"),
        ("paid", "off"),
        ("came", "through"),
        ("turned", "around"),
        ("settled", "in"),
    }
)
TURN_FIRSTS = frozenset(first for first, _ in TURNS)
# What did not come back: "the leak never came back", "it didn't happen again".
NEVER_AGAIN = Phrases(
    "never not didn't didn’t didnt hasn't hasn’t haven't haven’t wasn't wasn’t couldn't "
    "couldn’t won't won’t",
    r"""\b(?:never|not|didn['’]t|didnt|hasn['’]t|haven['’]t|wasn['’]t|couldn['’]t|won['’]t)
        \s+(?:\w+\s+){0,6}?(?:again|(?:come|came|coming)\s+back|recurred|returned)\b""",
)
# A trouble that stopped coming: "without another near miss", "we stopped getting angry calls",
# "we no longer had complaints"; not "left without another word".
NO_MORE = Phrases(
    "without stopped no",
    r"""\bwithout\s+(?:another|a\s+single|any\s+more|any\s+further|one\s+more|further)\s+
        (?:\w+\s+)?(?:miss|misses|incident|incidents|accident|accidents|injury|injuries|
        complaint|complaints|mistake|mistakes|error|errors|problem|problems|issue|issues|fall|
        falls|breach|breaches|failure|failures|outage|outages|delay|delays)\b
    | \bstopped\s+(?:getting|having|receiving|seeing|hearing\s+about)\b
    | \bno\s+longer\s+(?:got|had|received|saw|heard\s+about)\b""",
)
# A perfect tense that reaches to now: "hasn't cut out since", "we've had no complaints since".
PERFECT = words_of(
    "has have hasn't haven't hasn’t haven’t i've we've it's it’s they've i’ve we’ve they’ve "
    "he's she's he’s she’s nobody's"
)
# A comparison with before the story: "twice as fast as before", "calmer than it had been";
# or with all else: "got more texts than anything else that week".
THAN_BEFORE = Phrases(
    "than as compared half",
    r"""\bthan\s+(?:anything\s+else|anyone\s+else|anybody\s+else|any\s+other)\b
    | \bthan\s+(?:before|ever|previously|last|the\s+(?:year|month|week|term|quarter|season)\s+
        before|the\s+(?:previous|old|original|year\s+before)|(?:it|they|we|he|she)\s+(?:had|
        used\s+to|was|were)|at\s+the\s+start)\b
    | \bas\s+(?:\w+\s+)?as\s+(?:before|ever)\b
    | \bcompared\s+(?:with|to)\s+(?:before|last|the\s+(?:previous|year|month|old))\b
    | \bhalf\s+(?:of\s+)?what\s+(?:it|they)\s+(?:had|used|was|were)\b""",
)
# Others judging the work (``outcome.judged``): "my manager said it was the clearest report".
SAYING = words_of(
    "said told wrote called described rated reckoned mentioned commented agreed emailed texted "
    "rang phoned"
)
PRAISE = words_of(
    "best great brilliant excellent fantastic amazing outstanding superb perfect helpful useful "
    "clearest clearer clear easier easiest smoother impressed relieved glad proud grateful "
    "thrilled delighted happy pleased lifesaver difference thanks thank"
)
# Others coming back for more: "they've recommended me to three neighbours".
RETURNED = Phrases(
    "recommended came asked booked hired used chose renewed referred kept won landed secured "
    "ordered retained",
    r"""\brecommended\s+(?:me|us|our|the\s+(?:firm|company|practice|team|shop|service))\b
    | \bcame\s+back\s+(?:to\s+(?:us|me)|for|and|again|with|(?:\w+\s+){1,3}?later)\b
    | \basked\s+for\s+(?:me|us)\s+(?:again|by\s+name)\b
    | \b(?:booked|hired|used|chose)\s+(?:us|me)\s+again\b
    | \b(?:booked|ordered|came\s+back)\s+again\b
    | \brenewed\s+(?:their|its|the|for)\b | \breferred\s+(?:\w+\s+){0,2}to\s+(?:us|me)\b
    | \bkept\s+(?:us|me)\s+on\b
    | \b(?:won|landed|secured|retained|kept)\s+(?:the|a|an|their|that|our)\s+(?:\w+\s+)?
        (?:contract|deal|account|bid|tender|client|business|renewal|funding|grant|order)\b""",
)
NOT_SETTLED = (["budget"], ["to"], ["of"], ["from"], ["for"], ["capacity"], ["the"], ["a"], ["on"])
NOT_SINCE = words_of(
    "i we joining starting leaving start beginning january february march april may june "
    "july august september october november december last"
)
NEGATIONS = words_of("not never no n't didn't didn’t wasn't wasn’t isn't isn’t nobody")
# What a sentence opening on a noun phrase starts with: "The report I wrote was adopted."
NOUN_OPENERS = words_of("the a an every each this that these those his her their one any")
NOT_NOUNS = words_of("next following first last same day time morning moment minute")
CHANGE_KEYS = CHANGE | {"went", "came"}
NOT_RISEN = words_of("to the a an stairs into onto through with from my our his her their")
LEVEL_WORDS = words_of("under below above over at to up down")
MESSAGES = words_of("call phone email message complaint text letter visit ticket")
PRESENT_VERBS = words_of("has have is are runs uses gets takes does")
PRESENT_BE = words_of("is are has have")
# Present verbs after "I/we/they still": what goes on to now ("we still use it").
STILL_DOING = words_of("use do get come call book run work send ask talk keep")
