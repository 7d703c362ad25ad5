/**
 * Predictions in each benchmark's official submission format, from the
 * technique model: what `spinscope predict <benchmark>` writes and what
 * `spinscope eval` scores.
 */
import { articleContext } from '../analyze/techniques/context.ts';
import { predictTcWithDuplicates, toIso } from '../analyze/techniques/train.ts';
import type { TechniqueModel } from '../analyze/techniques/model.ts';
import { toScheme, type TechniqueId } from '../analyze/techniques/taxonomy.ts';
import { offsetMap } from '../text/offsets.ts';
import type { Span, TechniqueSpan } from './common.ts';
import * as semeval2023 from './semeval2023.ts';
import type { MemeLabels, MemeSpans } from './semeval2021.ts';

export function predictSi(model: TechniqueModel, articles: ReadonlyMap<string, string>): Span[] {
  const out: Span[] = [];
  for (const [article, text] of articles) {
    const ctx = articleContext(text);
    const map = offsetMap(text);
    for (const s of model.identify(ctx)) out.push({ article, start: map.toCodePoint(s.start), end: map.toCodePoint(s.end) });
  }
  return out;
}

export function predictTc(model: TechniqueModel, articles: ReadonlyMap<string, string>, template: readonly Span[]): TechniqueSpan[] {
  const contexts = new Map<string, { ctx: ReturnType<typeof articleContext>; lower: string; map: ReturnType<typeof offsetMap> }>();
  const logits = template.map((s) => {
    const text = articles.get(s.article);
    if (text === undefined) throw new Error(`template names article ${s.article}, which is not in the articles folder`);
    let c = contexts.get(s.article);
    if (!c) contexts.set(s.article, (c = { ctx: articleContext(text), lower: text.toLowerCase(), map: offsetMap(text) }));
    if (s.end > c.map.codePointLength) throw new Error(`template span ${s.article} ${s.start}-${s.end} ends beyond the article (length ${c.map.codePointLength})`);
    const ranked = model.classify(c.ctx, c.map.toUtf16(s.start), c.map.toUtf16(s.end), 'semeval2020', c.lower);
    // back to logits in class order for the duplicate-aware assignment
    const classes = model.file.model.tc2020.model.classes;
    return classes.map((cls) => Math.log(ranked.find((r) => r.technique === cls)!.probability));
  });
  return predictTcWithDuplicates(template, logits, model.file.model.tc2020.model.classes);
}

/** SemEval-2023 subtask 3: techniques of every paragraph (paragraph numbers as in the official templates). */
export function predictSt3(model: TechniqueModel, articles: ReadonlyMap<string, string>, lang: string): semeval2023.ParagraphLabels[] {
  const iso = toIso(lang);
  if (!model.paragraphLanguages.includes(iso)) throw new Error(`no paragraph model for language '${lang}' (models: ${model.paragraphLanguages.join(', ')})`);
  const out: semeval2023.ParagraphLabels[] = [];
  for (const [article, text] of articles) {
    const map = offsetMap(text);
    const paragraphs = semeval2023.paragraphsOf(text);
    const ranges = paragraphs.map((p) => ({ start: map.toUtf16(p.start), end: map.toUtf16(p.end) }));
    const result = model.paragraphs(ranges, text, iso)!;
    paragraphs.forEach((p, i) => out.push({ article, paragraph: p.paragraph, techniques: result[i]!.techniques.map((t) => t.technique) }));
  }
  return out;
}

/** SemEval-2021 task 1: techniques of each meme text, canonical predictions written in the 2021 labels. */
export function predictSemeval2021Task1(model: TechniqueModel, memes: readonly MemeLabels[]): MemeLabels[] {
  return memes.map((m) => {
    const text = m.text ?? '';
    const result = model.paragraphs([{ start: 0, end: text.length }], text, 'en')![0]!;
    const labels = new Set<string>();
    for (const t of result.techniques) {
      const label = toScheme('semeval2021', t.technique as TechniqueId);
      if (label) labels.add(label);
    }
    return { id: m.id, labels: [...labels] };
  });
}

/** SemEval-2021 task 2: technique spans in each meme text, offsets in code points. */
export function predictSemeval2021Task2(model: TechniqueModel, memes: readonly MemeSpans[]): MemeSpans[] {
  return memes.map((m) => {
    const text = m.text ?? '';
    const ctx = articleContext(text);
    const map = offsetMap(text);
    const lower = text.toLowerCase();
    const labels = model.identify(ctx).flatMap((s) => {
      const best = model.classify(ctx, s.start, s.end, 'canonical', lower)[0]!;
      const technique = toScheme('semeval2021', best.technique as TechniqueId);
      return technique ? [{ start: map.toCodePoint(s.start), end: map.toCodePoint(s.end), technique, text_fragment: text.slice(s.start, s.end) }] : [];
    });
    return { id: m.id, labels };
  });
}
