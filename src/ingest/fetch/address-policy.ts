/**
 * Which addresses a fetch may connect to. Anything that is not a public
 * unicast address is refused (loopback, private, link-local, cloud metadata…)
 * so that a URL from an article, a feed or a redirect cannot make spinscope
 * reach into the network it runs in. The allow list is the user's way out for
 * their own servers.
 */
import { type IpAddress, type IpRange, formatIpv4, inRange, parseIp, parseRange, unmapIpv4 } from './ip.ts';
import { type AllowList, isAllowed } from './allow-list.ts';

export type AddressKind =
  | 'public'
  | 'loopback'
  | 'private'
  | 'link-local'
  | 'multicast'
  | 'unspecified'
  | 'broadcast'
  | 'carrier-grade NAT'
  | 'reserved'
  | 'benchmarking'
  | 'documentation'
  | 'cloud metadata'
  | 'invalid';

function table(rows: [string, AddressKind][]): [IpRange, AddressKind][] {
  return rows.map(([cidr, kind]) => [parseRange(cidr)!, kind]);
}

// First match wins, so the specific entries (metadata endpoints) come before the ranges holding them.
const V4 = table([
  ['169.254.169.254/32', 'cloud metadata'], // AWS, GCP, Azure, OpenStack…
  ['100.100.100.200/32', 'cloud metadata'], // Alibaba Cloud
  ['168.63.129.16/32', 'cloud metadata'], // Azure WireServer, public-looking but host-local
  ['0.0.0.0/32', 'unspecified'],
  ['0.0.0.0/8', 'reserved'],
  ['10.0.0.0/8', 'private'],
  ['100.64.0.0/10', 'carrier-grade NAT'],
  ['127.0.0.0/8', 'loopback'],
  ['169.254.0.0/16', 'link-local'],
  ['172.16.0.0/12', 'private'],
  ['192.0.0.0/24', 'reserved'], // IETF protocol assignments (holds Oracle's 192.0.0.192 metadata)
  ['192.0.2.0/24', 'documentation'],
  ['192.88.99.0/24', 'reserved'], // old 6to4 relay anycast
  ['192.168.0.0/16', 'private'],
  ['198.18.0.0/15', 'benchmarking'],
  ['198.51.100.0/24', 'documentation'],
  ['203.0.113.0/24', 'documentation'],
  ['224.0.0.0/4', 'multicast'],
  ['255.255.255.255/32', 'broadcast'],
  ['240.0.0.0/4', 'reserved'],
]);

const V6 = table([
  ['fd00:ec2::254/128', 'cloud metadata'], // AWS over IPv6
  ['::/128', 'unspecified'],
  ['::1/128', 'loopback'],
  ['2001:db8::/32', 'documentation'],
  ['3fff::/20', 'documentation'],
  ['2001::/23', 'reserved'], // IETF protocol assignments, Teredo
  ['fc00::/7', 'private'],
  ['fe80::/10', 'link-local'],
  ['ff00::/8', 'multicast'],
]);

const GLOBAL_UNICAST = parseRange('2000::/3')!;
const NAT64 = parseRange('64:ff9b::/96')!;
const SIX_TO_FOUR = parseRange('2002::/16')!;

function classifyV4(ip: IpAddress): AddressKind {
  return V4.find(([range]) => inRange(ip, range))?.[1] ?? 'public';
}

export function classifyIp(input: IpAddress): AddressKind {
  const ip = unmapIpv4(input);
  if (ip.version === 4) return classifyV4(ip);
  const listed = V6.find(([range]) => inRange(ip, range))?.[1];
  if (listed) return listed;
  // translation prefixes carry an IPv4 address that the gateway will connect to
  if (inRange(ip, NAT64)) return classifyV4({ version: 4, value: ip.value & 0xffffffffn });
  if (inRange(ip, SIX_TO_FOUR)) return classifyV4({ version: 4, value: (ip.value >> 80n) & 0xffffffffn });
  return inRange(ip, GLOBAL_UNICAST) ? 'public' : 'reserved';
}

/** The kind of a textual address; 'invalid' when it is not an IP address at all. */
export function classifyAddress(address: string): AddressKind {
  const ip = parseIp(address);
  return ip ? classifyIp(ip) : 'invalid';
}

function article(kind: AddressKind): string {
  return /^[aeiou]/.test(kind) ? 'an' : 'a';
}

/** The IPv4 form of a mapped address, so messages name what will actually be reached. */
function shown(address: string, ip: IpAddress): string {
  const v4 = unmapIpv4(ip);
  return v4 !== ip ? `${address} (${formatIpv4(v4.value)})` : address;
}

export interface Target {
  /** Host name or IP literal as in the URL, without brackets. */
  host: string;
  port: number;
}

export interface Refusal {
  /** The address as it will read in a message. */
  address: string;
  kind: AddressKind;
}

/** Undefined when `target` may connect to `address`; otherwise what the address is. */
export function refusal(target: Target, address: string, allow: AllowList): Refusal | undefined {
  const ip = parseIp(address);
  if (!ip) return { address, kind: 'invalid' };
  const kind = classifyIp(ip);
  if (kind === 'public' || isAllowed(allow, target, ip)) return undefined;
  return { address: shown(address, ip), kind };
}

const HINT = '(allow it with --allow-host)';

/** `10.0.0.5 is a private address (…)`, or with the name that led there: `intranet resolves to 10.0.0.5, a private address (…)`. */
export function describeRefusal(refused: Refusal, hostname?: string): string {
  if (refused.kind === 'invalid') return `${hostname ? `${hostname} resolves to ` : ''}'${refused.address}', which is not an IP address`;
  const what = `${article(refused.kind)} ${refused.kind} address ${HINT}`;
  return hostname ? `${hostname} resolves to ${refused.address}, ${what}` : `${refused.address} is ${what}`;
}
