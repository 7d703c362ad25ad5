import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classifyAddress, describeRefusal, refusal } from './address-policy.ts';
import { parseAllowEntry, parseAllowList } from './allow-list.ts';
import { parseIp, parseRange, inRange } from './ip.ts';

test('IP text forms parse to the same number', () => {
  assert.equal(parseIp('::1')!.value, parseIp('0:0:0:0:0:0:0:1')!.value);
  assert.equal(parseIp('::ffff:127.0.0.1')!.value, parseIp('::ffff:7f00:1')!.value);
  assert.equal(parseIp('[fe80::1%eth0]')!.value, parseIp('fe80::1')!.value);
  assert.equal(parseIp('1.2.3.4')!.value, 0x01020304n);
  assert.equal(parseIp('example.org'), undefined);
  assert.equal(parseIp('1.2.3'), undefined);
  assert.ok(inRange(parseIp('172.31.255.255')!, parseRange('172.16.0.0/12')!));
  assert.ok(!inRange(parseIp('172.32.0.0')!, parseRange('172.16.0.0/12')!));
  assert.ok(inRange(parseIp('8.8.8.8')!, parseRange('0.0.0.0/0')!));
  assert.equal(parseRange('10.0.0.0/33'), undefined);
  assert.equal(parseRange('10.0.0.0/x'), undefined);
});

test('every special-purpose address is refused by kind, public ones pass', () => {
  const cases: [string, string][] = [
    ['8.8.8.8', 'public'],
    ['1.1.1.1', 'public'],
    ['172.32.0.1', 'public'],
    ['192.169.0.1', 'public'],
    ['100.128.0.1', 'public'],
    ['2606:4700:4700::1111', 'public'],
    ['::ffff:8.8.8.8', 'public'],
    ['64:ff9b::808:808', 'public'],
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['::1', 'loopback'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['10.0.0.5', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['fc00::1', 'private'],
    ['fd12:3456::1', 'private'],
    ['::ffff:10.1.2.3', 'private'],
    ['64:ff9b::a00:5', 'private'], // NAT64 of 10.0.0.5
    ['2002:a00:5::1', 'private'], // 6to4 of 10.0.0.5
    ['169.254.1.1', 'link-local'],
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['ff02::1', 'multicast'],
    ['0.0.0.0', 'unspecified'],
    ['::', 'unspecified'],
    ['255.255.255.255', 'broadcast'],
    ['100.64.0.1', 'carrier-grade NAT'],
    ['100.127.255.255', 'carrier-grade NAT'],
    ['0.1.2.3', 'reserved'],
    ['240.0.0.1', 'reserved'],
    ['192.0.0.192', 'reserved'],
    ['2001::1', 'reserved'],
    ['::127.0.0.1', 'reserved'],
    ['100::1', 'reserved'],
    ['198.18.0.1', 'benchmarking'],
    ['198.19.255.255', 'benchmarking'],
    ['192.0.2.1', 'documentation'],
    ['198.51.100.7', 'documentation'],
    ['203.0.113.9', 'documentation'],
    ['2001:db8::1', 'documentation'],
    ['169.254.169.254', 'cloud metadata'],
    ['::ffff:169.254.169.254', 'cloud metadata'],
    ['fd00:ec2::254', 'cloud metadata'],
    ['100.100.100.200', 'cloud metadata'],
    ['localhost', 'invalid'],
  ];
  for (const [address, kind] of cases) assert.equal(classifyAddress(address), kind, address);
});

test('allow-list entries: ranges, addresses, ports, host names; nonsense is refused', () => {
  assert.deepEqual(parseAllowEntry('localhost'), { kind: 'host', host: 'localhost' });
  assert.deepEqual(parseAllowEntry('Intranet.Example.'), { kind: 'host', host: 'intranet.example' });
  assert.deepEqual(parseAllowEntry('localhost:8080'), { kind: 'host', host: 'localhost', port: 8080 });
  assert.equal(parseAllowEntry('127.0.0.1:8080').kind, 'range');
  assert.equal((parseAllowEntry('127.0.0.1:8080') as { port?: number }).port, 8080);
  assert.equal((parseAllowEntry('[::1]:8080') as { port?: number }).port, 8080);
  assert.equal(parseAllowEntry('::1').kind, 'range');
  assert.equal(parseAllowEntry('10.0.0.0/8').kind, 'range');
  for (const bad of ['10.0.0.0/33', 'a b', 'host:99999', 'host:0', '[nothost]:80', '', 'a..b', '1.2.3.4/8:80']) {
    assert.throws(() => parseAllowEntry(bad), { name: 'InputError', message: /--allow-host: '.*' is not a host name/ }, bad);
  }
});

test('the allow list opens exactly what it names', () => {
  const at = (host: string, port: number) => ({ host, port });
  const cidr = parseAllowList(['127.0.0.1/32']);
  assert.equal(refusal(at('127.0.0.1', 80), '127.0.0.1', cidr), undefined);
  assert.equal(refusal(at('127.0.0.1', 80), '::ffff:127.0.0.1', cidr), undefined);
  assert.equal(refusal(at('127.0.0.2', 80), '127.0.0.2', cidr)?.kind, 'loopback');
  assert.equal(refusal(at('::1', 80), '::1', cidr)?.kind, 'loopback');

  const onePort = parseAllowList(['127.0.0.1:8080']);
  assert.equal(refusal(at('127.0.0.1', 8080), '127.0.0.1', onePort), undefined);
  assert.equal(refusal(at('127.0.0.1', 8081), '127.0.0.1', onePort)?.kind, 'loopback');

  // a name entry trusts whatever the name resolves to, and nothing else
  const byName = parseAllowList(['intranet.example']);
  assert.equal(refusal(at('intranet.example', 443), '10.1.2.3', byName), undefined);
  assert.equal(refusal(at('other.example', 443), '10.1.2.3', byName)?.kind, 'private');

  // public addresses never need an entry
  assert.equal(refusal(at('example.org', 443), '93.184.216.34', []), undefined);
});

test('refusal messages say what the address is and how to allow it', () => {
  const refused = refusal({ host: '10.0.0.5', port: 80 }, '10.0.0.5', [])!;
  assert.equal(describeRefusal(refused), '10.0.0.5 is a private address (allow it with --allow-host)');
  assert.equal(describeRefusal(refused, 'news.example'), 'news.example resolves to 10.0.0.5, a private address (allow it with --allow-host)');
  const mapped = refusal({ host: 'x', port: 80 }, '::ffff:169.254.169.254', [])!;
  assert.equal(describeRefusal(mapped), '::ffff:169.254.169.254 (169.254.169.254) is a cloud metadata address (allow it with --allow-host)');
  assert.match(describeRefusal(refusal({ host: 'x', port: 80 }, '0.0.0.0', [])!), /is an unspecified address/);
});
