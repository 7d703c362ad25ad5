/**
 * The shapes the app reads from the API. They are the server's own types
 * (type-only imports, erased from the bundle), so that a change of the store
 * or the analysis format shows up here as a type error rather than as a
 * blank panel.
 */
import type { AnalysisJson, LabelJson } from '../../src/output/analysis-json.ts';
import type {
  ActorCount,
  ActorQuote,
  AnalysisSummary,
  Cluster,
  FacetCount,
  Feed,
  LabelCount,
  LabelShare,
  SearchItem,
  SearchResult,
  Source,
  StoredArticle,
  TechniqueRate,
} from '../../src/store/types.ts';

export type {
  ActorCount,
  ActorQuote,
  AnalysisJson,
  AnalysisSummary,
  Cluster,
  FacetCount,
  Feed,
  LabelCount,
  LabelJson,
  LabelShare,
  SearchItem,
  SearchResult,
  Source,
  StoredArticle,
  TechniqueRate,
};

/** A check-worthy claim (the `claims` layer, top-level `claims`). Offsets in code points. */
export interface ClaimJson {
  start: number;
  end: number;
  score: number;
  evidence: string[];
}

/** A sub-narrative as the narratives layer gives it (older analyses: a bare label). */
export type SublabelJson = string | { label: string; score?: number };

export interface NarrativeJson {
  label: string;
  sublabels: SublabelJson[];
  score: number;
  evidence: string[];
  name?: string;
}

/** A known disinformation case whose claim an article repeats, with its debunk. */
export interface KnownCaseJson {
  /** The claim of the article (its text), or its offsets. */
  claim: string | { start: number; end: number };
  caseId: string;
  similarity: number;
  summary: string;
  disproof: string;
  url: string | null;
  title?: string;
  date?: string;
}

/**
 * AnalysisJson as the app reads it: the lists of the newer layers are
 * optional (older stored analyses lack them) and typed leniently (a
 * sub-narrative may be a bare label), and each is rendered when present.
 */
export interface Analysis extends Omit<AnalysisJson, 'claims' | 'narratives' | 'knownCases'> {
  claims?: ClaimJson[];
  narratives?: NarrativeJson[];
  knownCases?: KnownCaseJson[];
}

export interface Health {
  ok: boolean;
  version: string;
  store: string;
}

export interface SessionInfo {
  csrfToken: string;
  role: string;
}

export interface AnalyzeResponse {
  analysis: Analysis;
  articleId?: number;
}

export interface ArticleResponse {
  article: StoredArticle;
  analysis: Analysis | null;
  history: AnalysisSummary[];
}

export type Facets = NonNullable<SearchResult['facets']>;
