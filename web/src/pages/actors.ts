/** Actors: the most mentioned people and organisations, and one actor's quotes across all articles with the techniques in them. */
import { html } from 'htm/preact';
import { useMemo } from 'preact/hooks';
import { Empty, ErrorNotice, ExtLink, Loading } from '../components/common.ts';
import { HighlightedText } from '../components/highlighted-text.ts';
import type { TechniqueSpan } from '../lib/analysis.ts';
import { count, day } from '../lib/format.ts';
import { categoryColour, categoryOf, techniqueName } from '../lib/techniques.ts';
import { useApi } from '../lib/use-api.ts';
import type { Location } from '../router.ts';
import type { ActorCount, ActorQuote } from '../types.ts';

const TYPES = ['', 'PERSON', 'ORG', 'PLACE'] as const;

export function ActorsPage({ location }: { location: Location }) {
  const type = location.query.get('type') ?? '';
  const { data, error, loading, reload } = useApi<ActorCount[]>('/api/actors', { type, limit: 100 });
  const list = Array.isArray(data) ? data : [];
  return html`<div class="page page-actors">
    <h1>Actors</h1>
    <nav class="tabs" aria-label="Actor type">
      ${TYPES.map((t) => html`<a href=${t ? `/actors?type=${t}` : '/actors'} aria-current=${t === type ? 'page' : undefined}>${t || 'all'}</a>`)}
    </nav>
    <${ErrorNotice} error=${error} retry=${reload} />
    ${loading && !data && html`<${Loading} what="actors" />`}
    ${data && !list.length && html`<${Empty}>No actors yet: store some analysed articles first.</${Empty}>`}
    ${list.length > 0 &&
    html`<div class="table-scroll"><table class="actors-table">
      <caption class="visually-hidden">Actors, most mentioned first</caption>
      <thead><tr><th scope="col">Actor</th><th scope="col">Type</th><th scope="col" class="num">Articles</th><th scope="col" class="num">Mentions</th><th scope="col" class="num">Quotes</th></tr></thead>
      <tbody>
        ${list.map(
          (a) => html`<tr key=${a.key}>
            <td><a href=${`/actors/${encodeURIComponent(a.key)}`}>${a.name}</a></td><td>${a.type}</td>
            <td class="num">${count(a.articles)}</td><td class="num">${count(a.mentions)}</td><td class="num">${count(a.quotes)}</td>
          </tr>`,
        )}
      </tbody>
    </table></div>`}
  </div>`;
}

/** The quote's technique spans, moved to offsets within the quote and clipped to it. */
function spansInQuote(q: ActorQuote): TechniqueSpan[] {
  return (q.techniques ?? [])
    .map((t) => ({
      start: Math.max(0, t.start - q.start),
      end: Math.min(q.end, t.end) - q.start,
      technique: t.technique,
      category: categoryOf(t.technique, t.category),
      score: t.score ?? 0,
      evidence: [],
    }))
    .filter((t) => t.end > t.start);
}

function QuoteItem({ q }: { q: ActorQuote }) {
  const spans = useMemo(() => spansInQuote(q), [q]);
  const distinct = [...new Map(spans.map((s) => [s.technique, s])).values()];
  return html`<li class="actor-quote">
    <blockquote><${HighlightedText} text=${q.text} spans=${spans} label="Quote" inline=${true} /></blockquote>
    <p class="result-meta">
      ${q.speaker && html`<span>as “${q.speaker}”</span> · `}
      <span>${q.type}</span> · <a href=${`/articles/${q.articleId}`}>${q.title || `Article ${q.articleId}`}</a>
      · <span>${q.source ?? 'unknown outlet'}</span> · <span>${day(q.publishedAt ?? q.datedAt)}</span>
      ${q.url && html` · <${ExtLink} href=${q.url}>original</${ExtLink}>`}
    </p>
    ${distinct.length > 0 &&
    html`<ul class="chips">
      ${distinct.map((t) => html`<li class="chip"><span class="swatch" aria-hidden="true" style=${{ backgroundColor: categoryColour(t.category) }}></span>${techniqueName(t.technique)}</li>`)}
    </ul>`}
  </li>`;
}

export function ActorPage({ actorKey }: { actorKey: string }) {
  const { data, error, loading, reload } = useApi<ActorQuote[]>(`/api/actors/${encodeURIComponent(actorKey)}/quotes`, { limit: 200 });
  const quotes = Array.isArray(data) ? data : [];
  // the name as most articles give it; the key says the type
  const names = new Map<string, number>();
  for (const q of quotes) if (q.speaker) names.set(q.speaker, (names.get(q.speaker) ?? 0) + 1);
  const name = [...names.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? actorKey.replace(/^[a-z]+:/, '').replace(/-/g, ' ');
  const withTechniques = quotes.filter((q) => q.techniques?.length).length;
  const byTechnique = new Map<string, number>();
  for (const q of quotes) for (const t of new Set((q.techniques ?? []).map((t) => t.technique))) byTechnique.set(t, (byTechnique.get(t) ?? 0) + 1);

  return html`<div class="page page-actor">
    <p class="breadcrumb"><a href="/actors">Actors</a> › ${actorKey}</p>
    <h1>${name}</h1>
    <${ErrorNotice} error=${error} retry=${reload} />
    ${loading && !data && html`<${Loading} what="quotes" />`}
    ${data &&
    html`<p class="lead">${count(quotes.length)} quote${quotes.length === 1 ? '' : 's'}; ${count(withTechniques)} with persuasion techniques inside.</p>
      ${byTechnique.size > 0 &&
      html`<ul class="chips">
        ${[...byTechnique.entries()].sort((a, b) => b[1] - a[1]).map(([t, n]) => html`<li class="chip">${techniqueName(t)} <span class="muted">${count(n)}</span></li>`)}
      </ul>`}
      ${quotes.length === 0 ? html`<${Empty}>No quotes of this actor in the archive.</${Empty}>` : html`<ol class="actor-quotes">${quotes.map((q) => html`<${QuoteItem} key=${q.id} q=${q} />`)}</ol>`}`}
  </div>`;
}
