"""Word lists the attribution rules rest on: cue verbs, titles, pronouns.

Every list here is general English or general newsroom usage, written down
as a linguist would; none is drawn from one article.
"""

from __future__ import annotations

from importlib import resources

# Reporting verbs, base form -> irregular past forms (regular ones are made).
_CUE_VERBS = """
say:said tell:told add argue assert insist warn note state explain claim declare
stress emphasize emphasise reiterate repeat respond reply answer quip joke tweet
retweet write:wrote post recall remark observe acknowledge admit concede confirm deny
announce predict promise pledge vow suggest contend maintain counter retort
complain lament grumble charge accuse allege boast brag concur agree disagree
continue conclude begin:began mutter murmur whisper shout yell scream cry exclaim
chant sing:sang proclaim urge plead beg caution advise recount report testify
add elaborate clarify point:pointed wonder ask inquire demand tout praise hail
mock scoff sneer snap fume rail blast slam criticize criticise thunder
describe characterize characterise label dub call:called quote cite read:read
summarize summarise put:put offer explain muse reason surmise speculate
estimate guess hint imply indicate signal emphasize underscore underline
reaffirm restate reassure assure promise threaten tease taunt gush rave
interject interrupt chime:chimed conclude finish:finished open:opened start:started
respond rebut retort reflect reckon figure guess think:thought believe feel:felt
tell:told write:wrote text email e-mail message cable wire telegraph
condemn denounce decry brand liken compare dismiss term deride lambaste ridicule rate
rule find:found demand question challenge applaud commend thank welcome reject
pronounce lecture scold chide rebuke attack deem consider envision envisage
blame press pledge recommend caution concede exhort reference admire hail proclaim
worry fret remember
comment
""".split()

# Further speech verbs by their classes in English verb semantics (Levin 1993:
# manner of speaking, say, complain, advise, urge and judgement verbs, and
# the laugh-and-sigh verbs news prose uses to frame a quotation).
_CUE_VERBS += """
implore beseech:beseeched entreat exhort upbraid reprimand admonish berate chastise
castigate excoriate reproach sigh bellow holler shriek screech squeal stammer stutter
splutter sputter blurt gasp groan moan whine whimper wail sob croak drawl rasp snarl
growl hiss mumble chirp chortle chuckle cackle giggle marvel exult enthuse gloat
confide confess reveal disclose divulge posit opine aver avow affirm attest gripe
whinge bemoan bewail lament instruct inform remind jest wisecrack rant fulminate
inveigh rejoin riposte recite narrate recollect reminisce declaim expound enquire
snipe jibe gibe seethe huff snort blog
laugh smile grin nod shrug:shrugged beam roar howl bark rage mention relate convey
venture protest object counsel notify vouch swear:swore weep:wept plead:pleaded
""".split()



# Verbs too often something else (or evaluative rather than reporting) to
# stand as cues alone: they govern only a quotation close after them.
_WEAK_BASES = set("""
read put call open start begin finish point figure feel think believe offer post describe
label quote cite continue charge counter report hint signal indicate cable wire message
text email e-mail ask praise hail mock blast slam estimate guess reflect reckon wonder
demand urge accuse sing tout repeat cry reason maintain condemn denounce decry brand liken
compare dismiss term deride lambaste ridicule rate rule find question challenge applaud
commend thank welcome reject pronounce lecture scold chide rebuke attack deem consider
envision envisage characterize characterise dub tease taunt threaten blame press
recommend exhort reference admire worry fret remember
laugh smile grin nod shrug beam roar howl bark rage mention relate convey venture protest
object counsel notify vouch swear weep
""".split())

def _inflect(base: str, past: str | None) -> set[str]:
    """The base, -s, -ed and -ing forms of a regular English verb."""
    forms = {base}
    if base.endswith(("s", "sh", "ch", "x", "z")):
        forms.add(base + "es")
    elif base.endswith("y") and base[-2] not in "aeiou":
        forms.add(base[:-1] + "ies")
    else:
        forms.add(base + "s")
    if past:
        forms.add(past)
    elif base.endswith("e"):
        forms.add(base + "d")
    elif base.endswith("y") and base[-2] not in "aeiou":
        forms.add(base[:-1] + "ied")
    elif _doubles_final(base):
        forms.add(base + base[-1] + "ed")
    else:
        forms.add(base + "ed")
    if base.endswith("ie"):
        forms.add(base[:-2] + "ying")
    elif base.endswith("e") and not base.endswith(("ee", "ye", "oe")):
        forms.add(base[:-1] + "ing")
    elif _doubles_final(base):
        forms.add(base + base[-1] + "ing")
    else:
        forms.add(base + "ing")
    return forms


def _doubles_final(base: str) -> bool:
    """Short verbs ending consonant-vowel-consonant double it: snap, chat."""
    return (len(base) <= 4 and len(base) >= 3 and base[-1] in "bdgmnprt"
            and base[-2] in "aeiou" and base[-3] not in "aeiou")


def _build_cues() -> dict[str, str]:
    forms: dict[str, str] = {}
    for entry in _CUE_VERBS:
        base, _, past = entry.partition(":")
        for form in _inflect(base, past or None):
            forms.setdefault(form, base)
    for form, base in (("tweeting", "tweet"), ("quipped", "quip"), ("admitted", "admit"),
                       ("admitting", "admit"), ("concurred", "concur"), ("rebutted", "rebut"),
                       ("beginning", "begin"), ("quipping", "quip"), ("offered", "offer")):
        forms[form] = base
    for bad in ("admited", "admiting", "quiped", "quiping", "concured", "concuring",
                "rebuted", "rebuting", "begining", "offereded", "offereds", "offereding",
                "openning"):
        forms.pop(bad, None)
    return forms


CUE_FORMS: dict[str, str] = _build_cues()
STRONG_CUES = {f for f, base in CUE_FORMS.items() if base not in _WEAK_BASES}

# Multi-word cues whose first word is not itself a cue.
CUE_PHRASES = ("according to", "went on", "goes on", "go on", "going on", "shot back",
               "fired back", "spoke of", "in a statement", "in an interview", "in a tweet",
               "in an email", "in a post", "in a letter", "as follows", "put it", "puts it",
               "pointed out", "points out", "followed up", "weighed in", "summed up", "sums up")

# Auxiliaries and adverbs that may stand between a subject and its cue verb.
AUXILIARIES = {"has", "had", "have", "was", "were", "is", "are", "will", "would", "could",
               "should", "may", "might", "can", "did", "does", "do", "also", "later",
               "then", "again", "once", "repeatedly", "previously", "recently", "often",
               "publicly", "privately", "simply", "flatly", "bluntly", "angrily", "quickly",
               "firmly", "curtly", "emphatically", "reportedly", "allegedly", "already",
               "still", "not", "never", "only", "even", "just", "further", "memorably",
               "famously", "ominously", "jokingly", "sarcastically", "pointedly", "himself",
               "herself", "themselves", "itself", "personally", "first", "finally", "now",
               "instead", "soon", "today", "yesterday", "since"}

# Time words that may follow a cue before its object or complement.
TIME_WORDS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
              "today", "yesterday", "tonight", "earlier", "later", "recently", "afterward",
              "afterwards", "then", "again", "last", "this", "on", "in", "at", "during",
              "morning", "afternoon", "evening", "night", "week", "month", "year"}

PERSON_PRONOUNS = {"he": "male", "she": "female", "him": "male", "her": "female"}
GROUP_PRONOUNS = {"they", "it", "we", "i"}

# Titles that may stand before a name; the key form is lower case, no dot.
TITLES = {
    "mr", "mrs", "ms", "miss", "dr", "prof", "professor", "sen", "senator", "rep",
    "representative", "congressman", "congresswoman", "del", "delegate", "gov", "governor",
    "lt", "president", "vice", "secretary", "spokesman", "spokeswoman", "spokesperson",
    "press", "minister", "prime", "chief", "deputy", "director", "general", "gen", "col",
    "maj", "capt", "sgt", "adm", "admiral", "cmdr", "rev", "reverend", "judge", "justice",
    "mayor", "speaker", "leader", "chairman", "chairwoman", "chairperson", "chair",
    "ambassador", "attorney", "commissioner", "sheriff", "sir", "dame", "former", "acting",
    "ret", "retired", "pope", "king", "queen", "prince", "princess", "lord", "lady",
    "rabbi", "father", "sister", "brother", "bishop", "cardinal", "imam", "pastor",
    "officer", "detective", "sergeant", "lieutenant", "captain", "major", "colonel",
    "corporal", "private", "agent", "superintendent", "chancellor", "provost", "dean",
    "councilman", "councilwoman", "councilor", "alderman", "assemblyman", "assemblywoman",
    "supervisor", "treasurer", "comptroller", "controller", "auditor", "adviser", "advisor",
    "aide", "strategist", "pollster", "analyst", "economist", "anchor", "host", "moderator",
    "correspondent", "reporter", "columnist", "editor", "publisher", "founder", "cofounder",
    "co-founder", "ceo", "cfo", "coo", "executive", "manager", "coordinator", "consultant",
    "candidate", "nominee", "hopeful", "challenger", "incumbent", "lawmaker", "legislator",
    "lawyer", "counsel", "economist", "historian", "scientist", "researcher", "expert",
    "activist", "organizer", "operative", "surrogate", "strategist", "spokesmen",
    "frontrunner", "front-runner", "billionaire", "businessman", "businesswoman", "mogul",
    "star", "actor", "actress", "singer", "rapper", "comedian", "author", "writer",
    "officials", "official", "head", "administrator", "commander", "emir", "sheikh",
    "premier", "chancellor", "envoy", "diplomat", "attorney-general", "solicitor",
    "magistrate", "marshal", "trooper", "deputies", "coach", "player", "quarterback",
}



def is_title(word: str) -> bool:
    """A title word, or a compound of them: "Director-General", "editor-in-chief"."""
    if word in TITLES:
        return True
    if "-" not in word:
        return False
    parts = word.split("-")
    return len(parts) > 1 and all(p in TITLES or p in {"in", "of", "at"} for p in parts) and (
        parts[0] in TITLES and parts[-1] in TITLES)


# Honorifics that settle a person's gender.
MALE_HONORIFICS = {"mr", "sir", "lord", "king", "prince", "father", "brother", "congressman",
                   "spokesman", "chairman", "councilman", "assemblyman", "businessman"}
FEMALE_HONORIFICS = {"mrs", "ms", "miss", "dame", "lady", "queen", "princess", "sister",
                     "congresswoman", "spokeswoman", "chairwoman", "councilwoman",
                     "assemblywoman", "businesswoman", "actress"}

# Head nouns of descriptions that refer to a person ("the top American diplomat").
PERSON_NOUNS = TITLES | {
    "diplomat", "official", "spokesman", "spokeswoman", "spokesperson", "president",
    "nominee", "candidate", "senator", "governor", "congressman", "congresswoman",
    "lawmaker", "mayor", "secretary", "director", "chairman", "chairwoman", "leader",
    "businessman", "mogul", "billionaire", "democrat", "republican", "man", "woman",
    "source", "sources", "officials", "aide", "aides", "adviser", "advisers", "advisor",
    "lawyer", "attorney", "spokespeople", "representative", "veteran", "voter", "resident",
    "witness", "mother", "father", "son", "daughter", "wife", "husband", "friend",
    "neighbor", "owner", "worker", "student", "teacher", "officer", "chief", "minister",
    "ambassador", "envoy", "general", "commander", "judge", "justice", "host", "anchor",
    "moderator", "frontrunner", "front-runner", "incumbent", "challenger", "author",
    "writer", "reporter", "columnist", "economist", "analyst", "expert", "professor",
    "strategist", "pollster", "operative", "surrogate", "campaign", "team", "group",
    "committee", "organization", "organisation", "agency", "department", "ministry",
    "company", "firm", "statement", "report", "letter", "memo", "study", "poll", "survey",
    "newspaper", "paper", "magazine", "network", "board", "panel", "party", "office",
    "administration", "government", "court", "council", "coalition", "union", "website",
    "site", "ad", "advertisement", "commercial", "video", "tweet", "post", "post's",
}

# Head nouns that name a group or an organisation rather than a person.
ORG_NOUNS = {
    "campaign", "team", "group", "committee", "organization", "organisation", "agency",
    "department", "ministry", "company", "firm", "newspaper", "paper", "magazine",
    "network", "board", "panel", "party", "office", "administration", "government",
    "court", "council", "coalition", "union", "website", "site", "pac", "house",
    "senate", "congress", "pentagon", "kremlin", "association", "institute", "foundation",
    "center", "centre", "university", "college", "school", "bureau", "commission",
    "service", "corporation", "corp", "inc", "times", "post", "journal", "news", "tribune",
    "herald", "press", "reuters", "gazette", "review", "weekly", "daily", "magazine",
    "police", "army", "navy", "military", "ministry", "embassy", "council", "caucus",
    "conference", "league", "society", "alliance", "federation", "network", "channel",
    "statement", "report", "letter", "memo", "study", "poll", "survey", "ad", "video",
}

# Words often capitalized at a sentence start or in headlines that are not names.
NOT_NAMES = {
    "the", "a", "an", "and", "but", "or", "so", "yet", "for", "nor", "if", "when", "while",
    "as", "at", "by", "in", "on", "of", "to", "with", "from", "into", "after", "before",
    "during", "since", "until", "although", "though", "because", "despite", "still",
    "however", "meanwhile", "moreover", "then", "now", "here", "there", "this", "that",
    "these", "those", "it", "its", "he", "she", "they", "we", "i", "you", "his", "her",
    "their", "our", "my", "your", "him", "them", "us", "me", "who", "what", "which",
    "where", "why", "how", "all", "some", "many", "most", "more", "few", "each", "every",
    "both", "either", "neither", "no", "not", "one", "two", "three", "last", "next",
    "first", "asked", "said", "says", "also", "even", "just", "only", "instead", "indeed",
    "later", "earlier", "today", "yesterday", "tonight", "monday", "tuesday", "wednesday",
    "thursday", "friday", "saturday", "sunday", "january", "february", "march", "april",
    "may", "june", "july", "august", "september", "october", "november", "december",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "according", "speaking", "asked", "like", "unlike", "among", "about", "over", "under",
    "without", "within", "through", "against", "toward", "towards", "upon", "once",
    "whether", "whatever", "whoever", "do", "does", "did", "is", "are", "was", "were",
    "be", "been", "has", "have", "had", "will", "would", "can", "could", "should", "may",
    "might", "must", "yes", "oh", "well", "please", "thank", "thanks", "let", "read",
    "see", "photo", "image", "video", "update", "updated", "editor", "note",
    "follow", "click", "sign", "share", "advertisement", "related",
    "another", "other", "others", "someone", "somebody", "anyone", "anybody", "everyone",
    "everybody", "nobody", "none", "such", "any", "transcript", "via",
}

# Adverbs that open a sentence or a clause and modify it as a whole ("Maybe
# Trump said", "Recently, Herman Cain said"): never the first word of a name.
SENTENCE_ADVERBS = frozenset("""
    maybe perhaps mostly mainly largely partly surely certainly clearly obviously apparently
    evidently probably possibly presumably hopefully fortunately unfortunately luckily sadly
    ironically notably especially particularly primarily initially eventually ultimately
    currently previously recently lately finally nevertheless nonetheless otherwise therefore
    thus hence accordingly consequently furthermore additionally likewise similarly conversely
    again already always often sometimes usually soon together almost nearly ever several
    various
""".split())

# Prepositions and subordinating conjunctions that open a sentence: the noun
# phrase after them is their object or the subject of a subordinate clause,
# never the subject of the sentence ("As for Ban, he said", "When Wallace
# died, Clinton said").
OPENING_PREPOSITIONS = frozenset("""
    about above across after against along amid amidst among around at before behind below
    beneath beside besides between beyond by despite during except for from in inside into
    like near of off on onto outside over past per since through throughout to toward towards
    under unlike until upon versus via with within without
""".split())
SUBORDINATORS = frozenset("""
    when whenever while whilst if unless although though because whereas once whether where
    wherever after before since until
""".split())
# Number words: "Eight years ago", "Hundreds of demonstrators".
NUMBER_WORDS = frozenset("""
    four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen
    seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred
    hundreds thousand thousands million millions billion billions dozen dozens scores
""".split())
NOT_NAMES |= SENTENCE_ADVERBS | OPENING_PREPOSITIONS | SUBORDINATORS | NUMBER_WORDS

# Nouns for people in a group, singular form: capitalised at the start of a
# sentence in the plural ("Aides say", "Demonstrators said") they are a
# description, not a name.
GROUP_NOUNS = frozenset("""
    aide official demonstrator protester protestor respondent conservative liberal progressive
    supporter critic opponent observer advocate insider delegate donor politico investigator
    researcher prosecutor parent fan member participant attendee volunteer employee staffer
    colleague ally rival backer detractor skeptic sceptic proponent independent citizen
    immigrant refugee student pollster analyst expert voter resident friend neighbor neighbour
    worker leader lawmaker legislator scientist economist historian doctor nurse teacher
    officer agent source witness victim survivor relative organizer organiser activist
    republican democrat strategist operative adviser advisor consultant lawyer attorney
""".split())

# Common given names and their usual gender: general knowledge of English-
# language naming, used only when the article itself says nothing of gender.
_MALE_NAMES = """
aaron adam alan albert alex alexander andrew andy anthony antony arthur barack ben benjamin
bernie bill billy bob bobby brad bradley brandon brian bruce bryan carl carlos charles
charlie chris christopher chuck clarence cory craig dan daniel danny darrell dave david
dennis dick don donald doug douglas drew duncan ed eddie edward elijah eric evan frank
fred gary gene george gerald glenn gordon greg gregory harry henry howard ian jack jacob
jake james jason jeb jeff jeffrey jeremy jerry jesse jim jimmy joe joel john johnny jon
jonathan jose joseph josh joshua juan justin keith ken kenneth kevin kyle larry lawrence
lee leon lindsey louis luis marco marcus mark martin matt matthew michael mike mitch
mitt nathan ned neil newt nicholas nick noah norman oliver patrick paul peter phil philip
ralph randy ray raymond reince rex richard rick rob robert rod roger ron ronald roy rudy
russell ryan sam samuel scott sean sergei seth shawn sherrod stephen steve steven stuart
ted terry thomas tim timothy todd tom tommy tony travis troy tyler vladimir walter wayne
william willie zach zachary mohammed muhammad ahmed ali omar hassan vincent victor
hugh kurt lester chad derek dustin grant jared kirk lance marc mario max miguel pete
reid rand rahm rob rudolph sidney spencer stan tucker wolf xi barry benny boris emmanuel
francois jean-claude jens juan justin luke malcolm nelson oscar pedro raul sanjay
abraham adrian ahmad alberto alfred allen alvin andre angelo antonio archie arnold
austin barney bart benjamin bernard bert billy blake bo brendan brent brett brock
bryce buck byron calvin cameron carlos carter cecil cesar chester christian clark
claude clay clifford clint clyde cody colin conor cornelius curtis dale dallas damon
darren darryl dean delbert desmond devin dewey dexter dominic don donnie duane dwayne
dwight earl eddie edgar edwin eli elliot elmer elton emil emilio enrique ernest ernie
eugene everett felix fernando floyd forrest francis franklin freddie frederick gabriel
garrett gavin geoff geoffrey gil gilbert glen graham greg guy hal hank harold harrison
harvey hector herbert herman hunter ike irving isaac ivan jackson jaime jamal jared
jay jeffery jerome jim joaquin joey johnnie jorge josh julian julio kareem karl keith
kelvin kent kenny kirk lamar lance lars lenny leo leonard leroy lewis lincoln lloyd
lonnie lorenzo lou lowell lucas luther lyle manuel marcel mario marshall marty marvin
mason maurice mel melvin micah mickey miles milton mitchell monte morgan morris moses
murray myron nate ned nolan norm orlando otis owen pablo pat percy perry preston quentin
quincy rafael ramon randall randolph reggie reginald rene reuben ricardo richie ricky
robbie roberto rocky rodney roland ronnie ross rudolph rufus rusty salvador sammy sandy
saul sergio seymour sheldon sherman sid silas simon stanley sterling steve stewart
sylvester ted teddy terrence theodore thad thaddeus tobias toby trent trevor ty tyrone
vance vern vernon wade wallace walt warren wendell wesley wilbur will willard wilson
winston woodrow xavier zane beto bashar benjamin bibi boris dmitry emmanuel enrique
fidel hamid hassan ibrahim jacques jair joko kim kofi mahmoud mitch moshe narendra
recep shinzo silvio tayyip tony vladimir xi yoshihide
""".split()

_FEMALE_NAMES = """
abby abigail alice alicia allison amanda amy andrea angela ann anna anne barbara beth
betsy betty beverly brenda brittany carla carly carol caroline catherine cathy charlotte
cheryl chelsea christina christine cindy claire claudia cynthia dana dawn debbie deborah
debra denise diana diane donna doris dorothy elaine elena elizabeth ellen emily emma erin
evelyn frances gabrielle gina gloria grace hannah heather heidi helen hillary holly hope
huma ivanka jackie jacqueline jane janet janice jean jeanne jen jennifer jessica jill
joan joanna jodi joni josephine joy joyce judith judy julia julie karen kate katherine
kathleen kathy katie katy kayleigh kellyanne kelly kim kimberly kirsten kristen laura
lauren linda lisa lori loretta louise lucy lynn madeleine margaret maria marie marilyn
marsha martha mary maxine megan megyn melania melissa michele michelle mika monica nancy
natalie nicole nikki nina nora olivia pam pamela patricia patty paula peggy penny rachel
rebecca rita roberta rosa rose ruth sally samantha sandra sara sarah sharon sheila
shirley sonia stephanie sue susan suzanne tammy tanya teresa theresa tiffany tina tulsi
valerie vanessa veronica victoria virginia wendy whitney yvonne zoe angela theresa
marine condoleezza hilary sheryl oprah beyonce ruth meghan kamala gwen debbie tammy
ada adele adrienne agnes aileen alexandra alexis alice alison alma amber amelia ana
angelina angelique anita annette annie antoinette april ariana arlene ashley audrey
ava beatrice becky belinda bernadette bernice bertha bethany betsy bianca bonnie
brandi brandy bridget britney brooke caitlin camille candace candice cara carmen
carrie cassandra cecilia celia charlene charmaine chloe christa christy clara
colleen connie constance cora corinne courtney crystal daisy danielle daphne darlene
deanna deb deirdre delia della destiny diane dianne dolores dominique doreen dottie
edith edna eileen elaine eleanor elise eliza ella eloise elsa emilia erica erika
esther ethel eugenia eva faith felicia fiona flora florence francesca gail gayle
genevieve georgia geraldine gertrude gillian ginger gretchen gwendolyn harriet hazel
hilda ida imani ingrid irene iris isabel isabella ivy jaclyn jade jamie janelle
janine jasmine jeanette jeannie jenna jenny jessie jo joanne jocelyn johanna jolene
jordan josefina juanita judi judy julianne juliet june justine kara karla katharine
katrina kay kayla kelli kendra kerry kimberley kristin kristina krystal lacey latoya
laurie leah leila lena leslie lila lillian lily lina lindsay lisa liz liza lois lola
lorena lorraine louisa lucia lucille luisa lydia mabel mackenzie madison mae maggie
mallory mandy marcia margarita margie mari mariah marian marianne maribel marisa
marjorie marla marlene marta maureen mavis maya melanie melinda mercedes meredith
mia mildred millie mindy miranda miriam molly mona muriel myra nadia naomi natasha
nell nellie nora norma olga paige pat patsy paulette pauline pearl penelope phyllis
polly priscilla queenie ramona raquel regina renee rhonda rihanna robin robyn rochelle
rosalie rosanne rosemary roxanne ruby sabrina sadie sally selena serena shannon
shauna shawna shelby shelley sheri sherry simone sofia sonya sophia sophie stacey
stacy stella sue sybil sylvia tabitha tamara tara tasha tess thelma tonya tracey
traci tracy trina trisha ursula vera vicki vickie viola violet vivian wanda wilma
yolanda yvette zelda angela theresa madeleine nikki nancy stephanie betsy hope
""".split()

# Names given to both men and women settle nothing.
_UNISEX = {"kim", "pat", "jordan", "morgan", "leslie", "jamie", "robin", "kerry", "sandy",
           "shelby", "lindsey", "dana", "kelly", "terry", "lee", "jean", "sydney", "taylor",
           "casey", "jessie", "jo", "lou", "sam", "alex", "chris", "francis", "frances",
           "billie", "bobbie", "cameron", "carter", "dale", "hunter", "mackenzie", "madison"}
FIRST_NAME_GENDER: dict[str, str] = {n: "male" for n in _MALE_NAMES if n not in _UNISEX}
FIRST_NAME_GENDER.update({n: "female" for n in _FEMALE_NAMES if n not in _UNISEX})


def _given_names() -> dict[str, str]:
    """Given names of many countries and their usual gender, from ``given_names.txt``
    (built by quotetrack.evaluation.build_given_names; names of either gender left out)."""
    table: dict[str, str] = {}
    text = resources.files("quotetrack.engine").joinpath("given_names.txt").read_text(encoding="utf-8")
    for line in text.splitlines():
        if line and not line.startswith("#"):
            name, g = line.split()
            table[name] = "male" if g == "m" else "female"
    return table


# The gender of a full name's first word ("Kjetil Jansrud", "Marina Pacheco"):
# the list above wins, the larger table fills in the rest. Only for gender:
# whether a word is a given name at all is FIRST_NAMES' business.
GIVEN_NAME_GENDER: dict[str, str] = {**_given_names(), **FIRST_NAME_GENDER}
# Every given name above, whatever its gender: "Kim Berg" is a person's name.
FIRST_NAMES = frozenset(_MALE_NAMES) | frozenset(_FEMALE_NAMES) | frozenset(_UNISEX)

# Names for the people of a country or region, used as the head of a
# description: "the Slovenian said", "said the American". General knowledge
# of English, not drawn from any article.
DEMONYMS = frozenset("""
afghan albanian algerian american andorran angolan argentine argentinian armenian
australian austrian azerbaijani bahamian bahraini bangladeshi barbadian belarusian
belgian belizean beninese bhutanese bolivian bosnian botswanan brazilian briton brit
british bruneian bulgarian burkinabe burmese burundian cambodian cameroonian canadian
chadian chilean chinese colombian congolese croat croatian cuban cypriot czech dane
danish djiboutian dominican dutchman dutchwoman ecuadorian egyptian emirati englishman
englishwoman eritrean estonian ethiopian fijian filipino finn finnish frenchman
frenchwoman gabonese gambian georgian german ghanaian greek grenadian guatemalan
guinean guyanese haitian honduran hungarian icelander indian indonesian iranian iraqi
irishman irishwoman israeli italian ivorian jamaican japanese jordanian kazakh kenyan
kiwi korean kosovan kuwaiti kyrgyz laotian latvian lebanese liberian libyan
liechtensteiner lithuanian luxembourger macedonian malagasy malawian malaysian
maldivian malian maltese mauritanian mauritian mexican moldovan monegasque mongolian
montenegrin moroccan mozambican namibian nepalese nepali nicaraguan nigerian nigerien
norwegian omani pakistani palestinian panamanian paraguayan peruvian pole polish
portuguese qatari romanian russian rwandan salvadoran samoan saudi scot scotsman
scotswoman senegalese serb serbian sierra leonean singaporean slovak slovakian
slovene slovenian somali spaniard sudanese surinamese swede swedish swiss syrian
taiwanese tajik tanzanian thai togolese tongan trinidadian tunisian turk turkish
turkmen ugandan ukrainian uruguayan uzbek venezuelan vietnamese welshman welshwoman
yemeni zambian zimbabwean european african asian latin latino latina arab
texan californian floridian new yorker londoner parisian bostonian chicagoan
ohioan virginian georgian alaskan hawaiian oregonian coloradan arizonan nevadan
""".split())

# Abbreviations whose dot does not end a sentence.
ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gov", "lt", "gen", "col", "maj", "capt",
    "sgt", "adm", "cmdr", "rev", "st", "jr", "sr", "co", "corp", "inc", "ltd", "vs", "v",
    "no", "mt", "ft", "ave", "blvd", "dept", "est", "fig", "gov", "pres", "sec", "u.s",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "ariz", "calif", "colo", "conn", "del", "fla", "ga", "ill", "ind", "kan", "ky", "la",
    "md", "mass", "mich", "minn", "miss", "mo", "mont", "neb", "nev", "okla", "ore", "pa",
    "tenn", "tex", "va", "vt", "wash", "wis", "wyo", "d.c", "n.y", "n.j", "n.c", "s.c",
    "n.h", "n.m", "n.d", "s.d", "r.i", "w.va", "e.g", "i.e", "etc", "a.m", "p.m", "approx",
}
