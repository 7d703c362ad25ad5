/**
 * The who-said-what layers of the analysis:
 *   entities  people, organisations, places and events (English), from the entity model;
 *   quotes    direct, mixed and indirect quotes with cue and local speaker mention;
 *   actors    the entities, pronouns, role phrases and quote speakers resolved into
 *             actors: one span per mention (label: the actor id) and one label per actor.
 * The JSON output joins them into `entities`, `actors` and `quotes`.
 */
import type { Doc, Span } from '../../text/document.ts';
import { layerSpans } from '../../text/document.ts';
import type { Token } from '../../text/tokenize.ts';
import type { AnalyzerFactory } from '../component.ts';
import { pronounAndRoleMentions } from '../actors/mentions.ts';
import { GROUP_NOUNS, METONYMS } from '../actors/lexicon.ts';
import { resolveActors, type Mention } from '../actors/resolve.ts';
import { EntityModel } from '../entities/model.ts';
import { extractQuotes } from '../quotes/extract.ts';
import { articleContext, type ArticleContext } from '../techniques/context.ts';

const RULES = { name: 'spinscope-who', version: '1.0.0' };

function contextOf(doc: Doc): ArticleContext {
  return articleContext(doc.text, layerSpans(doc, 'tokens') as Token[], layerSpans(doc, 'sentences'));
}

export const entitiesLayer: AnalyzerFactory = {
  layer: 'entities',
  description: 'named entities: PERSON, ORG, PLACE, EVENT (English)',
  requires: ['tokens', 'sentences'],
  shownByDefault: true,
  create() {
    const model = EntityModel.load();
    return {
      model: { name: model.name, version: model.version },
      languages: 'en',
      supports: (language) => language === 'en',
      run: (doc) => ({
        spans: model.recognize(contextOf(doc)).map((e) => ({ start: e.start, end: e.end, label: e.type, score: Math.round(e.score * 1000) / 1000 })),
      }),
    };
  },
};

export const quotesLayer: AnalyzerFactory = {
  layer: 'quotes',
  description: 'direct, mixed and indirect quotes with their cue and speaker mention (English)',
  requires: ['tokens', 'sentences'],
  shownByDefault: true,
  create: () => ({
    model: RULES,
    languages: 'en',
    supports: (language) => language === 'en',
    run: (doc) => ({
      spans: extractQuotes(contextOf(doc)).map((q) => ({
        start: q.start,
        end: q.end,
        label: q.type,
        evidence: [`rule: ${q.rule}`],
        attrs: { cue: q.cue, speaker: q.speaker },
      })),
    }),
  }),
};

export const actorsLayer: AnalyzerFactory = {
  layer: 'actors',
  description: 'actors: named, pronoun and role mentions resolved to people, organisations, places and governments',
  requires: ['entities', 'quotes', 'tokens', 'sentences'],
  shownByDefault: true,
  create: () => ({
    model: RULES,
    languages: 'en',
    supports: (language) => language === 'en',
    run(doc) {
      const text = doc.text;
      const speakers = layerSpans(doc, 'quotes')
        .map((q) => q.attrs?.speaker as { start: number; end: number } | null)
        .filter((s): s is { start: number; end: number } => s !== null && s !== undefined);
      const isSpeaker = (m: { start: number; end: number }) => speakers.some((s) => s.start <= m.start && m.end <= s.end);
      const mentions: Mention[] = layerSpans(doc, 'entities').map((e) => ({ start: e.start, end: e.end, kind: 'name', type: e.label, ...(isSpeaker(e) && { speaker: true }) }));
      // speakers the entity model missed: a speaking capital or building ("the Kremlin said"),
      // or a capitalised name ("Peskov told reporters"), which then joins its full name
      for (const s of speakers) {
        if (mentions.some((m) => m.start < s.end && s.start < m.end)) continue;
        const words = text.slice(s.start, s.end).replace(/^the\s+/i, '');
        if (METONYMS.has(words.toLowerCase())) {
          mentions.push({ start: s.end - words.length, end: s.end, kind: 'name', type: 'ORG', speaker: true });
        } else if (/^\p{Lu}[\p{L}’'.-]*(?:\s+\p{Lu}[\p{L}’'.-]*)*$/u.test(words) && !/^(?:He|She|They|It|We|I|You)$/.test(words) && !GROUP_NOUNS.has(words.toLowerCase())) {
          mentions.push({ start: s.end - words.length, end: s.end, kind: 'name', type: 'PERSON', speaker: true });
        }
      }
      const tokens = layerSpans(doc, 'tokens') as Token[];
      for (const m of pronounAndRoleMentions(text, tokens)) {
        if (mentions.some((n) => n.start < m.end && m.start < n.end)) continue;
        mentions.push(isSpeaker(m) ? { ...m, speaker: true } : m);
      }
      const sentences = layerSpans(doc, 'sentences');
      const sentenceAt = (offset: number) => {
        let lo = 0;
        let hi = sentences.length - 1;
        while (lo < hi) {
          const mid = (lo + hi + 1) >> 1;
          if (sentences[mid]!.start <= offset) lo = mid;
          else hi = mid - 1;
        }
        return lo;
      };
      const actors = resolveActors(text, mentions, { sentenceAt });
      const spans: Span[] = actors.flatMap((a) => a.mentions.map((m) => ({ start: m.start, end: m.end, label: a.id, attrs: { kind: m.kind } })));
      spans.sort((x, y) => x.start - y.start || x.end - y.end);
      return {
        spans,
        labels: actors.map((a) => ({
          label: a.id,
          attrs: {
            name: a.name,
            type: a.type,
            ...(a.title && { title: a.title }),
            ...(a.affiliation && { affiliation: a.affiliation }),
            aliases: a.aliases,
            ...(a.via && { via: a.via }),
          },
        })),
      };
    },
  }),
};
