/** Who said what: each quote with its speaker (as resolved), type, cue and the techniques inside it. */
import { html } from 'htm/preact';
import type { TechniqueSpan } from '../lib/analysis.ts';
import { sliceCodePoints } from '../lib/spans.ts';
import { categoryColour, techniqueName } from '../lib/techniques.ts';
import type { Analysis } from '../types.ts';
import { Empty, Swatch } from './common.ts';

const MAX_QUOTE = 600;

function clip(text: string): string {
  return text.length > MAX_QUOTE ? `${text.slice(0, MAX_QUOTE)}…` : text;
}

export function actorHref(actor: string): string {
  return `/actors/${encodeURIComponent(actor)}`;
}

export function WhoSaidWhat({ analysis, techniques, linkActors }: { analysis: Analysis; techniques: readonly TechniqueSpan[]; linkActors: boolean }) {
  const quotes = analysis.quotes ?? [];
  if (!quotes.length) return html`<${Empty}>No quotes found.</${Empty}>`;
  const text = analysis.text;
  return html`<div class="table-scroll">
    <table class="quotes-table">
      <caption class="visually-hidden">Quotes with their speakers</caption>
      <thead>
        <tr><th scope="col">Speaker</th><th scope="col">Quote</th><th scope="col">Type</th><th scope="col">Cue</th><th scope="col">Techniques in the quote</th></tr>
      </thead>
      <tbody>
        ${quotes.map((q, i) => {
          const speakerText = q.speaker ? sliceCodePoints(text, q.speaker.start, q.speaker.end) : null;
          const name = q.speaker?.name ?? null;
          const inside = techniques.filter((t) => t.start < q.end && t.end > q.start);
          const distinct = [...new Map(inside.map((t) => [t.technique, t])).values()];
          const who = name ?? speakerText;
          return html`<tr key=${i}>
            <td class="speaker">
              ${who
                ? linkActors && q.actor
                  ? html`<a href=${actorHref(q.actor)}>${who}</a>`
                  : html`<span>${who}</span>`
                : html`<span class="muted">unattributed</span>`}
              ${name && speakerText && speakerText !== name && html`<span class="muted small"> (“${speakerText}”)</span>`}
            </td>
            <td class="quote">${clip(sliceCodePoints(text, q.start, q.end))}</td>
            <td>${q.type}</td>
            <td>${q.cue ? sliceCodePoints(text, q.cue.start, q.cue.end) : html`<span class="muted">–</span>`}</td>
            <td>
              ${distinct.length
                ? html`<ul class="chips">
                    ${distinct.map((t) => html`<li class="chip"><${Swatch} colour=${categoryColour(t.category)} />${techniqueName(t.technique)}</li>`)}
                  </ul>`
                : html`<span class="muted">none</span>`}
            </td>
          </tr>`;
        })}
      </tbody>
    </table>
  </div>`;
}
