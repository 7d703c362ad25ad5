/**
 * RESP2, the Redis wire protocol: commands out as arrays of bulk strings,
 * replies in as simple strings, errors, integers, bulk strings and arrays.
 * The parser is incremental: a reply split across TCP reads waits for the
 * rest instead of being misread.
 */

/** An error reply (`-ERR …`); inside an EXEC result it stands in its slot. */
export class RedisReplyError extends Error {
  override name = 'RedisReplyError';
}

export type Reply = string | number | null | RedisReplyError | Reply[];

const CRLF = Buffer.from('\r\n');

export function encodeCommand(command: string, args: readonly (string | Buffer | number)[]): Buffer {
  const parts: Buffer[] = [Buffer.from(`*${args.length + 1}\r\n$${Buffer.byteLength(command)}\r\n${command}\r\n`)];
  for (const arg of args) {
    const bytes = Buffer.isBuffer(arg) ? arg : Buffer.from(String(arg));
    parts.push(Buffer.from(`$${bytes.length}\r\n`), bytes, CRLF);
  }
  return Buffer.concat(parts);
}

/** Signals that the buffer ends inside a reply. */
const INCOMPLETE = Symbol('incomplete');

export class RespParser {
  private buffer: Buffer = Buffer.alloc(0);
  private offset = 0;

  /** Feeds bytes; returns every reply now complete, in order. */
  push(chunk: Buffer): Reply[] {
    this.buffer = this.offset < this.buffer.length ? Buffer.concat([this.buffer.subarray(this.offset), chunk]) : chunk;
    this.offset = 0;
    const out: Reply[] = [];
    for (;;) {
      const start = this.offset;
      const reply = this.read();
      if (reply === INCOMPLETE) {
        this.offset = start;
        break;
      }
      out.push(reply);
    }
    return out;
  }

  private line(): string | typeof INCOMPLETE {
    const end = this.buffer.indexOf(CRLF, this.offset);
    if (end < 0) return INCOMPLETE;
    const text = this.buffer.toString('utf8', this.offset, end);
    this.offset = end + 2;
    return text;
  }

  private read(): Reply | typeof INCOMPLETE {
    if (this.offset >= this.buffer.length) return INCOMPLETE;
    const type = String.fromCharCode(this.buffer[this.offset]!);
    this.offset++;
    const head = this.line();
    if (head === INCOMPLETE) return INCOMPLETE;
    switch (type) {
      case '+':
        return head;
      case '-':
        return new RedisReplyError(head);
      case ':':
        return Number(head);
      case '$': {
        const length = Number(head);
        if (length < 0) return null;
        if (this.offset + length + 2 > this.buffer.length) return INCOMPLETE;
        const text = this.buffer.toString('utf8', this.offset, this.offset + length);
        this.offset += length + 2;
        return text;
      }
      case '*': {
        const count = Number(head);
        if (count < 0) return null;
        const items: Reply[] = [];
        for (let i = 0; i < count; i++) {
          const item = this.read();
          if (item === INCOMPLETE) return INCOMPLETE;
          items.push(item);
        }
        return items;
      }
      default:
        throw new Error(`Redis protocol error: unexpected reply type '${type}'`);
    }
  }
}
