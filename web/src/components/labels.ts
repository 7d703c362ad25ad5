/** Article-level labels: the genre (with every genre's probability) and the frames. */
import { html } from 'htm/preact';
import { labelText } from '../lib/format.ts';
import type { Analysis } from '../types.ts';
import { Empty, ScoreBar } from './common.ts';

function Evidence({ items }: { items: readonly string[] }) {
  if (!items.length) return null;
  return html`<details class="evidence">
    <summary>Evidence</summary>
    <ul>${items.map((e) => html`<li>${e}</li>`)}</ul>
  </details>`;
}

export function Genre({ analysis }: { analysis: Analysis }) {
  const g = analysis.genre;
  if (!g) return html`<${Empty}>No genre (the layer did not run for this language).</${Empty}>`;
  const scores = Object.entries(g.scores ?? {}).sort((a, b) => b[1] - a[1]);
  return html`<div class="genre">
    <p class="genre-label"><strong>${labelText(g.label)}</strong></p>
    ${scores.length > 0 &&
    html`<ul class="bars">
      ${scores.map(([label, score]) => html`<li><span class="bar-label">${labelText(label)}</span><${ScoreBar} score=${score} label=${labelText(label)} /></li>`)}
    </ul>`}
    <${Evidence} items=${g.evidence} />
  </div>`;
}

export function Frames({ analysis }: { analysis: Analysis }) {
  const frames = analysis.frames ?? [];
  if (!frames.length) return html`<${Empty}>No frames found.</${Empty}>`;
  return html`<ul class="bars frames">
    ${frames.map(
      (f) => html`<li>
        <span class="bar-label">${labelText(f.label)}</span><${ScoreBar} score=${f.score} label=${labelText(f.label)} />
        <${Evidence} items=${f.evidence} />
      </li>`,
    )}
  </ul>`;
}
