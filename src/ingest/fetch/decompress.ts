/**
 * Content-Encoding decoders. Each returns a stream transform; the body reader
 * counts bytes on both sides of them, which is where the decompression-bomb
 * limits live.
 */
import { Transform, type TransformCallback } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate, createInflateRaw } from 'node:zlib';
import { FetchFailure } from './failure.ts';

export const ACCEPT_ENCODING = 'gzip, deflate, br';

/**
 * `deflate` should be zlib-wrapped (RFC 9110) but some servers send raw
 * deflate; browsers accept both, so the first two bytes decide.
 */
class InflateEither extends Transform {
  private inner: Transform | undefined;
  private head = Buffer.alloc(0);

  private start(first: Buffer): void {
    const zlibHeader = first.length >= 2 && (first[0]! & 0x0f) === 8 && ((first[0]! << 8) | first[1]!) % 31 === 0;
    const inner = zlibHeader ? createInflate() : createInflateRaw();
    inner.on('data', (chunk: Buffer) => this.push(chunk));
    inner.on('error', (error) => this.destroy(error));
    this.inner = inner;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    if (!this.inner) {
      this.head = Buffer.concat([this.head, chunk]);
      if (this.head.length < 2) return callback();
      this.start(this.head);
      chunk = this.head;
    }
    this.inner!.write(chunk, () => callback());
  }

  override _flush(callback: TransformCallback): void {
    if (!this.inner) {
      if (this.head.length === 0) return callback();
      this.start(this.head);
      this.inner!.write(this.head);
    }
    this.inner!.once('end', () => callback());
    this.inner!.end();
  }

  override _destroy(error: Error | null, callback: (error: Error | null) => void): void {
    this.inner?.destroy();
    callback(error);
  }
}

/** Encodings in the order they must be undone (the header lists them in the order they were applied). */
export function parseContentEncoding(header: string | undefined): string[] {
  if (!header) return [];
  return header
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter((s) => s && s !== 'identity')
    .reverse();
}

export function decoderFor(encoding: string): Transform {
  switch (encoding) {
    case 'gzip':
    case 'x-gzip':
      return createGunzip();
    case 'deflate':
      return new InflateEither();
    case 'br':
      return createBrotliDecompress();
    default:
      throw new FetchFailure(`unsupported content encoding '${encoding}'`, 'encoding');
  }
}

/** A zlib error in terms a user can act on. */
export function decodeFailure(encoding: string, error: NodeJS.ErrnoException): FetchFailure {
  if (error.code === 'Z_BUF_ERROR') return new FetchFailure(`${encoding} body is truncated (the compressed data ends early)`, 'encoding');
  return new FetchFailure(`${encoding} body is corrupt (${error.message})`, 'encoding');
}
