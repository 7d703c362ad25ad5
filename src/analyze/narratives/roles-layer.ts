/**
 * The `roles` layer: how the article casts each actor — protagonist,
 * antagonist or innocent, with the fine roles of SemEval-2025 Task 10
 * (subtask 1) — from the words around the actor's named mentions. One doc
 * label per actor with a role: the main role its mentions give the most
 * probability in total, and the fine roles of those mentions.
 */
import type { DocLabel } from '../../text/document.ts';
import { layerSpans } from '../../text/document.ts';
import type { Token } from '../../text/tokenize.ts';
import type { AnalyzerFactory } from '../component.ts';
import { EntityRoleModel, type MentionRole } from './roles.ts';

/** The role an actor's mentions agree on: summed main-role probability, then the fine roles by their summed probability. */
export function actorRole(roles: readonly MentionRole[]): { main: string; fine: string[]; score: number } | undefined {
  if (!roles.length) return undefined;
  const mains = new Map<string, number>();
  for (const r of roles) mains.set(r.main, (mains.get(r.main) ?? 0) + r.score);
  const [main, total] = [...mains].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]!;
  const fine = new Map<string, number>();
  for (const r of roles) if (r.main === main) r.fine.forEach((f, i) => fine.set(f, (fine.get(f) ?? 0) + (r.fineScores?.[i] ?? r.score)));
  return { main, fine: [...fine].sort((a, b) => b[1] - a[1]).map(([f]) => f), score: Math.round((total / roles.length) * 1000) / 1000 };
}

export const rolesLayer: AnalyzerFactory = {
  layer: 'roles',
  description: 'the role the article gives each named actor: protagonist, antagonist or innocent, with fine roles (SemEval-2025 Task 10 entity framing)',
  requires: ['actors', 'tokens', 'sentences'],
  shownByDefault: true,
  create() {
    const model = EntityRoleModel.load();
    const languages = model.languages;
    return {
      model: { name: model.name, version: model.version },
      languages: languages.join(', '),
      supports: (language) => languages.includes(language),
      run(doc) {
        const language = doc.layers.language?.labels[0]?.label ?? 'und';
        const mentions = layerSpans(doc, 'actors').filter((m) => (m.attrs?.kind ?? 'name') === 'name');
        if (!mentions.length) return {};
        const roles = model.roleOfMentions(doc.text, mentions, language, layerSpans(doc, 'tokens') as Token[], layerSpans(doc, 'sentences'));
        const byActor = new Map<string, MentionRole[]>();
        mentions.forEach((m, i) => {
          const r = roles[i];
          if (!r) return;
          let list = byActor.get(m.label);
          if (!list) byActor.set(m.label, (list = []));
          list.push(r);
        });
        const labels: DocLabel[] = [];
        for (const [actor, list] of byActor) {
          const role = actorRole(list);
          if (role) labels.push({ label: actor, score: role.score, attrs: { main: role.main, fine: role.fine, mentions: list.length } });
        }
        return { labels };
      },
    };
  },
};
