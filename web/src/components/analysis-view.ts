/**
 * One analysed article, as the Analyse and Article pages show it: the text
 * with its highlights and legend, then who said what, claims, narratives and
 * known cases, genre and frames, actors and entities.
 */
import { html } from 'htm/preact';
import { useMemo, useState } from 'preact/hooks';
import { claimsOf, knownCasesOf, layerStatus, narrativesOf, techniqueSpans } from '../lib/analysis.ts';
import { count, labelText, percent } from '../lib/format.ts';
import type { Analysis } from '../types.ts';
import { Claims, KnownCases, Narratives } from './claims.ts';
import { Panel } from './common.ts';
import { Actors, Entities } from './entities.ts';
import { HighlightedText } from './highlighted-text.ts';
import { Frames, Genre } from './labels.ts';
import { Legend } from './legend.ts';
import { WhoSaidWhat } from './who-said-what.ts';

/** Why a panel is empty when its layer did not run (null when it ran). */
function note(a: Analysis, layer: string, present: boolean): string | null {
  const st = layerStatus(a, layer);
  if (!st) return present ? null : 'Not part of this analysis.';
  if (st.status === 'ok') return null;
  return `Did not run (${st.status})${st.note ? `: ${st.note}` : '.'}`;
}

/** Layers that not every analysis has (older ones, or a pipeline without them) get a panel only when present. */
function has(a: Analysis, layer: string, present: boolean): boolean {
  return present || layerStatus(a, layer) !== null;
}

function words(text: string): number {
  return (text.match(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu) ?? []).length;
}

export function AnalysisView({ analysis, linkActors = false, showTitle = true }: { analysis: Analysis; linkActors?: boolean; showTitle?: boolean }) {
  const spans = useMemo(() => techniqueSpans(analysis), [analysis]);
  const [hidden, setHidden] = useState<ReadonlySet<string>>(new Set());
  const toggle = (category: string) =>
    setHidden((h) => {
      const next = new Set(h);
      if (next.has(category)) next.delete(category);
      else next.add(category);
      return next;
    });
  const paragraphLevel = spans.some((s) => s.paragraph);
  const a = analysis;

  return html`<div class="analysis">
    <p class="analysis-meta">
      <span>Language <strong>${a.language?.code ?? '?'}</strong>${a.language?.score ? ` (${percent(a.language.score)})` : ''}</span>
      <span>${count(words(a.text))} words</span>
      ${a.genre && html`<span>Genre <strong>${labelText(a.genre.label)}</strong></span>`}
      ${a.frames?.[0] && html`<span>Main frame <strong>${labelText(a.frames[0].label)}</strong></span>`}
    </p>
    <div class="analysis-main">
      <aside class="legend-col">
        <h2 class="visually-hidden">Legend</h2>
        <${Legend} spans=${spans} hidden=${hidden} onToggle=${toggle} />
        ${note(a, 'techniques', spans.length > 0) && html`<p class="panel-note">Techniques: ${note(a, 'techniques', spans.length > 0)}</p>`}
        ${paragraphLevel && html`<p class="panel-note">No span model for this language: whole paragraphs are highlighted.</p>`}
        <p class="hint">Tab or hover over a highlight to see the technique, its definition, evidence and confidence.</p>
      </aside>
      <div class="text-col">
        ${showTitle && a.title && html`<h2 class="article-title">${a.title}</h2>`}
        <${HighlightedText} text=${a.text} spans=${spans} hidden=${hidden} label="Article text with highlighted persuasion techniques" />
      </div>
    </div>
    <div class="panels">
      <${Panel} title="Who said what" id="panel-quotes" note=${note(a, 'quotes', !!a.quotes)}>
        <${WhoSaidWhat} analysis=${a} techniques=${spans} linkActors=${linkActors} />
      </${Panel}>
      ${has(a, 'claims', claimsOf(a).length > 0) &&
      html`<${Panel} title="Claims worth checking" id="panel-claims" note=${note(a, 'claims', true)}><${Claims} analysis=${a} /></${Panel}>`}
      ${has(a, 'known-cases', knownCasesOf(a).length > 0) &&
      html`<${Panel} title="Known cases and their disproof" id="panel-cases" note=${note(a, 'known-cases', true)}><${KnownCases} analysis=${a} /></${Panel}>`}
      ${has(a, 'narratives', narrativesOf(a).length > 0) &&
      html`<${Panel} title="Narratives" id="panel-narratives" note=${note(a, 'narratives', true)}><${Narratives} analysis=${a} /></${Panel}>`}
      <${Panel} title="Genre" id="panel-genre" note=${note(a, 'genre', !!a.genre)}>
        <${Genre} analysis=${a} />
      </${Panel}>
      <${Panel} title="Frames" id="panel-frames" note=${note(a, 'frames', !!a.frames)}>
        <${Frames} analysis=${a} />
      </${Panel}>
      <${Panel} title="Actors" id="panel-actors" note=${note(a, 'actors', !!a.actors)}>
        <${Actors} analysis=${a} linkActors=${linkActors} />
      </${Panel}>
      <${Panel} title="Named entities" id="panel-entities" note=${note(a, 'entities', !!a.entities)}>
        <${Entities} analysis=${a} />
      </${Panel}>
    </div>
  </div>`;
}
