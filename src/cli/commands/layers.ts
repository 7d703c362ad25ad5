import { standardLayers } from '../../analyze/registry.ts';
import type { CommandContext } from '../context.ts';

export const layersHelp = `Usage: spinscope layers

Lists the layers that --layers accepts, what each needs, and whether it is shown by default.`;

export function layersCommand(_args: string[], ctx: CommandContext): number {
  const rows = standardLayers().map((f) => [f.layer, f.shownByDefault ? 'yes' : 'on request', f.requires.join(', ') || '-', f.description]);
  const header = ['layer', 'default', 'needs', 'what it is'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const fmt = (r: string[]) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  ');
  ctx.stdout.write(`${[fmt(header), ...rows.map(fmt)].join('\n')}\n`);
  return 0;
}
