/**
 * The `claims` layer: one span per sentence that the claim model scores at
 * or above a threshold, labelled `claim`, with the calibrated probability
 * as its score and the features that raised it, in words, as evidence.
 * English only. Offsets are the sentence's, UTF-16 like every layer's.
 */
import { layerSpans, type Doc, type Span } from '../../text/document.ts';
import type { Token } from '../../text/tokenize.ts';
import type { AnalyzerFactory, AnalyzerSettings } from '../component.ts';
import { ClaimModel } from './model.ts';
import { sentenceTokens } from './sentence.ts';

/** The settings this layer reads beyond the shared ones. */
export interface ClaimSettings extends AnalyzerSettings {
  /** Claim model file to use instead of the shipped one. */
  claimModel?: string;
  /** Probability from which a sentence is reported (default 0.5). */
  claimThreshold?: number;
}

export interface ClaimsLayerOptions {
  modelPath?: string;
  threshold?: number;
  /** Calibration of the model to report probabilities in (default: the model's, ClaimBuster's check-worthy factual sentences). */
  calibration?: string;
  /** Reasons per span. */
  evidence?: number;
}

export const DEFAULT_CLAIM_THRESHOLD = 0.5;

/** Token index ranges [from, to) of each sentence; both lists in text order. */
export function tokenRanges(tokens: readonly Pick<Token, 'start' | 'end'>[], sentences: readonly Pick<Span, 'start' | 'end'>[]): [number, number][] {
  const out: [number, number][] = [];
  let t = 0;
  for (const s of sentences) {
    while (t < tokens.length && tokens[t]!.start < s.start) t++;
    const from = t;
    while (t < tokens.length && tokens[t]!.end <= s.end) t++;
    out.push([from, t]);
  }
  return out;
}

/** Claim spans of a document whose tokens and sentences are known. */
export function findClaims(model: ClaimModel, text: string, tokens: readonly Token[], sentences: readonly Pick<Span, 'start' | 'end'>[], options: ClaimsLayerOptions = {}): Span[] {
  const threshold = options.threshold ?? DEFAULT_CLAIM_THRESHOLD;
  const spans: Span[] = [];
  tokenRanges(tokens, sentences).forEach(([from, to], i) => {
    if (from === to) return;
    const s = sentenceTokens(text, tokens, from, to);
    const z = model.logit(s);
    const score = model.probability(z, options.calibration);
    if (score < threshold) return;
    const sentence = sentences[i]!;
    spans.push({
      start: sentence.start,
      end: sentence.end,
      label: 'claim',
      score: Math.round(score * 1000) / 1000,
      // evidence only for what is reported, from the features just scored
      evidence: model.lastEvidence(s, options.evidence ?? 4),
      attrs: { sentence: i + 1 },
    });
  });
  return spans;
}

/** A claims layer with its own model file or threshold. */
export function createClaimsLayer(options: ClaimsLayerOptions = {}): AnalyzerFactory {
  return {
    layer: 'claims',
    description: 'check-worthy factual claims: sentences scored by a calibrated model (ClaimBuster definition), with the reasons; English',
    requires: ['tokens', 'sentences'],
    shownByDefault: true,
    create(settings: ClaimSettings) {
      const model = ClaimModel.load(options.modelPath ?? settings.claimModel);
      const layerOptions: ClaimsLayerOptions = { ...options, threshold: options.threshold ?? settings.claimThreshold ?? DEFAULT_CLAIM_THRESHOLD };
      return {
        model: { name: model.name, version: model.version },
        languages: 'en',
        supports: (language) => language === 'en',
        run(doc: Doc) {
          const tokens = layerSpans(doc, 'tokens') as Token[];
          return { spans: findClaims(model, doc.text, tokens, layerSpans(doc, 'sentences'), layerOptions) };
        },
      };
    },
  };
}

export const claimsLayer: AnalyzerFactory = createClaimsLayer();
