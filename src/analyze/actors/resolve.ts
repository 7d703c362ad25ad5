/**
 * Actors: the people, organisations and places an article talks about, each
 * with every mention that refers to it. Within an article, "Russian President
 * Vladimir Putin", "Putin", "the Russian leader" and "he" become one actor
 * with a canonical name, a title and an affiliation; "Moscow" and "the
 * Kremlin" as speakers stand for the Russian government (metonymy), while
 * "in Moscow" stays a city.
 * Across articles, `actorKey` gives the same key to "Vladimir V. Putin" and
 * "Vladimir Putin", so that a store can gather an actor's quotes.
 *
 * The rules, in order: a name mention joins the actor whose name contains
 * it as whole words ("Putin" → "Vladimir Putin"), or starts a new actor; a
 * title before a name ("Kremlin spokesman Dmitry Peskov") becomes the
 * actor's title; a role phrase ("the Russian leader", "the spokesman")
 * joins the most recent actor with that title word; a personal pronoun
 * joins the most recent person actor mentioned before it in this or the
 * previous two sentences. Offsets are UTF-16 inside the process.
 */
import { METONYMS, TITLE_WORDS } from './lexicon.ts';

export type ActorType = 'PERSON' | 'ORG' | 'PLACE' | 'GOVERNMENT' | 'GROUP';

/** A mention to resolve: a named entity, a pronoun or a role phrase ("the Russian leader"). */
export interface Mention {
  start: number;
  end: number;
  kind: 'name' | 'pronoun' | 'role';
  /** Entity type for names (PERSON, ORG, PLACE …). */
  type?: string;
  /** The mention says or does something (the speaker of a quote): "Moscow said" is the Russian government, "in Moscow" a city. */
  speaker?: boolean;
}

export interface ResolvedMention {
  start: number;
  end: number;
  kind: Mention['kind'];
  text: string;
}

export interface Actor {
  /** Stable across articles: see `actorKey`. */
  id: string;
  name: string;
  type: ActorType;
  title?: string;
  affiliation?: string;
  aliases: string[];
  mentions: ResolvedMention[];
  /** For metonymy: the place or building named, standing for this actor. */
  via?: string[];
}

const PERSON_PRONOUNS = new Set(['he', 'she', 'him', 'her', 'his', 'hers', 'himself', 'herself']);

/** Lower-case, accents and punctuation removed, middle initials dropped: "Vladimir V. Putin" → "vladimir putin". */
export function actorKey(name: string, type: string = 'PERSON'): string {
  const folded = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[’']s$/u, '')
    .replace(/[^\p{L}\p{N}\s-]/gu, ' ')
    .split(/\s+/)
    .filter(Boolean);
  const words = type === 'PERSON' && folded.length > 2 ? folded.filter((w, i) => i === 0 || i === folded.length - 1 || w.length > 1) : folded;
  return `${type.toLowerCase()}:${words.join('-')}`;
}

function words(text: string): string[] {
  return text.split(/[\s\u00a0]+/u).filter(Boolean);
}

/** The mention's words without a possessive ending: "Putin's" → "Putin". */
function cleanName(text: string): string {
  return text.replace(/[’']s?$/u, '').replace(/\s+/g, ' ').trim();
}

/**
 * A person mention that starts with its title ("Russian President Vladimir
 * Putin", as entity models trained on full noun phrases find it) splits into
 * the title and the name.
 */
function splitTitle(name: string): { title?: string; name: string } {
  const parts = words(name);
  let last = -1;
  parts.forEach((w, i) => {
    if (i < parts.length - 1 && TITLE_WORDS.has(w.toLowerCase())) last = i;
  });
  if (last < 0) return { name };
  const rest = parts.slice(last + 1);
  if (!rest.length || !/^\p{Lu}/u.test(rest[0]!)) return { name };
  return { title: parts.slice(0, last + 1).join(' '), name: rest.join(' ') };
}

/** "MOSCOW" in a dateline is the same name as "Moscow"; the mixed-case form reads better. */
function betterName(a: string, b: string): string {
  const shouting = (x: string) => x === x.toUpperCase() && /\p{Lu}{2}/u.test(x);
  if (shouting(a) && !shouting(b)) return b;
  return a;
}

/** Title words right before a name: "Kremlin spokesman" in "Kremlin spokesman Dmitry Peskov". */
function titleBefore(text: string, start: number): string | undefined {
  const before = text.slice(Math.max(0, start - 80), start);
  const m = /((?:[\p{Lu}][\p{L}.'’-]*\s+|[\p{Ll}-]+\s+){0,4})$/u.exec(before);
  if (!m || !m[1]) return undefined;
  const candidate = words(m[1]);
  // keep the tail that ends in a title word, with its modifiers ("Russian President", "Foreign Minister")
  let last = -1;
  candidate.forEach((w, i) => {
    if (TITLE_WORDS.has(w.toLowerCase().replace(/[’']s$/u, ''))) last = i;
  });
  if (last < 0 || last !== candidate.length - 1) return undefined;
  let first = last;
  while (first > 0 && /^[\p{Lu}]/u.test(candidate[first - 1]!) && !/[.,;:]$/.test(candidate[first - 1]!)) first--;
  return candidate.slice(first, last + 1).join(' ');
}

function sameName(shortName: string, full: string): boolean {
  const a = words(shortName.toLowerCase());
  const b = words(full.toLowerCase());
  if (!a.length || a.length > b.length) return false;
  // whole words, in order, ending with the same last word ("Putin" in "Vladimir Putin"; "Mr. Putin")
  const last = a[a.length - 1]!;
  if (b[b.length - 1] !== last && !b.includes(last)) return false;
  let j = 0;
  for (const w of b) if (w === a[j]) j++;
  return j === a.length;
}

export interface ResolveOptions {
  /** Sentence index of a UTF-16 offset, for pronoun distance. */
  sentenceAt?: (offset: number) => number;
}

export function resolveActors(text: string, mentions: readonly Mention[], options: ResolveOptions = {}): Actor[] {
  const sentenceAt = options.sentenceAt ?? (() => 0);
  const actors: Actor[] = [];
  const byKey = new Map<string, Actor>();
  const ordered = [...mentions].sort((a, b) => a.start - b.start || b.end - a.end);
  const recentPerson: { actor: Actor; at: number }[] = [];

  const add = (actor: Actor, m: Mention, surface: string) => {
    actor.mentions.push({ start: m.start, end: m.end, kind: m.kind, text: surface });
    const alias = m.kind === 'name' ? (actor.type === 'PERSON' ? splitTitle(cleanName(surface)).name : cleanName(surface)) : '';
    if (alias && !actor.aliases.includes(alias) && alias !== actor.name) actor.aliases.push(alias);
    if (actor.type === 'PERSON') recentPerson.push({ actor, at: m.start });
  };

  for (const m of ordered) {
    const surface = text.slice(m.start, m.end);
    if (m.kind === 'name') {
      const name = cleanName(surface);
      const metonym = METONYMS.get(name.toLowerCase().replace(/^the\s+/, ''));
      if (metonym && m.type !== 'PERSON' && m.speaker) {
        const key = actorKey(metonym.actor, 'GOVERNMENT');
        let actor = byKey.get(key);
        if (!actor) {
          actor = { id: key, name: metonym.actor, type: 'GOVERNMENT', aliases: [], mentions: [], via: [] };
          byKey.set(key, actor);
          actors.push(actor);
        }
        if (!actor.via!.includes(name)) actor.via!.push(name);
        add(actor, m, surface);
        continue;
      }
      const type: ActorType = m.type === 'ORG' || m.type === 'PLACE' || m.type === 'GROUP' ? m.type : 'PERSON';
      const titled = type === 'PERSON' ? splitTitle(name) : { name };
      const bare = titled.name;
      // a shorter mention joins an actor already named in full
      const bareKey = actorKey(bare, type);
      let actor = actors.find((a) => a.type === type && (sameName(bare, a.name) || sameName(a.name, bare) || a.id === bareKey));
      if (actor && words(bare).length > words(actor.name).length) {
        // the fuller name becomes canonical ("Putin" first, "Vladimir Putin" later)
        actor.aliases = actor.aliases.filter((x) => x !== bare);
        if (!actor.aliases.includes(actor.name)) actor.aliases.push(actor.name);
        byKey.delete(actor.id);
        actor.name = bare;
        actor.id = actorKey(bare, type);
        byKey.set(actor.id, actor);
      } else if (actor) {
        actor.name = betterName(actor.name, bare);
      }
      if (!actor) {
        const key = actorKey(bare, type);
        actor = byKey.get(key);
        if (!actor) {
          actor = { id: key, name: bare, type, aliases: [], mentions: [] };
          byKey.set(key, actor);
          actors.push(actor);
        }
      }
      const title = type === 'PERSON' ? (titled.title ?? titleBefore(text, m.start)) : undefined;
      if (title && !actor.title) actor.title = title;
      add(actor, m, surface);
    } else if (m.kind === 'pronoun') {
      if (!PERSON_PRONOUNS.has(surface.toLowerCase())) continue;
      const sentence = sentenceAt(m.start);
      // "he said" continues the last person talked about, who may be a few sentences back
      const reach = m.speaker ? 5 : 2;
      for (let i = recentPerson.length - 1; i >= 0; i--) {
        const r = recentPerson[i]!;
        if (r.at >= m.start) continue;
        if (sentence - sentenceAt(r.at) > reach) break;
        add(r.actor, m, surface);
        break;
      }
    } else {
      // "the Russian leader", "the spokesman": the latest actor whose title shares the role word
      const role = words(surface.toLowerCase()).filter((w) => TITLE_WORDS.has(w));
      if (!role.length) continue;
      for (let i = recentPerson.length - 1; i >= 0; i--) {
        const a = recentPerson[i]!.actor;
        if (recentPerson[i]!.at >= m.start) continue;
        const title = a.title?.toLowerCase() ?? '';
        if (role.some((w) => title.includes(w) || (w === 'leader' && /president|prime minister|chancellor|leader/.test(title)))) {
          add(a, m, surface);
          break;
        }
      }
    }
  }
  for (const a of actors) {
    a.mentions.sort((x, y) => x.start - y.start);
    a.aliases = a.aliases.filter((x) => x !== a.name);
    if (a.title) {
      const affiliation = /^([\p{Lu}][\p{L}’'-]+)\s/u.exec(a.title)?.[1];
      if (affiliation && !TITLE_WORDS.has(affiliation.toLowerCase())) a.affiliation = affiliation;
    }
  }
  return actors;
}
