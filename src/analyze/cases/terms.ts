/**
 * Index terms of a claim or case: words lower-cased, accents folded for Latin
 * script, stop words dropped, and stemmed lightly — English plurals and -ing,
 * -ed endings; Russian and Ukrainian case and verb endings, then a cut at
 * seven letters — so that "sanctions" finds "sanction" and "санкциями" finds
 * "санкции". Light on purpose: a claim and its case usually share their
 * content words, and aggressive stemming merges names.
 */

const EN_STOP = new Set(
  ('a an the and or but nor of to in on at by for with from into onto over under about as than then that this these those ' +
    'it its is are was were be been being am do does did has have had having will would shall should can could may might must ' +
    'not no so if when while because though although whether which who whom whose what where why how there here ' +
    'he she they them him her his hers their theirs we us our you your i me my mine also just only even still very all any some ' +
    'each both either neither such other same own more most much many up out off again once now s t said says say according')
    .split(' '),
);

const RU_UK_STOP = new Set(
  ('и в во не что он на я с со как а то все она так его но да ты к у же вы за бы по только ее мне было вот от меня еще нет о из ему ' +
    'теперь когда даже ну вдруг ли если уже или ни быть был него до вас нибудь опять уж вам ведь там потом себя ничего ей может они ' +
    'тут где есть надо ней для мы тебя их чем была сам чтоб без будто чего раз тоже себе под будет ж тогда кто этот того потому этого ' +
    'какой совсем ним здесь этом один почти мой тем чтобы нее были куда зачем всех никогда можно при наконец два об другой хоть после ' +
    'над больше тот через эти нас про всего них какая много разве три эту моя впрочем хорошо свою этой перед иногда лучше чуть том ' +
    'нельзя такой им более всегда конечно всю между це та що як але від до на не з за по про які який яка також його її їх вони ми ви ' +
    'був була було були є буде бути або чи щоб тому цей ця ці це той та те цього цієї цих при між через після також вже ще лише тільки')
    .split(' '),
);

const CYRILLIC = /[\u0400-\u04ff]/;

// tried longest first, so "ями" is taken before "и"
const CYRILLIC_ENDINGS = [
  'ились', 'ались', 'ылись', 'ился', 'ался', 'лась', 'лись', 'ись', 'ась', 'ось', 'ся', 'сь',
  'ующими', 'ающими', 'ями', 'ами', 'ого', 'его', 'ому', 'ему', 'ыми', 'ими', 'ых', 'их', 'ой', 'ей', 'ий', 'ый', 'ій', 'ая', 'яя',
  'ое', 'ее', 'ую', 'юю', 'ов', 'ев', 'ам', 'ям', 'ах', 'ях', 'ом', 'ем', 'ться', 'тся', 'ть', 'ти', 'ла', 'ли', 'ло', 'ет', 'ит', 'ют', 'ят',
  'ут', 'ат', 'ів', 'ою', 'ею', 'ові', 'еві', 'ы', 'и', 'і', 'ї', 'а', 'я', 'о', 'е', 'є', 'у', 'ю', 'ь', 'й',
].sort((a, b) => b.length - a.length);

function stemCyrillic(w: string): string {
  for (const e of CYRILLIC_ENDINGS) {
    if (w.length - e.length >= 4 && w.endsWith(e)) {
      w = w.slice(0, -e.length);
      break;
    }
  }
  // a soft sign or i-vowel left over ("санкци" of "санкции", "санкц" of "санкций") goes too
  if (w.length > 4 && /[иіїйь]$/.test(w)) w = w.slice(0, -1);
  return w.length > 7 ? w.slice(0, 7) : w;
}

/** A light English stemmer: plurals, -ing, -ed, possessives; consistency matters more than linguistics here. */
export function stemEnglish(w: string): string {
  if (w.length <= 3) return w;
  if (w.endsWith('ies') && w.length > 4) return `${w.slice(0, -3)}y`;
  if (w.endsWith('sses')) return w.slice(0, -2);
  if (w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us') && !w.endsWith('is') && w.length > 3) w = w.slice(0, -1);
  if (w.endsWith('ing') && w.length > 5) w = undouble(w.slice(0, -3));
  else if (w.endsWith('ed') && w.length > 4) w = undouble(w.slice(0, -2));
  return w;
}

function undouble(w: string): string {
  const n = w.length;
  return n > 3 && w[n - 1] === w[n - 2] && !'lsz'.includes(w[n - 1]!) ? w.slice(0, -1) : w;
}

/** Whether a lower-cased word is an English, Russian or Ukrainian stop word. */
export function isStopWord(word: string): boolean {
  return EN_STOP.has(word) || RU_UK_STOP.has(word);
}

/** The words of a text, lower-cased, Latin accents folded (Cyrillic letters such as й are kept whole). */
export function words(text: string): string[] {
  const out: string[] = [];
  for (const m of text.toLowerCase().matchAll(/[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu)) {
    let w = m[0].replace(/['’]s$/u, '').replace(/['’]/gu, '');
    if (!CYRILLIC.test(w) && /[^\x00-\x7f]/.test(w)) w = w.normalize('NFKD').replace(/\p{M}/gu, '');
    out.push(w);
  }
  return out;
}

/** Index terms of a text (see the module comment). */
export function terms(text: string): string[] {
  const out: string[] = [];
  for (const w of words(text)) {
    if (CYRILLIC.test(w)) {
      if (RU_UK_STOP.has(w)) continue;
      out.push(stemCyrillic(w));
    } else {
      if (EN_STOP.has(w) || (w.length === 1 && !/\d/.test(w))) continue;
      out.push(stemEnglish(w));
    }
  }
  return out;
}
