/**
 * Dashboards: how outlets use persuasion techniques (per 1,000 words, so
 * that long and short outlets compare), over time, which frames and genres
 * they favour, who gets quoted, and when narratives come and go. Each chart
 * has a caption and its numbers as a table. This page is loaded on demand:
 * Plot and d3 are most of the app's weight and only charts need them.
 */
import * as Plot from '@observablehq/plot';
import { html } from 'htm/preact';
import { useCallback, useMemo, useState } from 'preact/hooks';
import { Chart, RampLegend, SwatchLegend, PLOT_CLASS, type Column } from '../components/chart.ts';
import { ErrorNotice, Loading, Panel } from '../components/common.ts';
import { count, day, labelText, percent, rate } from '../lib/format.ts';
import { CATEGORIES, CATEGORY_LINE_COLOURS, techniqueName } from '../lib/techniques.ts';
import { useApi, type Loaded } from '../lib/use-api.ts';
import { navigate, type Location } from '../router.ts';
import type { ActorCount, Cluster, LabelCount, LabelShare, TechniqueRate } from '../types.ts';

const MAX_OUTLETS = 12;
const MAX_SERIES = 6;
const BLUES = ['#eef4fb', '#9ecae1', '#2171b5', '#08306b'];
const PURPLES = ['#f4f2f8', '#bcbddc', '#756bb1', '#3f007d'];
const SERIES = ['#1f6fb2', '#c0392b', '#2e8540', '#7b3fb5', '#a66a00', '#c2185b'];

/** Lists from the API; tolerant of a wrapper object ({items: […]}) so a change of envelope shows as "no data", not a crash. */
function rows<T>(loaded: Loaded<unknown>): T[] {
  const d = loaded.data as unknown;
  if (Array.isArray(d)) return d as T[];
  if (d && typeof d === 'object') {
    for (const k of ['items', 'rows', 'data', 'actors', 'clusters']) {
      const v = (d as Record<string, unknown>)[k];
      if (Array.isArray(v)) return v as T[];
    }
  }
  return [];
}

/** The outlets with the most analysed words first (the rest would be cells of noise). */
function topKeys<T extends { key: string }>(data: readonly T[], weight: (r: T) => number, n: number): string[] {
  const totals = new Map<string, number>();
  for (const r of data) totals.set(r.key, Math.max(totals.get(r.key) ?? 0, weight(r)));
  return [...totals.entries()].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k]) => k);
}

function periodDate(key: string): Date {
  return new Date(key.length === 7 ? `${key}-01T00:00:00Z` : `${key}T00:00:00Z`);
}

const categoryKey = CATEGORIES.map((c) => ({ label: c, colour: CATEGORY_LINE_COLOURS[c] }));
const categoryColour = { type: 'categorical' as const, domain: [...CATEGORIES], range: CATEGORIES.map((c) => CATEGORY_LINE_COLOURS[c]) };

function heatmapText<T>(data: readonly T[], opts: { x: (d: T) => string; y: (d: T) => string; v: (d: T) => number; label: (d: T) => string; dark: number }) {
  // two passes so that the text keeps its contrast on light and on dark cells; the labels let
  // the pointer through to the cell underneath, whose tip gives the exact numbers
  return [
    Plot.text(data.filter((d) => opts.v(d) < opts.dark), { x: opts.x, y: opts.y, text: opts.label, fill: '#1a1a1a', fontSize: 10, pointerEvents: 'none' }),
    Plot.text(data.filter((d) => opts.v(d) >= opts.dark), { x: opts.x, y: opts.y, text: opts.label, fill: 'white', fontSize: 10, pointerEvents: 'none' }),
  ];
}

function TechniqueHeatmap({ data }: { data: TechniqueRate[] }) {
  const outlets = useMemo(() => topKeys(data, (r) => r.words, MAX_OUTLETS), [data]);
  const cells = useMemo(() => data.filter((r) => outlets.includes(r.key) && r.spans > 0), [data, outlets]);
  const max = Math.max(0, ...cells.map((c) => c.per1000Words));
  const draw = useCallback(
    (width: number) =>
      Plot.plot({
        className: PLOT_CLASS,
        width,
        height: Math.max(220, new Set(cells.map((c) => c.technique)).size * 24 + 90),
        marginLeft: 220,
        marginBottom: 80,
        padding: 0.04,
        x: { domain: outlets, label: null, tickRotate: -30 },
        y: { label: null, tickFormat: techniqueName },
        color: { type: 'linear', range: [BLUES[0]!, BLUES[3]!], domain: [0, max || 1] },
        marks: [
          Plot.cell(cells, { x: 'key', y: 'technique', fill: 'per1000Words', inset: 0.5, sort: { y: '-fill', reduce: 'sum' }, tip: { format: { fill: (v: number) => rate(v) } } }),
          ...(outlets.length <= 8 ? heatmapText(cells, { x: (d) => d.key, y: (d) => d.technique, v: (d) => d.per1000Words, label: (d) => rate(d.per1000Words), dark: max * 0.55 }) : []),
        ],
      }),
    [cells, outlets, max],
  );
  const columns: Column<TechniqueRate>[] = [
    { label: 'Outlet', value: (r) => r.key },
    { label: 'Technique', value: (r) => techniqueName(r.technique) },
    { label: 'Spans', value: (r) => count(r.spans), numeric: true },
    { label: 'Articles', value: (r) => count(r.articles), numeric: true },
    { label: 'Words', value: (r) => count(r.words), numeric: true },
    { label: 'Per 1,000 words', value: (r) => rate(r.per1000Words), numeric: true },
  ];
  return html`<${Chart} id="chart-technique-outlet" title="Techniques by outlet" draw=${draw} rows=${cells} columns=${columns}
    caption=${`Technique spans per 1,000 analysed words, for the ${outlets.length} outlets with the most analysed words. Darker cells: the outlet uses the technique more often. Techniques are sorted by their total use.`}
    legend=${html`<${RampLegend} label="Spans per 1,000 words" min="0" max=${rate(max)} colours=${[BLUES[0]!, BLUES[3]!]} />`} />`;
}

function CategoryBars({ data }: { data: TechniqueRate[] }) {
  const outlets = useMemo(() => topKeys(data, (r) => r.words, MAX_OUTLETS), [data]);
  const bars = useMemo(() => data.filter((r) => outlets.includes(r.key)), [data, outlets]);
  const draw = useCallback(
    (width: number) =>
      Plot.plot({
        className: PLOT_CLASS,
        width,
        height: outlets.length * 30 + 60,
        marginLeft: 160,
        x: { label: 'spans per 1,000 words →', grid: true },
        y: { domain: outlets, label: null },
        color: categoryColour,
        marks: [Plot.barX(bars, Plot.stackX({ x: 'per1000Words', y: 'key', fill: 'technique', tip: true })), Plot.ruleX([0])],
      }),
    [bars, outlets],
  );
  const columns: Column<TechniqueRate>[] = [
    { label: 'Outlet', value: (r) => r.key },
    { label: 'Category', value: (r) => r.technique },
    { label: 'Spans', value: (r) => count(r.spans), numeric: true },
    { label: 'Per 1,000 words', value: (r) => rate(r.per1000Words), numeric: true },
  ];
  return html`<${Chart} id="chart-category-outlet" title="Technique categories by outlet" draw=${draw} rows=${bars} columns=${columns}
    caption="Each bar is one outlet's technique spans per 1,000 analysed words, split by the six categories. A longer bar: more persuasion techniques for the same amount of text."
    legend=${html`<${SwatchLegend} items=${categoryKey} />`} />`;
}

function CategoryLines({ data, by }: { data: TechniqueRate[]; by: string }) {
  const points = useMemo(() => data.map((r) => ({ ...r, date: periodDate(r.key) })).filter((r) => !Number.isNaN(r.date.getTime())), [data]);
  const draw = useCallback(
    (width: number) =>
      Plot.plot({
        className: PLOT_CLASS,
        width,
        height: 300,
        marginLeft: 50,
        x: { type: 'utc', label: null },
        y: { label: '↑ spans per 1,000 words', grid: true, zero: true },
        color: categoryColour,
        marks: [
          Plot.lineY(points, { x: 'date', y: 'per1000Words', stroke: 'technique', strokeWidth: 2, curve: 'monotone-x' }),
          Plot.dot(points, { x: 'date', y: 'per1000Words', stroke: 'technique', r: 2.5, fill: 'white', tip: true }),
        ],
      }),
    [points],
  );
  const columns: Column<TechniqueRate>[] = [
    { label: by === 'day' ? 'Day' : 'Month', value: (r) => r.key },
    { label: 'Category', value: (r) => r.technique },
    { label: 'Spans', value: (r) => count(r.spans), numeric: true },
    { label: 'Per 1,000 words', value: (r) => rate(r.per1000Words), numeric: true },
  ];
  return html`<${Chart} id="chart-category-time" title="Technique categories over time" draw=${draw} rows=${points} columns=${columns}
    caption=${`Technique spans per 1,000 analysed words, by ${by} and category, over all selected outlets.`}
    legend=${html`<${SwatchLegend} items=${categoryKey} />`} />`;
}

function FrameHeatmap({ data }: { data: LabelShare[] }) {
  const outlets = useMemo(() => topKeys(data, (r) => r.total, MAX_OUTLETS), [data]);
  const cells = useMemo(() => data.filter((r) => outlets.includes(r.key)), [data, outlets]);
  const max = Math.max(0, ...cells.map((c) => c.share));
  const draw = useCallback(
    (width: number) =>
      Plot.plot({
        className: PLOT_CLASS,
        width,
        height: Math.max(220, new Set(cells.map((c) => c.label)).size * 24 + 90),
        marginLeft: 260,
        marginBottom: 80,
        padding: 0.04,
        x: { domain: outlets, label: null, tickRotate: -30 },
        y: { label: null, tickFormat: labelText },
        color: { type: 'linear', range: [PURPLES[0]!, PURPLES[3]!], domain: [0, max || 1] },
        marks: [
          Plot.cell(cells, { x: 'key', y: 'label', fill: 'share', inset: 0.5, sort: { y: '-fill', reduce: 'sum' }, tip: { format: { fill: (v: number) => percent(v) } } }),
          ...(outlets.length <= 8 ? heatmapText(cells, { x: (d) => d.key, y: (d) => d.label, v: (d) => d.share, label: (d) => percent(d.share), dark: max * 0.55 }) : []),
        ],
      }),
    [cells, outlets, max],
  );
  const columns: Column<LabelShare>[] = [
    { label: 'Outlet', value: (r) => r.key },
    { label: 'Frame', value: (r) => labelText(r.label) },
    { label: 'Articles', value: (r) => count(r.articles), numeric: true },
    { label: 'Of', value: (r) => count(r.total), numeric: true },
    { label: 'Share', value: (r) => percent(r.share), numeric: true },
  ];
  return html`<${Chart} id="chart-frames-outlet" title="Frames by outlet" draw=${draw} rows=${cells} columns=${columns}
    caption="Share of each outlet's analysed articles that use a frame (an article can use several). Darker: more of the outlet's articles."
    legend=${html`<${RampLegend} label="Share of articles" min="0%" max=${percent(max)} colours=${[PURPLES[0]!, PURPLES[3]!]} />`} />`;
}

function GenreBars({ data }: { data: LabelShare[] }) {
  const outlets = useMemo(() => topKeys(data, (r) => r.total, MAX_OUTLETS), [data]);
  const bars = useMemo(() => data.filter((r) => outlets.includes(r.key)), [data, outlets]);
  const genres = ['reporting', 'opinion', 'satire'];
  const colours = ['#1f6fb2', '#a66a00', '#7b3fb5'];
  const draw = useCallback(
    (width: number) =>
      Plot.plot({
        className: PLOT_CLASS,
        width,
        height: outlets.length * 30 + 60,
        marginLeft: 160,
        x: { label: 'share of articles →', tickFormat: '%', grid: true },
        y: { domain: outlets, label: null },
        color: { domain: genres, range: colours },
        marks: [Plot.barX(bars, Plot.stackX({ x: 'share', y: 'key', fill: 'label', order: genres, tip: { format: { x: (v: number) => percent(v) } } })), Plot.ruleX([0])],
      }),
    [bars, outlets],
  );
  const columns: Column<LabelShare>[] = [
    { label: 'Outlet', value: (r) => r.key },
    { label: 'Genre', value: (r) => r.label },
    { label: 'Articles', value: (r) => count(r.articles), numeric: true },
    { label: 'Share', value: (r) => percent(r.share), numeric: true },
  ];
  return html`<${Chart} id="chart-genres-outlet" title="Genres by outlet" draw=${draw} rows=${bars} columns=${columns}
    caption="How each outlet's analysed articles divide into reporting, opinion and satire."
    legend=${html`<${SwatchLegend} items=${genres.map((g, i) => ({ label: g, colour: colours[i]! }))} />`} />`;
}

function ActorBars({ data }: { data: ActorCount[] }) {
  const top = useMemo(() => [...data].sort((a, b) => b.mentions - a.mentions).slice(0, 15), [data]);
  const draw = useCallback(
    (width: number) =>
      Plot.plot({
        className: PLOT_CLASS,
        width,
        height: top.length * 26 + 50,
        marginLeft: 180,
        x: { label: 'mentions →', grid: true },
        y: { label: null, domain: top.map((a) => a.name) },
        marks: [
          Plot.barX(top, { x: 'mentions', y: 'name', fill: '#1f6fb2', tip: true }),
          Plot.barX(top, { x: 'quotes', y: 'name', fill: '#ffb000', insetTop: 8, insetBottom: 8 }),
          Plot.ruleX([0]),
        ],
      }),
    [top],
  );
  const columns: Column<ActorCount>[] = [
    { label: 'Actor', value: (r) => html`<a href=${`/actors/${encodeURIComponent(r.key)}`}>${r.name}</a>` },
    { label: 'Type', value: (r) => r.type },
    { label: 'Articles', value: (r) => count(r.articles), numeric: true },
    { label: 'Mentions', value: (r) => count(r.mentions), numeric: true },
    { label: 'Quotes', value: (r) => count(r.quotes), numeric: true },
  ];
  return html`<${Chart} id="chart-actors" title="Top actors" draw=${draw} rows=${top} columns=${columns}
    caption="The most mentioned people and organisations: blue, their mentions; the thin yellow bar inside, how often they are quoted. The table links to each actor's quotes."
    legend=${html`<${SwatchLegend} items=${[{ label: 'mentions', colour: '#1f6fb2' }, { label: 'quotes', colour: '#ffb000' }]} />`} />`;
}

function NarrativeLines({ data, by }: { data: LabelCount[]; by: string }) {
  const { points, names } = useMemo(() => {
    const real = data.filter((r) => r.label !== 'Other');
    const names = topKeys(real.map((r) => ({ ...r, key: r.label })), (r) => r.articles, MAX_SERIES);
    // the same narrative's total per period, whatever the weight function kept
    const points = real.filter((r) => names.includes(r.label)).map((r) => ({ ...r, date: periodDate(r.key) })).filter((r) => !Number.isNaN(r.date.getTime()));
    return { points, names };
  }, [data]);
  const draw = useCallback(
    (width: number) =>
      Plot.plot({
        className: PLOT_CLASS,
        width,
        height: 300,
        marginLeft: 50,
        x: { type: 'utc', label: null },
        y: { label: '↑ articles', grid: true, zero: true },
        color: { domain: names, range: SERIES },
        marks: [
          Plot.lineY(points, { x: 'date', y: 'articles', stroke: 'label', strokeWidth: 2, curve: 'monotone-x' }),
          Plot.dot(points, { x: 'date', y: 'articles', stroke: 'label', fill: 'white', r: 2.5, tip: true }),
        ],
      }),
    [points, names],
  );
  const columns: Column<LabelCount>[] = [
    { label: by === 'day' ? 'Day' : 'Month', value: (r) => r.key },
    { label: 'Narrative', value: (r) => labelText(r.label) },
    { label: 'Articles', value: (r) => count(r.articles), numeric: true },
    { label: 'Of analysed', value: (r) => count(r.analysed), numeric: true },
  ];
  return html`<${Chart} id="chart-narratives" title="Narratives over time" draw=${draw} rows=${points} columns=${columns}
    caption=${`Articles carrying each of the ${names.length} most frequent narratives, by ${by}.`}
    legend=${html`<${SwatchLegend} items=${names.map((n, i) => ({ label: labelText(n), colour: SERIES[i]! }))} />`} />`;
}

function Clusters({ data }: { data: Cluster[] }) {
  if (!data.length) return html`<p class="empty">No near-duplicate clusters in this period.</p>`;
  return html`<div class="table-scroll"><table>
    <caption class="visually-hidden">Stories carried by several outlets</caption>
    <thead><tr><th scope="col">First article</th><th scope="col" class="num">Articles</th><th scope="col" class="num">Outlets</th><th scope="col">First seen</th><th scope="col">Last seen</th></tr></thead>
    <tbody>
      ${data.slice(0, 20).map(
        (c) => html`<tr key=${c.clusterId}>
          <td>${c.items[0] ? html`<a href=${`/articles/${c.items[0].id}`}>${c.items[0].title || `Article ${c.items[0].id}`}</a>` : c.clusterId}</td>
          <td class="num">${count(c.articles)}</td><td class="num">${count(c.outlets)}</td><td>${day(c.first)}</td><td>${day(c.last)}</td>
        </tr>`,
      )}
    </tbody>
  </table></div>`;
}

function Section({ loaded, what, children }: { loaded: Loaded<unknown>; what: string; children: () => unknown }) {
  if (loaded.error) return html`<${ErrorNotice} error=${loaded.error} retry=${loaded.reload} />`;
  if (loaded.loading && !loaded.data) return html`<${Loading} what=${what} />`;
  return children();
}

export function DashboardsPage({ location }: { location: Location }) {
  const q = location.query;
  const filters = { from: q.get('from') ?? '', to: q.get('to') ?? '', source: q.get('source') ?? '' };
  const by = q.get('by') === 'day' ? 'day' : 'month';
  const [draft, setDraft] = useState({ ...filters, by });
  const common = { from: filters.from, to: filters.to, source: filters.source };

  const techniques = useApi<unknown>('/api/dashboards/techniques', { ...common, by: 'source', level: 'technique' });
  const categories = useApi<unknown>('/api/dashboards/techniques', { ...common, by: 'source', level: 'category' });
  const overTime = useApi<unknown>('/api/dashboards/techniques', { ...common, by, level: 'category' });
  const frames = useApi<unknown>('/api/dashboards/frames', { ...common, by: 'source' });
  const genres = useApi<unknown>('/api/dashboards/genres', { ...common, by: 'source' });
  const narratives = useApi<unknown>('/api/dashboards/narratives', { from: filters.from, to: filters.to, by });
  const actors = useApi<unknown>('/api/actors', { limit: 15 });
  const clusters = useApi<unknown>('/api/dashboards/clusters', { from: filters.from, to: filters.to });

  const techniqueRows = useMemo(() => rows<TechniqueRate>(techniques), [techniques.data]);
  const categoryRows = useMemo(() => rows<TechniqueRate>(categories), [categories.data]);
  const timeRows = useMemo(() => rows<TechniqueRate>(overTime), [overTime.data]);
  const frameRows = useMemo(() => rows<LabelShare>(frames), [frames.data]);
  const genreRows = useMemo(() => rows<LabelShare>(genres), [genres.data]);
  const narrativeRows = useMemo(() => rows<LabelCount>(narratives), [narratives.data]);
  const actorRows = useMemo(() => rows<ActorCount>(actors), [actors.data]);
  const clusterRows = useMemo(() => rows<Cluster>(clusters), [clusters.data]);

  const apply = (e: Event) => {
    e.preventDefault();
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(draft)) if (v && !(k === 'by' && v === 'month')) p.set(k, v);
    navigate(`/dashboards${p.size ? `?${p}` : ''}`);
  };
  const field = (name: 'from' | 'to' | 'source', label: string, type: string) => html`<div class="field">
    <label for=${`d-${name}`}>${label}</label>
    <input id=${`d-${name}`} type=${type} value=${draft[name]} onInput=${(e: Event) => setDraft({ ...draft, [name]: (e.target as HTMLInputElement).value })} />
  </div>`;

  return html`<div class="page page-dashboards">
    <h1>Dashboards</h1>
    <form class="dash-form form-row" onSubmit=${apply}>
      ${field('from', 'From', 'date')} ${field('to', 'To', 'date')} ${field('source', 'Outlet (domain)', 'text')}
      <div class="field">
        <label for="d-by">Time step</label>
        <select id="d-by" value=${draft.by} onChange=${(e: Event) => setDraft({ ...draft, by: (e.target as HTMLSelectElement).value as 'day' | 'month' })}>
          <option value="month">month</option><option value="day">day</option>
        </select>
      </div>
      <button type="submit" class="primary">Apply</button>
    </form>
    <div class="dash-grid">
      <${Panel} title="Persuasion techniques" id="dash-techniques">
        <${Section} loaded=${techniques} what="technique rates">${() => html`<${TechniqueHeatmap} data=${techniqueRows} />`}</${Section}>
        <${Section} loaded=${categories} what="category rates">${() => html`<${CategoryBars} data=${categoryRows} />`}</${Section}>
        <${Section} loaded=${overTime} what="rates over time">${() => html`<${CategoryLines} data=${timeRows} by=${by} />`}</${Section}>
      </${Panel}>
      <${Panel} title="Frames and genres" id="dash-frames">
        <${Section} loaded=${frames} what="frames">${() => html`<${FrameHeatmap} data=${frameRows} />`}</${Section}>
        <${Section} loaded=${genres} what="genres">${() => html`<${GenreBars} data=${genreRows} />`}</${Section}>
      </${Panel}>
      <${Panel} title="Who is talked about" id="dash-actors">
        <${Section} loaded=${actors} what="actors">${() => html`<${ActorBars} data=${actorRows} />`}</${Section}>
      </${Panel}>
      <${Panel} title="Narratives" id="dash-narratives">
        <${Section} loaded=${narratives} what="narratives">${() => html`<${NarrativeLines} data=${narrativeRows} by=${by} />`}</${Section}>
      </${Panel}>
      <${Panel} title="Stories carried by several outlets" id="dash-clusters">
        <${Section} loaded=${clusters} what="clusters">${() => html`<${Clusters} data=${clusterRows} />`}</${Section}>
      </${Panel}>
    </div>
  </div>`;
}
