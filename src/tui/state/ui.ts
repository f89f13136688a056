/**
 * The console's interaction state as one pure reducer over a discriminated
 * union of actions (STYLE.md: Shopify's use-select-state), testable without
 * Ink. The cursor follows its row by key, so a table re-sorting under a
 * live update does not move the operator's selection to another container.
 */
import { VIEWS, type ViewName } from './views.ts';

/** Per-view table state. */
export interface TableState {
  /** Key of the row under the cursor; the index is the fallback when it vanished. */
  cursorKey: string | null;
  cursorIndex: number;
  /** First visible row. */
  top: number;
  filter: string;
  sort: string | null;
  desc: boolean;
}

/** A line being typed at the bottom: a filter, a `:` command, a log search or a file to save the logs to. */
export interface InputLine {
  kind: 'filter' | 'command' | 'search' | 'save' | 'forward';
  text: string;
  /** The container a `forward` line is for. */
  target?: { node: string; id: string; name: string };
  /** What to restore on esc. */
  before: string;
  /** Said after the text (a save that failed: the line stays to be corrected). */
  note?: string;
}

/** The detail pane over one container. */
export interface Detail {
  kind: 'inspect' | 'logs' | 'stats' | 'processes' | 'why';
  node: string;
  id: string;
  name: string;
}

/** A one-line message in the footer. */
export interface Notice {
  text: string;
  tone: 'info' | 'ok' | 'warning' | 'error';
}

/** Everything about what the operator is doing (not the data). */
export interface UiState {
  view: ViewName;
  tables: Record<ViewName, TableState>;
  /** Containers: all, or only running/paused/restarting. */
  showAll: boolean;
  /** Selected container keys (`node/id`), in selection order. */
  selected: readonly string[];
  input: InputLine | null;
  help: boolean;
  detail: Detail | null;
  /** First line shown of a scrolled pane (inspect, processes, why); back to 0 when a pane opens. */
  paneTop: number;
  /** Inspect shows environment values unmasked; masked again when a pane opens. */
  showEnv: boolean;
  notice: Notice | null;
}

/** Cursor moves. */
export type Move = 'up' | 'down' | 'pageUp' | 'pageDown' | 'top' | 'bottom';

/** Everything that changes UiState. `keys` are the rows as shown, in order. */
export type UiAction =
  | { type: 'view'; view: ViewName }
  | { type: 'move'; move: Move; keys: readonly string[]; height: number }
  | { type: 'sortNext'; columns: readonly string[] }
  | { type: 'sortReverse' }
  | { type: 'toggleAll' }
  | { type: 'toggleSelect'; key: string }
  | { type: 'clearSelection' }
  | { type: 'inputStart'; kind: InputLine['kind']; text?: string; target?: InputLine['target'] }
  | { type: 'inputText'; text: string }
  | { type: 'inputCommit' }
  | { type: 'inputNote'; note: string }
  | { type: 'inputCancel' }
  | { type: 'help'; open: boolean }
  | { type: 'openDetail'; detail: Detail }
  | { type: 'closeDetail' }
  | { type: 'clearFilter' }
  | { type: 'paneScroll'; move: Move; lines: number; height: number }
  | { type: 'toggleEnv' }
  | { type: 'notice'; notice: Notice | null };

function emptyTable(): TableState {
  return { cursorKey: null, cursorIndex: 0, top: 0, filter: '', sort: null, desc: false };
}

/** The state the console opens in. */
export function initialUi(): UiState {
  return {
    view: 'containers',
    tables: Object.fromEntries(VIEWS.map((v) => [v, emptyTable()])) as Record<ViewName, TableState>,
    showAll: true,
    selected: [],
    input: null,
    help: false,
    detail: null,
    paneTop: 0,
    showEnv: false,
    notice: null,
  };
}

/** Where the cursor is among `keys`: its row if still shown, else the old index clamped. */
export function cursorIndex(t: TableState, keys: readonly string[]): number {
  if (keys.length === 0) return 0;
  if (t.cursorKey !== null) {
    const i = keys.indexOf(t.cursorKey);
    if (i >= 0) return i;
  }
  return Math.min(Math.max(0, t.cursorIndex), keys.length - 1);
}

/** First visible row so the cursor is on screen, scrolling as little as possible from `top`. */
export function windowTop(top: number, cursor: number, height: number, count: number): number {
  const h = Math.max(1, height);
  let t = Math.min(top, Math.max(0, count - h));
  if (cursor < t) t = cursor;
  if (cursor >= t + h) t = cursor - h + 1;
  return Math.max(0, t);
}

function patchTable(s: UiState, patch: Partial<TableState>): UiState {
  return { ...s, tables: { ...s.tables, [s.view]: { ...s.tables[s.view], ...patch } } };
}

function moved(t: TableState, move: Move, keys: readonly string[], height: number): Partial<TableState> {
  if (keys.length === 0) return { cursorKey: null, cursorIndex: 0, top: 0 };
  const cur = cursorIndex(t, keys);
  const page = Math.max(1, height - 1);
  const last = keys.length - 1;
  const to = move === 'up' ? cur - 1 : move === 'down' ? cur + 1 : move === 'pageUp' ? cur - page : move === 'pageDown' ? cur + page : move === 'top' ? 0 : last;
  const i = Math.min(Math.max(0, to), last);
  return { cursorKey: keys[i]!, cursorIndex: i, top: windowTop(t.top, i, height, keys.length) };
}

/**
 * Where a text pane of `lines` lines in `height` rows (its title line
 * included) starts after a move: never past the last screenful.
 */
export function scrolled(top: number, move: Move, lines: number, height: number): number {
  const page = Math.max(1, height - 2);
  const last = Math.max(0, lines - (height - 1));
  const to = move === 'up' ? top - 1 : move === 'down' ? top + 1 : move === 'pageUp' ? top - page : move === 'pageDown' ? top + page : move === 'top' ? 0 : last;
  return Math.min(Math.max(0, to), last);
}

/** The reducer. Returns the same object when nothing changed. */
export function reduceUi(s: UiState, a: UiAction): UiState {
  switch (a.type) {
    case 'view':
      return s.view === a.view && s.detail === null ? s : { ...s, view: a.view, detail: null, input: null, help: false };
    case 'move':
      return patchTable(s, moved(s.tables[s.view], a.move, a.keys, a.height));
    case 'sortNext': {
      const t = s.tables[s.view];
      const i = t.sort === null ? -1 : a.columns.indexOf(t.sort);
      const next = i + 1 >= a.columns.length ? null : a.columns[i + 1]!;
      // Numbers read best largest first (who uses the most CPU?); words A→Z.
      return patchTable(s, { sort: next, desc: next !== null && ['cpu', 'mem', 'restarts', 'size', 'containers', 'time', 'created'].includes(next) });
    }
    case 'sortReverse':
      return patchTable(s, { desc: !s.tables[s.view].desc });
    case 'toggleAll':
      return { ...s, showAll: !s.showAll };
    case 'toggleSelect':
      return { ...s, selected: s.selected.includes(a.key) ? s.selected.filter((k) => k !== a.key) : [...s.selected, a.key] };
    case 'clearSelection':
      return s.selected.length === 0 ? s : { ...s, selected: [] };
    case 'inputStart': {
      const current = a.kind === 'filter' ? s.tables[s.view].filter : a.text ?? '';
      return { ...s, input: { kind: a.kind, text: current, before: current, ...(a.target ? { target: a.target } : {}) }, notice: null };
    }
    case 'inputText': {
      if (!s.input) return s;
      const next = { ...s, input: { kind: s.input.kind, text: a.text, before: s.input.before, ...(s.input.target ? { target: s.input.target } : {}) } };
      // The filter applies as it is typed; the cursor goes to the first match.
      return s.input.kind === 'filter' ? patchTable(next, { filter: a.text, cursorKey: null, cursorIndex: 0, top: 0 }) : next;
    }
    case 'inputCommit':
      return s.input ? { ...s, input: null } : s;
    case 'inputNote':
      return s.input ? { ...s, input: { ...s.input, note: a.note } } : s;
    case 'inputCancel': {
      if (!s.input) return s;
      const next = { ...s, input: null };
      return s.input.kind === 'filter' ? patchTable(next, { filter: s.input.before }) : next;
    }
    case 'clearFilter':
      return s.tables[s.view].filter === '' ? s : patchTable(s, { filter: '' });
    case 'help':
      return s.help === a.open ? s : { ...s, help: a.open };
    case 'openDetail':
      return { ...s, detail: a.detail, input: null, help: false, paneTop: 0, showEnv: false };
    case 'closeDetail':
      return s.detail === null ? s : { ...s, detail: null, input: null };
    case 'paneScroll': {
      const top = scrolled(s.paneTop, a.move, a.lines, a.height);
      return top === s.paneTop ? s : { ...s, paneTop: top };
    }
    case 'toggleEnv':
      return { ...s, showEnv: !s.showEnv };
    case 'notice':
      return s.notice === a.notice ? s : { ...s, notice: a.notice };
  }
}
