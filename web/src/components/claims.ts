/** Check-worthy claims (most worth checking first), narratives, and known disinformation cases with their debunks. */
import { html } from 'htm/preact';
import { claimsOf, knownCasesOf, narrativesOf, sublabelText } from '../lib/analysis.ts';
import { day, labelText, percent } from '../lib/format.ts';
import { sliceCodePoints } from '../lib/spans.ts';
import type { Analysis } from '../types.ts';
import { Empty, ExtLink, ScoreBar } from './common.ts';

export function Claims({ analysis }: { analysis: Analysis }) {
  const claims = [...claimsOf(analysis)].sort((a, b) => b.score - a.score);
  if (!claims.length) return html`<${Empty}>No check-worthy claims found.</${Empty}>`;
  return html`<ol class="claims">
    ${claims.map(
      (c, i) => html`<li key=${i}>
        <blockquote class="claim-text">${sliceCodePoints(analysis.text, c.start, c.end)}</blockquote>
        <span class="claim-meta">Check-worthiness <${ScoreBar} score=${c.score} label="check-worthiness" /></span>
        ${c.evidence.length > 0 && html`<span class="muted small"> ${c.evidence.slice(0, 3).join('; ')}</span>`}
      </li>`,
    )}
  </ol>`;
}

export function Narratives({ analysis }: { analysis: Analysis }) {
  const narratives = narrativesOf(analysis).filter((n) => n.label !== 'Other');
  if (!narratives.length) return html`<${Empty}>No narrative of the taxonomy matched.</${Empty}>`;
  return html`<ul class="narratives">
    ${narratives.map(
      (n) => html`<li>
        <span class="narrative-name"><strong>${labelText(n.name ?? n.label)}</strong> <${ScoreBar} score=${n.score} label="confidence" /></span>
        ${n.name && n.name !== n.label && html`<span class="muted small">${n.label}</span>`}
        ${n.sublabels.length > 0 &&
        html`<ul class="sublabels">
          ${n.sublabels.map(sublabelText).map((s) => html`<li>${labelText(s.label)}${s.score !== undefined && html` <span class="muted">(${percent(s.score)})</span>`}</li>`)}
        </ul>`}
        ${n.evidence.length > 0 && html`<p class="muted small">Evidence: ${n.evidence.slice(0, 4).join('; ')}</p>`}
      </li>`,
    )}
  </ul>`;
}

export function KnownCases({ analysis }: { analysis: Analysis }) {
  const cases = knownCasesOf(analysis);
  if (!cases.length) return html`<${Empty}>No known disinformation case matches a claim of this article.</${Empty}>`;
  return html`<ul class="cases">
    ${cases.map((c, i) => {
      const claim = typeof c.claim === 'string' ? c.claim : sliceCodePoints(analysis.text, c.claim.start, c.claim.end);
      return html`<li key=${i} class="case">
        <p class="case-claim"><span class="case-tag">Claim in the article</span> ${claim}</p>
        <p class="case-summary"><span class="case-tag">Known case ${c.caseId}</span> ${c.title ? html`<strong>${c.title}</strong> ` : ''}${c.summary}
          ${c.date && html` <span class="muted">(${day(c.date)})</span>`}</p>
        <p class="case-disproof"><span class="case-tag">Disproof</span> ${c.disproof || html`<span class="muted">none given</span>`}</p>
        <p class="small">Similarity ${percent(c.similarity)}${c.url && html` · <${ExtLink} href=${c.url}>debunk</${ExtLink}>`}</p>
      </li>`;
    })}
  </ul>`;
}
