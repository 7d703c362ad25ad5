/**
 * Words that make a title or a role ("President", "spokesman", "Foreign
 * Minister"), and places and buildings that news copy uses for the
 * governments or institutions seated there. Written for this project.
 */

export const TITLE_WORDS = new Set([
  'president', 'vice-president', 'secretary-general', 'director-general', 'commander-in-chief', 'attorney-general', 'premier', 'chancellor', 'minister', 'secretary', 'spokesman', 'spokeswoman',
  'spokesperson', 'spokespeople', 'leader', 'chief', 'head', 'chairman', 'chairwoman', 'chair', 'director',
  'general', 'commander', 'ambassador', 'envoy', 'senator', 'sen.', 'representative', 'rep.', 'governor',
  'gov.', 'mayor', 'king', 'queen', 'prince', 'pope', 'patriarch', 'prosecutor', 'judge', 'justice',
  'official', 'officer', 'adviser', 'advisor', 'aide', 'deputy', 'lawmaker', 'mp', 'congressman',
  'congresswoman', 'diplomat', 'economist', 'analyst', 'professor', 'prof.', 'dr.', 'mr.', 'mrs.', 'ms.',
  'gen.', 'col.', 'lt.', 'capt.', 'sgt.', 'admiral', 'colonel', 'lieutenant', 'captain', 'sergeant',
  'ceo', 'founder', 'executive', 'candidate', 'nominee', 'speaker', 'commissioner', 'coordinator',
  'negotiator', 'host', 'anchor', 'correspondent', 'reporter', 'editor', 'columnist', 'scientist',
  'researcher', 'activist', 'campaigner', 'mufti', 'archbishop', 'bishop', 'sheikh', 'emir', 'sultan',
  'tsar', 'czar', 'premier', 'strongman', 'dictator', 'oligarch', 'tycoon', 'billionaire',
]);

/**
 * Plural nouns for unnamed groups that speak in news copy ("Critics said",
 * "Officials warned"): capitalised at a sentence start, they look like names
 * but are no person's, so they get no actor.
 */
export const GROUP_NOUNS = new Set([
  'critics', 'officials', 'analysts', 'experts', 'scientists', 'residents', 'protesters', 'protestors',
  'lawmakers', 'legislators', 'diplomats', 'observers', 'activists', 'witnesses', 'sources', 'organisers',
  'organizers', 'investigators', 'prosecutors', 'economists', 'researchers', 'doctors', 'authorities',
  'leaders', 'opponents', 'supporters', 'voters', 'members', 'farmers', 'workers', 'police', 'demonstrators',
  'officers', 'soldiers', 'commentators', 'campaigners', 'ministers', 'historians', 'environmentalists',
  'skeptics', 'sceptics', 'detractors', 'advocates', 'allies', 'rivals', 'insiders', 'aides', 'negotiators',
  'executives', 'traders', 'investors', 'bankers', 'unions', 'parents', 'students', 'teachers', 'locals',
  'villagers', 'refugees', 'survivors', 'relatives', 'families', 'rescuers', 'medics', 'journalists',
  'reporters', 'bloggers', 'users', 'polls', 'surveys', 'studies', 'reports', 'documents', 'records',
  'some', 'others', 'many', 'most', 'both', 'several', 'few', 'all', 'people', 'everyone', 'nobody',
]);

export interface Metonym {
  /** The actor the place stands for. */
  actor: string;
}

const entries: [string[], string][] = [
  [['moscow', 'kremlin'], 'Government of Russia'],
  [['kyiv', 'kiev', 'bankova'], 'Government of Ukraine'],
  [['washington', 'white house'], 'Government of the United States'],
  [['pentagon'], 'United States Department of Defense'],
  [['state department'], 'United States Department of State'],
  [['beijing', 'zhongnanhai'], 'Government of China'],
  [['london', 'downing street', 'no 10', 'whitehall'], 'Government of the United Kingdom'],
  [['paris', 'elysee', 'élysée', 'elysee palace', 'élysée palace', 'quai d’orsay', "quai d'orsay"], 'Government of France'],
  [['berlin'], 'Government of Germany'],
  [['brussels'], 'European Union'],
  [['minsk'], 'Government of Belarus'],
  [['tehran'], 'Government of Iran'],
  [['ankara'], 'Government of Turkey'],
  [['warsaw'], 'Government of Poland'],
  [['budapest'], 'Government of Hungary'],
  [['tokyo'], 'Government of Japan'],
  [['pyongyang'], 'Government of North Korea'],
  [['damascus'], 'Government of Syria'],
  [['jerusalem'], 'Government of Israel'],
  [['rome', 'palazzo chigi'], 'Government of Italy'],
  [['madrid', 'moncloa'], 'Government of Spain'],
];

/** Place or building (lower case, without "the") → the actor it stands for when it acts or speaks. */
export const METONYMS: ReadonlyMap<string, Metonym> = new Map(entries.flatMap(([names, actor]) => names.map((n) => [n, { actor }] as const)));
