/**
 * The two-level narrative taxonomy of SemEval-2025 Task 10 (subtask 2):
 * narratives of the Ukraine–Russia war (URW) and of climate change (CC),
 * each with its sub-narratives. Every narrative has an "Other"
 * sub-narrative for articles that carry the narrative in none of the named
 * ways. Label strings are exactly the task's: `URW: <narrative>` and
 * `URW: <narrative>: <sub-narrative>`; an article with no narrative of the
 * taxonomy is labelled `Other` at both levels.
 *
 * The list is the union of the labels used in the five train languages
 * (21 narratives, 94 sub-narratives).
 */

export type Domain = 'URW' | 'CC';

export const DOMAINS: readonly Domain[] = ['URW', 'CC'];

/** The label of an article without any narrative of the taxonomy, at both levels. */
export const OTHER = 'Other';

interface NarrativeEntry {
  domain: Domain;
  name: string;
  sub: readonly string[];
}

const ENTRIES: readonly NarrativeEntry[] = [
  {
    domain: 'CC',
    name: 'Amplifying Climate Fears',
    sub: [
      'Amplifying existing fears of global warming',
      'Doomsday scenarios for humans',
      'Earth will be uninhabitable soon',
      'Whatever we do it is already too late',
      'Other',
    ],
  },
  {
    domain: 'CC',
    name: 'Climate change is beneficial',
    sub: [
      'CO2 is beneficial',
      'Temperature increase is beneficial',
      'Other',
    ],
  },
  {
    domain: 'CC',
    name: 'Controversy about green technologies',
    sub: [
      'Renewable energy is costly',
      'Renewable energy is dangerous',
      'Renewable energy is unreliable',
      'Other',
    ],
  },
  {
    domain: 'CC',
    name: 'Criticism of climate movement',
    sub: [
      'Ad hominem attacks on key activists',
      'Climate movement is alarmist',
      'Climate movement is corrupt',
      'Other',
    ],
  },
  {
    domain: 'CC',
    name: 'Criticism of climate policies',
    sub: [
      'Climate policies are ineffective',
      'Climate policies are only for profit',
      'Climate policies have negative impact on the economy',
      'Other',
    ],
  },
  {
    domain: 'CC',
    name: 'Criticism of institutions and authorities',
    sub: [
      'Criticism of international entities',
      'Criticism of national governments',
      'Criticism of political organizations and figures',
      'Criticism of the EU',
      'Other',
    ],
  },
  {
    domain: 'CC',
    name: 'Downplaying climate change',
    sub: [
      'CO2 concentrations are too small to have an impact',
      'Climate cycles are natural',
      'Human activities do not impact climate change',
      'Humans and nature will adapt to the changes',
      'Ice is not melting',
      'Sea levels are not rising',
      'Temperature increase does not have significant impact',
      'Weather suggests the trend is global cooling',
      'Other',
    ],
  },
  {
    domain: 'CC',
    name: 'Green policies are geopolitical instruments',
    sub: [
      'Climate-related international relations are abusive/exploitative',
      'Green activities are a form of neo-colonialism',
      'Other',
    ],
  },
  {
    domain: 'CC',
    name: 'Hidden plots by secret schemes of powerful groups',
    sub: [
      'Blaming global elites',
      'Climate agenda has hidden motives',
      'Other',
    ],
  },
  {
    domain: 'CC',
    name: 'Questioning the measurements and science',
    sub: [
      'Data shows no temperature increase',
      'Greenhouse effect/carbon dioxide do not drive climate change',
      'Methodologies/metrics used are unreliable/faulty',
      'Scientific community is unreliable',
      'Other',
    ],
  },
  {
    domain: 'URW',
    name: 'Amplifying war-related fears',
    sub: [
      'By continuing the war we risk WWIII',
      'NATO should/will directly intervene',
      'Russia will also attack other countries',
      'There is a real possibility that nuclear weapons will be employed',
      'Other',
    ],
  },
  {
    domain: 'URW',
    name: 'Blaming the war on others rather than the invader',
    sub: [
      'The West are the aggressors',
      'Ukraine is the aggressor',
      'Other',
    ],
  },
  {
    domain: 'URW',
    name: 'Discrediting Ukraine',
    sub: [
      'Discrediting Ukrainian government and officials and policies',
      'Discrediting Ukrainian military',
      'Discrediting Ukrainian nation and society',
      'Rewriting Ukraine’s history',
      'Situation in Ukraine is hopeless',
      'Ukraine is a hub for criminal activities',
      'Ukraine is a puppet of the West',
      'Ukraine is associated with nazism',
      'Other',
    ],
  },
  {
    domain: 'URW',
    name: 'Discrediting the West, Diplomacy',
    sub: [
      'Diplomacy does/will not work',
      'The EU is divided',
      'The West does not care about Ukraine, only about its interests',
      'The West is overreacting',
      'The West is weak',
      'West is tired of Ukraine',
      'Other',
    ],
  },
  {
    domain: 'URW',
    name: 'Distrust towards Media',
    sub: [
      'Ukrainian media cannot be trusted',
      'Western media is an instrument of propaganda',
      'Other',
    ],
  },
  {
    domain: 'URW',
    name: 'Hidden plots by secret schemes of powerful groups',
    sub: [
      'Other',
    ],
  },
  {
    domain: 'URW',
    name: 'Negative Consequences for the West',
    sub: [
      'Sanctions imposed by Western countries will backfire',
      'The conflict will increase the Ukrainian refugee flows to Europe',
      'Other',
    ],
  },
  {
    domain: 'URW',
    name: 'Overpraising the West',
    sub: [
      'NATO will destroy Russia',
      'The West belongs in the right side of history',
      'The West has the strongest international support',
      'Other',
    ],
  },
  {
    domain: 'URW',
    name: 'Praise of Russia',
    sub: [
      'Praise of Russian President Vladimir Putin',
      'Praise of Russian military might',
      'Russia has international support from a number of countries and people',
      'Russia is a guarantor of peace and prosperity',
      'Russian invasion has strong national support',
      'Other',
    ],
  },
  {
    domain: 'URW',
    name: 'Russia is the Victim',
    sub: [
      'Russia actions in Ukraine are only self-defence',
      'The West is russophobic',
      'UA is anti-RU extremists',
      'Other',
    ],
  },
  {
    domain: 'URW',
    name: 'Speculating war outcomes',
    sub: [
      'Russian army is collapsing',
      'Russian army will lose all the occupied territories',
      'Ukrainian army is collapsing',
      'Other',
    ],
  },
];

export interface Narrative {
  /** `URW: Discrediting Ukraine`. */
  label: string;
  domain: Domain;
  /** Full sub-narrative labels, `URW: Discrediting Ukraine: Other` last. */
  sub: readonly string[];
}

export const NARRATIVES: readonly Narrative[] = ENTRIES.map((e) => ({
  label: `${e.domain}: ${e.name}`,
  domain: e.domain,
  sub: e.sub.map((s) => `${e.domain}: ${e.name}: ${s}`),
}));

/** Narrative labels (coarse), without `Other`. */
export const NARRATIVE_LABELS: readonly string[] = NARRATIVES.map((n) => n.label);

/** Sub-narrative labels (fine), without `Other`. */
export const SUBNARRATIVE_LABELS: readonly string[] = NARRATIVES.flatMap((n) => n.sub);

/** The narrative model's classes, in its order: `Other`, the narratives, the sub-narratives. */
export const MODEL_CLASSES: readonly string[] = [OTHER, ...NARRATIVE_LABELS, ...SUBNARRATIVE_LABELS];

const PARENT = new Map<string, string>(NARRATIVES.flatMap((n) => n.sub.map((s) => [s, n.label] as const)));
const BY_LABEL = new Map<string, Narrative>(NARRATIVES.map((n) => [n.label, n]));

/** The narrative a sub-narrative label belongs to, or undefined for unknown labels and `Other`. */
export function parentOf(subnarrative: string): string | undefined {
  return PARENT.get(subnarrative);
}

export function narrativeByLabel(label: string): Narrative | undefined {
  return BY_LABEL.get(label);
}

/** The domain of a narrative or sub-narrative label from its prefix; undefined for `Other`. */
export function domainOf(label: string): Domain | undefined {
  if (label.startsWith('URW:')) return 'URW';
  if (label.startsWith('CC:')) return 'CC';
  return undefined;
}

/** The readable part of a label: `URW: Discrediting Ukraine: Other` → `Other`. */
export function shortName(label: string): string {
  const i = label.lastIndexOf(': ');
  return i < 0 ? label : label.slice(i + 2);
}
