/**
 * The user's exceptions to the address policy. An entry is a CIDR range or
 * address (`10.0.0.0/8`, `::1`), an address on one port (`127.0.0.1:8080`,
 * `[::1]:8080`), or a host name with or without a port (`intranet.example`,
 * `localhost:3000`). A host-name entry trusts whatever that name resolves to;
 * an address entry trusts the address whatever name led there. Ports let a
 * test (or a user) open one loopback service without opening all of them.
 */
import { domainToASCII } from 'node:url';
import { InputError } from '../decode-text.ts';
import { type IpAddress, type IpRange, inRange, parseIp, parseRange, unmapIpv4 } from './ip.ts';

export type AllowEntry =
  | { kind: 'range'; range: IpRange; port?: number }
  | { kind: 'host'; host: string; port?: number };

export type AllowList = readonly AllowEntry[];

function badEntry(text: string): InputError {
  return new InputError(`--allow-host: '${text}' is not a host name, host:port, IP address or CIDR range`);
}

function port(text: string, entry: string): number {
  const n = Number(text);
  if (!/^\d{1,5}$/.test(text) || n < 1 || n > 65535) throw badEntry(entry);
  return n;
}

export function normalizeHost(host: string): string {
  const bare = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  if (parseIp(bare)) return bare.toLowerCase();
  return domainToASCII(bare.replace(/\.$/, '')).toLowerCase();
}

export function parseAllowEntry(input: string): AllowEntry {
  const text = input.trim();
  if (text.includes('/')) {
    const range = parseRange(text);
    if (!range) throw badEntry(input);
    return { kind: 'range', range };
  }
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(text);
  if (bracketed) {
    const range = parseRange(bracketed[1]!);
    if (!range || range.version !== 6) throw badEntry(input);
    return { kind: 'range', range, ...(bracketed[2] !== undefined && { port: port(bracketed[2], input) }) };
  }
  const whole = parseRange(text);
  if (whole) return { kind: 'range', range: whole };
  const withPort = /^([^:]+):([^:]*)$/.exec(text);
  const name = withPort ? withPort[1]! : text;
  const entryPort = withPort ? port(withPort[2]!, input) : undefined;
  const ip = parseRange(name);
  if (ip) return { kind: 'range', range: ip, ...(entryPort !== undefined && { port: entryPort }) };
  const host = normalizeHost(name);
  if (!/^[a-z0-9_](?:[a-z0-9_.-]*[a-z0-9_])?$/.test(host) || host.includes('..')) throw badEntry(input);
  return { kind: 'host', host, ...(entryPort !== undefined && { port: entryPort }) };
}

export function parseAllowList(entries: readonly string[] = []): AllowList {
  return entries.map(parseAllowEntry);
}

export function isAllowed(list: AllowList, target: { host: string; port: number }, address: IpAddress): boolean {
  const host = normalizeHost(target.host);
  const ip = unmapIpv4(address);
  return list.some((entry) => {
    if (entry.port !== undefined && entry.port !== target.port) return false;
    return entry.kind === 'host' ? entry.host === host : inRange(ip, entry.range);
  });
}
