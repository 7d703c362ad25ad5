/** The people, organisations and places of an article (actors) and the named entities by type. */
import { html } from 'htm/preact';
import { sliceCodePoints } from '../lib/spans.ts';
import type { Analysis } from '../types.ts';
import { Empty } from './common.ts';
import { actorHref } from './who-said-what.ts';

export function Actors({ analysis, linkActors }: { analysis: Analysis; linkActors: boolean }) {
  const actors = [...(analysis.actors ?? [])].sort((a, b) => b.mentions.length - a.mentions.length);
  if (!actors.length) return html`<${Empty}>No actors found.</${Empty}>`;
  return html`<div class="table-scroll">
    <table class="actors-table">
      <caption class="visually-hidden">Actors named in the article</caption>
      <thead><tr><th scope="col">Actor</th><th scope="col">Type</th><th scope="col">Title, affiliation</th><th scope="col">Also called</th><th scope="col" class="num">Mentions</th></tr></thead>
      <tbody>
        ${actors.map(
          (a) => html`<tr key=${a.id}>
            <td>${linkActors ? html`<a href=${actorHref(a.id)}>${a.name}</a>` : a.name}</td>
            <td>${a.type}</td>
            <td>${[a.title, a.affiliation].filter(Boolean).join(', ') || html`<span class="muted">–</span>`}</td>
            <td>${[...a.aliases, ...(a.via ?? [])].join(', ') || html`<span class="muted">–</span>`}</td>
            <td class="num">${a.mentions.length}</td>
          </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}

export function Entities({ analysis }: { analysis: Analysis }) {
  const entities = analysis.entities ?? [];
  if (!entities.length) return html`<${Empty}>No named entities found.</${Empty}>`;
  // distinct surface forms per type, most frequent first
  const byType = new Map<string, Map<string, number>>();
  for (const e of entities) {
    const surface = sliceCodePoints(analysis.text, e.start, e.end).trim();
    if (!surface) continue;
    const m = byType.get(e.type) ?? new Map<string, number>();
    m.set(surface, (m.get(surface) ?? 0) + 1);
    byType.set(e.type, m);
  }
  return html`<dl class="entities">
    ${[...byType.entries()].map(
      ([type, forms]) => html`<div class="entity-group">
        <dt>${type}</dt>
        <dd>
          <ul class="chips">
            ${[...forms.entries()]
              .sort((a, b) => b[1] - a[1])
              .map(([f, n]) => html`<li class="chip">${f}${n > 1 && html` <span class="muted">×${n}</span>`}</li>`)}
          </ul>
        </dd>
      </div>`,
    )}
  </dl>`;
}
