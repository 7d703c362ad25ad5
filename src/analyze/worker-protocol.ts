/** Messages between `analyzeMany` and its worker threads: plain data only. */
import type { Doc } from '../text/document.ts';
import type { DocInput } from './pipeline.ts';
import type { AnalyzerSettings } from './component.ts';

/** `doc`: send the analysed document back; `json`: send its JSON output line. */
export type ManyMode = 'doc' | 'json';

export interface WorkerRequest {
  /** Sent as workerData when the thread starts. */
  init: { layers?: readonly string[] | undefined; settings: AnalyzerSettings; mode: ManyMode };
  doc: { index: number; input: DocInput };
}

export type WorkerReply =
  | { type: 'ready' }
  | { type: 'fatal'; error: string }
  | { type: 'result'; index: number; ok: true; value: Doc | string }
  | { type: 'result'; index: number; ok: false; error: string };
