// Renders the resource table `eddy dev` prints at start and after each reload.
import type { ResourceRow } from '../dev/resources.js';
import { colors } from './colors.js';

/** A plain-text table of resources, the ones not emulated dimmed and marked. */
export function renderResourceTable(rows: ResourceRow[]): string {
  if (rows.length === 0) return colors.dim('  (no resources)');
  const header = { type: 'TYPE', logicalId: 'LOGICAL ID', name: 'NAME' };
  const all = [header, ...rows];
  const width = (key: 'type' | 'logicalId' | 'name') => Math.max(...all.map((r) => r[key].length));
  const [wt, wl] = [width('type'), width('logicalId')];
  const line = (r: { type: string; logicalId: string; name: string }) =>
    `  ${r.type.padEnd(wt)}  ${r.logicalId.padEnd(wl)}  ${r.name}`;
  return [
    colors.bold(line(header)),
    ...rows.map((r) => (r.emulated ? line(r) : colors.dim(line(r) + '  (not emulated)'))),
  ].join('\n');
}
