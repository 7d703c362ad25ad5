/**
 * IP addresses as numbers, so that range tests are plain integer comparisons
 * rather than string games that text forms like `::ffff:7f00:1` or
 * `0:0:0:0:0:0:0:1` would slip past.
 */
import { isIP } from 'node:net';

export interface IpAddress {
  version: 4 | 6;
  value: bigint;
}

export interface IpRange {
  version: 4 | 6;
  /** Network bits only; host bits are cleared. */
  value: bigint;
  prefix: number;
}

const BITS = { 4: 32, 6: 128 } as const;

function parseV4(text: string): bigint {
  return text.split('.').reduce((acc, part) => (acc << 8n) | BigInt(Number(part)), 0n);
}

function parseV6(text: string): bigint {
  const groups = (part: string): number[] =>
    part === ''
      ? []
      : part.split(':').flatMap((g) => {
          if (!g.includes('.')) return [parseInt(g, 16)];
          const v4 = Number(parseV4(g));
          return [v4 >>> 16, v4 & 0xffff];
        });
  const gap = text.indexOf('::');
  const head = groups(gap < 0 ? text : text.slice(0, gap));
  const tail = gap < 0 ? [] : groups(text.slice(gap + 2));
  const all = [...head, ...new Array<number>(gap < 0 ? 0 : 8 - head.length - tail.length).fill(0), ...tail];
  return all.reduce((acc, g) => (acc << 16n) | BigInt(g), 0n);
}

/** Parses `1.2.3.4`, `::1`, `[::1]` or `fe80::1%eth0` (the zone is dropped); undefined for anything else. */
export function parseIp(text: string): IpAddress | undefined {
  let s = text.trim();
  if (s.startsWith('[') && s.endsWith(']')) s = s.slice(1, -1);
  const zone = s.indexOf('%');
  if (zone >= 0 && s.includes(':')) s = s.slice(0, zone);
  const version = isIP(s);
  if (version === 4) return { version: 4, value: parseV4(s) };
  if (version === 6) return { version: 6, value: parseV6(s) };
  return undefined;
}

/** `::ffff:a.b.c.d` is the IPv4 address a.b.c.d on the wire; everything else is returned unchanged. */
export function unmapIpv4(ip: IpAddress): IpAddress {
  if (ip.version === 6 && ip.value >> 32n === 0xffffn) return { version: 4, value: ip.value & 0xffffffffn };
  return ip;
}

export function formatIpv4(value: bigint): string {
  return [24n, 16n, 8n, 0n].map((s) => String((value >> s) & 0xffn)).join('.');
}

/** Parses `10.0.0.0/8`, `fc00::/7` or a single address (a one-address range); undefined when malformed. */
export function parseRange(text: string): IpRange | undefined {
  const slash = text.indexOf('/');
  const ip = parseIp(slash < 0 ? text : text.slice(0, slash));
  if (!ip) return undefined;
  const bits = BITS[ip.version];
  const prefixText = slash < 0 ? String(bits) : text.slice(slash + 1);
  if (!/^\d{1,3}$/.test(prefixText)) return undefined;
  const prefix = Number(prefixText);
  if (prefix > bits) return undefined;
  const shift = BigInt(bits - prefix);
  return { version: ip.version, value: (ip.value >> shift) << shift, prefix };
}

export function inRange(ip: IpAddress, range: IpRange): boolean {
  if (ip.version !== range.version) return false;
  const shift = BigInt(BITS[ip.version] - range.prefix);
  return ip.value >> shift === range.value >> shift;
}
