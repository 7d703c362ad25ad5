/**
 * The key to the highlight colours: each category with its count and its
 * techniques. A category's button hides or shows its highlights, so that a
 * reader can look at one kind of technique at a time.
 */
import { html } from 'htm/preact';
import type { TechniqueSpan } from '../lib/analysis.ts';
import { count } from '../lib/format.ts';
import { CATEGORIES, categoryColour, techniqueName } from '../lib/techniques.ts';
import { Swatch } from './common.ts';

export interface LegendProps {
  spans: readonly TechniqueSpan[];
  hidden: ReadonlySet<string>;
  onToggle: (category: string) => void;
}

export function Legend({ spans, hidden, onToggle }: LegendProps) {
  const byCategory = new Map<string, Map<string, number>>();
  for (const s of spans) {
    const m = byCategory.get(s.category) ?? new Map<string, number>();
    m.set(s.technique, (m.get(s.technique) ?? 0) + 1);
    byCategory.set(s.category, m);
  }
  // the taxonomy's order first, then any category a newer model adds
  const order = [...CATEGORIES, ...[...byCategory.keys()].filter((c) => !(CATEGORIES as readonly string[]).includes(c))];
  return html`<div class="legend" aria-label="Technique categories">
    <p class="legend-total"><strong>${count(spans.length)}</strong> technique span${spans.length === 1 ? '' : 's'}</p>
    <ul class="legend-list">
      ${order.map((category) => {
        const techniques = byCategory.get(category);
        const n = techniques ? [...techniques.values()].reduce((a, b) => a + b, 0) : 0;
        const shown = !hidden.has(category);
        return html`<li class=${n ? 'legend-item' : 'legend-item legend-empty'} data-category=${category}>
          <button type="button" class="legend-toggle" aria-pressed=${shown} disabled=${n === 0} onClick=${() => onToggle(category)}
            title=${shown ? 'Hide these highlights' : 'Show these highlights'}>
            <${Swatch} colour=${categoryColour(category)} />
            <span class="legend-name">${category}</span>
            <span class="legend-count">${count(n)}</span>
          </button>
          ${techniques &&
          html`<ul class="legend-techniques">
            ${[...techniques.entries()]
              .sort((a, b) => b[1] - a[1])
              .map(([t, c]) => html`<li><span>${techniqueName(t)}</span> <span class="legend-count">${count(c)}</span></li>`)}
          </ul>`}
        </li>`;
      })}
    </ul>
  </div>`;
}
