import { describe, expect, it } from 'vitest';
import { renderTable, visibleColumns } from '../../../src/cli/framework/output/table.ts';
import { displayWidth } from '../../../src/util/width.ts';
import { containerList, NOW, rows } from './fixtures/containers.ts';
import { controlChars } from '../util/control-chars.ts';

const env = { now: NOW };
const table = (opts: { headers?: boolean; color?: boolean; wide?: boolean } = {}) =>
  renderTable(visibleColumns(containerList.columns, opts.wide ?? false), rows, { headers: opts.headers ?? true, color: opts.color ?? false, env });

/** Display-cell offsets where each column starts, found from the header. */
function columnStarts(header: string, names: string[]): number[] {
  return names.map((n) => displayWidth(header.slice(0, header.indexOf(n))));
}

/** The display-cell offset at which `cell` starts in `line`. */
function cellStart(line: string, cell: string): number {
  return displayWidth(line.slice(0, line.indexOf(cell)));
}

describe('tables on a terminal', () => {
  it('looks like this', () => {
    expect(table()).toBe([
      'NODE    NAME           STATE     CPU %       MEM   CREATED',
      'local   web            running    4.0%   12.3MiB   3m ago',
      'web1    データベース   exited        –         –   1d ago',
      'web1    🐳whale        running    0.0%        0B   3m ago',
      'local   evilname       running    4.0%   12.3MiB   3m ago',
      '',
    ].join('\n'));
  });

  it('lines up columns by display width with CJK and emoji names', () => {
    const lines = table().trimEnd().split('\n');
    const starts = columnStarts(lines[0]!, ['NAME', 'STATE', 'CREATED']);
    expect(cellStart(lines[2]!, 'exited')).toBe(starts[1]);
    expect(cellStart(lines[3]!, 'running')).toBe(starts[1]);
    expect(cellStart(lines[1]!, 'running')).toBe(starts[1]);
    expect(cellStart(lines[2]!, '1d ago')).toBe(starts[2]);
    expect(cellStart(lines[3]!, '3m ago')).toBe(starts[2]);
    // Right-aligned numbers end in the same cell.
    const memEnd = displayWidth(lines[0]!.slice(0, lines[0]!.indexOf('MEM') + 3));
    for (const line of lines.slice(1)) {
      const m = /(\S+)\s{3}\S+ ago$/.exec(line)!;
      expect(displayWidth(line.slice(0, m.index + m[1]!.length))).toBe(memEnd);
    }
  });

  it('shows unknown as – and never as 0, while a real 0 stays 0', () => {
    const lines = table().split('\n');
    expect(lines[2]).toMatch(/exited\s+–\s+–\s+1d ago/);
    expect(lines[2]).not.toMatch(/0\.0%|0B/);
    expect(lines[3]).toMatch(/0\.0%\s+0B/);
  });

  it('strips control sequences from names before they reach the terminal', () => {
    const out = table({ wide: true });
    expect(controlChars(out)).toEqual([]);
    expect(out).toContain('evilname');
  });

  it('adds wide-only columns with -o wide, cutting long cells with …', () => {
    const lines = table({ wide: true }).split('\n');
    expect(lines[0]).toMatch(/CREATED\s+IMAGE\s+COMMAND$/);
    expect(lines[1]).toMatch(/nginx:1\.27\s+nginx -g da…$/);
    expect(lines[4]).toMatch(/sh -c x$/);
  });

  it('leaves out the header with --no-headers', () => {
    expect(table({ headers: false }).split('\n')[0]).toMatch(/^local\s+web\s/);
  });

  it('has no trailing spaces', () => {
    for (const line of table({ wide: true }).split('\n')) expect(line).toBe(line.trimEnd());
  });

  it('colours by tone only when colour is on, keeping alignment', () => {
    const plain = table();
    const coloured = table({ color: true });
    expect(plain).not.toContain('\u001b[');
    expect(coloured).toContain('\u001b[32mrunning\u001b[39m');
    expect(coloured).toContain('\u001b[31mexited\u001b[39m');
    expect(coloured).toContain('\u001b[1mNODE\u001b[22m');
    expect(coloured).toContain('\u001b[90m–\u001b[39m');
    // eslint-disable-next-line no-control-regex
    expect(coloured.replace(/\u001b\[\d+m/g, '')).toBe(plain);
  });

  it('prints nothing for no rows and no header', () => {
    expect(renderTable(containerList.columns, [], { headers: false, color: false, env })).toBe('');
  });
});
