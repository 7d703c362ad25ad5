/**
 * The narratives layer: the narratives of the Ukraine–Russia war and of
 * climate change (SemEval-2025 Task 10 taxonomy) that an article carries, as
 * document labels, each with its sub-narratives, a calibrated score and the
 * sentences and phrases that raised it most. An article with none gets the
 * task's `Other`, scored by how likely it is to carry none.
 */
import type { DocLabel } from '../../text/document.ts';
import { layerSpans } from '../../text/document.ts';
import type { Token } from '../../text/tokenize.ts';
import type { AnalyzerFactory, AnalyzerSettings } from '../component.ts';
import { NarrativeModel } from './model.ts';
import { OTHER, domainOf, shortName } from './taxonomy.ts';

export interface NarrativeLayerSettings extends AnalyzerSettings {
  /** Narrative model file to use instead of the shipped one. */
  narrativeModel?: string;
}

const round = (x: number) => Math.round(x * 1000) / 1000;

export const narrativesLayer: AnalyzerFactory = {
  layer: 'narratives',
  description: 'narratives and sub-narratives of the Ukraine war and climate change (SemEval-2025 Task 10 taxonomy) with calibrated scores and evidence',
  requires: ['tokens', 'sentences'],
  shownByDefault: true,
  create(settings) {
    const model = NarrativeModel.load((settings as NarrativeLayerSettings).narrativeModel);
    const languages = model.languages;
    return {
      model: { name: model.name, version: model.version },
      languages: languages.join(', '),
      supports: (language) => languages.includes(language),
      run(doc) {
        const language = doc.layers.language?.labels[0]?.label ?? 'und';
        const tokens = layerSpans(doc, 'tokens') as Token[];
        const result = model.analyze(doc.text, tokens, layerSpans(doc, 'sentences'), language);
        if (result.narratives.length === 0) {
          return { labels: [{ label: OTHER, score: round(result.other), attrs: { name: 'no narrative of the taxonomy', sublabels: [], evidence: [] } }] };
        }
        const labels: DocLabel[] = result.narratives.map((n) => ({
          label: n.label,
          score: round(n.score),
          evidence: n.evidence,
          attrs: {
            domain: domainOf(n.label),
            name: shortName(n.label),
            sublabels: n.sub.map((s) => ({ label: s.label, score: round(s.score) })),
            evidence: n.evidence,
          },
        }));
        return { labels };
      },
    };
  },
};
