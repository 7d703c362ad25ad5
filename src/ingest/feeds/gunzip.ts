/**
 * Gzip'd sitemaps read from disk (.xml.gz). The size cap applies to the
 * decompressed output, so a small bomb cannot fill memory.
 */
import { gunzipSync } from 'node:zlib';
import { InputError } from '../decode-text.ts';

function describe(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${bytes} bytes`;
}

/** Decompresses gzip data (recognised by its magic bytes); anything else is returned unchanged. */
export function maybeGunzip(bytes: Uint8Array, limit: number, origin = 'input'): Uint8Array {
  if (bytes.length < 2 || bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes;
  try {
    return gunzipSync(bytes, { maxOutputLength: Math.max(1, limit) });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ERR_BUFFER_TOO_LARGE' || error instanceof RangeError) {
      throw new InputError(`${origin}: decompresses to more than the ${describe(limit)} limit`);
    }
    throw new InputError(`${origin}: damaged gzip data (${(error as Error).message})`);
  }
}
