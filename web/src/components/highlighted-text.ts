/**
 * An article with its technique spans highlighted in their categories'
 * colours. Overlapping spans are cut into segments; a segment covered by
 * several techniques gets the colour of the narrowest one, a band of each
 * other one's colour along its bottom edge and a small count. Every
 * highlight is focusable; on focus or hover a popover (role=tooltip, tied
 * with aria-describedby) tells what each technique is, with its evidence
 * and confidence. Escape closes it.
 *
 * The text is only ever a text node: Preact escapes it, so markup in an
 * article stays characters on the screen.
 */
import { html } from 'htm/preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { TechniqueSpan } from '../lib/analysis.ts';
import { percent } from '../lib/format.ts';
import { segments, toUtf16, type Segment } from '../lib/spans.ts';
import { CATEGORY_LINE_COLOURS, categoryColour, isCategory, technique, techniqueName } from '../lib/techniques.ts';

export interface HighlightedTextProps {
  text: string;
  /** Code-point offsets into `text`. */
  spans: readonly TechniqueSpan[];
  /** Categories not to highlight. */
  hidden?: ReadonlySet<string>;
  /** Names the region for screen readers. */
  label: string;
  /** A short text (a quote): inline rather than a block of paragraphs. */
  inline?: boolean;
}

let nextId = 0;

interface Open {
  seg: number;
  top: number;
  left: number;
  /** Opened by the pointer (closes when it leaves) or by focus (closes on blur). */
  by: 'pointer' | 'focus';
}

const MAX_EVIDENCE = 5;

/** The span drawn as the background: the narrowest, then the most confident. */
function topSpan(spans: readonly TechniqueSpan[], active: readonly number[]): number {
  let best = active[0]!;
  for (const i of active) {
    const a = spans[i]!;
    const b = spans[best]!;
    if (a.end - a.start < b.end - b.start || (a.end - a.start === b.end - b.start && a.score > b.score)) best = i;
  }
  return best;
}

function lineColour(category: string): string {
  return isCategory(category) ? CATEGORY_LINE_COLOURS[category] : '#777777';
}

function segmentStyle(spans: readonly TechniqueSpan[], seg: Segment): Record<string, string> {
  const top = topSpan(spans, seg.active);
  const style: Record<string, string> = { backgroundColor: categoryColour(spans[top]!.category) };
  const others = seg.active.filter((i) => i !== top);
  // one 3px band per other technique, stacked upwards from the bottom edge
  if (others.length) style.boxShadow = others.map((i, k) => `inset 0 -${3 * (k + 1)}px 0 ${lineColour(spans[i]!.category)}`).join(', ');
  return style;
}

/** Ids are made of the technique id's safe characters (ids from a model are data, not markup). */
function slug(technique: string): string {
  return technique.replace(/[^A-Za-z0-9_-]/g, '_');
}

export function HighlightedText({ text, spans: input, hidden, label, inline }: HighlightedTextProps) {
  const [id] = useState(() => `hl-pop-${++nextId}`);
  const wrap = useRef<HTMLDivElement>(null);
  const closeTimer = useRef<number | null>(null);
  const [open, setOpen] = useState<Open | null>(null);

  const { spans, segs, dropped } = useMemo(() => {
    const visible = hidden?.size ? input.filter((s) => !hidden.has(s.category)) : input;
    const converted = toUtf16(text, visible);
    return { spans: converted.spans, dropped: converted.dropped, segs: segments(text.length, converted.spans) };
  }, [text, input, hidden]);

  useEffect(() => setOpen(null), [segs]);

  const cancelClose = () => {
    if (closeTimer.current !== null) window.clearTimeout(closeTimer.current);
    closeTimer.current = null;
  };
  useEffect(() => cancelClose, []);

  const show = (mark: HTMLElement, by: Open['by']) => {
    cancelClose();
    const seg = Number(mark.dataset.seg);
    const box = wrap.current?.getBoundingClientRect();
    if (!box || !Number.isInteger(seg)) return;
    const r = mark.getBoundingClientRect();
    const width = Math.min(416, box.width);
    setOpen({ seg, by, top: r.bottom - box.top + 6, left: Math.max(0, Math.min(r.left - box.left, box.width - width)) });
  };
  // a short delay lets the pointer travel from the highlight into the popover
  const closeSoon = () => {
    cancelClose();
    closeTimer.current = window.setTimeout(() => setOpen(null), 200);
  };
  const markOf = (e: Event) => (e.target as Element | null)?.closest?.('mark.hl') as HTMLElement | null;

  const onFocusIn = (e: FocusEvent) => {
    const m = markOf(e);
    if (m) show(m, 'focus');
  };
  const onFocusOut = (e: FocusEvent) => {
    const next = e.relatedTarget as Node | null;
    if (!next || !wrap.current?.contains(next)) setOpen((o) => (o?.by === 'focus' ? null : o));
  };
  const onMouseOver = (e: MouseEvent) => {
    const m = markOf(e);
    if (m) show(m, 'pointer');
  };
  const onMouseOut = (e: MouseEvent) => {
    const m = markOf(e);
    const next = e.relatedTarget as Node | null;
    if (m && !(next && m.contains(next)) && open?.by === 'pointer') closeSoon();
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && open) {
      e.stopPropagation();
      setOpen(null);
    }
  };

  // Screen readers get each technique's name and definition from a hidden
  // description (referenced even while the popover is closed, so nothing
  // depends on when the popover renders).
  const used = useMemo(() => [...new Set(spans.map((s) => s.technique))], [spans]);
  // The marks do not depend on which popover is open, so they are built once per text:
  // opening a popover then re-renders the popover only, not thousands of marks.
  const children = useMemo(() => {
    const descriptionIds = (seg: Segment) => [...new Set(seg.active.map((i) => `${id}-${slug(spans[i]!.technique)}`))].join(' ');
    return segs.map((seg, k) => {
      const piece = text.slice(seg.start, seg.end);
      if (!seg.active.length) return piece;
      const many = new Set(seg.active.map((i) => spans[i]!.technique)).size;
      return html`<mark
        class=${many > 1 ? 'hl hl-multi' : 'hl'}
        tabindex="0"
        data-seg=${k}
        data-count=${many > 1 ? String(many) : undefined}
        data-techniques=${[...new Set(seg.active.map((i) => spans[i]!.technique))].join(' ')}
        aria-describedby=${descriptionIds(seg)}
        style=${segmentStyle(spans, seg)}
      >${piece}</mark>`;
    });
  }, [segs, spans, text, id]);

  const openSeg = open ? segs[open.seg] : undefined;
  const items = openSeg ? [...openSeg.active].sort((a, b) => spans[b]!.score - spans[a]!.score) : [];
  const Tag = inline ? 'span' : 'div';

  return html`<${Tag} class=${inline ? 'hl-wrap hl-inline' : 'hl-wrap'} ref=${wrap} onKeyDown=${onKeyDown}>
    <${Tag}
      class=${inline ? 'quote-text' : 'article-text'}
      role=${inline ? undefined : 'region'}
      aria-label=${inline ? undefined : label}
      onFocusIn=${onFocusIn}
      onFocusOut=${onFocusOut}
      onMouseOver=${onMouseOver}
      onMouseOut=${onMouseOut}
    >${children}</${Tag}>
    <span hidden>
      ${used.map((t) => html`<span id=${`${id}-${slug(t)}`}>${techniqueName(t)}${technique(t) ? `: ${technique(t)!.definition}` : ''}</span>`)}
    </span>
    ${dropped > 0 && html`<span class="panel-note">${dropped} span${dropped === 1 ? '' : 's'} with offsets outside the text not shown.</span>`}
    ${openSeg &&
    html`<span
      class="popover"
      role="tooltip"
      id=${id}
      style=${{ top: `${open!.top}px`, left: `${open!.left}px` }}
      onMouseEnter=${cancelClose}
      onMouseLeave=${() => open?.by === 'pointer' && closeSoon()}
    >
      ${items.length > 1 && html`<span class="pop-count">${items.length} techniques overlap here</span>`}
      ${items.map((i) => {
        const s = spans[i]!;
        const t = technique(s.technique);
        return html`<span class="pop-item">
          <span class="pop-head"
            ><span class="swatch" aria-hidden="true" style=${{ backgroundColor: categoryColour(s.category) }}></span
            ><strong class="pop-name">${techniqueName(s.technique)}</strong> <span class="pop-cat">${s.category}</span></span
          >
          ${t && html`<span class="pop-def">${t.definition}</span>`}
          <span class="pop-score">Confidence ${percent(s.score)}${s.paragraph ? ' (whole paragraph: no span model for this language)' : ''}</span>
          ${s.evidence.length > 0 &&
          html`<span class="pop-evidence-title">Evidence</span>
            <ul class="pop-evidence">
              ${s.evidence.slice(0, MAX_EVIDENCE).map((e) => html`<li>${e}</li>`)}
            </ul>`}
        </span>`;
      })}
    </span>`}
  </${Tag}>`;
}
