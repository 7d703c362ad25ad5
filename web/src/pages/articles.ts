/**
 * Articles: full-text search with filters and facets. The query lives in the
 * page URL (/articles?q=…&source=…), so a search can be bookmarked, shared
 * and navigated with the browser's back button.
 */
import { html } from 'htm/preact';
import { useEffect, useState } from 'preact/hooks';
import { Empty, ErrorNotice, Loading } from '../components/common.ts';
import { Snippet } from '../components/snippet.ts';
import { count, day, labelText } from '../lib/format.ts';
import { CATEGORIES, FRAMES, GENRES, TECHNIQUES, techniqueName } from '../lib/techniques.ts';
import { useApi } from '../lib/use-api.ts';
import { navigate, type Location } from '../router.ts';
import type { ActorCount, FacetCount, SearchResult, Source } from '../types.ts';

export const PAGE_SIZE = 20;

/** The filters the form and the API share, in the order the form shows them. */
const FILTERS = ['q', 'source', 'language', 'from', 'to', 'technique', 'category', 'frame', 'genre', 'actor', 'narrative', 'sort'] as const;
type Filter = (typeof FILTERS)[number];
type Filters = Partial<Record<Filter, string>>;

function filtersOf(query: URLSearchParams): Filters {
  const out: Filters = {};
  for (const f of FILTERS) {
    const v = query.get(f);
    if (v) out[f] = v;
  }
  return out;
}

export function searchHref(filters: Filters, offset = 0): string {
  const params = new URLSearchParams();
  for (const f of FILTERS) if (filters[f]) params.set(f, filters[f]!);
  if (offset > 0) params.set('offset', String(offset));
  const s = params.toString();
  return `/articles${s ? `?${s}` : ''}`;
}

function Select({ name, label, value, options, onChange }: { name: Filter; label: string; value: string; options: readonly (readonly [string, string])[]; onChange: (name: Filter, value: string) => void }) {
  return html`<div class="field">
    <label for=${`f-${name}`}>${label}</label>
    <select id=${`f-${name}`} name=${name} value=${value} onChange=${(e: Event) => onChange(name, (e.target as HTMLSelectElement).value)}>
      <option value="">any</option>
      ${options.map(([v, l]) => html`<option value=${v}>${l}</option>`)}
    </select>
  </div>`;
}

function FacetList({ title, name, values, filters, label }: { title: string; name: Filter; values: readonly FacetCount[] | undefined; filters: Filters; label?: (v: string) => string }) {
  if (!values?.length) return null;
  return html`<section class="facet" aria-label=${`${title} facet`}>
    <h3>${title}</h3>
    <ul>
      ${values.slice(0, 12).map((f) => {
        const selected = filters[name] === f.value;
        const next = { ...filters, [name]: selected ? undefined : f.value };
        return html`<li>
          <a href=${searchHref(next)} aria-current=${selected ? 'true' : undefined} class=${selected ? 'facet-on' : ''}>
            <span>${label ? label(f.value) : f.value}</span> <span class="facet-count">${count(f.count)}</span>
          </a>
        </li>`;
      })}
    </ul>
  </section>`;
}

export function ArticlesPage({ location }: { location: Location }) {
  const filters = filtersOf(location.query);
  const offset = Math.max(0, Number(location.query.get('offset')) || 0);
  const [draft, setDraft] = useState<Filters>(filters);
  const key = location.query.toString();
  useEffect(() => setDraft(filtersOf(location.query)), [key]);

  // The list and the facets are two requests: counting facets over a large archive takes the
  // store far longer than a page of results (0.4 s against 2 ms at 100,000 articles), and the
  // results should not wait for it. The facets do not depend on the page, so paging keeps them.
  const result = useApi<SearchResult>('/api/articles', { ...filters, limit: PAGE_SIZE, offset, facets: false });
  const facets = useApi<SearchResult>('/api/articles', { ...filters, limit: 1, facets: true });
  const sources = useApi<Source[]>('/api/sources');
  const actors = useApi<ActorCount[]>('/api/actors', { limit: 200 });

  const set = (name: Filter, value: string) => setDraft((d) => ({ ...d, [name]: value || undefined }));
  const submit = (e: Event) => {
    e.preventDefault();
    navigate(searchHref(draft));
  };
  const input = (name: Filter, label: string, type = 'text', extra: Record<string, unknown> = {}) => html`<div class="field">
    <label for=${`f-${name}`}>${label}</label>
    <input id=${`f-${name}`} name=${name} type=${type} value=${draft[name] ?? ''} onInput=${(e: Event) => set(name, (e.target as HTMLInputElement).value)} ...${extra} />
  </div>`;

  const data = result.data;
  const sourceList = Array.isArray(sources.data) ? sources.data : [];
  const actorList = Array.isArray(actors.data) ? actors.data : [];
  const pages = data ? Math.ceil(data.total / PAGE_SIZE) : 0;
  const page = Math.floor(offset / PAGE_SIZE) + 1;

  return html`<div class="page page-articles">
    <h1>Articles</h1>
    <form class="search-form" role="search" onSubmit=${submit}>
      <div class="form-row">
        <div class="field grow">
          <label for="f-q">Search</label>
          <input id="f-q" name="q" type="search" value=${draft.q ?? ''} onInput=${(e: Event) => set('q', (e.target as HTMLInputElement).value)}
            placeholder='words, "a phrase", OR, -excluded' />
        </div>
        <button type="submit" class="primary">Search</button>
      </div>
      <details class="filters" open=${FILTERS.some((f) => f !== 'q' && filters[f])}>
        <summary>Filters</summary>
        <div class="filter-grid">
          <${Select} name="source" label="Outlet" value=${draft.source ?? ''} onChange=${set}
            options=${sourceList.map((s) => [s.domain, s.name ? `${s.name} (${s.domain})` : s.domain] as const)} />
          ${input('language', 'Language', 'text', { placeholder: 'en', size: 4 })}
          ${input('from', 'From', 'date')}
          ${input('to', 'To', 'date')}
          <${Select} name="category" label="Category" value=${draft.category ?? ''} onChange=${set} options=${CATEGORIES.map((c) => [c, c] as const)} />
          <${Select} name="technique" label="Technique" value=${draft.technique ?? ''} onChange=${set} options=${TECHNIQUES.map((t) => [t.id, t.name] as const)} />
          <${Select} name="frame" label="Frame" value=${draft.frame ?? ''} onChange=${set} options=${FRAMES.map((f) => [f, labelText(f)] as const)} />
          <${Select} name="genre" label="Genre" value=${draft.genre ?? ''} onChange=${set} options=${GENRES.map((g) => [g, g] as const)} />
          ${input('actor', 'Actor', 'text', { list: 'actor-keys', placeholder: 'person:…' })}
          <datalist id="actor-keys">${actorList.map((a) => html`<option value=${a.key}>${a.name}</option>`)}</datalist>
          <${Select} name="sort" label="Order" value=${draft.sort ?? ''} onChange=${set} options=${[['relevance', 'relevance (needs words)'], ['date', 'newest first']] as const} />
        </div>
      </details>
    </form>
    <${ErrorNotice} error=${result.error} retry=${result.reload} />
    ${result.loading && !data && html`<${Loading} what="articles" />`}
    ${data &&
    html`<div class="search-layout">
      <aside class="facets" aria-label="Refine" aria-busy=${facets.loading}>
        ${facets.loading && !facets.data && html`<p class="loading">Counting…</p>`}
        <${FacetList} title="Outlets" name="source" values=${facets.data?.facets?.source} filters=${filters} />
        <${FacetList} title="Languages" name="language" values=${facets.data?.facets?.language} filters=${filters} />
        <${FacetList} title="Techniques" name="technique" values=${facets.data?.facets?.technique} filters=${filters} label=${techniqueName} />
      </aside>
      <div class="results">
        <p class="result-count" role="status">${count(data.total)} article${data.total === 1 ? '' : 's'}${pages > 1 ? ` · page ${page} of ${count(pages)}` : ''}</p>
        ${data.items.length === 0 && html`<${Empty}>No article matches. Remove a filter or try other words.</${Empty}>`}
        <ol class="result-list">
          ${data.items.map(
            (item) => html`<li class="result" key=${item.id}>
              <h2 class="result-title"><a href=${`/articles/${item.id}`}>${item.title || `Article ${item.id}`}</a></h2>
              <p class="result-meta">
                <span>${item.source ?? 'unknown outlet'}</span> · <span>${day(item.publishedAt ?? item.datedAt)}</span>
                ${item.language && html` · <span>${item.language}</span>`}
              </p>
              <${Snippet} snippet=${item.snippet} />
              <ul class="chips counts">
                ${Object.entries(item.counts ?? {})
                  .filter(([, n]) => n > 0)
                  .map(([layer, n]) => html`<li class="chip">${labelText(layer)} ${count(n)}</li>`)}
              </ul>
            </li>`,
          )}
        </ol>
        ${pages > 1 &&
        html`<nav class="pager" aria-label="Pages">
          ${offset > 0 ? html`<a href=${searchHref(filters, Math.max(0, offset - PAGE_SIZE))} rel="prev">← Previous</a>` : html`<span></span>`}
          <span>Page ${page} of ${count(pages)}</span>
          ${offset + PAGE_SIZE < data.total && offset + PAGE_SIZE <= 100_000 ? html`<a href=${searchHref(filters, offset + PAGE_SIZE)} rel="next">Next →</a>` : html`<span></span>`}
        </nav>`}
      </div>
    </div>`}
  </div>`;
}
