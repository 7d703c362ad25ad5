import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { InputError } from '../decode-text.ts';
import { readWarc } from './read-warc.ts';
import { isWarcError, type WarcError, type WarcItem, type WarcRecord } from './types.ts';
import { httpResponsePayload, warcRecordBytes, writeWarc, type WarcRecordInput } from './write-warc.ts';

const DATE = '2025-06-01T10:00:00Z';

function records(): WarcRecordInput[] {
  return [
    { type: 'warcinfo', recordId: '<urn:uuid:00000000-0000-0000-0000-000000000001>', date: DATE, contentType: 'application/warc-fields', payload: 'software: spinscope-test\r\n' },
    {
      type: 'response',
      recordId: '<urn:uuid:00000000-0000-0000-0000-000000000002>',
      date: DATE,
      targetUri: 'https://news.example/a',
      contentType: 'application/http; msgtype=response',
      concurrentTo: ['<urn:uuid:00000000-0000-0000-0000-000000000009>', '<urn:uuid:00000000-0000-0000-0000-000000000008>'],
      payload: httpResponsePayload({ status: 200, headers: { 'Content-Type': 'text/html' }, body: '<html><body><p>First page.</p></body></html>' }),
    },
    { type: 'resource', recordId: '<urn:uuid:00000000-0000-0000-0000-000000000003>', date: DATE, targetUri: 'file:///notes.txt', contentType: 'text/plain', payload: 'A plain resource.\n' },
    {
      type: 'revisit',
      recordId: '<urn:uuid:00000000-0000-0000-0000-000000000004>',
      date: DATE,
      targetUri: 'https://news.example/a',
      refersTo: '<urn:uuid:00000000-0000-0000-0000-000000000002>',
      contentType: 'application/http; msgtype=response',
      payload: 'HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n',
    },
  ];
}

async function collect(source: Parameters<typeof readWarc>[0], options?: Parameters<typeof readWarc>[1]): Promise<WarcItem[]> {
  const out: WarcItem[] = [];
  for await (const item of readWarc(source, options)) out.push(item);
  return out;
}

const recordsOf = (items: WarcItem[]) => items.filter((i): i is WarcRecord => !isWarcError(i));
const errorsOf = (items: WarcItem[]) => items.filter(isWarcError);
const ids = (items: WarcItem[]) => recordsOf(items).map((r) => r.recordId);
const text = (bytes: Uint8Array) => Buffer.from(bytes).toString('utf8');

/** Splits bytes into chunks of `size` so every boundary case of the streaming parser gets exercised. */
function chunked(bytes: Uint8Array, size: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += size) out.push(bytes.subarray(i, i + size));
  return out;
}

/** A deterministic pseudo-random byte string (incompressible, to force large gzip members). */
function noise(length: number, seed = 1): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

const ALL_IDS = records().map((r) => r.recordId);

test('reads a plain WARC: fields, payloads and offsets', async () => {
  const input = records();
  const bytes = writeWarc(input, { compression: 'none' });
  const items = await collect([bytes]);
  assert.deepEqual(errorsOf(items), []);
  const got = recordsOf(items);
  assert.deepEqual(got.map((r) => r.type), ['warcinfo', 'response', 'resource', 'revisit']);
  const response = got[1]!;
  assert.equal(response.version, 'WARC/1.0');
  assert.equal(response.targetUri, 'https://news.example/a');
  assert.equal(response.date, DATE);
  assert.equal(response.contentType, 'application/http; msgtype=response');
  assert.deepEqual(response.concurrentTo, ['<urn:uuid:00000000-0000-0000-0000-000000000009>', '<urn:uuid:00000000-0000-0000-0000-000000000008>']);
  assert.equal(response.contentLength, response.payload.length);
  assert.match(text(response.payload), /^HTTP\/1\.1 200 OK\r\n[\s\S]*First page/);
  assert.equal(got[3]!.refersTo, '<urn:uuid:00000000-0000-0000-0000-000000000002>');
  assert.equal(text(got[2]!.payload), 'A plain resource.\n');
  let offset = 0;
  for (const [i, record] of got.entries()) {
    assert.equal(record.offset, offset, `offset of record ${i}`);
    assert.equal(record.fileOffset, undefined);
    offset += warcRecordBytes(input[i]!).length;
  }
});

test('reads per-record gzip and whole-file gzip the same as plain, whatever the chunking', async () => {
  const input = records();
  const plain = recordsOf(await collect([writeWarc(input, { compression: 'none' })]));
  for (const compression of ['none', 'record', 'file'] as const) {
    const bytes = writeWarc(input, { compression });
    for (const size of [1, 7, 64, 100_000]) {
      const got = await collect(chunked(bytes, size));
      assert.deepEqual(errorsOf(got), [], `${compression}, chunks of ${size}`);
      const rs = recordsOf(got);
      assert.deepEqual(rs.map((r) => [r.recordId, text(r.payload), r.offset]), plain.map((r) => [r.recordId, text(r.payload), r.offset]), `${compression}, chunks of ${size}`);
    }
  }
});

test('per-record gzip gives each record the file offset of its gzip member', async () => {
  const members = records().map((r) => gzipSync(warcRecordBytes(r)));
  const got = recordsOf(await collect([Buffer.concat(members)]));
  let at = 0;
  for (const [i, record] of got.entries()) {
    assert.equal(record.fileOffset, at, `record ${i}`);
    at += members[i]!.length;
  }
  const whole = recordsOf(await collect([writeWarc(records(), { compression: 'file' })]));
  assert.deepEqual(whole.map((r) => r.fileOffset), [0, undefined, undefined, undefined]);
});

test('reads WARC/1.1 and a record larger than the synchronous inflate window', async () => {
  const big = noise(700_000);
  const input: WarcRecordInput[] = [
    { type: 'resource', recordId: '<urn:uuid:big>', targetUri: 'https://news.example/big.bin', contentType: 'application/octet-stream', payload: big },
    records()[2]!,
  ];
  for (const compression of ['record', 'file'] as const) {
    const got = await collect(chunked(writeWarc(input, { compression, version: '1.1' }), 50_000));
    assert.deepEqual(errorsOf(got), [], compression);
    const rs = recordsOf(got);
    assert.equal(rs[0]!.version, 'WARC/1.1');
    assert.ok(Buffer.from(rs[0]!.payload).equals(Buffer.from(big)), compression);
    assert.equal(text(rs[1]!.payload), 'A plain resource.\n');
  }
});

test('reads a file by path', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'warc-'));
  try {
    const path = join(dir, 'crawl.warc.gz');
    writeFileSync(path, writeWarc(records()));
    assert.deepEqual(ids(await collect(path)), ALL_IDS);
    await assert.rejects(collect(join(dir, 'missing.warc')), (e: unknown) => e instanceof InputError && /missing\.warc: no such file/.test(e.message));
  } finally {
    rmSync(dir, { recursive: true });
  }
});

for (const compression of ['none', 'record', 'file'] as const) {
  test(`a truncated final record (${compression}): earlier records read, the cut reported`, async () => {
    const full = writeWarc(records(), { compression });
    const cut = full.subarray(0, full.length - 30);
    const items = await collect([cut], { origin: 'cut.warc' });
    assert.deepEqual(ids(items), ALL_IDS.slice(0, 3));
    const errors = errorsOf(items);
    assert.equal(errors.length, 1, JSON.stringify(errors));
    assert.match(errors[0]!.error, /^cut\.warc: record/);
    assert.match(errors[0]!.error, /truncated|ends inside/);
    if (compression !== 'file') assert.equal(errors[0]!.recordId, ALL_IDS[3]);
  });
}

test('plain WARC: a garbled header in the middle is reported and reading resumes at the next record', async () => {
  const parts = records().map((r) => warcRecordBytes(r));
  const bad = Buffer.from(parts[1]!);
  bad.write('WARX', 0, 'latin1');
  const items = await collect([Buffer.concat([parts[0]!, bad, parts[2]!, parts[3]!])]);
  assert.deepEqual(ids(items), [ALL_IDS[0], ALL_IDS[2], ALL_IDS[3]]);
  const errors = errorsOf(items);
  assert.equal(errors.length, 1);
  assert.match(errors[0]!.error, /expected a WARC\/1\.x record header, found 'WARX\/1\.0/);
  assert.equal(errors[0]!.offset, parts[0]!.length);
});

test('plain WARC: a wrong Content-Length (too long or too short) costs only that record', async () => {
  const parts = records().map((r) => warcRecordBytes(r));
  for (const delta of [+40, -10]) {
    const record = Buffer.from(parts[1]!).toString('latin1');
    const length = Number(/Content-Length: (\d+)/.exec(record)![1]);
    const bad = Buffer.from(record.replace(/Content-Length: \d+/, `Content-Length: ${length + delta}`), 'latin1');
    const items = await collect(chunked(Buffer.concat([parts[0]!, bad, parts[2]!, parts[3]!]), 13));
    assert.deepEqual(ids(items), [ALL_IDS[0], ALL_IDS[2], ALL_IDS[3]], `delta ${delta}`);
    const errors = errorsOf(items);
    assert.equal(errors.length, 1, `delta ${delta}: ${JSON.stringify(errors)}`);
    assert.equal(errors[0]!.recordId, ALL_IDS[1]);
    assert.match(errors[0]!.error, /Content-Length \(\d+\) does not match its content/);
  }
});

test('plain WARC: a Content-Length that runs past the end of the file still lets the records it swallowed be read', async () => {
  const parts = records().map((r) => warcRecordBytes(r));
  const record = Buffer.from(parts[1]!).toString('latin1');
  const bad = Buffer.from(record.replace(/Content-Length: \d+/, 'Content-Length: 999999'), 'latin1');
  const items = await collect([Buffer.concat([parts[0]!, bad, parts[2]!, parts[3]!])]);
  assert.deepEqual(ids(items), [ALL_IDS[0], ALL_IDS[2], ALL_IDS[3]]);
  assert.equal(errorsOf(items).length, 1);
  assert.match(errorsOf(items)[0]!.error, /truncated/);
});

test('per-record gzip: a damaged member in the middle is reported and the next members are read', async () => {
  const members = records().map((r) => gzipSync(warcRecordBytes(r)));
  const damaged = Buffer.from(members[1]!);
  for (let i = 20; i < 40; i++) damaged[i] = damaged[i]! ^ 0x5a;
  const items = await collect(chunked(Buffer.concat([members[0]!, damaged, members[2]!, members[3]!]), 16));
  assert.deepEqual(ids(items), [ALL_IDS[0], ALL_IDS[2], ALL_IDS[3]]);
  const errors = errorsOf(items);
  assert.equal(errors.length, 1, JSON.stringify(errors));
  assert.match(errors[0]!.error, new RegExp(`gzip member at compressed offset ${members[0]!.length}`));
});

test('per-record gzip: a CRC mismatch refuses that record only', async () => {
  const members = records().map((r) => gzipSync(warcRecordBytes(r)));
  const damaged = Buffer.from(members[2]!);
  damaged[damaged.length - 8] = damaged[damaged.length - 8]! ^ 1;
  const items = await collect([Buffer.concat([members[0]!, members[1]!, damaged, members[3]!])]);
  assert.deepEqual(ids(items), [ALL_IDS[0], ALL_IDS[1], ALL_IDS[3]]);
  const errors = errorsOf(items);
  assert.equal(errors.length, 1);
  assert.equal(errors[0]!.recordId, ALL_IDS[2]);
  assert.match(errors[0]!.error, /CRC-32 mismatch/);
});

test('per-record gzip: garbage between members and zero padding', async () => {
  const members = records().map((r) => gzipSync(warcRecordBytes(r)));
  const items = await collect([Buffer.concat([members[0]!, Buffer.from('some junk bytes'), members[1]!, members[2]!, members[3]!, Buffer.alloc(512)])]);
  assert.deepEqual(ids(items), ALL_IDS);
  assert.equal(errorsOf(items).length, 1);
  assert.match(errorsOf(items)[0]!.error, /no gzip member where one should start/);
});

test('an oversized record is skipped and reported with its header and first bytes', async () => {
  const input = records();
  input.splice(2, 0, {
    type: 'response',
    recordId: '<urn:uuid:video>',
    targetUri: 'https://news.example/video.mp4',
    contentType: 'application/http; msgtype=response',
    payload: httpResponsePayload({ status: 200, headers: { 'Content-Type': 'video/mp4' }, body: noise(200_000) }),
  });
  for (const compression of ['none', 'record'] as const) {
    const items = await collect(chunked(writeWarc(input, { compression }), 4096), { maxRecordBytes: 100_000 });
    assert.deepEqual(ids(items), ALL_IDS, compression);
    const errors = errorsOf(items) as WarcError[];
    assert.equal(errors.length, 1);
    assert.equal(errors[0]!.recordId, '<urn:uuid:video>');
    assert.match(errors[0]!.error, /skipped, its 195\.\d KB payload is over the 97\.7 KB record limit/);
    const skipped = errors[0]!.skipped!;
    assert.equal(skipped.header.targetUri, 'https://news.example/video.mp4');
    assert.equal(skipped.head.length, 8192);
    assert.match(text(skipped.head), /^HTTP\/1\.1 200 OK\r\nContent-Type: video\/mp4/);
  }
});

test('input that is not a WARC file is refused with a clear message', async () => {
  const refuse = (bytes: Uint8Array, pattern: RegExp) =>
    assert.rejects(collect([bytes], { origin: 'in.warc' }), (e: unknown) => e instanceof InputError && pattern.test(e.message));
  await refuse(Buffer.from('<!doctype html><html></html>'), /^in\.warc: not a WARC file \(it starts with '<!doctype html><', not 'WARC\/1\.0'/);
  await refuse(Buffer.from('filedesc://IA-001.arc 0.0.0.0 20050614070144 text/plain 1234\n'), /ARC file/);
  await refuse(Buffer.from('WARC/0.18\r\n'), /unsupported WARC version 'WARC\/0\.18'/);
  await refuse(gzipSync('plain text, not a WARC'), /not a WARC file/);
  await refuse(new Uint8Array(0), /in\.warc: input is empty/);
});

test('per-record gzip: damage inside a member too large to inflate in one step', async () => {
  const big: WarcRecordInput = { type: 'resource', recordId: '<urn:uuid:big>', targetUri: 'https://news.example/big.bin', contentType: 'text/plain', payload: Buffer.from(noise(600_000, 7)).toString('hex') };
  const members = [records()[0]!, big, records()[2]!, records()[3]!].map((r) => gzipSync(warcRecordBytes(r)));
  const damaged = Buffer.from(members[1]!);
  for (let i = 300_000; i < 300_050; i++) damaged[i] = damaged[i]! ^ 0xa5;
  const items = await collect(chunked(Buffer.concat([members[0]!, damaged, members[2]!, members[3]!]), 65_536));
  assert.deepEqual(ids(items), [ALL_IDS[0], ALL_IDS[2], ALL_IDS[3]]);
  const errors = errorsOf(items);
  assert.equal(errors.length, 1, JSON.stringify(errors));
  assert.equal(errors[0]!.recordId, '<urn:uuid:big>');
  assert.match(errors[0]!.error, /gzip member at compressed offset \d+: (corrupt deflate data|CRC-32 mismatch)/);
});
