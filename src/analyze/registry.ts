/**
 * The layers spinscope knows, in the order they are listed to users. Each
 * later layer (techniques, entities, quotes, frames, claims, narratives)
 * joins by adding its factory here.
 */
import type { AnalyzerFactory } from './component.ts';
import { languageLayer } from './base/language.ts';
import { paragraphsLayer, sentencesLayer, tokensLayer } from './base/text-layers.ts';
import { paragraphTechniquesLayer, techniquesLayer } from './techniques/layer.ts';
import { actorsLayer, entitiesLayer, quotesLayer } from './who/layers.ts';
import { framesLayer, genreLayer } from './framing/layer.ts';
import { claimsLayer } from './claims/layer.ts';
import { narrativesLayer } from './narratives/layer.ts';
import { rolesLayer } from './narratives/roles-layer.ts';
import { knownCasesLayer } from './cases/layer.ts';

export function standardLayers(): AnalyzerFactory[] {
  return [languageLayer, paragraphsLayer, sentencesLayer, tokensLayer, techniquesLayer, paragraphTechniquesLayer, entitiesLayer, quotesLayer, actorsLayer, genreLayer, framesLayer, claimsLayer, narrativesLayer, knownCasesLayer, rolesLayer];
}
