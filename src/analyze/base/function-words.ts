/**
 * Function words of the languages of the SemEval news data (and a few
 * neighbours they are confused with). CLD3 is unreliable on a headline or a
 * one-line quote ("The minister resigned." comes back as Norwegian); a vote of
 * function words is not, when there are a few of them.
 */

const LISTS: Record<string, string> = {
  en: 'the of and to in is that for it was on with as he she at by this from they have has had are be were but not or will would said an which their its who been his her we you',
  de: 'der die das und ist nicht ein eine zu den mit sich des auf für im dem von sie es auch wird hat als wie bei aus nach wir ich sind noch nur oder aber',
  fr: 'le la les et des est une un du que dans pour qui sur pas ne au par avec ce il elle sont été mais ont aux nous vous leur cette ses plus',
  it: 'il la di che e è per una un del della non con sono gli si le da al nel dei ha anche come questo ma più delle alla',
  es: 'el la de que y en los las del se por un una con no es para al lo como más pero sus le ha fue este esta sobre también',
  pt: 'o a de que e do da em um uma os as para com não no na se por mais dos das ao foi como mas ele ela são também pelo pela',
  nl: 'de het een en van is dat op te in niet zijn met voor er maar ook aan door om als bij dan nog wordt heeft werd hij zij',
  pl: 'i w nie na się z do że to jest o jak po co ale od za tak jego przez jej są był była może już tylko oraz który która także',
  ru: 'и в не на что с по как он она это к но из у за от о же так все его ее был была были быть уже для который также только если бы',
  uk: 'і в не на що з по як він вона це до але із у за від про же так всі його її був була були бути вже для який також тільки якщо та',
  bg: 'и в не на че с по как той тя това да но от за е се са бе беше вече за които която също само ако ще към при след',
};

const WORDS: Map<string, string[]> = (() => {
  const map = new Map<string, string[]>();
  for (const [lang, list] of Object.entries(LISTS)) {
    for (const w of list.split(' ')) map.set(w, [...(map.get(w) ?? []), lang]);
  }
  return map;
})();

export interface FunctionWordVote {
  language: string;
  /** Function words of the winner found in the text. */
  hits: string[];
  /** Hits of the runner-up, to tell a clear win from a tie. */
  runnerUp: number;
  words: number;
}

/** Counts function words of each language in the first `limit` words; undefined when none is found. */
export function voteFunctionWords(text: string, limit = 200): FunctionWordVote | undefined {
  const hits = new Map<string, string[]>();
  let words = 0;
  for (const m of text.matchAll(/\p{L}+/gu)) {
    if (++words > limit) break;
    const langs = WORDS.get(m[0].toLowerCase());
    if (!langs) continue;
    for (const l of langs) hits.set(l, [...(hits.get(l) ?? []), m[0].toLowerCase()]);
  }
  const ranked = [...hits.entries()].sort((a, b) => b[1].length - a[1].length);
  const best = ranked[0];
  if (!best) return undefined;
  return { language: best[0], hits: best[1], runnerUp: ranked[1]?.[1].length ?? 0, words: Math.min(words, limit) };
}
