/**
 * The OpenAPI document against the app: every registered route is in it (and
 * nothing else), every path parameter is described, and real answers match
 * the schemas it declares for them.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { call, fixtureApp, type Answer, type Fixture } from './test-support.ts';

let f: Fixture;
let doc: any;
let ajv: Ajv2020;

before(async () => {
  const plenty = { rate: 1e6, burst: 1e6 };
  f = await fixtureApp({ limits: { requests: plenty, analyze: plenty, anonymous: plenty } });
  const r = await call(f.app, 'GET', '/api/openapi.json');
  assert.equal(r.status, 200);
  doc = r.body;
  ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
  ajv.addSchema(doc, 'openapi');
});
after(() => f.close());

const pointer = (...parts: string[]) => parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

function assertMatches(method: string, path: string, answer: Answer, mediaType = 'application/json') {
  const status = String(answer.status);
  const operation = doc.paths[path]?.[method];
  assert.ok(operation, `${method} ${path} is in the document`);
  assert.ok(operation.responses[status], `${method} ${path} declares ${status}`);
  const validate = ajv.compile({ $ref: `openapi#/${pointer('paths', path, method, 'responses', status, 'content', mediaType, 'schema')}` });
  assert.ok(validate(answer.body), `${method} ${path} ${status}: ${ajv.errorsText(validate.errors)}`);
}

test('the document is OpenAPI 3.1 and lists exactly the routes the app registers', () => {
  assert.equal(doc.openapi, '3.1.0');
  const registered = new Set(
    f.app.routes
      .filter((r) => r.method !== 'ALL' && r.path.startsWith('/api/'))
      .map((r) => `${r.method.toLowerCase()} ${r.path.replace(/:([A-Za-z_]\w*)/g, '{$1}')}`),
  );
  const documented = new Set(Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops as object).map((m) => `${m} ${path}`)));
  assert.ok(registered.size >= 27, `${registered.size} routes`);
  assert.deepEqual([...registered].sort(), [...documented].sort());
  for (const expected of [
    'get /api/health', 'post /api/analyze', 'get /api/articles', 'get /api/articles/{id}', 'get /api/dashboards/techniques', 'get /api/dashboards/frames',
    'get /api/dashboards/genres', 'get /api/dashboards/narratives', 'get /api/dashboards/clusters', 'get /api/actors', 'get /api/actors/{key}/quotes',
    'get /api/narratives', 'get /api/sources', 'post /api/sources', 'get /api/feeds', 'post /api/feeds', 'post /api/feeds/{id}/pause', 'post /api/feeds/{id}/resume',
    'get /api/export', 'get /api/stats', 'get /api/tokens', 'post /api/tokens', 'delete /api/tokens/{id}', 'post /api/session', 'delete /api/session', 'get /api/openapi.json',
  ]) {
    assert.ok(registered.has(expected), expected);
  }
});

test('every operation describes its parameters, body, success and errors', () => {
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops as Record<string, any>)) {
      const where = `${method} ${path}`;
      assert.ok(op.summary, `${where}: summary`);
      assert.ok(op.operationId, `${where}: operationId`);
      for (const name of path.match(/\{(\w+)\}/g) ?? []) {
        assert.ok(op.parameters.some((p: { name: string; in: string }) => p.in === 'path' && `{${p.name}}` === name), `${where}: path parameter ${name}`);
      }
      for (const p of op.parameters) assert.ok(p.schema, `${where}: ${p.name} has a schema`);
      if (method === 'post' && !path.endsWith('/pause') && !path.endsWith('/resume')) assert.ok(op.requestBody?.content?.['application/json']?.schema, `${where}: body`);
      const success = Object.keys(op.responses).filter((s) => s.startsWith('2'));
      assert.equal(success.length, 1, `${where}: one success`);
      assert.ok(op.responses['500'], `${where}: internal`);
      if (op['x-required-role'] !== 'public') {
        assert.ok(op.responses['401'] && op.responses['429'], `${where}: auth errors`);
        assert.deepEqual(op.security, [{ bearerAuth: [] }, { sessionCookie: [] }]);
      }
    }
  }
  const search = doc.paths['/api/articles'].get.parameters.map((p: { name: string }) => p.name);
  for (const name of ['q', 'source', 'from', 'to', 'language', 'technique', 'category', 'frame', 'genre', 'actor', 'narrative', 'sort', 'limit', 'offset']) {
    assert.ok(search.includes(name), `search parameter ${name}`);
  }
  assert.ok(doc.components.schemas.AnalysisJson.properties.layers, 'the published analysis schema');
});

test('answers match the schemas the document declares for them', async () => {
  const r = (path: string, token = f.token.admin) => call(f.app, 'GET', path, { token });
  assertMatches('get', '/api/health', await call(f.app, 'GET', '/api/health'));
  assertMatches('get', '/api/stats', await r('/api/stats'));
  assertMatches('get', '/api/articles', await r('/api/articles?q=grain'));
  assertMatches('get', '/api/articles', await r('/api/articles?limit=1&facets=false'));
  assertMatches('get', '/api/articles/{id}', await r(`/api/articles/${f.ids.a1}`));
  assertMatches('get', '/api/articles/{id}', await r(`/api/articles/${f.ids.a6}`));
  assertMatches('get', '/api/articles/{id}', await r('/api/articles/99999'));
  assertMatches('get', '/api/articles/{id}', await r('/api/articles/x'));
  assertMatches('get', '/api/dashboards/techniques', await r('/api/dashboards/techniques?by=month'));
  assertMatches('get', '/api/dashboards/frames', await r('/api/dashboards/frames'));
  assertMatches('get', '/api/dashboards/genres', await r('/api/dashboards/genres'));
  assertMatches('get', '/api/dashboards/narratives', await r('/api/dashboards/narratives'));
  assertMatches('get', '/api/dashboards/clusters', await r('/api/dashboards/clusters'));
  assertMatches('get', '/api/actors', await r('/api/actors'));
  assertMatches('get', '/api/actors/{key}/quotes', await r('/api/actors/person:ivan-petrov/quotes'));
  assertMatches('get', '/api/narratives', await r('/api/narratives'));
  assertMatches('get', '/api/sources', await r('/api/sources'));
  assertMatches('post', '/api/feeds', await call(f.app, 'POST', '/api/feeds', { token: f.token.write, body: { url: 'https://gamma.example/feed' } }));
  assertMatches('get', '/api/feeds', await r('/api/feeds'));
  assertMatches('get', '/api/tokens', await r('/api/tokens'));
  assertMatches('post', '/api/tokens', await call(f.app, 'POST', '/api/tokens', { token: f.token.admin, body: { name: 'n', role: 'read' } }));
  assertMatches('post', '/api/tokens', await call(f.app, 'POST', '/api/tokens', { token: f.token.read, body: { name: 'n', role: 'read' } }));
  assertMatches('post', '/api/session', await call(f.app, 'POST', '/api/session', { body: { token: f.token.read } }));
  assertMatches('post', '/api/analyze', await call(f.app, 'POST', '/api/analyze', { token: f.token.read, body: { text: 'The talks failed. Nobody was surprised.' } }));
  assertMatches('post', '/api/analyze', await call(f.app, 'POST', '/api/analyze', { token: f.token.read, body: { text: '' } }));
  assertMatches('get', '/api/articles', await call(f.app, 'GET', '/api/articles'));
});

test('a schema that does not fit the answer fails the check (the check can fail)', () => {
  const validate = ajv.compile({ $ref: `openapi#/${pointer('paths', '/api/health', 'get', 'responses', '200', 'content', 'application/json', 'schema')}` });
  assert.equal(validate({ ok: true, version: '1', store: 'mysql' }), false);
  const detail = ajv.compile({ $ref: `openapi#/${pointer('paths', '/api/articles/{id}', 'get', 'responses', '200', 'content', 'application/json', 'schema')}` });
  assert.equal(detail({ article: { id: 1 }, analysis: null, history: [] }), false);
});
