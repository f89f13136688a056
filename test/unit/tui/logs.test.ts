import { describe, expect, it } from 'vitest';
import { highlight, initialLogs, LOG_LIMIT, logEntry, reduceLogs, type LogEntry } from '../../../src/tui/state/logs.ts';
import { timePrefix, visibleLogRows, wrapCells } from '../../../src/tui/state/logs-view.ts';

const lines = (n: number, from = 1): LogEntry[] => Array.from({ length: n }, (_, i) => ({ at: null, stream: 'stdout', text: `line ${from + i}` }));

describe('logs pane state', () => {
  it('follows the newest lines, and keeps counting while paused', () => {
    let s = reduceLogs(initialLogs(), { type: 'append', entries: lines(20) });
    expect(visibleLogRows(s, 3, 80).map((r) => r.text)).toEqual(['line 18', 'line 19', 'line 20']);
    s = reduceLogs(s, { type: 'toggleFollow', height: 3 });
    s = reduceLogs(s, { type: 'append', entries: lines(5, 21) });
    expect(s.unseen).toBe(5);
    expect(visibleLogRows(s, 3, 80).map((r) => r.text)).toEqual(['line 18', 'line 19', 'line 20']);
    s = reduceLogs(s, { type: 'move', move: 'bottom', height: 3 });
    expect(s.follow).toBe(true);
    expect(visibleLogRows(s, 3, 80).map((r) => r.text)).toEqual(['line 23', 'line 24', 'line 25']);
  });

  it('stops following when scrolled up, and jumps between search matches', () => {
    let s = reduceLogs(initialLogs(), { type: 'append', entries: lines(50) });
    s = reduceLogs(s, { type: 'move', move: 'up', height: 10 });
    expect(s.follow).toBe(false);
    s = reduceLogs(s, { type: 'search', text: 'line 1' });
    s = reduceLogs(s, { type: 'jump', direction: -1, height: 10 });
    expect(s.lines[s.top]!.text).toBe('line 19');
    s = reduceLogs(s, { type: 'jump', direction: -1, height: 10 });
    expect(s.lines[s.top]!.text).toBe('line 18');
  });

  it('keeps at most LOG_LIMIT lines', () => {
    const s = reduceLogs(initialLogs(), { type: 'append', entries: lines(LOG_LIMIT + 10) });
    expect(s.lines).toHaveLength(LOG_LIMIT);
    expect(s.lines[0]!.text).toBe('line 11');
  });

  it('sanitises every line from a container', () => {
    const e = logEntry({ stream: 'stderr', at: null, data: Buffer.from('a\u001b[31mred\u001b[0m\tb\r\n') });
    expect(e.text).toBe('ared    b');
  });

  it('highlights matches, regex too', () => {
    expect(highlight('err 5 and err 50', 'ERR 5')).toEqual([
      { text: 'err 5', match: true }, { text: ' and ', match: false }, { text: 'err 5', match: true }, { text: '0', match: false },
    ]);
    expect(highlight('a1b22', '/\\d+/').filter((p) => p.match).map((p) => p.text)).toEqual(['1', '22']);
  });

  it('wraps by display width and prefixes timestamps', () => {
    expect(wrapCells('abcdef', 4)).toEqual(['abcd', 'ef']);
    expect(wrapCells('日本語テキスト', 5)).toEqual(['日本', '語テ', 'キス', 'ト']);
    expect(timePrefix('2026-01-02T03:04:05.123456789Z')).toBe('2026-01-02T03:04:05Z ');
    let s = reduceLogs(initialLogs(), { type: 'append', entries: [{ at: null, stream: 'stdout', text: 'x'.repeat(25) }] });
    s = reduceLogs(s, { type: 'wrap' });
    expect(visibleLogRows(s, 5, 10).map((r) => r.text)).toEqual(['xxxxxxxxxx', 'xxxxxxxxxx', 'xxxxx']);
  });
});
