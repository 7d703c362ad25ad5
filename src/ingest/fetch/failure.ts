/**
 * Why one request failed, as the tail of a user-facing message. The fetcher
 * prefixes the URL and turns it into an InputError; `retryable` tells the
 * retry loop whether trying again could help.
 */
export type FailureKind = 'refused' | 'network' | 'timeout' | 'limit' | 'encoding' | 'status' | 'robots' | 'redirect';

export class FetchFailure extends Error {
  override name = 'FetchFailure';
  constructor(
    message: string,
    readonly kind: FailureKind,
    readonly retryable = false,
  ) {
    super(message);
  }
}

export function describeBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${bytes} bytes`;
}

export function describeSeconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(3))} s`;
}

export function tooLarge(maxBytes: number): FetchFailure {
  return new FetchFailure(`larger than the ${describeBytes(maxBytes)} limit (raise it with --max-bytes)`, 'limit');
}

/** The URL as it may appear in messages and results: user name and password never leave the request. */
export function redactUrl(url: URL): string {
  if (!url.username && !url.password) return url.href;
  const copy = new URL(url.href);
  copy.username = '';
  copy.password = '';
  return copy.href;
}
