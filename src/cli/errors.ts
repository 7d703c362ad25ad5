/**
 * Errors a user can act on print as one line with no stack trace; anything
 * else is a bug, printed as one line too, with the stack only on request.
 */
import { InputError } from '../ingest/decode-text.ts';
import { PipelineError } from '../analyze/pipeline.ts';

/** The command line was wrong: exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** Something the user can fix failed: exit code 1. */
export class CommandError extends Error {
  override name = 'CommandError';
}

export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;

export function exitCodeFor(error: unknown): number {
  return error instanceof UsageError ? EXIT.usage : EXIT.failure;
}

export function isUserError(error: unknown): boolean {
  return error instanceof UsageError || error instanceof CommandError || error instanceof InputError || error instanceof PipelineError;
}

/** The one line printed for `error`; newlines inside messages are folded so it stays one line. */
export function errorLine(error: unknown): string {
  const message = (error instanceof Error ? error.message : String(error)).replace(/\s*\n\s*/g, ' ');
  if (isUserError(error)) return `spinscope: ${message}`;
  return `spinscope: internal error: ${message} (run with SPINSCOPE_DEBUG=1 for details)`;
}
