/**
 * A chart drawn with Observable Plot, in a figure with a caption and the
 * same numbers as a table (for screen readers, for copying, and for anyone
 * who prefers to read them). Plot builds SVG through the DOM, which the CSP
 * allows; the one thing it adds that the CSP forbids, an inline <style>
 * element, is removed before the chart joins the page (the same rules are in
 * styles.css under the class the chart is given).
 */
import { html } from 'htm/preact';
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';

export const PLOT_CLASS = 'ss-plot';

export interface Column<T> {
  label: string;
  value: (row: T) => ComponentChildren;
  numeric?: boolean;
}

export interface ChartProps<T> {
  id: string;
  title: string;
  /** One or two sentences: what the chart shows and how to read it. */
  caption: string;
  /** Draws the chart at a width (CSS pixels); returns Plot's element. */
  draw: (width: number) => Element;
  rows: readonly T[];
  columns: readonly Column<T>[];
  /** A key under the chart (colours); HTML, so it needs no inline styles from Plot. */
  legend?: ComponentChildren;
}

/** Removes what the CSP would block: <style> elements (Plot's default styles). */
export function cspSafe(node: Element): Element {
  for (const s of node.querySelectorAll('style')) s.remove();
  return node;
}

export function Chart<T>({ id, title, caption, draw, rows, columns, legend }: ChartProps<T>) {
  const box = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    setWidth(el.clientWidth);
    // redraw when the layout changes width, not on every pixel of a drag
    let frame = 0;
    const observer = new ResizeObserver(() => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => setWidth((w) => (Math.abs(w - el.clientWidth) > 8 ? el.clientWidth : w)));
    });
    observer.observe(el);
    return () => {
      observer.disconnect();
      cancelAnimationFrame(frame);
    };
  }, []);

  useEffect(() => {
    const el = box.current;
    if (!el || width <= 0 || rows.length === 0) return;
    const chart = cspSafe(draw(width));
    chart.setAttribute('role', 'img');
    chart.setAttribute('aria-labelledby', `${id}-title`);
    chart.setAttribute('aria-describedby', `${id}-caption`);
    el.replaceChildren(chart);
    return () => chart.remove();
  }, [width, rows, draw, id]);

  return html`<figure class="chart" id=${id} aria-labelledby=${`${id}-title`}>
    <h3 id=${`${id}-title`} class="chart-title">${title}</h3>
    ${rows.length === 0 ? html`<p class="empty">No data for this selection.</p>` : html`<div class="chart-box" ref=${box}></div>`}
    ${legend}
    <figcaption id=${`${id}-caption`}>${caption}</figcaption>
    ${rows.length > 0 &&
    html`<details class="chart-table">
      <summary>Show the numbers as a table</summary>
      <div class="table-scroll">
        <table>
          <caption class="visually-hidden">${title}</caption>
          <thead><tr>${columns.map((c) => html`<th scope="col" class=${c.numeric ? 'num' : ''}>${c.label}</th>`)}</tr></thead>
          <tbody>
            ${rows.map((r) => html`<tr>${columns.map((c) => html`<td class=${c.numeric ? 'num' : ''}>${c.value(r)}</td>`)}</tr>`)}
          </tbody>
        </table>
      </div>
    </details>`}
  </figure>`;
}

/** An HTML colour key: one swatch per label. */
export function SwatchLegend({ items }: { items: readonly { label: string; colour: string }[] }) {
  return html`<ul class="chart-legend" aria-label="Colour key">
    ${items.map((i) => html`<li><span class="swatch" aria-hidden="true" style=${{ backgroundColor: i.colour }}></span>${i.label}</li>`)}
  </ul>`;
}

/** An HTML key for a sequential colour scale: a gradient from the lowest to the highest value. */
export function RampLegend({ label, min, max, colours }: { label: string; min: string; max: string; colours: readonly string[] }) {
  return html`<div class="ramp-legend" aria-label=${`${label}: from ${min} (lightest) to ${max} (darkest)`}>
    <span>${label}</span>
    <span class="ramp-min">${min}</span>
    <span class="ramp" aria-hidden="true" style=${{ backgroundImage: `linear-gradient(to right, ${colours.join(', ')})` }}></span>
    <span class="ramp-max">${max}</span>
  </div>`;
}
