/**
 * Reporting (cue) verbs, fully inflected, lower case.
 *
 * GGT_VERBS is the "quote verb allow-list" of the Gender Gap Tracker
 * (sfu-discourse-lab/GenderGapTracker, nlp/english/rules/quote_verb_list.txt,
 * commit 5501de31), MIT licence, Copyright (c) 2018-2023 Maite Taboada; forms
 * that are mostly nouns or non-reporting uses in news (continue, release,
 * present, point, ensure, finding, finds, estimates) are left out here.
 * EXTRA_VERBS are our own additions (stress, dismiss, liken, call, accuse …).
 */

const GGT_VERBS = `accept accepted acclaim acclaimed acclaiming acclaims acknowledge acknowledged acknowledges acknowledging
add added adding adds admit admits admitted admitting advise advised advises advising announce announced announces
announcing argue argued argues arguing assert asserted asserting asserts assure assured assures assuring claim claimed
claiming claims clarified clarifies clarify clarifying comment commented commenting comments conclude concluded concludes
concluding confirm confirmed confirming confirms convince convinced convinces convincing criticize criticized criticizes
criticizing declaim declaimed declaiming declaims declare declared declares declaring decried decries decry decrying
demonstrate demonstrated demonstrates demonstrating denounce denounced denounces denouncing describe described describes
describing disclaim disclaimed disclaiming disclaims dispute disputed disputes disputing exclaim exclaimed exclaiming
exclaims explain explained explaining explains highlight highlighted highlighting highlights illustrate illustrated
illustrates illustrating indicate indicated indicates indicating inform informed informing informs insist insisted
insisting insists mention mentioned mentioning mentions note noted notes notified notifies notify notifying noting persist
persisted persisting persists preach preached preaches preaching predict predicted predicting predicts proclaim proclaimed
proclaiming proclaims rave raved raves raving reassert reasserted reasserting reasserts reassure reassured reassures
reassuring reckon reckoned reckoning reckons reconfirm reconfirmed reconfirming reconfirms remind reminded reminding
reminds replied replies reply replying report reported reporting reports respond responded responding responds restate
restated restates restating retell retelling retells retold said say saying says state stated states stating suggest
suggested suggesting suggests tell telling tells told testified testifies testify testifying think thinking thinks
thought tweet tweeted tweeting tweets warn warned warning warns write writes writing wrote`;

const EXTRA_VERBS = `stress stressed stresses stressing emphasize emphasized emphasizes emphasise emphasised emphasises
dismiss dismissed dismisses dismissing liken likened likens call called calls calling accuse accused accuses accusing
ask asked asks asking urge urged urges urging deny denied denies denying vow vowed vows pledge pledged pledges promise
promised promises recall recalled recalls believe believed believes believing feel feels felt hope hoped hopes fear
feared fears worry worried worries contend contended contends maintain maintained maintains observe observed observes
remark remarked remarks repeat repeated repeats reiterate reiterated reiterates joke joked jokes quip quipped quips boast
boasted boasts complain complained complains allege alleged alleges concede conceded concedes counter countered counters
agree agreed agrees caution cautioned cautions hint hinted hints posted predicted propose proposed proposes demand
demanded demands wonder wondered wonders label labeled labelled labels brand branded brands slam slammed slams blast
blasted blasts praise praised praises condemn condemned condemns reject rejected rejects threaten threatened threatens
recount recounted recounts acknowledge acknowledged announce signal signaled signalled signals reveal revealed reveals
charge charged charges lament lamented laments insisted conceded wrote writes estimate estimated expect expected expects
know knew knows understand understood believes suspect suspected suspects doubt doubted doubts guess guessed
found finds show shows showed shown cite cited cites citing
support supports supported supporting endorse endorses endorsed endorsing back backs backed backing want wants wanted
seem seems seemed appear appears appeared decline declines declined defend defends defended oppose opposes opposed
seek seeks sought seeking question questions questioned attack attacks attacked refuse refuses refused consider
considers considered plan plans planned blame blames blamed express expresses expressed decide decides decided hope
hoping promising order orders ordered discuss discusses discussed criticised acknowledged predicted warned vowing
insisting welcomed welcome welcomes thanked thank thanks pushed push pushes
`;

/** Forms that measured as mostly non-attributions on PolNeAR train (nouns: "the state", "his comments"; "backed"). */
const DROPPED = new Set(
  `push pushes pushed back backs backed backing thank thanks thanked attack attacks attacked state states support supports
decide decides feel feels consider considers considered comment comments call question questions tweet tweets order orders
appear remark remarks`.split(/\s+/),
);

/** Every cue verb form. */
export const CUE_VERBS: ReadonlySet<string> = new Set(
  `${GGT_VERBS} ${EXTRA_VERBS}`
    .split(/\s+/)
    .filter((w) => w !== '' && !DROPPED.has(w)),
);

/** Cues whose first complement is the addressee: "told reporters that …", "warned Kyiv that …". */
export const ADDRESSEE_VERBS: ReadonlySet<string> = new Set(
  `tell tells told telling warn warns warned warning remind reminds reminded reminding inform informs informed informing
assure assures assured assuring reassure reassured reassures notify notified notifies ask asks asked asking urge urges urged
urging advise advised advises convince convinced convinces promise promised promises`.split(/\s+/),
);

/** Cues that take a complement clause only with "that" (their bare object is not speech). */
export const THAT_ONLY_VERBS: ReadonlySet<string> = new Set(
  `know knew knows understand understood expect expected expects feel feels felt accept accepted demonstrate demonstrated
demonstrates illustrate illustrated illustrates reveal revealed reveals`.split(/\s+/),
);

/** Verbs that are cues only right next to a direct quote ("…," he continued). */
export const QUOTE_CUE_VERBS: ReadonlySet<string> = new Set(
  `continued continues chanted chants retorted retorts answered answers read reads quipped replied echoed echoes shouted
shouts yelled yells began begins concluded recalled asked asks wrote writes posted posts explained went goes sang
whispered screamed cried laughed joked interjected offered put summed`.split(/\s+/),
);
