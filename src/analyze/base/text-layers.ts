/**
 * The base language layers every other layer builds on: paragraphs, tokens
 * and sentences, with exact offsets.
 */
import { layerSpans, type Doc, type Span } from '../../text/document.ts';
import { splitParagraphs } from '../../text/paragraphs.ts';
import { sentencesOf } from '../../text/sentences.ts';
import { tokenize } from '../../text/tokenize.ts';
import type { AnalyzerFactory } from '../component.ts';

const MODEL = { name: 'spinscope-text', version: '1.0.0' };

/** Scripts written without spaces between words: our tokens would be whole phrases there. */
const UNSPACED = new Set(['zh', 'ja', 'th', 'lo', 'km', 'my', 'bo']);
const SPACED_LANGUAGES = 'languages written with spaces between words (not zh, ja, th, lo, km, my, bo)';

export const paragraphsLayer: AnalyzerFactory = {
  layer: 'paragraphs',
  description: 'paragraphs: blocks separated by blank lines (one per line when the text has no blank line)',
  requires: [],
  shownByDefault: true,
  create: () => ({
    model: MODEL,
    languages: 'all',
    supports: () => true,
    run: (doc: Doc) => ({
      spans: splitParagraphs(doc.text).map((r) => ({ start: r.start, end: r.end, label: 'paragraph' })),
    }),
  }),
};

export const tokensLayer: AnalyzerFactory = {
  layer: 'tokens',
  description: 'tokens labelled word, number, punct, symbol, emoji, url, email, hashtag or mention',
  requires: ['language'],
  shownByDefault: false,
  create: () => ({
    model: MODEL,
    languages: SPACED_LANGUAGES,
    supports: (language) => !UNSPACED.has(language),
    run: (doc: Doc) => ({
      spans: tokenize(doc.text),
    }),
  }),
};

export const sentencesLayer: AnalyzerFactory = {
  layer: 'sentences',
  description: 'sentences inside paragraphs; quotes closing after the stop stay with their sentence',
  requires: ['paragraphs', 'tokens'],
  shownByDefault: true,
  create: () => ({
    model: MODEL,
    languages: SPACED_LANGUAGES,
    supports: (language) => !UNSPACED.has(language),
    run(doc: Doc) {
      const sentences = sentencesOf(doc.text, layerSpans(doc, 'tokens'), layerSpans(doc, 'paragraphs'));
      return { spans: sentences.map((r): Span => ({ start: r.start, end: r.end, label: 'sentence' })) };
    },
  }),
};
