/**
 * The persuasion-technique taxonomy and the mappings between labelling
 * schemes.
 *
 * Canonical: the 23 techniques of SemEval-2023 Task 3 (subtask 3), grouped in
 * 6 categories. Their ids are the exact strings of the 2023 scorer's
 * technique list, so canonical predictions can be written to a 2023
 * submission file unchanged.
 *
 * Mapped schemes: the PTC corpus (18 labels, NLP4IF-2019 / PTC v1), SemEval-2020
 * Task 11 (14 labels, some of them merges of the 18), SemEval-2021 Task 6
 * (20 labels for the text subtasks 1 and 2; 22 for the multimodal subtask 3).
 * Each scheme label maps to one or more canonical ids (`fromScheme`); each
 * canonical id maps back to at most one scheme label (`toScheme`). Where a
 * mapping merges, splits or shifts the meaning of a label, the label carries
 * a `loss` note. docs/taxonomy.md renders all of it as tables.
 *
 * The definitions and examples here are our own wording, written for this
 * project; they are not taken from any dataset's guidelines.
 */

export const CATEGORIES = [
  'Attack on reputation',
  'Justification',
  'Simplification',
  'Distraction',
  'Call',
  'Manipulative wording',
] as const;
export type Category = (typeof CATEGORIES)[number];

/** The 23 SemEval-2023 technique labels, in the order of the 2023 scorer's list. */
export const TECHNIQUE_IDS = [
  'Appeal_to_Authority',
  'Appeal_to_Popularity',
  'Appeal_to_Values',
  'Appeal_to_Fear-Prejudice',
  'Flag_Waving',
  'Causal_Oversimplification',
  'False_Dilemma-No_Choice',
  'Consequential_Oversimplification',
  'Straw_Man',
  'Red_Herring',
  'Whataboutism',
  'Slogans',
  'Appeal_to_Time',
  'Conversation_Killer',
  'Loaded_Language',
  'Repetition',
  'Exaggeration-Minimisation',
  'Obfuscation-Vagueness-Confusion',
  'Name_Calling-Labeling',
  'Doubt',
  'Guilt_by_Association',
  'Appeal_to_Hypocrisy',
  'Questioning_the_Reputation',
] as const;
export type TechniqueId = (typeof TECHNIQUE_IDS)[number];

export interface Technique {
  /** The exact SemEval-2023 label. */
  readonly id: TechniqueId;
  /** A readable name. */
  readonly name: string;
  readonly category: Category;
  /** One to three sentences, our own wording. */
  readonly definition: string;
  /** An invented, news-like sentence that uses the technique. */
  readonly example: string;
}

/** The 23 canonical techniques, in the order of `TECHNIQUE_IDS`. */
export const TECHNIQUES: readonly Technique[] = [
  // Justification
  {
    id: 'Appeal_to_Authority',
    name: 'Appeal to authority',
    category: 'Justification',
    definition:
      'Treating a claim as settled mainly because an expert, official, institution or celebrity backs it, especially when that authority has no relevant expertise or the point is disputed among those who do. Presenting oneself as the authority counts too.',
    example: 'Leading economists all agree the new tariff will pay for itself, so there is nothing left to debate.',
  },
  {
    id: 'Appeal_to_Popularity',
    name: 'Appeal to popularity',
    category: 'Justification',
    definition:
      'Arguing that a view should be accepted or an action taken because many people, or "everyone", already hold it or do it, or that one should go against it because hardly anyone does.',
    example: 'Millions of families have already switched to the new scheme, and it is high time the rest of the country followed.',
  },
  {
    id: 'Appeal_to_Values',
    name: 'Appeal to values',
    category: 'Justification',
    definition:
      'Backing a position by tying it to values the audience holds dear, such as freedom, fairness, tradition or faith, so that disagreeing feels like rejecting those values rather than the position.',
    example: 'Anyone who truly believes in fairness and family will vote for this bill on Thursday.',
  },
  {
    id: 'Appeal_to_Fear-Prejudice',
    name: 'Appeal to fear or prejudice',
    category: 'Justification',
    definition:
      'Pushing the audience towards or away from something by stirring up anxiety about what will happen otherwise, or by playing on hostility the audience already feels towards some group.',
    example: 'If the checkpoints are lifted, no neighbourhood in this country will be safe by winter.',
  },
  {
    id: 'Flag_Waving',
    name: 'Flag waving',
    category: 'Justification',
    definition:
      'Justifying an idea or action by appealing to pride in, or loyalty to, a group the audience belongs to (a nation, party, faith or community), as if the group\'s interest settled the question.',
    example: 'Every true patriot will stand behind our soldiers and this operation without a moment of hesitation.',
  },
  // Simplification
  {
    id: 'Causal_Oversimplification',
    name: 'Causal oversimplification',
    category: 'Simplification',
    definition:
      'Pinning an outcome that has many contributing factors on a single cause, or blaming one actor alone for a complex problem.',
    example: 'Food prices rose this year for one reason only: the central bank\'s new governor.',
  },
  {
    id: 'False_Dilemma-No_Choice',
    name: 'False dilemma or no choice',
    category: 'Simplification',
    definition:
      'Presenting a situation as if only two options existed when there are more, or presenting one course of action as the only possible one so that no choice seems left.',
    example: 'Either we cut pensions this spring or the country goes bankrupt by autumn.',
  },
  {
    id: 'Consequential_Oversimplification',
    name: 'Consequential oversimplification',
    category: 'Simplification',
    definition:
      'Claiming that a first step will inevitably set off a chain of ever worse (or ever better) consequences, without showing why each link must follow; the slippery-slope argument.',
    example: 'Allow the street festival this year, and within five years the old town will be lawless every weekend.',
  },
  // Distraction
  {
    id: 'Straw_Man',
    name: 'Straw man',
    category: 'Distraction',
    definition:
      'Swapping an opponent\'s actual position for a distorted, exaggerated or weaker version of it, and then refuting that version as though it were the original.',
    example: 'The opposition wants more money for schools, which tells you they would happily bankrupt every taxpayer.',
  },
  {
    id: 'Red_Herring',
    name: 'Red herring',
    category: 'Distraction',
    definition:
      'Steering attention away from the issue at hand by raising a topic that is unrelated but seems relevant or is emotionally engaging.',
    example: 'Asked about the contract scandal, the minister spoke at length about the national team\'s victory in the cup final.',
  },
  {
    id: 'Whataboutism',
    name: 'Whataboutism',
    category: 'Distraction',
    definition:
      'Deflecting a criticism by answering with a counter-accusation about some other wrong, by the critic or by someone else, instead of addressing the criticism itself.',
    example: 'Why should this government answer for the delays when the last one left half its bridges unfinished?',
  },
  // Call
  {
    id: 'Slogans',
    name: 'Slogans',
    category: 'Call',
    definition:
      'A short, punchy phrase, often rhythmic or rhyming, that packs a stance into a memorable formula and invites agreement instead of reasoning.',
    example: 'Supporters waved banners reading "Our jobs, our rules" outside the factory gates.',
  },
  {
    id: 'Appeal_to_Time',
    name: 'Appeal to time',
    category: 'Call',
    definition:
      'Urging action by insisting that the moment has come or that time is running out, so that the audience acts before weighing the decision.',
    example: 'The window is closing: if parliament does not vote this week, the chance will be gone for a generation.',
  },
  {
    id: 'Conversation_Killer',
    name: 'Conversation killer',
    category: 'Call',
    definition:
      'A phrase that discourages further thought or discussion by declaring the matter settled, obvious or not worth debating; stock phrases and clichés are typical.',
    example: 'Asked about the layoffs, the chairman shrugged: "It is what it is, and that is the end of it."',
  },
  // Manipulative wording
  {
    id: 'Loaded_Language',
    name: 'Loaded language',
    category: 'Manipulative wording',
    definition:
      'Choosing words or phrases with strong emotional connotations, positive or negative, to sway the audience rather than to describe.',
    example: 'The reckless scheme has unleashed chaos on hard-working commuters.',
  },
  {
    id: 'Repetition',
    name: 'Repetition',
    category: 'Manipulative wording',
    definition:
      'Restating the same word, phrase or claim again and again so that it sticks and comes to feel true or important through sheer familiarity.',
    example: 'This is a rigged deal. Rigged from the start, rigged in the details, rigged for the insiders.',
  },
  {
    id: 'Exaggeration-Minimisation',
    name: 'Exaggeration or minimisation',
    category: 'Manipulative wording',
    definition:
      'Describing something as much bigger, better or worse than it is, or playing it down as trivial, so that its importance is misjudged.',
    example: 'The company spokesman called the chemical spill "a minor housekeeping matter".',
  },
  {
    id: 'Obfuscation-Vagueness-Confusion',
    name: 'Obfuscation, vagueness or confusion',
    category: 'Manipulative wording',
    definition:
      'Using deliberately unclear, ambiguous or convoluted wording, so that the audience can read into it whatever it likes or cannot pin down what is actually being claimed.',
    example: 'The ministry said certain measures may be adjusted in due course, as circumstances allow.',
  },
  // Attack on reputation
  {
    id: 'Name_Calling-Labeling',
    name: 'Name calling or labelling',
    category: 'Attack on reputation',
    definition:
      'Attaching a charged label or epithet to a person or group so that the audience judges the target through the label instead of through evidence. The label may be insulting or flattering.',
    example: 'The so-called reformers in parliament are nothing but a band of career freeloaders.',
  },
  {
    id: 'Doubt',
    name: 'Casting doubt',
    category: 'Attack on reputation',
    definition:
      'Undermining trust in a person, group or institution by questioning their competence, honesty or reliability, without engaging with the substance of what they say.',
    example: 'Can anyone really trust figures from a ministry that has revised its own numbers three times this year?',
  },
  {
    id: 'Guilt_by_Association',
    name: 'Guilt by association',
    category: 'Attack on reputation',
    definition:
      'Discrediting a person, idea or action by linking it to a person, group or movement the audience already despises, so that the dislike carries over. Comparisons with dictators or extremists are a common form.',
    example: 'The mayor\'s housing plan reads like something drafted in a Soviet planning office.',
  },
  {
    id: 'Appeal_to_Hypocrisy',
    name: 'Appeal to hypocrisy',
    category: 'Attack on reputation',
    definition:
      'Attacking the credibility of a target by pointing out that their own past words or deeds contradict their present position, instead of addressing whether the position is right.',
    example: 'The senator now lecturing voters on thrift ran up the largest deficit in the state\'s history.',
  },
  {
    id: 'Questioning_the_Reputation',
    name: 'Questioning the reputation',
    category: 'Attack on reputation',
    definition:
      'Damaging the standing of a person or group by attacking their character or morals, often through insinuation or unproven accusations, rather than answering their arguments.',
    example: 'Everyone in the district knows the councillor has never kept a promise in his life.',
  },
];

const BY_ID: ReadonlyMap<string, Technique> = new Map(TECHNIQUES.map((t) => [t.id, t]));

export function isTechniqueId(id: string): id is TechniqueId {
  return BY_ID.has(id);
}

/** The technique with this canonical id (undefined for a string that is not one). */
export function techniqueById(id: TechniqueId): Technique;
export function techniqueById(id: string): Technique | undefined;
export function techniqueById(id: string): Technique | undefined {
  return BY_ID.get(id);
}

/** The category of a canonical technique (undefined for a string that is not one). */
export function categoryOf(id: TechniqueId): Category;
export function categoryOf(id: string): Category | undefined;
export function categoryOf(id: string): Category | undefined {
  return BY_ID.get(id)?.category;
}

/** The techniques of one category, in `TECHNIQUES` order. */
export function techniquesOf(category: Category): Technique[] {
  return TECHNIQUES.filter((t) => t.category === category);
}

// ---------------------------------------------------------------------------
// Schemes

export const SCHEME_IDS = ['semeval2020', 'ptc-v1', 'semeval2021', 'semeval2021-task3', 'semeval2023'] as const;
export type SchemeId = (typeof SCHEME_IDS)[number];

export interface SchemeLabel {
  /** The exact label string of the scheme, as in its technique list file. */
  readonly label: string;
  /** The canonical technique(s) the label corresponds to (never empty). */
  readonly canonical: readonly TechniqueId[];
  /** What the mapping loses or adds, in either direction; absent when lossless. */
  readonly loss?: string;
  /**
   * False for a label that canonical predictions are never written as,
   * because another label of the scheme is the better home for its canonical
   * id(s) (`toScheme` picks the other one). Defaults to true.
   */
  readonly target?: false;
}

export interface SchemeAlias {
  /** A label string seen in the data that is not in the scheme's list. */
  readonly label: string;
  readonly canonical: readonly TechniqueId[];
  readonly note: string;
}

export interface Scheme {
  readonly id: SchemeId;
  readonly name: string;
  /** Where the labels come from and what they annotate. */
  readonly description: string;
  /** The scheme's labels, in the order of its technique list file. */
  readonly labels: readonly SchemeLabel[];
  /** Known malformed labels in the scheme's data, read as if they were correct. */
  readonly aliases: readonly SchemeAlias[];
}

const MERGED_2020_WHATABOUTISM =
  'Merged label: the three techniques are not told apart, so all three canonical ids are implied and a reader cannot know which one applies. PTC defined Whataboutism as charging the opponent with hypocrisy, so some of these spans are what 2023 calls Appeal_to_Hypocrisy (not implied here).';
const WHATABOUTISM_HYPOCRISY =
  'PTC defined Whataboutism as discrediting an opponent by charging them with hypocrisy, which 2023 partly splits off as Appeal_to_Hypocrisy (Attack on reputation); such spans stay Whataboutism here.';
const DOUBT_SPLIT =
  'The 2023 scheme separates attacks on character and morals (Questioning_the_Reputation) from doubt about credibility; older Doubt spans may include some of the former.';
const REDUCTIO =
  'Narrower than the canonical technique: only comparisons with hated figures or groups (Hitler, Nazis, and the like). Canonical Guilt_by_Association predictions written back as this label include wider associations the older scheme would not have marked.';
const CLICHES =
  'The canonical Conversation_Killer is broader than a cliché (it also covers remarks that shut a discussion down without being stock phrases), so predictions written back may over-count.';

const identity = (id: TechniqueId): SchemeLabel => ({ label: id, canonical: [id] });

const PTC_V1_LABELS: readonly SchemeLabel[] = [
  { label: 'Appeal_to_Authority', canonical: ['Appeal_to_Authority'] },
  { label: 'Appeal_to_fear-prejudice', canonical: ['Appeal_to_Fear-Prejudice'] },
  { label: 'Bandwagon', canonical: ['Appeal_to_Popularity'] },
  { label: 'Black-and-White_Fallacy', canonical: ['False_Dilemma-No_Choice'] },
  { label: 'Causal_Oversimplification', canonical: ['Causal_Oversimplification'] },
  { label: 'Doubt', canonical: ['Doubt'], loss: DOUBT_SPLIT },
  { label: 'Exaggeration,Minimisation', canonical: ['Exaggeration-Minimisation'] },
  { label: 'Flag-Waving', canonical: ['Flag_Waving'] },
  { label: 'Loaded_Language', canonical: ['Loaded_Language'] },
  { label: 'Name_Calling,Labeling', canonical: ['Name_Calling-Labeling'] },
  { label: 'Obfuscation,Intentional_Vagueness,Confusion', canonical: ['Obfuscation-Vagueness-Confusion'] },
  { label: 'Red_Herring', canonical: ['Red_Herring'] },
  { label: 'Reductio_ad_hitlerum', canonical: ['Guilt_by_Association'], loss: REDUCTIO },
  { label: 'Repetition', canonical: ['Repetition'] },
  { label: 'Slogans', canonical: ['Slogans'] },
  { label: 'Straw_Men', canonical: ['Straw_Man'] },
  { label: 'Thought-terminating_Cliches', canonical: ['Conversation_Killer'], loss: CLICHES },
  { label: 'Whataboutism', canonical: ['Whataboutism'], loss: WHATABOUTISM_HYPOCRISY },
];

const SEMEVAL2020_LABELS: readonly SchemeLabel[] = [
  { label: 'Appeal_to_Authority', canonical: ['Appeal_to_Authority'] },
  { label: 'Appeal_to_fear-prejudice', canonical: ['Appeal_to_Fear-Prejudice'] },
  {
    label: 'Bandwagon,Reductio_ad_hitlerum',
    canonical: ['Appeal_to_Popularity', 'Guilt_by_Association'],
    loss:
      'Merged label: popularity appeals and comparisons with hated figures are not told apart, so both canonical ids are implied. The Reductio part is narrower than Guilt_by_Association; canonical Appeal_to_Popularity and Guilt_by_Association both write back as this label.',
  },
  { label: 'Black-and-White_Fallacy', canonical: ['False_Dilemma-No_Choice'] },
  { label: 'Causal_Oversimplification', canonical: ['Causal_Oversimplification'] },
  { label: 'Doubt', canonical: ['Doubt'], loss: DOUBT_SPLIT },
  { label: 'Exaggeration,Minimisation', canonical: ['Exaggeration-Minimisation'] },
  { label: 'Flag-Waving', canonical: ['Flag_Waving'] },
  { label: 'Loaded_Language', canonical: ['Loaded_Language'] },
  { label: 'Name_Calling,Labeling', canonical: ['Name_Calling-Labeling'] },
  { label: 'Repetition', canonical: ['Repetition'] },
  { label: 'Slogans', canonical: ['Slogans'] },
  { label: 'Thought-terminating_Cliches', canonical: ['Conversation_Killer'], loss: CLICHES },
  {
    label: 'Whataboutism,Straw_Men,Red_Herring',
    canonical: ['Whataboutism', 'Straw_Man', 'Red_Herring'],
    loss: MERGED_2020_WHATABOUTISM,
  },
];

const MEMES =
  'Annotated on meme texts (short captions), not news articles.';

const SEMEVAL2021_LABELS: readonly SchemeLabel[] = [
  { label: 'Appeal to authority', canonical: ['Appeal_to_Authority'] },
  { label: 'Appeal to fear/prejudice', canonical: ['Appeal_to_Fear-Prejudice'] },
  { label: 'Black-and-white Fallacy/Dictatorship', canonical: ['False_Dilemma-No_Choice'] },
  { label: 'Causal Oversimplification', canonical: ['Causal_Oversimplification'] },
  { label: 'Doubt', canonical: ['Doubt'] },
  { label: 'Exaggeration/Minimisation', canonical: ['Exaggeration-Minimisation'] },
  { label: 'Flag-waving', canonical: ['Flag_Waving'] },
  {
    label: 'Glittering generalities (Virtue)',
    canonical: ['Appeal_to_Values'],
    loss:
      'Glittering generalities are vague, feel-good value words used as a technique in themselves; the canonical Appeal_to_Values is about justifying a position by values. Under the 2023 rules some such spans may be Slogans or Loaded_Language instead.',
  },
  { label: 'Loaded Language', canonical: ['Loaded_Language'] },
  { label: "Misrepresentation of Someone's Position (Straw Man)", canonical: ['Straw_Man'] },
  { label: 'Name calling/Labeling', canonical: ['Name_Calling-Labeling'] },
  { label: 'Obfuscation, Intentional vagueness, Confusion', canonical: ['Obfuscation-Vagueness-Confusion'] },
  { label: 'Presenting Irrelevant Data (Red Herring)', canonical: ['Red_Herring'] },
  { label: 'Reductio ad hitlerum', canonical: ['Guilt_by_Association'], loss: REDUCTIO },
  { label: 'Repetition', canonical: ['Repetition'] },
  { label: 'Slogans', canonical: ['Slogans'] },
  {
    label: 'Smears',
    canonical: ['Questioning_the_Reputation'],
    loss:
      'A smear is any effort to damage a reputation; the 2023 scheme may label parts of it Name_Calling-Labeling or Doubt instead. Mapped to the closest single id.',
  },
  { label: 'Thought-terminating cliché', canonical: ['Conversation_Killer'], loss: CLICHES },
  {
    label: 'Whataboutism',
    canonical: ['Whataboutism'],
    loss: 'Defined, as in PTC, through a charge of hypocrisy, which 2023 partly splits off as Appeal_to_Hypocrisy; such cases stay Whataboutism here.',
  },
  { label: 'Bandwagon', canonical: ['Appeal_to_Popularity'] },
];

const SEMEVAL2021_TASK3_LABELS: readonly SchemeLabel[] = [
  ...SEMEVAL2021_LABELS,
  {
    label: 'Transfer',
    canonical: ['Guilt_by_Association'],
    target: false,
    loss:
      'Projecting the qualities of one person, symbol or value onto another, mostly through the image. Only the negative direction has a canonical counterpart (Guilt_by_Association); positive transfer (borrowing prestige) is folded in and so mislabelled. Canonical Guilt_by_Association writes back as Reductio ad hitlerum, not as Transfer.',
  },
  {
    label: 'Appeal to (Strong) Emotions',
    canonical: ['Loaded_Language'],
    target: false,
    loss:
      'Emotional charge carried mostly by the image; the canonical scheme has no general emotional appeal, and Loaded_Language is about wording. Fear-driven cases are closer to Appeal_to_Fear-Prejudice. Canonical Loaded_Language writes back as Loaded Language.',
  },
];

export const SCHEMES: Readonly<Record<SchemeId, Scheme>> = {
  semeval2020: {
    id: 'semeval2020',
    name: 'SemEval-2020 Task 11 (PTC v2)',
    description:
      'The 14 technique labels of SemEval-2020 Task 11 on the PTC corpus, version 2: the 18 PTC techniques with Bandwagon and Reductio ad hitlerum merged, Whataboutism, Straw men and Red herring merged, and Obfuscation dropped. Span-level, news articles.',
    labels: SEMEVAL2020_LABELS,
    aliases: [],
  },
  'ptc-v1': {
    id: 'ptc-v1',
    name: 'PTC v1 (NLP4IF-2019, 18 techniques)',
    description:
      'The 18 technique labels of the original Propaganda Techniques Corpus, as used by the NLP4IF-2019 shared task (FLC). Span-level, news articles.',
    labels: PTC_V1_LABELS,
    aliases: [],
  },
  semeval2021: {
    id: 'semeval2021',
    name: 'SemEval-2021 Task 6, subtasks 1 and 2',
    description: `The 20 technique labels of SemEval-2021 Task 6 (text subtasks 1 and 2). ${MEMES}`,
    labels: SEMEVAL2021_LABELS,
    aliases: [],
  },
  'semeval2021-task3': {
    id: 'semeval2021-task3',
    name: 'SemEval-2021 Task 6, subtask 3 (multimodal)',
    description: `The 22 technique labels of SemEval-2021 Task 6 subtask 3: the 20 of subtasks 1 and 2 plus two that mostly live in the image (Transfer, Appeal to (Strong) Emotions). ${MEMES}`,
    labels: SEMEVAL2021_TASK3_LABELS,
    aliases: [],
  },
  semeval2023: {
    id: 'semeval2023',
    name: 'SemEval-2023 Task 3, subtask 3 (canonical)',
    description: 'The 23 canonical techniques themselves; the mapping is the identity. Paragraph-level labels (spans also released), news articles in 6 languages.',
    labels: TECHNIQUE_IDS.map(identity),
    aliases: [
      {
        label: 'Appeal_to_Fear-Prejudi-\u010dce',
        canonical: ['Appeal_to_Fear-Prejudice'],
        note: 'A malformed label in one paragraph of the English training labels.',
      },
    ],
  },
};

/** Thrown by `fromScheme` for a label that is not in the scheme (nor a known alias). */
export class UnknownLabelError extends Error {
  readonly scheme: string;
  readonly label: string;
  constructor(scheme: string, label: string, detail: string) {
    super(`unknown technique label ${JSON.stringify(label)} in scheme ${scheme}${detail}`);
    this.name = 'UnknownLabelError';
    this.scheme = scheme;
    this.label = label;
  }
}

interface SchemeIndex {
  readonly byLabel: ReadonlyMap<string, SchemeLabel | SchemeAlias>;
  readonly reverse: ReadonlyMap<TechniqueId, string>;
}

function buildIndex(scheme: Scheme): SchemeIndex {
  const byLabel = new Map<string, SchemeLabel | SchemeAlias>();
  const reverse = new Map<TechniqueId, string>();
  for (const entry of [...scheme.labels, ...scheme.aliases]) {
    if (byLabel.has(entry.label)) throw new Error(`scheme ${scheme.id}: label ${JSON.stringify(entry.label)} listed twice`);
    byLabel.set(entry.label, entry);
  }
  for (const entry of scheme.labels) {
    if (entry.target === false) continue;
    for (const id of entry.canonical) {
      const other = reverse.get(id);
      if (other !== undefined) {
        throw new Error(`scheme ${scheme.id}: ${id} would write back as both ${JSON.stringify(other)} and ${JSON.stringify(entry.label)}`);
      }
      reverse.set(id, entry.label);
    }
  }
  return { byLabel, reverse };
}

const INDEX = new Map<string, SchemeIndex>(SCHEME_IDS.map((id) => [id, buildIndex(SCHEMES[id])]));

function indexOf(scheme: SchemeId): SchemeIndex {
  const index = INDEX.get(scheme);
  if (!index) throw new Error(`unknown technique scheme ${JSON.stringify(scheme)} (known: ${SCHEME_IDS.join(', ')})`);
  return index;
}

export function isSchemeId(id: string): id is SchemeId {
  return INDEX.has(id);
}

/** The scheme's labels, in the order of its technique list file. */
export function schemeLabels(scheme: SchemeId): string[] {
  indexOf(scheme);
  return SCHEMES[scheme].labels.map((l) => l.label);
}

/**
 * The mapping entry for a scheme label (or a known alias). The label is
 * looked up as given, then NFC-normalised and trimmed. Throws an
 * `UnknownLabelError` naming the scheme and the label when there is none.
 */
export function mappingOf(scheme: SchemeId, label: string): SchemeLabel | SchemeAlias {
  const { byLabel } = indexOf(scheme);
  const entry = byLabel.get(label) ?? byLabel.get(label.normalize('NFC').trim());
  if (!entry) {
    throw new UnknownLabelError(scheme, label, ` (expected one of the ${SCHEMES[scheme].labels.length} labels of ${SCHEMES[scheme].name})`);
  }
  return entry;
}

/** The canonical technique id(s) of a scheme label; throws `UnknownLabelError` for an unknown label. */
export function fromScheme(scheme: SchemeId, label: string): readonly TechniqueId[] {
  return mappingOf(scheme, label).canonical;
}

/**
 * The scheme label a canonical prediction should be written as, or null when
 * the scheme has no counterpart for the technique.
 */
export function toScheme(scheme: SchemeId, id: TechniqueId): string | null {
  const { reverse } = indexOf(scheme);
  if (!isTechniqueId(id)) throw new Error(`unknown canonical technique ${JSON.stringify(id)}`);
  return reverse.get(id) ?? null;
}

/** Canonical techniques that have no label in the scheme (`toScheme` gives null). */
export function unmappedIn(scheme: SchemeId): TechniqueId[] {
  return TECHNIQUE_IDS.filter((id) => toScheme(scheme, id) === null);
}

/** True when the label maps to exactly one canonical id and back to itself, with no loss note. */
export function isLossless(scheme: SchemeId, label: string): boolean {
  const entry = mappingOf(scheme, label);
  const listed = SCHEMES[scheme].labels.find((l) => l === entry);
  if (!listed || listed.loss) return false;
  const only = listed.canonical.length === 1 ? listed.canonical[0] : undefined;
  return only !== undefined && toScheme(scheme, only) === listed.label;
}
