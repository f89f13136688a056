/**
 * `top`'s process table as berth items (CLI.md: camelCase fields, every
 * item names its node). The engine hands back `ps` titles and rows, which
 * differ by engine and `ps` (Docker: UID PID PPID C STIME TTY TIME CMD;
 * Podman: USER PID PPID %CPU ELAPSED TTY TIME COMMAND); each title maps
 * to a stable field name, so `pid`, `user` and `command` are always there
 * to script against, and tables keep the engine's own columns.
 */
import type { ProcessTable } from '../../domain/types.ts';
import { sanitizeInline } from '../../util/sanitize.ts';
import { defineList, type ListSpec } from '../framework/output/columns.ts';

/** One process: `{node, container, pid, user, …, command}`. */
export interface ProcessItem {
  node: string;
  container: string;
  pid: number | null;
  user: string | null;
  command: string | null;
  [field: string]: string | number | null;
}

/** Field names for the titles engines and `ps` use. */
const FIELDS: Record<string, string> = {
  UID: 'user',
  USER: 'user',
  PID: 'pid',
  PPID: 'ppid',
  C: 'cpu',
  '%CPU': 'cpuPercent',
  '%MEM': 'memoryPercent',
  STIME: 'started',
  START: 'started',
  ELAPSED: 'elapsed',
  TTY: 'tty',
  TT: 'tty',
  TIME: 'cpuTime',
  CMD: 'command',
  COMMAND: 'command',
  ARGS: 'command',
  STAT: 'stat',
  VSZ: 'vsz',
  RSS: 'rss',
  PGID: 'pgid',
  NI: 'nice',
  PRI: 'priority',
};

/** Fields whose values are whole numbers. */
const NUMERIC = new Set(['pid', 'ppid', 'pgid']);

/** The field name for a title: known ones mapped, others camelCased (`LABEL` → `label`, `%FOO BAR` → `fooBar`). */
export function fieldName(title: string): string {
  const t = title.trim().toUpperCase();
  const known = FIELDS[t];
  if (known !== undefined) return known;
  const words = t.toLowerCase().split(/[^a-z0-9]+/).filter((w) => w !== '');
  const name = words.map((w, i) => (i === 0 ? w : w[0]!.toUpperCase() + w.slice(1))).join('');
  return name === '' ? 'field' : name;
}

/** The distinct field names of the titles, in order (a repeat gets a number). */
export function fieldNames(titles: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return titles.map((t) => {
    const base = fieldName(t);
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base}${n}`;
  });
}

/** Fields every item has, in this order; the others come between user and command. */
const FIRST = ['pid', 'user'] as const;

/** The table as items; container text is sanitised (it is untrusted). */
export function processItems(node: string, container: string, table: ProcessTable): ProcessItem[] {
  const names = fieldNames(table.titles);
  return table.processes.map((row) => {
    const values = new Map<string, string | number>();
    names.forEach((name, i) => {
      const raw = row[i];
      if (raw === undefined) return;
      const text = sanitizeInline(raw);
      values.set(name, NUMERIC.has(name) && /^\d+$/.test(text.trim()) ? Number(text.trim()) : text);
    });
    const item: ProcessItem = { node, container, pid: null, user: null, command: null };
    for (const k of FIRST) item[k] = (values.get(k) as never) ?? null;
    for (const [k, v] of values) if (k !== 'command' && !(FIRST as readonly string[]).includes(k)) item[k] = v;
    // Last, as ps prints it: it is the long one.
    delete (item as Partial<ProcessItem>).command;
    item.command = (values.get('command') as string | undefined) ?? null;
    return item;
  });
}

/** The list spec: the engine's titles as columns (NODE first across nodes). */
export function processList(titles: readonly string[], withNode: boolean): ListSpec<ProcessItem> {
  const names = fieldNames(titles);
  return defineList<ProcessItem>({
    kind: 'Process',
    columns: [
      ...(withNode ? [{ header: 'NODE', value: (p: ProcessItem) => p.node }] : []),
      ...titles.map((t, i) => ({
        header: sanitizeInline(t.trim()).toUpperCase(),
        value: (p: ProcessItem) => p[names[i]!] ?? null,
        ...(NUMERIC.has(names[i]!) ? { align: 'right' as const } : {}),
      })),
    ],
    name: (p) => `${p.node}/${p.container}/${p.pid ?? ''}`,
    id: (p) => String(p.pid ?? ''),
  });
}
