// The few closed word classes attribution needs: speech verbs, the title and role
// nouns that stand before or after a name, the nouns that make a name an institution,
// and pronouns. These are English function vocabulary, not names of people: who is a
// person is decided from the text (see mentions.ts).

function forms(list: string): Set<string> {
  return new Set(list.split(/\s+/).filter(Boolean));
}

/** Verbs that introduce or follow reported words, in the forms news copy uses. */
export const SPEECH_VERBS = forms(`
  say says said saying state states stated add adds added note notes noted tell tells told
  warn warns warned cite cites cited explain explains explained write writes wrote writing
  ask asks asked reply replies replied declare declares declared insist insists insisted
  argue argues argued claim claims claimed announce announces announced comment comments commented
  continue continues continued remark remarks remarked reiterate reiterates reiterated
  observe observes observed stress stresses stressed emphasize emphasizes emphasized emphasise emphasises emphasised
  suggest suggests suggested acknowledge acknowledges acknowledged admit admits admitted
  concede concedes conceded urge urges urged recall recalls recalled advise advises advised
  respond responds responded tweet tweets tweeted post posts posted quip quips quipped
  predict predicts predicted conclude concludes concluded indicate indicates indicated
  affirm affirms affirmed assert asserts asserted maintain maintains maintained contend contends contended
  highlight highlights highlighted complain complains complained boast boasts boasted joke jokes joked
  shout shouts shouted yell yells yelled testify testifies testified mention mentions mentioned
  confirm confirms confirmed deny denies denied vow vows vowed promise promises promised
  retort retorts retorted counter counters countered wonder wonders wondered recount recounts recounted
  describe describes described call calls called dub dubs dubbed label labels labelled labeled
  charge charges charged allege alleges alleged mock mocks mocked scoff scoffs scoffed
  blast blasts blasted slam slams slammed thunder thundered pledge pledges pledged
  reveal reveals revealed report reports reported repeat repeats repeated request requests requested
  whisper whispered murmured shouted cried exclaimed exclaim exclaims summed speak speaks spoke
  demand demands demanded demanding ask asking adding noting telling explaining arguing insisting claiming warning declaring stating
  replying responding writing tweeting posting continuing recalling suggesting joking
`);

/**
 * Words that frame a quotation ("refused to say the words", "used the term", "the crowd chanted"): every quotation's,
 * no matter's. A chant is a crowd's way of saying, kept out of SPEECH_VERBS so that no crowd becomes a speaker.
 */
export const QUOTATION_FRAMES = forms(
  'word words term terms phrase phrases remark remarks comment comments statement statements quote quotes quotation quotations chant chants chanted chanting',
);

/** Speech verbs that take the speaker only after a quotation, never before one ("called X" is not "X called"). */
export const AFTER_ONLY = forms('describe describes described call calls called dub dubs dubbed label labels labelled labeled mock mocks mocked');

/** Adverbs and auxiliaries that may stand between a speaker and the verb ("he further stated", "has repeatedly said"). */
export const VERB_FILLERS = forms(`
  also further later then previously once again repeatedly reportedly has had have would will was is were be
  once earlier recently separately simply flatly bluntly firmly quickly publicly privately
  frequently often never not just even still already angrily calmly emphatically sharply
  told
`);

/** Nouns of office and standing: before a name ("President X", "Foreign Ministry spokesperson X") or in apposition. */
export const ROLE_NOUNS = forms(`
  president presidents vice prime minister ministers spokesperson spokesman spokeswoman spokespeople
  secretary senator sen representative rep congressman congresswoman congressmen governor gov
  mayor chancellor premier ambassador envoy general gen colonel col admiral adm judge justice
  chairman chairwoman chair chief director head leader official officials king queen prince princess
  pope professor prof ceo founder candidate nominee speaker adviser advisor aide analyst economist
  commissioner deputy attorney lawyer host correspondent reporter editor manager coach captain
  executive strategist pollster consultant expert researcher scientist activist campaigner
  chairperson officer commander lieutenant lt sergeant sgt major maj capt inspector sheriff
  diplomat negotiator delegate lawmaker legislator mp member members founder owner partner
  president-elect spokesmen chairs presidential secretary-general
  co-founder cofounder treasurer counsel prosecutor detective superintendent bishop archbishop
  cardinal rabbi imam pastor reverend rev
`);

/** Courtesy titles: they mark a person but are no role. */
export const HONORIFICS = forms('mr mrs ms miss dr sir dame lord lady madam');

/** The sex a courtesy title or a role written with a name tells ("Ms Jowell", "a Rubio spokeswoman"): what "he" or "she" may point at. */
export function genderOfTitle(norm: string): 'm' | 'f' | undefined {
  // Not "chairman": British copy gives it to women too.
  if (/^(?:mr|sir|lord|spokesman|congressman|businessman)$/.test(norm)) return 'm';
  if (/^(?:mrs|ms|miss|dame|lady|madam|baroness)$/.test(norm) || /woman$/.test(norm)) return 'f';
  return undefined;
}

/** Companies' legal forms ("Ricoh Co Ltd", "Siemens AG"): part of a name, never who it is. */
export const LEGAL_FORMS = forms('co inc corp ltd plc llc sa ag nv bv spa gmbh ab oy kk');

/** Nouns that make a capitalised phrase an institution or a place rather than a person. */
export const ORG_NOUNS = forms(`
  ministry ministries department office agency council committee commission party union nations
  assembly forum republic republics federation government senate congress parliament court bank
  fund organization organisation university institute association company corporation corp inc ltd plc llc holdings
  group news times post press house kremlin administration campaign foundation service affairs
  bureau authority board center centre network tv radio channel daily journal gazette tribune
  herald review magazine guardian telegraph reuters ap afp kazinform league alliance coalition
  council army navy police force forces embassy consulate cabinet treaty charter states city
  region regions province county district street square airport station school hospital club
  team world international national federal economic general security defense defence foreign
  interior justice health education energy finance trade commerce labour labor treasury
  democrats republicans democratic republican committee movement front bloc tribune
`);

/** Nouns that, after "the", name an institution as a speaker ("the ministry said"). */
export const INSTITUTION_HEADS = forms(`
  ministry department office agency council committee commission party government kremlin
  administration campaign foundation embassy cabinet white house company firm bank court
  organization organisation union police army military authorities newspaper paper daily post
  network channel group statement state
`);

export const PERSON_PRONOUNS = forms('he she');
export const GROUP_PRONOUNS = forms('they we it');

/** Generic heads a nominal may use for any person holding an office ("the Kazakh leader", "the official"). */
export const GENERIC_PERSON_HEADS = forms('leader official officials politician diplomat head man woman statesman veteran incumbent');

/** Prepositions whose object is not the subject of what follows (a pronoun seldom points back to it). */
export const PREPOSITIONS = forms(`
  by with to from of in at on for about against between among into onto over under after before
  during than like toward towards upon via within without behind beside near across through per
`);

/** Connectors inside a role phrase ("spokesperson of the Ministry of Foreign Affairs"). */
export const ROLE_CONNECTORS = forms('of the for and on at to');

/** Words that open a sentence without being part of a name or title ("Meanwhile Lib Dem leader Charles Kennedy", "On Tuesday Foreign Secretary …"). */
export const DISCOURSE_WORDS = forms(`
  meanwhile earlier now later also however but then yesterday today tomorrow tonight whatever
  separately instead indeed still yet so thus moreover besides overall elsewhere nonetheless
  nevertheless furthermore likewise similarly previously recently currently last next former
  monday tuesday wednesday thursday friday saturday sunday january february march april may june
  july august september october november december
`);
