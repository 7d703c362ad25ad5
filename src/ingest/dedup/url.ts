/**
 * One spelling per article URL, so the same story reached through a
 * newsletter link, a social share and an AMP page counts once: tracking
 * parameters, fragments, AMP markers, default ports, index files and
 * needless percent-escapes go; remaining parameters are sorted. The path's
 * case is kept (servers are case-sensitive) and so is the host's `www.`
 * (it can be a different site); `hostKey` is the looser key for grouping.
 */
import { InputError } from '../decode-text.ts';

const TRACKING = new Set([
  'fbclid', 'gclid', 'dclid', 'gbraid', 'wbraid', 'msclkid', 'yclid', 'twclid', 'ttclid', 'li_fat_id',
  'mc_cid', 'mc_eid', 'igshid', 'igsh', '_ga', '_gl', 'ref', 'ref_src', 'ref_url', 'referrer',
  'cmpid', 'cmp', 'ocid', 'smid', 'smtyp', '__twitter_impression', 'xtor', 'ito', 'ftag', 'guccounter',
  'guce_referrer', 'guce_referrer_sig', 'mkt_tok', 'wt.mc_id', 'sr_share', 'soc_src', 'soc_trk',
  'at_medium', 'at_campaign', 'at_source', 'spm', 'share', 'via', 'rss', 'taid', 'vero_id',
]);
const TRACKING_PREFIXES = ['utm_', '_hs', 'mtm_', 'pk_', 'ns_', 'oly_', 'hsa_'];
const AMP_PARAMS = new Map<string, RegExp>([
  ['amp', /.*/],
  ['outputtype', /^amp$/i],
  ['output', /^amp$/i],
]);
const INDEX_FILE = /\/index\.(?:html?|php|aspx?)$/i;
const HOST_PREFIX = /^(?:www\d?|m|mobile|amp)\./;

function isTracking(key: string): boolean {
  const k = key.toLowerCase();
  return TRACKING.has(k) || TRACKING_PREFIXES.some((p) => k.startsWith(p));
}

function isAmpMarker(key: string, value: string): boolean {
  const test = AMP_PARAMS.get(key.toLowerCase());
  return test !== undefined && test.test(value);
}

/** Decodes %XX escapes of unreserved characters (RFC 3986 §2.3) and upper-cases the hex of the rest. */
function normaliseEscapes(s: string): string {
  return s.replace(/%([0-9a-fA-F]{2})/g, (_, hex: string) => {
    const c = String.fromCharCode(parseInt(hex, 16));
    return /[A-Za-z0-9\-._~]/.test(c) ? c : `%${hex.toUpperCase()}`;
  });
}

function decodeKey(raw: string): string {
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    return raw;
  }
}

function parse(url: string): URL {
  try {
    return new URL(url.trim());
  } catch {
    throw new InputError(`not a URL: '${url.slice(0, 200)}'`);
  }
}

export function canonicalizeUrl(url: string): string {
  const u = parse(url);
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return u.href;
  u.hash = '';
  if (u.hostname.endsWith('.')) u.hostname = u.hostname.slice(0, -1);

  let path = normaliseEscapes(u.pathname);
  path = path.replace(INDEX_FILE, '/');
  // "/story/amp" is "/story", and WordPress's "/story/amp/" is "/story/"
  path = path.replace(/\/amp(\/?)$/i, '$1') || '/';

  const params = u.search
    .slice(1)
    .split('&')
    .filter((p) => p !== '')
    .map((p) => {
      const eq = p.indexOf('=');
      const key = eq < 0 ? p : p.slice(0, eq);
      const value = eq < 0 ? '' : p.slice(eq + 1);
      return { raw: normaliseEscapes(p), key: decodeKey(key), value: decodeKey(value) };
    })
    .filter((p) => !isTracking(p.key) && !isAmpMarker(p.key, p.value));
  // stable sort: repeated keys keep their order, which some servers depend on
  params.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const query = params.length > 0 ? `?${params.map((p) => p.raw).join('&')}` : '';
  return `${u.protocol}//${u.host}${path}${query}`;
}

/** The host for grouping one outlet's pages: lowercased, without `www.`, `m.`, `mobile.` or `amp.`. */
export function hostKey(url: string): string {
  let host = parse(url).hostname.replace(/\.$/, '');
  while (HOST_PREFIX.test(host) && host.replace(HOST_PREFIX, '').includes('.')) host = host.replace(HOST_PREFIX, '');
  return host;
}
