/** Messages between the server and its analysis thread: plain data only. */
import type { DocInput } from '../analyze/pipeline.ts';

export interface AnalyzerInit {
  layers?: readonly string[] | undefined;
  language?: string | undefined;
}

export type AnalyzerMessage =
  | { type: 'analyze'; id: number; input: DocInput; layers?: readonly string[] | undefined; language?: string | undefined }
  | { type: 'warm'; id: number };

/** `user`: the request was wrong (an unknown layer); anything else is a fault. */
export type AnalyzerReply = { id: number; ok: true; json?: string } | { id: number; ok: false; error: string; user: boolean };
