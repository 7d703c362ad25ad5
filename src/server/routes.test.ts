/** Every route of the API against the store's known fixture: the happy path and the main errors. */
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { call, fixtureApp, type Fixture } from './test-support.ts';

let f: Fixture;
before(async () => {
  // limits are tested in auth.test.ts; here they would only get in the way
  const plenty = { rate: 1e6, burst: 1e6 };
  f = await fixtureApp({ limits: { requests: plenty, analyze: plenty, anonymous: plenty } });
});
after(() => f.close());

const get = (path: string, token = f.token.read) => call(f.app, 'GET', path, { token });

function assertError(r: { status: number; body: { error?: { code: string; message: string } } }, status: number, code: string, message?: RegExp) {
  assert.equal(r.status, status, JSON.stringify(r.body));
  assert.equal(r.body.error?.code, code);
  assert.ok(!r.body.error.message.includes('\n'), 'one line');
  if (message) assert.match(r.body.error.message, message);
}

describe('meta', () => {
  test('GET /api/health needs no token', async () => {
    const r = await call(f.app, 'GET', '/api/health');
    assert.equal(r.status, 200);
    assert.deepEqual(r.body, { ok: true, version: r.body.version, store: 'sqlite' });
    assert.match(r.body.version, /^\d+\.\d+\.\d+/);
  });

  test('GET /api/stats counts the rows', async () => {
    const r = await get('/api/stats');
    assert.equal(r.status, 200);
    assert.equal(r.body.dialect, 'sqlite');
    assert.equal(r.body.tables.articles, 6);
    assert.equal(r.body.tables.analyses, 5);
    assert.ok(r.body.bytes > 0);
  });

  test('an unknown API path is a JSON 404', async () => {
    assertError(await get('/api/nothing-here'), 404, 'not_found', /no route GET \/api\/nothing-here/);
  });
});

describe('articles', () => {
  test('search by words, with facets', async () => {
    const r = await get('/api/articles?q=grain');
    assert.equal(r.status, 200);
    assert.equal(r.body.total, 2);
    assert.deepEqual(r.body.items.map((i: { id: number }) => i.id).sort(), [f.ids.a2, f.ids.a4].sort());
    assert.ok(r.body.facets, 'facets by default');
    assert.deepEqual(r.body.facets.source.map((s: { value: string }) => s.value).sort(), ['beta.example', 'gamma.example']);
  });

  test('filters: repeated source, technique, frame, genre, actor, narrative, dates, language', async () => {
    const ids = async (qs: string) => (await get(`/api/articles?${qs}`)).body.items.map((i: { id: number }) => i.id).sort();
    assert.deepEqual(await ids('source=alpha.example&source=gamma.example'), [f.ids.a1, f.ids.a3, f.ids.a4].sort());
    assert.deepEqual(await ids('technique=Flag_Waving'), [f.ids.a1]);
    assert.deepEqual(await ids('frame=Environment'), [f.ids.a5]);
    assert.deepEqual(await ids('genre=opinion'), [f.ids.a1]);
    assert.deepEqual(await ids('actor=person:dmitry-peskov'), [f.ids.a3]);
    assert.deepEqual(await ids('narrative=Sanctions%20backfire'), [f.ids.a1, f.ids.a3].sort());
    assert.deepEqual(await ids('from=2024-03-01&to=2024-03-31'), [f.ids.a4, f.ids.a5].sort());
    assert.deepEqual(await ids('language=ru'), [f.ids.a3]);
  });

  test('paging: limit, offset, cursor, sort by date; facets=false', async () => {
    const first = await get('/api/articles?sort=date&limit=2&facets=false');
    assert.equal(first.status, 200);
    assert.equal(first.body.items.length, 2);
    assert.equal(first.body.facets, undefined);
    assert.ok(first.body.nextCursor);
    const second = await get(`/api/articles?sort=date&limit=2&facets=false&cursor=${encodeURIComponent(first.body.nextCursor)}`);
    assert.equal(second.body.items.length, 2);
    assert.notDeepEqual(second.body.items[0].id, first.body.items[0].id);
    const offset = await get('/api/articles?sort=date&limit=2&offset=2&facets=false');
    assert.deepEqual(offset.body.items, second.body.items);
  });

  test('bad search parameters are 400 with the reason in one line', async () => {
    assertError(await get('/api/articles?limit=0'), 400, 'bad_request', /query\.limit/);
    assertError(await get('/api/articles?limit=abc'), 400, 'bad_request', /query\.limit/);
    assertError(await get('/api/articles?sort=sideways'), 400, 'bad_request', /query\.sort/);
    assertError(await get('/api/articles?from=yesterday'), 400, 'bad_request', /query\.from/);
    assertError(await get('/api/articles?colour=red'), 400, 'bad_request', /colour/);
    assertError(await get('/api/articles?sort=relevance'), 400, 'bad_request', /needs a query/);
    assertError(await get('/api/articles?q=grain&q=talks'), 400, 'bad_request', /query\.q/);
    assertError(await get('/api/articles?cursor=nonsense'), 400, 'bad_request', /cursor/);
  });

  test('one article with its latest analysis and history', async () => {
    const r = await get(`/api/articles/${f.ids.a1}`);
    assert.equal(r.status, 200);
    assert.equal(r.body.article.id, f.ids.a1);
    assert.equal(r.body.article.title, 'Sanctions hit energy prices');
    assert.equal(r.body.analysis.techniques.length, 4);
    assert.equal(r.body.history.length, 1);
    assert.equal(r.body.history[0].latest, true);
  });

  test('an article without analysis has analysis null', async () => {
    const r = await get(`/api/articles/${f.ids.a6}`);
    assert.equal(r.status, 200);
    assert.equal(r.body.analysis, null);
    assert.deepEqual(r.body.history, []);
  });

  test('missing and malformed article ids', async () => {
    assertError(await get('/api/articles/999999'), 404, 'not_found', /no article 999999/);
    assertError(await get('/api/articles/abc'), 400, 'bad_request', /path\.id/);
    assertError(await get('/api/articles/0'), 400, 'bad_request', /path\.id/);
  });
});

describe('export', () => {
  test('JSON Lines of a search, with the latest analysis', async () => {
    const r = await get('/api/export?format=jsonl&source=alpha.example');
    assert.equal(r.status, 200);
    assert.match(r.headers.get('content-type')!, /application\/x-ndjson/);
    assert.match(r.headers.get('content-disposition')!, /attachment; filename="spinscope-\d{4}-\d{2}-\d{2}\.jsonl"/);
    const lines = r.text.trim().split('\n').map((l) => JSON.parse(l));
    assert.deepEqual(lines.map((l) => l.id).sort(), [f.ids.a1, f.ids.a3].sort());
    for (const l of lines) {
      assert.equal(l.outlet, 'alpha.example');
      assert.equal(typeof l.article.text, 'string');
      assert.equal(l.analyses.length, 1);
      assert.equal(l.analyses[0].latest, true);
    }
  });

  test('CSV of everything (default filters), one row per article', async () => {
    const r = await get('/api/export?format=csv');
    assert.equal(r.status, 200);
    assert.match(r.headers.get('content-type')!, /text\/csv/);
    const rows = r.text.trimEnd().split('\r\n');
    assert.equal(rows.length, 1 + 6);
    assert.match(rows[0]!, /^id,external_id,url,/);
    const a1 = rows.find((row) => row.startsWith(`${f.ids.a1},`))!;
    assert.match(a1, /,Loaded_Language; Flag_Waving; Exaggeration-Minimisation,Economic; Political,opinion$/);
  });

  test('export refuses a bad filter or format before streaming', async () => {
    assertError(await get('/api/export?format=xml'), 400, 'bad_request', /query\.format/);
    assertError(await get('/api/export?to=2020-01-01&from=2024-01-01'), 400, 'bad_request', /after/);
  });
});

describe('dashboards', () => {
  test('techniques by source and by month, at category level', async () => {
    const bySource = await get('/api/dashboards/techniques');
    assert.equal(bySource.status, 200);
    const loaded = bySource.body.find((r: { key: string; technique: string }) => r.key === 'alpha.example' && r.technique === 'Loaded_Language');
    assert.equal(loaded.spans, 3);
    const byMonth = await get('/api/dashboards/techniques?by=month&level=category');
    assert.ok(byMonth.body.every((r: { key: string }) => /^\d{4}-\d{2}$/.test(r.key)));
    const filtered = await get('/api/dashboards/techniques?source=beta.example&from=2024-01-01&to=2024-01-31');
    assert.deepEqual([...new Set(filtered.body.map((r: { key: string }) => r.key))], ['beta.example']);
    assertError(await get('/api/dashboards/techniques?by=week'), 400, 'bad_request', /query\.by/);
    assertError(await get('/api/dashboards/techniques?level=word'), 400, 'bad_request', /query\.level/);
  });

  test('frame and genre shares', async () => {
    const frames = await get('/api/dashboards/frames?by=total');
    const political = frames.body.find((r: { label: string }) => r.label === 'Political');
    assert.equal(political.articles, 3);
    assert.equal(political.total, 5);
    const genres = await get('/api/dashboards/genres?by=source');
    assert.deepEqual(
      genres.body.map((r: { key: string; label: string }) => `${r.key}:${r.label}`).sort(),
      ['alpha.example:opinion', 'beta.example:reporting', 'gamma.example:reporting'],
    );
  });

  test('narratives over time, by month by default', async () => {
    const r = await get('/api/dashboards/narratives');
    assert.equal(r.status, 200);
    assert.deepEqual(
      r.body.filter((c: { label: string }) => c.label === 'Sanctions backfire').map((c: { key: string }) => c.key),
      ['2024-01', '2024-02'],
    );
    const byDay = await get('/api/dashboards/narratives?by=day');
    assert.ok(byDay.body.every((c: { key: string }) => /^\d{4}-\d{2}-\d{2}$/.test(c.key)));
  });

  test('clusters', async () => {
    const r = await get('/api/dashboards/clusters');
    assert.equal(r.status, 200);
    assert.equal(r.body.length, 1);
    assert.equal(r.body[0].clusterId, 'c1');
    assert.equal(r.body[0].outlets, 2);
    assertError(await get('/api/dashboards/clusters?minSize=0'), 400, 'bad_request', /minSize/);
  });
});

describe('actors and narratives', () => {
  test('top actors, by type, limited', async () => {
    const r = await get('/api/actors');
    assert.equal(r.status, 200);
    assert.equal(r.body[0].key, 'person:ivan-petrov');
    assert.equal(r.body[0].articles, 3);
    assert.equal((await get('/api/actors?limit=1')).body.length, 1);
    assert.deepEqual(await (await get('/api/actors?type=ORG')).body, []);
  });

  test('an actor’s quotes carry the techniques inside them', async () => {
    const r = await get('/api/actors/person:ivan-petrov/quotes');
    assert.equal(r.status, 200);
    assert.equal(r.body.length, 1);
    assert.equal(r.body[0].text, '"We will never surrender to blackmail."');
    assert.deepEqual(r.body[0].techniques.map((t: { technique: string }) => t.technique), ['Flag_Waving']);
    assert.deepEqual((await get('/api/actors/person:nobody/quotes')).body, []);
    assertError(await get('/api/actors/person:ivan-petrov/quotes?limit=1000'), 400, 'bad_request', /limit/);
  });

  test('narratives overall', async () => {
    const r = await get('/api/narratives');
    assert.equal(r.status, 200);
    const top = r.body.find((c: { label: string }) => c.label === 'Sanctions backfire');
    assert.equal(top.key, 'all');
    assert.equal(top.articles, 2);
  });
});

describe('sources and feeds', () => {
  test('list and add sources (write role)', async () => {
    assert.equal((await get('/api/sources')).body.length, 3);
    const added = await call(f.app, 'POST', '/api/sources', { token: f.token.write, body: { domain: 'delta.example', name: 'Delta', country: 'de', tags: ['tabloid'] } });
    assert.equal(added.status, 200, added.text);
    assert.equal(added.body.domain, 'delta.example');
    assert.deepEqual(added.body.tags, ['tabloid']);
    assert.ok((await get('/api/sources')).body.some((s: { domain: string }) => s.domain === 'delta.example'));
    assertError(await call(f.app, 'POST', '/api/sources', { token: f.token.write, body: { domain: 'not a domain' } }), 400, 'bad_request', /not a domain/);
    assertError(await call(f.app, 'POST', '/api/sources', { token: f.token.write, body: { name: 'no domain' } }), 400, 'bad_request', /body\.domain/);
  });

  test('add, pause and resume feeds', async () => {
    const added = await call(f.app, 'POST', '/api/feeds', { token: f.token.write, body: { url: 'https://beta.example/rss.xml', title: 'Beta', pollIntervalS: 600 } });
    assert.equal(added.status, 200, added.text);
    assert.equal(added.body.source, 'beta.example');
    assert.equal(added.body.paused, false);
    const paused = await call(f.app, 'POST', `/api/feeds/${added.body.id}/pause`, { token: f.token.write });
    assert.equal(paused.body.paused, true);
    assert.equal(paused.body.title, 'Beta', 'pausing keeps the other fields');
    const listed = await get('/api/feeds');
    assert.equal(listed.body.find((x: { id: number }) => x.id === added.body.id).paused, true, 'paused feeds are listed');
    const resumed = await call(f.app, 'POST', `/api/feeds/${added.body.id}/resume`, { token: f.token.write });
    assert.equal(resumed.body.paused, false);
    assertError(await call(f.app, 'POST', '/api/feeds/424242/pause', { token: f.token.write }), 404, 'not_found');
    assertError(await call(f.app, 'POST', '/api/feeds', { token: f.token.write, body: { url: 'ftp://x.example/feed' } }), 400, 'bad_request', /body\.url/);
  });
});

describe('analyze', () => {
  test('text in, analysis out; nothing stored', async () => {
    const before = (await get('/api/stats')).body.tables.articles;
    const r = await call(f.app, 'POST', '/api/analyze', { token: f.token.read, body: { text: 'The talks failed. Nobody was surprised.', title: 'Talks' } });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.analysis.title, 'Talks');
    assert.equal(r.body.analysis.layers.sentences.spans.length, 2);
    assert.equal(r.body.articleId, undefined);
    assert.equal((await get('/api/stats')).body.tables.articles, before);
  });

  test('store: true keeps the article and its analysis (write role)', async () => {
    const text = 'Harbour cranes stood still. The strike went on.';
    const r = await call(f.app, 'POST', '/api/analyze', { token: f.token.write, body: { text, layers: ['sentences', 'paragraphs'], store: true } });
    assert.equal(r.status, 200, r.text);
    assert.equal(typeof r.body.articleId, 'number');
    const stored = await get(`/api/articles/${r.body.articleId}`);
    assert.equal(stored.body.article.text, text);
    assert.deepEqual(Object.keys(stored.body.analysis.layers).sort(), ['paragraphs', 'sentences']);
    assert.equal(stored.body.history[0].model.name, 'spinscope');
  });

  test('the body is checked', async () => {
    const post = (body: unknown, token = f.token.read) => call(f.app, 'POST', '/api/analyze', { token, body });
    assertError(await post({}), 400, 'bad_request', /exactly one of text and url/);
    assertError(await post({ text: 'a', url: 'https://example.com/' }), 400, 'bad_request', /exactly one of text and url/);
    assertError(await post({ text: 'Fine.', layers: ['bogus'] }), 400, 'bad_request', /unknown layer 'bogus'/);
    assertError(await post({ text: 'Fine.', lang: 'english' }), 400, 'bad_request', /body\.lang/);
    assertError(await post({ text: 'Fine.', extra: 1 }), 400, 'bad_request', /extra/);
    assertError(await post({ url: 'file:///etc/passwd' }), 400, 'bad_request', /body\.url/);
    assertError(await call(f.app, 'POST', '/api/analyze', { token: f.token.read, body: '{"text": ' }), 400, 'bad_request', /not valid JSON/);
    assertError(
      await call(f.app, 'POST', '/api/analyze', { token: f.token.read, body: 'text=hello', headers: { 'content-type': 'application/x-www-form-urlencoded' } }),
      415,
      'unsupported_media_type',
    );
  });

  test('a URL that cannot be fetched is 422 fetch_failed with the fetcher’s reason', async () => {
    // loopback is refused by the fetcher's address policy unless allowed
    const r = await call(f.app, 'POST', '/api/analyze', { token: f.token.read, body: { url: 'http://127.0.0.1:9/story' } });
    assertError(r, 422, 'fetch_failed', /loopback/);
  });
});
