/** Small building blocks every page uses: links out, notices, score bars. */
import { html } from 'htm/preact';
import type { ComponentChildren } from 'preact';
import { errorMessage } from '../api.ts';
import { safeHref } from '../lib/safe-url.ts';
import { percent } from '../lib/format.ts';

/**
 * A link to a URL from article data. Only http(s) URLs become links (opening
 * in a new tab without handing over the opener or the referrer); anything
 * else, `javascript:` included, is shown as plain text.
 */
export function ExtLink({ href, children }: { href: unknown; children?: ComponentChildren }) {
  const safe = safeHref(href);
  const label = children ?? String(href ?? '');
  if (!safe) return html`<span class="unsafe-url" title="not an http(s) link, so not clickable">${label}</span>`;
  return html`<a href=${safe} target="_blank" rel="noopener noreferrer" data-external>${label}</a>`;
}

export function ErrorNotice({ error, retry }: { error: unknown; retry?: () => void }) {
  if (!error) return null;
  return html`<div class="notice notice-error" role="alert">
    <span>${errorMessage(error)}</span>
    ${retry && html` <button type="button" class="link-button" onClick=${retry}>Try again</button>`}
  </div>`;
}

export function Loading({ what }: { what: string }) {
  return html`<p class="loading" role="status" aria-live="polite">Loading ${what}…</p>`;
}

export function Empty({ children }: { children: ComponentChildren }) {
  return html`<p class="empty">${children}</p>`;
}

/** A score in [0, 1] as a labelled bar; the number is always written out too. */
export function ScoreBar({ score, colour, label }: { score: number; colour?: string; label?: string }) {
  const width = `${Math.max(0, Math.min(1, Number.isFinite(score) ? score : 0)) * 100}%`;
  return html`<span class="score" role="img" aria-label=${`${label ? label + ': ' : ''}${percent(score)}`}>
    <span class="score-track" aria-hidden="true"><span class="score-fill" style=${{ width, ...(colour && { backgroundColor: colour }) }}></span></span>
    <span class="score-value" aria-hidden="true">${percent(score)}</span>
  </span>`;
}

export function Swatch({ colour }: { colour: string }) {
  return html`<span class="swatch" aria-hidden="true" style=${{ backgroundColor: colour }}></span>`;
}

/** A panel of the analysis view: a heading, and content or a line saying why there is none. */
export function Panel({ title, id, children, note }: { title: string; id: string; children: ComponentChildren; note?: string | null }) {
  return html`<section class="panel" id=${id} aria-labelledby=${`${id}-title`}>
    <h2 id=${`${id}-title`}>${title}</h2>
    ${note && html`<p class="panel-note">${note}</p>`}
    ${children}
  </section>`;
}
