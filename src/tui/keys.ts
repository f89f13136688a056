/**
 * Keybindings as data (STYLE.md "Keys and themes"): one union of named
 * actions, one default table, one description per action (a `Record`, so a
 * new action without a description or a default does not compile). The
 * same table drives the footer hints, the `?` help, read-only filtering
 * and the user's remaps from `keys:` in config.yaml.
 *
 * Conventions: vim keys and arrows move; lazydocker's `r` restart, `d`
 * remove, `p` pause; k9s's `l` logs, `ctrl+k` kill, `:` commands, `/`
 * filter, `s` shell (so sort moved to `o`/`O`, "order"); stop is `x` and
 * start `u` ("up"); `m` the metrics charts; `T` the processes ("top") and
 * `W` why it died, capitals because the logs pane has `t` (timestamps) and
 * `w` (wrap) and these switch panes from anywhere. ctrl+z suspends, as in any
 * terminal program. No default uses ctrl+b (tmux prefix), ctrl+a (screen
 * prefix) or ctrl+s/ctrl+q (XON/XOFF on terminals that keep flow control).
 */

/** Every thing a key can do in the console. */
export type Action =
  | 'quit' | 'help' | 'command' | 'back'
  | 'viewContainers' | 'viewImages' | 'viewNodes' | 'viewEvents' | 'viewVolumes' | 'viewNetworks' | 'viewForwards'
  | 'up' | 'down' | 'pageUp' | 'pageDown' | 'top' | 'bottom'
  | 'filter' | 'sortNext' | 'sortReverse'
  | 'toggleAll' | 'select' | 'inspect' | 'logs' | 'stats' | 'shell' | 'suspend'
  | 'start' | 'stop' | 'restart' | 'kill' | 'pause' | 'remove'
  | 'processes' | 'why' | 'forward' | 'stopForward'
  | 'toggleEnv'
  | 'followPause' | 'search' | 'nextMatch' | 'prevMatch' | 'timestamps' | 'wrap' | 'saveLogs';

/** Where an action applies; a context turns on several scopes. */
export type Scope = 'global' | 'nav' | 'table' | 'containers' | 'forwards' | 'inspect' | 'logs' | 'stats' | 'processes' | 'why';

/** What the operator is looking at; decides which scopes are live. */
export type KeyContext = 'containers' | 'images' | 'nodes' | 'events' | 'volumes' | 'networks' | 'forwards' | 'inspect' | 'logs' | 'stats' | 'processes' | 'why';

/** What the help and the footer say about an action, and when it applies. */
export interface ActionInfo {
  description: string;
  scopes: readonly Scope[];
  /** Changes a container: hidden and refused when read-only. */
  mutates?: true;
  /** Shown in the footer (short label), in this order. */
  hint?: string;
}

/** The descriptions: a missing action is a compile error. */
export const ACTIONS: Record<Action, ActionInfo> = {
  quit: { description: 'Quit berth', scopes: ['global'], hint: 'quit' },
  help: { description: 'Show the keys of this view', scopes: ['global'], hint: 'help' },
  command: { description: 'Command line: :<view> (tab completes), :help, :q', scopes: ['global'] },
  back: { description: 'Back, close, or clear the filter', scopes: ['global'] },
  viewContainers: { description: 'Containers view', scopes: ['global'] },
  viewImages: { description: 'Images view', scopes: ['global'] },
  viewNodes: { description: 'Nodes view', scopes: ['global'] },
  viewEvents: { description: 'Events view', scopes: ['global'] },
  viewVolumes: { description: 'Volumes view', scopes: ['global'] },
  viewNetworks: { description: 'Networks view', scopes: ['global'] },
  viewForwards: { description: 'Port forwards view (the ones f started)', scopes: ['global'] },
  up: { description: 'Move up', scopes: ['nav'] },
  down: { description: 'Move down', scopes: ['nav'] },
  pageUp: { description: 'Page up', scopes: ['nav'] },
  pageDown: { description: 'Page down', scopes: ['nav'] },
  top: { description: 'Go to the top', scopes: ['nav'] },
  bottom: { description: 'Go to the bottom (logs: follow again)', scopes: ['nav'] },
  filter: { description: 'Filter rows (text; /regex/ for a regular expression)', scopes: ['table'], hint: 'filter' },
  sortNext: { description: 'Sort by the next column', scopes: ['table'] },
  sortReverse: { description: 'Reverse the sort order', scopes: ['table'] },
  toggleAll: { description: 'Show all containers or only running ones', scopes: ['containers'], hint: 'all' },
  select: { description: 'Select or unselect the container (actions apply to the selection)', scopes: ['containers'] },
  inspect: { description: 'Inspect the container (YAML)', scopes: ['containers'], hint: 'inspect' },
  logs: { description: 'Logs of the container', scopes: ['containers', 'inspect', 'stats', 'processes', 'why'], hint: 'logs' },
  stats: { description: 'Charts: CPU, memory, network, block I/O', scopes: ['containers', 'inspect', 'logs', 'processes', 'why'], hint: 'stats' },
  shell: { description: 'Shell into the container (config shell, /bin/sh by default)', scopes: ['containers', 'inspect', 'logs', 'stats', 'processes', 'why'], hint: 'shell' },
  forward: { description: 'Forward a port of the container to 127.0.0.1 (type [LOCAL:]PORT; through SSH for a remote node)', scopes: ['containers', 'inspect', 'logs', 'stats', 'processes', 'why'] },
  suspend: { description: 'Suspend to the shell (fg resumes)', scopes: ['global'] },
  start: { description: 'Start', scopes: ['containers'], mutates: true },
  stop: { description: 'Stop (asks first)', scopes: ['containers'], mutates: true, hint: 'stop' },
  restart: { description: 'Restart (asks first)', scopes: ['containers'], mutates: true, hint: 'restart' },
  kill: { description: 'Kill with SIGKILL (asks first)', scopes: ['containers'], mutates: true },
  pause: { description: 'Pause, or unpause a paused one (pause asks first)', scopes: ['containers'], mutates: true },
  remove: { description: 'Remove (asks first)', scopes: ['containers'], mutates: true },
  processes: { description: 'Processes, as berth top (refreshed)', scopes: ['containers', 'inspect', 'logs', 'stats', 'why'], hint: 'top' },
  why: { description: 'Why it stopped: exit code, OOM, last lines', scopes: ['containers', 'inspect', 'logs', 'stats', 'processes'], hint: 'why' },
  stopForward: { description: 'Stop the port forward (its local port closes)', scopes: ['forwards'], hint: 'stop' },
  toggleEnv: { description: 'Show or mask environment values', scopes: ['inspect'], hint: 'env' },
  followPause: { description: 'Pause or resume following', scopes: ['logs'], hint: 'pause' },
  search: { description: 'Search and highlight (n/N to jump)', scopes: ['logs'], hint: 'search' },
  nextMatch: { description: 'Next match', scopes: ['logs'] },
  prevMatch: { description: 'Previous match', scopes: ['logs'] },
  timestamps: { description: 'Show or hide timestamps', scopes: ['logs'], hint: 'time' },
  wrap: { description: 'Wrap or cut long lines', scopes: ['logs'], hint: 'wrap' },
  saveLogs: { description: 'Save the lines held to a file (asks where)', scopes: ['logs'], hint: 'save' },
};

/** The defaults; every action has at least one key. */
export const DEFAULT_KEYS: Record<Action, readonly string[]> = {
  quit: ['q', 'ctrl+c'],
  help: ['?'],
  command: [':'],
  back: ['esc'],
  viewContainers: ['1'],
  viewImages: ['2'],
  viewNodes: ['3'],
  viewEvents: ['4'],
  viewVolumes: ['5'],
  viewNetworks: ['6'],
  viewForwards: ['7'],
  up: ['k', 'up'],
  down: ['j', 'down'],
  pageUp: ['pgup', 'ctrl+u'],
  pageDown: ['pgdn', 'ctrl+d'],
  top: ['g', 'home'],
  bottom: ['G', 'end'],
  filter: ['/'],
  sortNext: ['o'],
  sortReverse: ['O'],
  toggleAll: ['a'],
  select: ['space'],
  inspect: ['enter'],
  logs: ['l'],
  stats: ['m'],
  shell: ['s'],
  forward: ['f'],
  suspend: ['ctrl+z'],
  start: ['u'],
  stop: ['x'],
  restart: ['r'],
  kill: ['ctrl+k'],
  pause: ['p'],
  remove: ['d'],
  // Capitals: in the logs pane t is timestamps and w is wrap, and these two work from every pane.
  processes: ['T'],
  why: ['W'],
  stopForward: ['x'],
  toggleEnv: ['e'],
  followPause: ['p'],
  search: ['/'],
  nextMatch: ['n'],
  prevMatch: ['N'],
  timestamps: ['t'],
  wrap: ['w'],
  saveLogs: ['S'],
};

/** Scopes live in each context. */
export const CONTEXT_SCOPES: Record<KeyContext, readonly Scope[]> = {
  containers: ['global', 'nav', 'table', 'containers'],
  images: ['global', 'nav', 'table'],
  nodes: ['global', 'nav', 'table'],
  events: ['global', 'nav', 'table'],
  volumes: ['global', 'nav', 'table'],
  networks: ['global', 'nav', 'table'],
  forwards: ['global', 'nav', 'table', 'forwards'],
  inspect: ['global', 'nav', 'inspect'],
  logs: ['global', 'nav', 'logs'],
  stats: ['global', 'stats'],
  processes: ['global', 'nav', 'processes'],
  why: ['global', 'nav', 'why'],
};

/** Keys the terminal multiplexers take for themselves. */
export const MULTIPLEXER_PREFIXES: Readonly<Record<string, string>> = { 'ctrl+b': 'tmux', 'ctrl+a': 'GNU screen' };

const NAMED = new Set(['up', 'down', 'left', 'right', 'pgup', 'pgdn', 'home', 'end', 'enter', 'esc', 'tab', 'shift+tab', 'backspace', 'delete', 'space']);
const ALIASES: Readonly<Record<string, string>> = { pageup: 'pgup', pagedown: 'pgdn', return: 'enter', escape: 'esc', del: 'delete' };

/**
 * The canonical spelling of a key as written in config (`ctrl+K` →
 * `ctrl+k`, `PageUp` → `pgup`), or null when it is not a key berth knows.
 * A single printable character stays as is (case matters: `G` ≠ `g`).
 */
export function normalizeKey(spec: string): string | null {
  if ([...spec].length === 1) return spec === ' ' ? 'space' : isPrintable(spec) ? spec : null;
  const lower = spec.toLowerCase();
  const named = ALIASES[lower] ?? lower;
  if (NAMED.has(named)) return named;
  const mod = /^(ctrl|alt)\+(.+)$/i.exec(spec);
  if (!mod) return null;
  const rest = mod[2]!;
  if (mod[1]!.toLowerCase() === 'ctrl') return /^[a-z]$/i.test(rest) ? `ctrl+${rest.toLowerCase()}` : null;
  if ([...rest].length === 1) return `alt+${rest}`;
  const base = ALIASES[rest.toLowerCase()] ?? rest.toLowerCase();
  if (NAMED.has(base)) return `alt+${base}`;
  return null;
}

/** Whether text has no C0 control or DEL (what typing, not a key chord, produces). */
export function isPrintable(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return false;
  }
  return true;
}

/** Ink's view of a key press (the fields berth reads from `useInput`). */
export interface InkKey {
  upArrow: boolean; downArrow: boolean; leftArrow: boolean; rightArrow: boolean;
  pageUp: boolean; pageDown: boolean; home: boolean; end: boolean;
  return: boolean; escape: boolean; tab: boolean; backspace: boolean; delete: boolean;
  ctrl: boolean; shift: boolean; meta: boolean;
}

/** The name of a key press in the same spelling as the table, or null for input berth ignores. */
export function keyName(input: string, key: InkKey): string | null {
  const named = key.upArrow ? 'up' : key.downArrow ? 'down' : key.leftArrow ? 'left' : key.rightArrow ? 'right'
    : key.pageUp ? 'pgup' : key.pageDown ? 'pgdn' : key.home ? 'home' : key.end ? 'end'
      : key.return ? 'enter' : key.escape ? 'esc' : key.tab ? (key.shift ? 'shift+tab' : 'tab')
        : key.backspace ? 'backspace' : key.delete ? 'delete' : null;
  // ESC ESC (two escapes in one read, or within Ink's 20 ms wait for a sequence) comes as escape with meta: alt+esc.
  if (named) return key.meta ? `alt+${named}` : named;
  if (input === ' ') return 'space';
  if (key.ctrl && /^[a-z]$/i.test(input)) return `ctrl+${input.toLowerCase()}`;
  if ([...input].length !== 1) return null;
  return key.meta ? `alt+${input}` : input;
}

/** The key name of one character from a chunk of input (`\r` is enter, 0x0b is ctrl+k). */
export function charKey(ch: string): string | null {
  if (ch === '\r' || ch === '\n') return 'enter';
  if (ch === '\t') return 'tab';
  if (ch === '\x7f' || ch === '\b') return 'backspace';
  if (ch === ' ') return 'space';
  const c = ch.charCodeAt(0);
  if (c >= 1 && c <= 26) return `ctrl+${String.fromCharCode(c + 96)}`;
  return isPrintable(ch) ? ch : null;
}

/** The resolved table: action → keys, and the reverse per context. */
export interface KeyMap {
  readonly keys: Readonly<Record<Action, readonly string[]>>;
  /** The action a key triggers in a context, if any. */
  actionFor(context: KeyContext, key: string): Action | null;
}

/** Actions live in a context, in table order. */
export function actionsIn(context: KeyContext): Action[] {
  const scopes = CONTEXT_SCOPES[context];
  return (Object.keys(ACTIONS) as Action[]).filter((a) => ACTIONS[a].scopes.some((s) => scopes.includes(s)));
}

/** Builds the lookup for a binding table (assumed conflict-free; see resolveKeys). */
export function keyMap(keys: Readonly<Record<Action, readonly string[]>>): KeyMap {
  const lookup = new Map<KeyContext, Map<string, Action>>();
  for (const context of Object.keys(CONTEXT_SCOPES) as KeyContext[]) {
    const m = new Map<string, Action>();
    for (const a of actionsIn(context)) for (const k of keys[a]) if (!m.has(k)) m.set(k, a);
    lookup.set(context, m);
  }
  return { keys, actionFor: (context, key) => lookup.get(context)?.get(key) ?? null };
}

/** Pairs of actions that share a key in some context: `[key, first, second, context]`. */
export function conflicts(keys: Readonly<Record<Action, readonly string[]>>): [string, Action, Action, KeyContext][] {
  const out: [string, Action, Action, KeyContext][] = [];
  const seen = new Set<string>();
  for (const context of Object.keys(CONTEXT_SCOPES) as KeyContext[]) {
    const owner = new Map<string, Action>();
    for (const a of actionsIn(context)) {
      for (const k of keys[a]) {
        const prev = owner.get(k);
        if (prev === undefined) owner.set(k, a);
        else if (prev !== a && !seen.has(`${k}\0${prev}\0${a}`)) {
          seen.add(`${k}\0${prev}\0${a}`);
          out.push([k, prev, a, context]);
        }
      }
    }
  }
  return out;
}

/** `x`, `ctrl+k` as shown in help and hints. */
export function keyLabel(key: string): string {
  return key === 'space' ? '␣' : key;
}
