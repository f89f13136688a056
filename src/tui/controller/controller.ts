/**
 * What a key press does in the console, kept out of the components: App
 * hands in a model (what the operator is looking at, read at the moment of
 * the key) and effects (reducer dispatches and the few imperative things:
 * quitting, running an action, opening a shell), and `handlePress` decides.
 * The routing itself (`route`) is pure.
 *
 * Keys of one read arrive before React re-renders ("\rl" is enter, then l):
 * the model reads the state as the reducer has it after the previous key,
 * never a stale render's copy.
 */
import type { Container } from '../../domain/types.ts';
import { decide, verbFor, type ContainerVerb } from '../actions/container-actions.ts';
import { defaultLogPath } from '../actions/save-logs.ts';
import type { Action, KeyContext, KeyMap } from '../keys.ts';
import type { LogsAction } from '../state/logs.ts';
import { cursorIndex, type Detail, type Move, type Notice, type UiAction, type UiState } from '../state/ui.ts';
import { parseCommand, type ViewName } from '../state/views.ts';
import { editLine } from './line-edit.ts';
import type { Press } from './presses.ts';

/** An action waiting for its confirmation. */
export interface Pending {
  verb: ContainerVerb;
  targets: Container[];
  question: string;
}

/** The key context of a state: the detail pane's kind, or the view. */
export function contextOf(s: UiState): KeyContext {
  return s.detail ? s.detail.kind : s.view;
}

/** Where a press goes, before any action runs. */
export type Route =
  | { type: 'quit' }
  | { type: 'answer'; yes: boolean }
  | { type: 'edit' }
  | { type: 'closeHelp' }
  | { type: 'perform'; action: Action }
  | { type: 'none' };

/**
 * The route of a press: ctrl+c always quits; an open question takes the
 * next key as its answer (only y is yes); a line being typed takes every
 * key; the help overlay closes on its key, esc or q; else the key table.
 */
export function route(ui: UiState, confirming: boolean, p: Press, keys: KeyMap): Route {
  if (p.name === 'ctrl+c') return { type: 'quit' };
  if (confirming) return { type: 'answer', yes: p.input === 'y' || p.input === 'Y' };
  if (ui.input) return { type: 'edit' };
  if (p.name === null) return { type: 'none' };
  const action = keys.actionFor(contextOf(ui), p.name);
  if (ui.help) return action === 'help' || action === 'back' || action === 'quit' ? { type: 'closeHelp' } : { type: 'none' };
  return action === null ? { type: 'none' } : { type: 'perform', action };
}

/** What the controller reads, each call returning the state as of now. */
export interface ConsoleModel {
  keys: KeyMap;
  ui(): UiState;
  pending(): Pending | null;
  /** A results panel whose every item has landed (esc closes it). */
  runFinished(): boolean;
  /** The current view's row keys as shown (after the filter and sort of `ui()`). */
  rowKeys(): readonly string[];
  /** A container by its row key `node/id`. */
  container(key: string): Container | null;
  /** Sortable column ids of the current view. */
  sortable(): readonly string[];
  /** Rows of the body (the pane or the table with its title), and of the table's rows. */
  bodyLines: number;
  tableRows: number;
  /** Lines of the scrolled pane open (inspect, processes, why), for scrolling. */
  paneLines(): number;
  /** The logs pane's current search. */
  logsSearch(): string;
  readonly: boolean;
  readonlyNodes: readonly string[];
  /** Nodes labelled env: prod (named `[prod]` in the confirmation). */
  prodNodes?: readonly string[];
  /** The clock (the default file name of a saved log). */
  now(): Date;
}

/** What the controller changes. */
export interface ConsoleEffects {
  ui(a: UiAction): void;
  logs(a: LogsAction): void;
  ask(p: Pending | null): void;
  /** Runs a verb on targets (the results panel shows progress). */
  run(verb: ContainerVerb, targets: Container[]): void;
  closeRun(): void;
  quit(): void;
  suspend(): void;
  /** Saves the logs pane's lines to the typed path; reports back through `ui` (see App). */
  saveLogs(path: string): void;
  /** Forwards a port of a container (`[LOCAL:]PORT`); absent where the console cannot (tests). */
  forward?: (c: Container, spec: string) => void;
  /** Stops the port forward of that row key (the forwards view). */
  stopForward?: (key: string) => void;
  /** Opens a shell; absent when the console has none (tests, no terminal). */
  shell?: (c: Container) => void;
}

const MOVES: Partial<Record<Action, Move>> = { up: 'up', down: 'down', pageUp: 'pageUp', pageDown: 'pageDown', top: 'top', bottom: 'bottom' };
const VIEW_KEYS: Partial<Record<Action, ViewName>> = {
  viewContainers: 'containers', viewImages: 'images', viewNodes: 'nodes', viewEvents: 'events', viewVolumes: 'volumes', viewNetworks: 'networks', viewForwards: 'forwards',
};
const MUTATING: ReadonlySet<Action> = new Set<Action>(['start', 'stop', 'restart', 'kill', 'pause', 'remove']);

const notice = (text: string, tone: Notice['tone']): UiAction => ({ type: 'notice', notice: { text, tone } });

/** The container under the table's cursor (containers view only). */
function cursorContainer(m: ConsoleModel): Container | null {
  const ui = m.ui();
  if (ui.view !== 'containers') return null;
  const keys = m.rowKeys();
  const key = keys[cursorIndex(ui.tables[ui.view], keys)];
  return key === undefined ? null : m.container(key);
}

/** The container a pane is about, or the one under the cursor. */
function subject(m: ConsoleModel): Container | null {
  const d = m.ui().detail;
  return d ? m.container(`${d.node}/${d.id}`) : cursorContainer(m);
}

function openDetail(m: ConsoleModel, fx: ConsoleEffects, kind: Detail['kind'], c: { node: string; id: string; name: string } | null): void {
  if (!c) {
    fx.ui(notice('no container under the cursor', 'warning'));
    return;
  }
  fx.ui({ type: 'openDetail', detail: { kind, node: c.node, id: c.id, name: c.name } });
}

/** A container action on the selection, or the container under the cursor. */
function act(m: ConsoleModel, fx: ConsoleEffects, action: Action): void {
  const picked = m.ui().selected.map((k) => m.container(k)).filter((c): c is Container => c !== null);
  const one = cursorContainer(m);
  const targets = picked.length > 0 ? picked : one ? [one] : [];
  if (targets.length === 0) {
    fx.ui(notice('no container under the cursor', 'warning'));
    return;
  }
  const verb = verbFor(action, targets);
  if (verb === null) return;
  const d = decide(verb, targets, { readonly: m.readonly, readonlyNodes: m.readonlyNodes, ...(m.prodNodes ? { prodNodes: m.prodNodes } : {}) });
  if (d.action === 'refuse') fx.ui(notice(`${d.reason} (${d.hint})`, 'error'));
  else if (d.action === 'ask') fx.ask({ verb, targets, question: d.question });
  else if (d.action === 'proceed') {
    fx.ui({ type: 'clearSelection' });
    fx.run(verb, targets);
  }
}

function shellInto(fx: ConsoleEffects, c: Container | null): void {
  if (!c) fx.ui(notice('no container under the cursor', 'warning'));
  else if (!fx.shell) fx.ui(notice('a shell is not available here', 'error'));
  else if (c.state !== 'running') fx.ui(notice(`${c.name} is ${c.state}: a shell needs a running container`, 'warning'));
  else fx.shell(c);
}

/** Esc: close the pane, else the finished results, else the filter, else the selection. */
function back(m: ConsoleModel, fx: ConsoleEffects): void {
  const ui = m.ui();
  if (ui.detail) fx.ui({ type: 'closeDetail' });
  else if (m.runFinished()) fx.closeRun();
  else if (ui.tables[ui.view].filter !== '') fx.ui({ type: 'clearFilter' });
  else fx.ui({ type: 'clearSelection' });
}

/** Runs one action of the key table. */
export function perform(m: ConsoleModel, fx: ConsoleEffects, action: Action): void {
  const ui = m.ui();
  const detail = ui.detail;
  const logsHeight = m.bodyLines - 1;
  const move = MOVES[action];
  if (move) {
    if (detail?.kind === 'logs') fx.logs({ type: 'move', move, height: logsHeight });
    else if (detail) fx.ui({ type: 'paneScroll', move, lines: m.paneLines(), height: m.bodyLines });
    else fx.ui({ type: 'move', move, keys: m.rowKeys(), height: m.tableRows });
    return;
  }
  const toView = VIEW_KEYS[action];
  if (toView) {
    fx.ui({ type: 'view', view: toView });
    return;
  }
  if (MUTATING.has(action)) {
    act(m, fx, action);
    return;
  }
  switch (action) {
    case 'quit': fx.quit(); return;
    case 'help': fx.ui({ type: 'help', open: true }); return;
    case 'command': fx.ui({ type: 'inputStart', kind: 'command' }); return;
    case 'filter': fx.ui({ type: 'inputStart', kind: 'filter' }); return;
    case 'search': fx.ui({ type: 'inputStart', kind: 'search', text: m.logsSearch() }); return;
    case 'back': back(m, fx); return;
    case 'sortNext': fx.ui({ type: 'sortNext', columns: m.sortable() }); return;
    case 'sortReverse': fx.ui({ type: 'sortReverse' }); return;
    case 'toggleAll': fx.ui({ type: 'toggleAll' }); return;
    case 'select': {
      const keys = m.rowKeys();
      const key = keys[cursorIndex(ui.tables[ui.view], keys)];
      if (key === undefined) return;
      fx.ui({ type: 'toggleSelect', key });
      fx.ui({ type: 'move', move: 'down', keys, height: m.tableRows });
      return;
    }
    case 'inspect': openDetail(m, fx, 'inspect', cursorContainer(m)); return;
    case 'logs': openDetail(m, fx, 'logs', detail ?? cursorContainer(m)); return;
    case 'stats': openDetail(m, fx, 'stats', detail ?? cursorContainer(m)); return;
    case 'processes': openDetail(m, fx, 'processes', detail ?? cursorContainer(m)); return;
    case 'why': openDetail(m, fx, 'why', detail ?? cursorContainer(m)); return;
    case 'shell': shellInto(fx, subject(m)); return;
    case 'forward': {
      const c = subject(m);
      if (!c) fx.ui(notice('no container under the cursor', 'warning'));
      else if (!fx.forward) fx.ui(notice('port forwarding is not available here', 'error'));
      else fx.ui({ type: 'inputStart', kind: 'forward', target: { node: c.node, id: c.id, name: c.name } });
      return;
    }
    case 'stopForward': {
      const ui = m.ui();
      const keys = m.rowKeys();
      const key = keys[cursorIndex(ui.tables[ui.view], keys)];
      if (key === undefined) fx.ui(notice('no port forward under the cursor', 'warning'));
      else fx.stopForward?.(key);
      return;
    }
    case 'suspend': fx.suspend(); return;
    case 'toggleEnv': fx.ui({ type: 'toggleEnv' }); return;
    case 'followPause': fx.logs({ type: 'toggleFollow', height: logsHeight }); return;
    case 'nextMatch': fx.logs({ type: 'jump', direction: 1, height: logsHeight }); return;
    case 'prevMatch': fx.logs({ type: 'jump', direction: -1, height: logsHeight }); return;
    case 'timestamps': fx.logs({ type: 'timestamps' }); return;
    case 'wrap': fx.logs({ type: 'wrap' }); return;
    case 'saveLogs':
      if (detail) fx.ui({ type: 'inputStart', kind: 'save', text: defaultLogPath(detail.name, m.now()) });
      return;
    default: return;
  }
}

/** A key on the line being typed. */
function edit(m: ConsoleModel, fx: ConsoleEffects, p: Press): void {
  const line = m.ui().input!;
  const e = editLine(line, p);
  switch (e.type) {
    case 'cancel':
      fx.ui({ type: 'inputCancel' });
      if (line.kind === 'search') fx.logs({ type: 'search', text: line.before });
      return;
    case 'commit': {
      // The save line stays until the file is written: a refusal is said on it, the text kept to correct.
      if (line.kind === 'save') {
        fx.saveLogs(line.text);
        return;
      }
      fx.ui({ type: 'inputCommit' });
      if (line.kind === 'forward' && line.target) {
        const c = m.container(`${line.target.node}/${line.target.id}`);
        if (!c) fx.ui(notice(`${line.target.name} is gone from node ${line.target.node}`, 'warning'));
        else if (line.text.trim() !== '') fx.forward?.(c, line.text);
        return;
      }
      if (line.kind !== 'command') return;
      const cmd = parseCommand(line.text);
      if (cmd.kind === 'view') fx.ui({ type: 'view', view: cmd.view });
      else if (cmd.kind === 'quit') fx.quit();
      else if (cmd.kind === 'help') fx.ui({ type: 'help', open: true });
      else if (cmd.kind === 'error') fx.ui(notice(cmd.message, 'error'));
      return;
    }
    case 'text':
      fx.ui({ type: 'inputText', text: e.text });
      // The search highlights as it is typed.
      if (line.kind === 'search') fx.logs({ type: 'search', text: e.text });
      return;
    case 'none':
      return;
  }
}

/** Handles one key press. */
export function handlePress(m: ConsoleModel, fx: ConsoleEffects, p: Press): void {
  const ui = m.ui();
  const pending = m.pending();
  const r = route(ui, pending !== null, p, m.keys);
  // Any key but typing dismisses the last notice.
  if (r.type !== 'quit' && ui.notice && !ui.input) fx.ui({ type: 'notice', notice: null });
  switch (r.type) {
    case 'quit': fx.quit(); return;
    case 'answer':
      fx.ask(null);
      if (r.yes && pending) {
        fx.ui({ type: 'clearSelection' });
        fx.run(pending.verb, pending.targets);
      }
      return;
    case 'edit': edit(m, fx, p); return;
    case 'closeHelp': fx.ui({ type: 'help', open: false }); return;
    case 'perform': perform(m, fx, r.action); return;
    case 'none': return;
  }
}
