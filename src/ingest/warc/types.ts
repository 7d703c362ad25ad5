/**
 * What the WARC reader hands out. Plain data (no classes, no Maps), so records
 * cross worker threads and queues unchanged.
 */

/** One record's WARC header block, with the fields callers look at most pulled out. */
export interface WarcHeader {
  /** The version line, e.g. "WARC/1.0" or "WARC/1.1". */
  version: string;
  /** WARC-Type, lowercased: "response", "request", "resource", "revisit", "metadata", "warcinfo", … */
  type: string;
  /** WARC-Record-ID as written, angle brackets included, e.g. "<urn:uuid:…>". */
  recordId?: string;
  /** WARC-Target-URI without the angle brackets some WARC/1.0 writers put around it. */
  targetUri?: string;
  /** WARC-Date as written (ISO 8601, UTC). */
  date?: string;
  contentType?: string;
  contentLength: number;
  /** Every WARC-Concurrent-To value (the field may repeat). */
  concurrentTo: string[];
  refersTo?: string;
  /** All header fields by lowercased name; a repeated field's values are joined with ", ". */
  fields: Record<string, string>;
}

export interface WarcRecord extends WarcHeader {
  payload: Uint8Array;
  /** Where the record starts in the uncompressed WARC stream. */
  offset: number;
  /** For gzip'd input: where the gzip member holding the record's start begins in the file (what CDX indexes record). */
  fileOffset?: number;
}

/** A record that could not be read, or was skipped; the reader carries on after it. */
export interface WarcError {
  error: string;
  /** Where the bad or skipped record starts in the uncompressed WARC stream. */
  offset: number;
  recordId?: string;
  /** Set for a record skipped for its size: its header and the first bytes of its payload. */
  skipped?: { header: WarcHeader; head: Uint8Array };
}

export type WarcItem = WarcRecord | WarcError;

export function isWarcError(item: WarcItem): item is WarcError {
  return 'error' in item;
}
