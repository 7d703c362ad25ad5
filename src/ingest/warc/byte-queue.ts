/**
 * A FIFO of byte chunks that lets a streaming parser look ahead, take and put
 * back bytes without concatenating everything it has ever seen.
 */
export class ByteQueue {
  private chunks: Uint8Array[] = [];
  length = 0;

  push(chunk: Uint8Array): void {
    if (chunk.length === 0) return;
    this.chunks.push(chunk);
    this.length += chunk.length;
  }

  /** Puts bytes back at the front (they were taken too early). */
  unshift(chunk: Uint8Array): void {
    if (chunk.length === 0) return;
    this.chunks.unshift(chunk);
    this.length += chunk.length;
  }

  /** The first `n` bytes (fewer if the queue is shorter) as one contiguous view, without consuming them. */
  peek(n: number): Uint8Array {
    n = Math.min(n, this.length);
    const first = this.chunks[0];
    if (!first) return new Uint8Array(0);
    if (first.length >= n) return first.subarray(0, n);
    // merge just enough leading chunks so later peeks at the same span are free
    const merged = new Uint8Array(n);
    let filled = 0;
    while (filled < n) {
      const c = this.chunks[0]!;
      const take = Math.min(c.length, n - filled);
      merged.set(c.subarray(0, take), filled);
      filled += take;
      if (take === c.length) this.chunks.shift();
      else this.chunks[0] = c.subarray(take);
    }
    this.chunks.unshift(merged);
    return merged;
  }

  byteAt(i: number): number | undefined {
    for (const c of this.chunks) {
      if (i < c.length) return c[i];
      i -= c.length;
    }
    return undefined;
  }

  /** Removes and returns up to `n` bytes; a view into a chunk when they lie in one. */
  take(n: number): Uint8Array {
    const out = this.peek(n);
    this.skip(out.length);
    return out;
  }

  /** Removes up to `n` bytes; returns how many were removed. */
  skip(n: number): number {
    let left = Math.min(n, this.length);
    const removed = left;
    while (left > 0) {
      const c = this.chunks[0]!;
      if (c.length <= left) {
        this.chunks.shift();
        left -= c.length;
      } else {
        this.chunks[0] = c.subarray(left);
        left = 0;
      }
    }
    this.length -= removed;
    return removed;
  }

  /** Moves up to `n` bytes into `target` at `at`; returns how many were copied. */
  copyInto(target: Uint8Array, at: number, n: number): number {
    let copied = 0;
    while (copied < n && this.chunks.length > 0) {
      const c = this.chunks[0]!;
      const take = Math.min(c.length, n - copied);
      target.set(c.subarray(0, take), at + copied);
      copied += take;
      if (take === c.length) this.chunks.shift();
      else this.chunks[0] = c.subarray(take);
    }
    this.length -= copied;
    return copied;
  }

  clear(): void {
    this.chunks = [];
    this.length = 0;
  }
}

/** Index of `needle` in `hay` at or after `from`, or -1. */
export function indexOfBytes(hay: Uint8Array, needle: Uint8Array, from = 0): number {
  const first = needle[0];
  const last = hay.length - needle.length;
  outer: for (let i = hay.indexOf(first!, from); i >= 0 && i <= last; i = hay.indexOf(first!, i + 1)) {
    for (let k = 1; k < needle.length; k++) if (hay[i + k] !== needle[k]) continue outer;
    return i;
  }
  return -1;
}
