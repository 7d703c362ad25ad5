/**
 * An analyser adds one layer to a document. It declares the layers it reads
 * (`requires`) and the languages it has models for; the pipeline orders
 * analysers by their needs and skips, with a note, those that do not support
 * a document's language.
 */
import type { Doc, DocLabel, ModelInfo, Span } from '../text/document.ts';

/** What an analyser returns; the pipeline wraps it into a `Layer`. */
export interface LayerResult {
  spans?: Span[];
  labels?: DocLabel[];
}

export interface Analyzer {
  readonly model: ModelInfo;
  /** Returns false for languages the analyser has no model for. */
  supports(language: string): boolean;
  /** Names the languages it supports, for the note on skipped layers. */
  readonly languages: string;
  run(doc: Doc): LayerResult;
}

export interface AnalyzerSettings {
  /** Language code forced by the caller instead of identified from the text. */
  language?: string;
  /** Technique model file to use instead of the shipped one. */
  techniqueModel?: string;
  /** Claim model file, and the score from which a sentence is reported as a claim (default 0.5). */
  claimModel?: string;
  claimThreshold?: number;
  /** Narrative model file to use instead of the shipped one. */
  narrativeModel?: string;
  /** Where the EUvsDisinfo case folder is (a data folder holding `euvsdisinfo/`, or the folder itself). */
  caseData?: string;
  /** The user's own known cases (JSONL or CSV: id, claim or summary, disproof, url, date). */
  caseFiles?: readonly string[];
  /** Known cases are reported from this similarity (default 0.5). */
  caseThreshold?: number;
}

/** The settings an analyser reads, out of pipeline options that hold more. */
export function analyzerSettings(options: AnalyzerSettings): AnalyzerSettings {
  const keys = ['language', 'techniqueModel', 'claimModel', 'claimThreshold', 'narrativeModel', 'caseData', 'caseFiles', 'caseThreshold'] as const;
  const out: Record<string, unknown> = {};
  for (const k of keys) if (options[k] !== undefined) out[k] = options[k];
  return out as AnalyzerSettings;
}

/** A named layer that the registry knows how to build. */
export interface AnalyzerFactory {
  readonly layer: string;
  readonly description: string;
  readonly requires: readonly string[];
  /** Shown in output when the caller does not name layers; bulky layers (tokens) are shown on request. */
  readonly shownByDefault: boolean;
  create(settings: AnalyzerSettings): Promise<Analyzer> | Analyzer;
}
