/**
 * English abbreviations that end in a period. Titles never end a sentence
 * ("Gen. Gerasimov"); the others may ("… based in the U.S. The next day …"),
 * so the sentence splitter looks at the next word for them.
 */

export const TITLES = new Set([
  'mr', 'mrs', 'ms', 'messrs', 'dr', 'prof', 'gen', 'lt', 'col', 'maj', 'capt', 'cpt', 'sgt', 'cpl', 'adm',
  'cmdr', 'brig', 'sen', 'rep', 'gov', 'pres', 'amb', 'rev', 'hon', 'fr', 'sr', 'st', 'ste', 'mt', 'ft', 'supt',
  'insp', 'det', 'atty', 'treas', 'asst',
]);

const OTHERS = new Set([
  'jr', 'inc', 'corp', 'ltd', 'co', 'plc', 'llc', 'bros', 'dept', 'univ', 'assn', 'govt', 'est', 'approx',
  'vs', 'etc', 'cf', 'al', 'ca', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov',
  'dec', 'mon', 'tue', 'tues', 'wed', 'thu', 'thur', 'thurs', 'fri', 'sat', 'sun', 'ave', 'blvd', 'rd', 'hwy',
  'ala', 'ariz', 'ark', 'calif', 'colo', 'conn', 'del', 'fla', 'ga', 'ill', 'ind', 'kan', 'ky', 'la', 'md',
  'mass', 'mich', 'minn', 'miss', 'mo', 'mont', 'neb', 'nev', 'okla', 'ore', 'pa', 'tenn', 'tex', 'va', 'vt',
  'wash', 'wis', 'wyo', 'mln', 'bln', 'gr', 'oz', 'lb', 'lbs', 'no', 'nos', 'vol', 'fig', 'pp', 'op', 'art',
  'ch', 'sec',
]);

const LOWERCASE_ABBREVIATIONS = new Set(['vs', 'etc', 'cf', 'al', 'ca', 'approx', 'est', 'pp', 'lb', 'lbs', 'oz', 'gr', 'mln', 'bln']);

/** Whether `word` (without its period) is an abbreviation that keeps the period as part of the token. */
export function isAbbreviation(word: string): boolean {
  if (word.length === 1) return /\p{Lu}/u.test(word); // an initial: "George W. Bush"
  if (word.length > 6) return false;
  const lower = word.toLowerCase();
  if (TITLES.has(lower)) return true;
  if (!OTHERS.has(lower)) return false;
  // "ill.", "miss.", "sun." and "no." end sentences as words; only capitalised forms are abbreviations
  return word[0] !== lower[0] || LOWERCASE_ABBREVIATIONS.has(lower);
}

/** Whether the abbreviation token (with its period) can never end a sentence. */
export function isTitleAbbreviation(token: string): boolean {
  const word = token.endsWith('.') ? token.slice(0, -1) : token;
  if (word.length === 1) return true;
  return TITLES.has(word.toLowerCase());
}

/**
 * Words that are capitalised only at the start of a sentence. After an
 * ambiguous abbreviation ("U.S.", "Inc.") such a word means a new sentence;
 * a capitalised name does not ("the U.S. State Department").
 */
export const SENTENCE_STARTERS = new Set([
  'the', 'a', 'an', 'he', 'she', 'it', 'they', 'we', 'i', 'you', 'this', 'that', 'these', 'those', 'but', 'and',
  'or', 'so', 'yet', 'in', 'on', 'at', 'for', 'if', 'when', 'while', 'after', 'before', 'since', 'as', 'there',
  'here', 'his', 'her', 'their', 'our', 'its', 'my', 'your', 'what', 'why', 'how', 'who', 'where', 'which',
  'some', 'many', 'most', 'all', 'no', 'not', 'meanwhile', 'however', 'also', 'still', 'then', 'now', 'one',
  'both', 'each', 'such', 'other', 'another', 'last', 'earlier', 'later', 'according', 'asked', 'speaking',
  'by', 'from', 'with', 'to', 'under', 'despite', 'although',
  'though', 'because', 'instead', 'indeed', 'nor', 'neither', 'either', 'only', 'even', 'just', 'every',
]);
