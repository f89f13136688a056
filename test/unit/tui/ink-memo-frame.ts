// Run by ink-memo.test.ts in a fresh Node process (hooks apply to Node's own loader, not vitest's):
// draws two frames with real Ink, with (`memo`) or without the memo installed, and prints
// what reached the terminal and how many results the memo tables hold.
import { PassThrough } from 'node:stream';
import { createElement as h } from 'react';

if (process.argv[2] === 'memo') (await import('../../../src/tui/ink-memo/install.ts')).installInkMemo();
const { memoEntries } = await import('../../../src/tui/ink-memo/memo.ts');
const { render, Box, Text } = await import('ink');
const out = Object.assign(new PassThrough(), { columns: 40, rows: 10, isTTY: false });
let text = '';
out.on('data', (c: Buffer) => (text += c.toString()));
const frame = (n: number) => h(Box, { flexDirection: 'column' }, h(Text, { color: 'green' }, 'web-1 世界 ⣿⣀ running'), h(Text, { wrap: 'truncate' }, `tick ${n} ${'x'.repeat(60)}`),
  h(Text, { color: 'red' }, `– ${n}.5% ▁▂▃█ │ idle`), h(Text, { bold: true }, 'two\nlines ⣿ ·'));
const app = render(frame(1), { stdout: out as unknown as NodeJS.WriteStream, debug: true, patchConsole: false });
app.rerender(frame(2));
app.rerender(frame(2));
app.unmount();
process.stdout.write(JSON.stringify({ text, entries: memoEntries() }));
