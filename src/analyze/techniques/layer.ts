/**
 * The technique layers of the analysis:
 *   techniques            spans that use a persuasion technique (English), each with
 *                         its technique in the SemEval-2023 taxonomy, category,
 *                         calibrated score and evidence;
 *   paragraph-techniques  the techniques of each paragraph (every language with a
 *                         paragraph model), one span per paragraph and technique.
 * Both share one model file, loaded once per pipeline.
 */
import type { Doc, Span } from '../../text/document.ts';
import { layerSpans } from '../../text/document.ts';
import type { Token } from '../../text/tokenize.ts';
import type { AnalyzerFactory } from '../component.ts';
import { articleContext } from './context.ts';
import { TechniqueModel } from './model.ts';
import { categoryOf, techniqueById, type TechniqueId } from './taxonomy.ts';

/** A second technique on the same span is reported from this probability on. */
const SECOND_TECHNIQUE = 0.3;

function loadModel(settings: { techniqueModel?: string }): TechniqueModel {
  return TechniqueModel.load(settings.techniqueModel);
}

function techniqueSpan(start: number, end: number, technique: string, score: number, evidence: string[]): Span {
  const info = techniqueById(technique as TechniqueId);
  return {
    start,
    end,
    label: technique,
    score: Math.round(score * 1000) / 1000,
    evidence,
    attrs: { category: categoryOf(technique as TechniqueId) ?? 'unknown', name: info?.name ?? technique },
  };
}

export const techniquesLayer: AnalyzerFactory = {
  layer: 'techniques',
  description: 'persuasion-technique spans (SemEval-2023 taxonomy) with category, calibrated score and evidence; English',
  requires: ['tokens', 'sentences'],
  shownByDefault: true,
  create(settings) {
    const model = loadModel(settings);
    return {
      model: { name: model.name, version: model.version },
      languages: 'en',
      supports: (language) => language === 'en',
      run(doc: Doc) {
        const tokens = layerSpans(doc, 'tokens') as Token[];
        const ctx = articleContext(doc.text, tokens, layerSpans(doc, 'sentences'));
        const lower = doc.text.toLowerCase();
        const spans: Span[] = [];
        for (const found of model.identify(ctx)) {
          const ranked = model.classify(ctx, found.start, found.end, 'canonical', lower);
          ranked.forEach((r, rank) => {
            if (rank > 0 && r.probability < SECOND_TECHNIQUE) return;
            const evidence = [...r.evidence, `span model: ${Math.round(found.score * 100)}% that these words use a technique`];
            spans.push(techniqueSpan(found.start, found.end, r.technique, found.score * r.probability, evidence));
          });
        }
        return { spans };
      },
    };
  },
};

export const paragraphTechniquesLayer: AnalyzerFactory = {
  layer: 'paragraph-techniques',
  description: 'techniques of each paragraph (SemEval-2023 subtask 3 style), for every language with a paragraph model',
  requires: ['paragraphs'],
  shownByDefault: true,
  create(settings) {
    const model = loadModel(settings);
    const languages = model.paragraphLanguages;
    return {
      model: { name: model.name, version: model.version },
      languages: languages.join(', '),
      supports: (language) => languages.includes(language),
      run(doc: Doc) {
        const language = doc.layers.language?.labels[0]?.label ?? 'und';
        const paragraphs = layerSpans(doc, 'paragraphs');
        const result = model.paragraphs(paragraphs, doc.text, language) ?? [];
        const spans: Span[] = [];
        result.forEach((p, i) => {
          for (const t of p.techniques) {
            const span = techniqueSpan(p.start, p.end, t.technique, t.probability, t.evidence);
            span.attrs = { ...span.attrs, paragraph: i + 1 };
            spans.push(span);
          }
        });
        return { spans };
      },
    };
  },
};
