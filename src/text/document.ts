/**
 * The document model: the exact text plus layers of stand-off annotations.
 *
 * Inside the process every offset is a UTF-16 index into `Doc.text`, so layers
 * can slice the string directly. `output/` converts to code points, once, when
 * a document leaves the process.
 */

/** Which model produced a layer, so analyses by different versions can be kept side by side. */
export interface ModelInfo {
  name: string;
  version: string;
}

/** A stand-off annotation over `[start, end)` of the document text. */
export interface Span {
  start: number;
  end: number;
  label: string;
  /** Calibrated probability in [0, 1] where the layer is probabilistic. */
  score?: number;
  /** What drove the decision, readable by a person. */
  evidence?: string[];
  attrs?: Record<string, unknown>;
}

/** A label of the whole document (language, genre, frame …). */
export interface DocLabel {
  label: string;
  score?: number;
  evidence?: string[];
  attrs?: Record<string, unknown>;
}

/**
 * `ok`: the layer ran. `unsupported-language`: the layer has no model for the
 * document's language and left it alone, which is not an error; `note` says so.
 */
export type LayerStatus = 'ok' | 'unsupported-language';

export interface Layer {
  name: string;
  model: ModelInfo;
  status: LayerStatus;
  note?: string;
  spans: Span[];
  labels: DocLabel[];
}

/** Where a document came from; every field is optional because text can come from anywhere. */
export interface DocSource {
  kind: 'file' | 'url' | 'stdin' | 'text';
  path?: string;
  url?: string;
  contentType?: string;
}

export interface Doc {
  /** Caller's identifier (a file name without extension in `batch`). */
  id?: string;
  /** The exact input text, BOM and CRLF included. */
  text: string;
  source?: DocSource;
  title?: string;
  layers: Record<string, Layer>;
}

export function createDoc(text: string, init: Omit<Doc, 'text' | 'layers'> = {}): Doc {
  return { ...init, text, layers: {} };
}

export function spanText(doc: Doc, span: Pick<Span, 'start' | 'end'>): string {
  return doc.text.slice(span.start, span.end);
}

/** Spans of a layer, or an empty list when the layer did not run or did not apply. */
export function layerSpans(doc: Doc, name: string): Span[] {
  const layer = doc.layers[name];
  return layer && layer.status === 'ok' ? layer.spans : [];
}
