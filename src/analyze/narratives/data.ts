/**
 * The SemEval-2025 Task 10 train data as the narrative and role trainers use
 * it: every document tokenised once, with its language and its labels.
 */
import { join } from 'node:path';
import { LANGUAGES_2025, readLanguage, type EntityRoles, type NarrativeLabels } from '../../benchmarks/semeval2025.ts';
import { tokenize, type Token } from '../../text/tokenize.ts';

export interface TaskDocument {
  /** Id as the annotation files write it (`EN_UA_300009.txt`). */
  id: string;
  /** ISO 639-1 code (`en`). */
  lang: string;
  text: string;
  tokens: Token[];
  labels: NarrativeLabels;
  entities: EntityRoles[];
}

/** Reads `semeval2025-task10/train/<LANG>` for the given language folders (default: all five). */
export async function readTaskDocuments(data: string, languages: readonly string[] = LANGUAGES_2025): Promise<TaskDocument[]> {
  const out: TaskDocument[] = [];
  for (const L of languages) {
    const d = await readLanguage(join(data, 'semeval2025-task10', 'train', L), L);
    const entities = new Map<string, EntityRoles[]>();
    for (const e of d.entities) {
      const list = entities.get(e.article);
      if (list) list.push(e);
      else entities.set(e.article, [e]);
    }
    for (const labels of d.narratives) {
      const text = d.documents.get(labels.article)!;
      out.push({ id: labels.article, lang: L.toLowerCase(), text, tokens: tokenize(text), labels, entities: entities.get(labels.article) ?? [] });
    }
  }
  return out;
}
