/** A search snippet with its matched terms marked (code-point ranges from the store). */
import { html } from 'htm/preact';
import { segments, toUtf16 } from '../lib/spans.ts';
import type { SearchItem } from '../types.ts';

export function Snippet({ snippet }: { snippet: SearchItem['snippet'] }) {
  const text = snippet?.text ?? '';
  const { spans } = toUtf16(text, snippet?.highlights ?? []);
  const parts = segments(text.length, spans).map((s) => {
    const piece = text.slice(s.start, s.end);
    return s.active.length ? html`<mark class="hit">${piece}</mark>` : piece;
  });
  return html`<p class="snippet">${parts}</p>`;
}
