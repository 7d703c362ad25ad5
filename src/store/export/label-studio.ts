/**
 * Label Studio round trip. Out: tasks (`data.text` plus the store's ids)
 * with the latest analysis's technique spans as `predictions`, so that
 * annotators correct the model instead of starting from nothing. In: a Label
 * Studio JSON export, whose `annotations[].result[]` become human
 * annotations (source `label-studio`).
 *
 * Offsets: Label Studio's editor counts UTF-16 units (JavaScript string
 * indices), the store counts code points. They differ only after characters
 * outside the BMP (emoji); tasks carry UTF-16 offsets, and import checks
 * each result's `value.text` against the task text under both readings
 * before it trusts the numbers.
 */
import type { Writable } from 'node:stream';
import { z } from 'zod';
import { InputError } from '../../ingest/decode-text.ts';
import { offsetMap } from '../../text/offsets.ts';
import { TECHNIQUES } from '../derive.ts';
import type { AnnotationInput, Store } from '../types.ts';
import { readAll, write, type Input } from './lines.ts';

export const LABEL_STUDIO = 'label-studio';

export interface LabelStudioOptions {
  /** Layer whose spans become predictions (default `techniques`). */
  layer?: string;
  /** Names in the labeling config: `<Labels name=fromName toName=toName>` and `<Text name=toName>`. */
  fromName?: string;
  toName?: string;
}

function escapeXml(s: string): string {
  return s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A labeling config that matches the exported tasks. */
export function labelStudioConfig(labels: readonly string[], options: LabelStudioOptions = {}): string {
  const from = options.fromName ?? 'label';
  const to = options.toName ?? 'text';
  return [
    '<View>',
    `  <Labels name="${escapeXml(from)}" toName="${escapeXml(to)}">`,
    ...labels.map((l) => `    <Label value="${escapeXml(l)}"/>`),
    '  </Labels>',
    `  <Text name="${escapeXml(to)}" value="$text"/>`,
    '</View>',
  ].join('\n');
}

/** Writes a JSON array of tasks, one article at a time. Returns the number of tasks. */
export async function writeLabelStudioTasks(store: Store, out: Writable, options: LabelStudioOptions = {}): Promise<number> {
  const layer = options.layer ?? TECHNIQUES;
  const from = options.fromName ?? 'label';
  const to = options.toName ?? 'text';
  let n = 0;
  await write(out, '[');
  for await (const { article, analyses } of store.iterateAnalyses()) {
    const latest = analyses.at(-1);
    if (!latest) continue;
    const analysis = latest.analysis;
    const text = analysis.text;
    const map = offsetMap(text);
    const spans = layer === TECHNIQUES ? (analysis.techniques ?? analysis.paragraphTechniques ?? []).map((t) => ({ start: t.start, end: t.end, label: t.technique, score: t.score })) : (analysis.layers[layer]?.spans ?? []);
    const result = spans.map((s, i) => {
      const start = map.toUtf16(s.start);
      const end = map.toUtf16(s.end);
      return {
        id: `a${article.id}-${i}`,
        from_name: from,
        to_name: to,
        type: 'labels',
        value: { start, end, text: text.slice(start, end), labels: [s.label] },
        ...(s.score !== undefined ? { score: s.score } : {}),
      };
    });
    const scores = spans.map((s) => s.score).filter((s): s is number => typeof s === 'number');
    const task = {
      data: { text, article_id: article.id, title: article.title, url: article.canonicalUrl ?? article.url, source: article.source },
      predictions: [
        {
          model_version: `${latest.model.name}@${latest.model.version}`,
          ...(scores.length ? { score: scores.reduce((a, b) => a + b, 0) / scores.length } : {}),
          result,
        },
      ],
    };
    await write(out, `${n ? ',' : ''}\n${JSON.stringify(task)}`);
    n++;
  }
  await write(out, '\n]\n');
  return n;
}

const resultSchema = z.looseObject({
  id: z.union([z.string(), z.number()]).optional(),
  type: z.string(),
  from_name: z.string().optional(),
  value: z.looseObject({
    start: z.number().int().optional(),
    end: z.number().int().optional(),
    text: z.string().optional(),
    labels: z.array(z.string()).optional(),
  }),
});

const annotationSchema = z.looseObject({
  id: z.union([z.string(), z.number()]).optional(),
  completed_by: z.union([z.number(), z.string(), z.looseObject({ id: z.number().optional(), email: z.string().optional() }), z.null()]).optional(),
  created_at: z.string().optional(),
  was_cancelled: z.boolean().optional(),
  result: z.array(resultSchema),
});

const taskSchema = z.looseObject({
  id: z.union([z.string(), z.number()]).optional(),
  data: z.looseObject({ text: z.string().optional(), article_id: z.number().int().optional(), url: z.string().nullable().optional() }),
  annotations: z.array(annotationSchema).optional(),
});

export interface LabelStudioImport {
  tasks: number;
  inserted: number;
  /** Already imported (same task, annotation and result ids). */
  skipped: number;
  /** Tasks whose article is not in the store. */
  unknownArticles: number;
  /** Results whose offsets do not point at their `text` in the article (the text was changed, or the offsets are off). */
  misaligned: number;
}

function authorOf(by: z.infer<typeof annotationSchema>['completed_by']): string | null {
  if (by === null || by === undefined) return null;
  if (typeof by === 'object') return by.email ?? (by.id !== undefined ? `user:${by.id}` : null);
  return typeof by === 'number' ? `user:${by}` : by;
}

function tryCodePoint(map: ReturnType<typeof offsetMap>, utf16: number): number | null {
  try {
    return map.toCodePoint(utf16);
  } catch {
    // beyond the text, or inside a surrogate pair: no boundary
    return null;
  }
}

/** Code-point offsets of a result in `text`, reading its numbers as UTF-16 (the editor's) and then as code points, checked against its own `text`. */
function locate(text: string, start: number, end: number, quoted: string | undefined): { start: number; end: number } | null {
  const map = offsetMap(text);
  const candidates: [number, number][] = [[start, end]];
  if (start >= 0 && end >= start && end <= map.codePointLength) candidates.push([map.toUtf16(start), map.toUtf16(end)]);
  for (const [s, e] of candidates) {
    if (s < 0 || e < s) continue;
    const cs = tryCodePoint(map, s);
    const ce = tryCodePoint(map, e);
    if (cs === null || ce === null) continue;
    if (quoted === undefined || text.slice(s, e) === quoted) return { start: cs, end: ce };
  }
  return null;
}

/**
 * Imports a Label Studio JSON export (a list of tasks). Tasks find their
 * article by `data.article_id` (as exported) or `data.url`; results of type
 * `labels` become one annotation per label. Reads the file whole: exports of
 * human work are small next to the store.
 */
export async function importLabelStudio(store: Store, input: Input | unknown[], options: { layer?: string } = {}): Promise<LabelStudioImport> {
  const layer = options.layer ?? TECHNIQUES;
  let raw: unknown = input;
  if (!Array.isArray(input)) {
    try {
      raw = JSON.parse(await readAll(input));
    } catch (e) {
      throw new InputError(`Label Studio export: not JSON (${(e as Error).message})`);
    }
  }
  if (!Array.isArray(raw)) throw new InputError('Label Studio export: expected a JSON list of tasks');
  const out: LabelStudioImport = { tasks: 0, inserted: 0, skipped: 0, unknownArticles: 0, misaligned: 0 };
  const pending: AnnotationInput[] = [];
  for (const [i, item] of raw.entries()) {
    const checked = taskSchema.safeParse(item);
    if (!checked.success) {
      const issue = checked.error.issues[0]!;
      throw new InputError(`Label Studio export: task ${i + 1}: ${issue.path.join('.')}: ${issue.message}`);
    }
    const task = checked.data;
    out.tasks++;
    const article =
      task.data.article_id !== undefined ? await store.getArticle(task.data.article_id) : task.data.url ? await store.findArticle({ url: task.data.url }) : undefined;
    if (!article) {
      out.unknownArticles++;
      continue;
    }
    const text = task.data.text ?? article.text;
    // offsets are into the task text; they hold for the article only if that is the same text
    const sameText = text === article.text;
    for (const [ai, annotation] of (task.annotations ?? []).entries()) {
      if (annotation.was_cancelled) continue;
      for (const [ri, result] of annotation.result.entries()) {
        if (result.type !== 'labels' || result.value.start === undefined || result.value.end === undefined) continue;
        const at = sameText ? locate(text, result.value.start, result.value.end, result.value.text) : null;
        if (!at) {
          out.misaligned++;
          continue;
        }
        for (const label of result.value.labels ?? []) {
          pending.push({
            articleId: article.id,
            layer,
            label,
            start: at.start,
            end: at.end,
            text: result.value.text ?? null,
            author: authorOf(annotation.completed_by),
            createdAt: annotation.created_at,
            source: LABEL_STUDIO,
            externalId: `${task.id ?? `#${i}`}:${annotation.id ?? `#${ai}`}:${result.id ?? `#${ri}`}:${label}`,
          });
        }
      }
    }
  }
  const saved = pending.length ? await store.saveAnnotations(pending) : { inserted: 0, skipped: 0 };
  out.inserted = saved.inserted;
  out.skipped = saved.skipped;
  return out;
}
