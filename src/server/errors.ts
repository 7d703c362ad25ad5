/**
 * The API's errors: one JSON shape, `{error: {code, message}}`, with a small
 * set of stable codes that clients (the web app, scripts) branch on. The
 * message is one line for people; it never carries a stack trace.
 */
import type { z } from 'zod';

export const ERROR_STATUS = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  payload_too_large: 413,
  unsupported_media_type: 415,
  fetch_failed: 422,
  rate_limited: 429,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;
export type ErrorStatus = (typeof ERROR_STATUS)[ErrorCode];

export class ApiError extends Error {
  override name = 'ApiError';
  readonly status: ErrorStatus;
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** Extra response headers (Retry-After, WWW-Authenticate). */
    readonly headers: Record<string, string> = {},
  ) {
    super(message.replace(/\s*\n\s*/g, ' '));
    this.status = ERROR_STATUS[code];
  }
}

export interface ErrorBody {
  error: { code: ErrorCode; message: string };
}

export function errorBody(error: ApiError): ErrorBody {
  return { error: { code: error.code, message: error.message } };
}

/** Zod's issues as one line: `query.limit: Too big: expected number to be <=500; body.text: …` (at most three). */
export function summarizeIssues(where: string, error: z.ZodError): string {
  const shown = error.issues.slice(0, 3).map((issue) => {
    const path = [where, ...issue.path.map(String)].filter(Boolean).join('.');
    return `${path}: ${issue.message}`;
  });
  const more = error.issues.length > 3 ? ` (and ${error.issues.length - 3} more)` : '';
  return `${shown.join('; ')}${more}`;
}
