/**
 * Two article-level layers from the SemEval-2023 Task 3 models:
 *   genre   one doc label: opinion, reporting or satire, with the three scores;
 *   frames  doc labels: the frames the article uses (14 SemEval-2023 frames),
 *           most probable first, at least one.
 * Each label carries the words that weighed most for it as evidence.
 */
import type { Doc } from '../../text/document.ts';
import type { AnalyzerFactory } from '../component.ts';
import { FramingModel } from './model.ts';

/**
 * One model per pipeline for both layers: the settings object is created once
 * per pipeline and handed to every layer, and the model remembers its last
 * article, so genre and frames cost one pass over the words.
 */
const models = new WeakMap<object, FramingModel>();
function modelFor(settings: object): FramingModel {
  let model = models.get(settings);
  if (!model) models.set(settings, (model = FramingModel.load()));
  return model;
}

function language(doc: Doc): string {
  return doc.layers.language?.labels[0]?.label ?? 'und';
}

function framingLayer(layer: 'genre' | 'frames', description: string): AnalyzerFactory {
  return {
    layer,
    description,
    requires: ['language'],
    shownByDefault: true,
    create(settings) {
      const model = modelFor(settings);
      const languages = model.languages;
      return {
        model: { name: model.name, version: model.version },
        languages: languages.join(', '),
        supports: (lang) => model.supports(lang),
        run(doc) {
          const result = model.classify(doc.text, language(doc));
          if (layer === 'genre') {
            const { label, score, evidence, scores } = result.genre;
            return { labels: [{ label, score, evidence, attrs: { scores } }] };
          }
          return { labels: result.frames.map(({ label, score, evidence }) => ({ label, score, evidence })) };
        },
      };
    },
  };
}

export const genreLayer = framingLayer('genre', 'genre of the article: opinion, reporting or satire (SemEval-2023 subtask 1); en fr de it pl ru');
export const framesLayer = framingLayer('frames', 'frames the article uses (the 14 SemEval-2023 frames, subtask 2), most probable first; en fr de it pl ru');
