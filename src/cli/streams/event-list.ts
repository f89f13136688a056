/**
 * How events print (CLI.md "Event": `at`, `node`, `type`, `action`, `id`,
 * `name`, `attributes`): `-o jsonl` one event per line, as is; tables a
 * row per event as it arrives (minimum widths keep the rows steady), with
 * the attributes under `-o wide`.
 */
import type { BerthEvent } from '../../domain/types.ts';
import { defineList, type ListSpec } from '../framework/output/columns.ts';

/** `k=v, k=v`, sorted, for the ATTRIBUTES column. */
export function attributesText(attributes: Readonly<Record<string, string>>): string {
  return Object.keys(attributes)
    .sort()
    .map((k) => `${k}=${attributes[k]}`)
    .join(', ');
}

/** The list spec of events; NODE only when several nodes stream. */
export function eventList(withNode: boolean): ListSpec<BerthEvent> {
  return defineList<BerthEvent>({
    kind: 'Event',
    columns: [
      { header: 'TIME', value: (e) => e.at, minWidth: 30 },
      ...(withNode ? [{ header: 'NODE', value: (e: BerthEvent) => e.node, minWidth: 8 }] : []),
      { header: 'TYPE', value: (e) => e.type, minWidth: 9 },
      { header: 'ACTION', value: (e) => e.action, minWidth: 10 },
      { header: 'NAME', value: (e) => e.name, minWidth: 16 },
      { header: 'ID', value: (e) => e.id.slice(0, 12), minWidth: 12 },
      { header: 'ATTRIBUTES', value: (e) => attributesText(e.attributes), wide: true },
    ],
    name: (e) => `${e.node}/${e.name ?? e.id}`,
    id: (e) => e.id,
  });
}
