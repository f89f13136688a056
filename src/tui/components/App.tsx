/**
 * The console: header, the current view (a table, or the detail pane over
 * one container), an action panel and the footer, sized to exactly the
 * terminal so Ink never has to clear the screen. Keys go through the key
 * table (keys.ts); everything stateful is in reducers (state/*), and every
 * change to a container goes through the same policy and audit log as the
 * scripted verbs (actions/container-actions.ts).
 *
 * Known debt: key handling lives here with the composition; it could move
 * to a controller of its own when the workloads view adds more.
 */
import { Box, useApp, useInput, useStdin, useWindowSize } from 'ink';
import { useMemo, useReducer, useRef, useState } from 'react';
import type { AuditLog } from '../../cli/framework/audit.ts';
import type { Container } from '../../domain/types.ts';
import { containersOf, type FleetStore } from '../../fleet/store.ts';
import { decide, runVerb, verbFor, VERBS, type ActionResult, type ContainerVerb } from '../actions/container-actions.ts';
import type { ShellRunner } from '../actions/shell.ts';
import type { ConsoleFleet } from '../data/fleet.ts';
import type { StatsSource } from '../data/stats.ts';
import { helpEntries, hintSegments } from '../help.ts';
import { useImages } from '../hooks/use-images.ts';
import { useInspect } from '../hooks/use-inspect.ts';
import { useLogs } from '../hooks/use-logs.ts';
import { useNow } from '../hooks/use-now.ts';
import { useStatsVersion } from '../hooks/use-stats.ts';
import { useStoreState } from '../hooks/use-store.ts';
import { charKey, isPrintable, keyName, type Action, type KeyContext, type KeyMap } from '../keys.ts';
import { CONTAINER_COLUMNS, containerRows } from '../rows/containers.ts';
import { EVENT_COLUMNS, eventRows } from '../rows/events.ts';
import { IMAGE_COLUMNS, imageRow } from '../rows/images.ts';
import { NODE_COLUMNS, nodeRow } from '../rows/nodes.ts';
import { cursorIndex, initialUi, reduceUi, windowTop, type Move, type UiAction, type UiState } from '../state/ui.ts';
import { completeCommand, parseCommand, VIEWS, type ViewName } from '../state/views.ts';
import type { Column, Row } from '../table/columns.ts';
import { compileFilter } from '../table/filter.ts';
import { sortRows } from '../table/sort.ts';
import type { Theme } from '../theme/tokens.ts';
import { ConfirmDialog, CONFIRM_HEIGHT } from './ConfirmDialog.tsx';
import { Footer } from './Footer.tsx';
import { Header, headerHeight } from './Header.tsx';
import { HelpOverlay } from './HelpOverlay.tsx';
import { InspectPane } from './InspectPane.tsx';
import { LogsPane } from './LogsPane.tsx';
import { ResultsPanel, resultsHeight, type ActionRun } from './ResultsPanel.tsx';
import { StatsPane } from './StatsPane.tsx';
import { TableView } from './TableView.tsx';
import { TitleBar } from './TitleBar.tsx';
import { MIN_SIZE, TooSmall } from './TooSmall.tsx';

/** What the console is given (built by main.tsx; fakes in tests). */
export interface AppProps {
  store: FleetStore;
  fleet: ConsoleFleet;
  stats: StatsSource;
  keys: KeyMap;
  theme: Theme;
  /** Global read-only (`--readonly` or `readonly: true`): actions hidden and refused. */
  readonly: boolean;
  audit: AuditLog;
  /** How often the images view re-lists (config `refresh`, at least 5 s). */
  refreshMs: number;
  /** How long a lost log stream is retried. */
  retryBudgetMs: number;
  /** Opens a shell in a container while the console steps aside; absent, `s` says it is unavailable. */
  openShell?: ShellRunner;
  /** Stops the process for Ctrl-Z and resolves on `fg`; absent (tests), Ctrl-Z does nothing. */
  suspendSelf?: () => Promise<void>;
  now?: () => number;
}

const TITLES: Record<ViewName, string> = { containers: 'Containers', images: 'Images', nodes: 'Nodes', events: 'Events' };
const MOVES: Partial<Record<Action, Move>> = { up: 'up', down: 'down', pageUp: 'pageUp', pageDown: 'pageDown', top: 'top', bottom: 'bottom' };
const VIEW_KEYS: Partial<Record<Action, ViewName>> = { viewContainers: 'containers', viewImages: 'images', viewNodes: 'nodes', viewEvents: 'events' };
/** An action waiting for its confirmation. */
interface Pending {
  verb: ContainerVerb;
  targets: Container[];
  question: string;
}

/** The key context of a state: the detail pane's kind, or the view. */
function contextOf(s: UiState): KeyContext {
  return s.detail ? s.detail.kind : s.view;
}

const MUTATING: ReadonlySet<Action> = new Set<Action>(['start', 'stop', 'restart', 'kill', 'pause', 'remove']);

/** The whole console. */
export function App({ store, fleet, stats, keys, theme, readonly, audit, refreshMs, retryBudgetMs, openShell, suspendSelf, now: clock = Date.now }: AppProps) {
  const { columns: width, rows: height } = useWindowSize();
  const { exit, suspendTerminal } = useApp();
  const { stdin } = useStdin();
  const fleetState = useStoreState(store);
  const now = useNow(clock, 1000, stats);
  const statsVersion = useStatsVersion(stats);
  const [ui, dispatchUi] = useReducer(reduceUi, undefined, initialUi);
  // Keys of one read arrive before React re-renders ("\rl" is enter, then l): handlers read the
  // state as the reducer has it after the previous key, kept here in step with every dispatch.
  const uiRef = useRef(ui);
  const dispatch = (a: UiAction): void => {
    uiRef.current = reduceUi(uiRef.current, a);
    dispatchUi(a);
  };
  const [confirm, setConfirmState] = useState<Pending | null>(null);
  const confirmRef = useRef<Pending | null>(null);
  const setConfirm = (p: Pending | null): void => {
    confirmRef.current = p;
    setConfirmState(p);
  };
  const [run, setRun] = useState<ActionRun | null>(null);
  const runId = useRef(0);
  const [showEnv, setShowEnv] = useState(false);
  const [inspectTop, setInspectTop] = useState(0);
  const detail = ui.detail;
  const images = useImages(fleet, ui.view === 'images' && detail === null, Math.max(5000, refreshMs));
  const [logs, logsDispatch] = useLogs(fleet, detail?.kind === 'logs' ? detail : null, retryBudgetMs);
  const inspect = useInspect(fleet, detail?.kind === 'inspect' ? detail : null, showEnv);

  const containers = useMemo(() => containersOf(fleetState), [fleetState]);
  const nodes = useMemo(() => fleet.nodes.map((n) => fleetState.nodes[n.name] ?? { name: n.name, state: 'connecting' as const, host: null, lastError: null, at: null }), [fleet, fleetState.nodes]);
  const counts = useMemo(() => {
    const out: Record<string, { running: number; total: number }> = {};
    for (const c of containers) {
      const n = (out[c.node] ??= { running: 0, total: 0 });
      n.total++;
      if (c.state === 'running') n.running++;
    }
    return out;
  }, [containers]);
  const selected = useMemo(() => new Set(ui.selected), [ui.selected]);
  const table = ui.tables[ui.view];

  const view = useMemo((): { columns: readonly Column[]; all: Row[]; extra: string[] } => {
    switch (ui.view) {
      case 'containers':
        return {
          columns: CONTAINER_COLUMNS,
          all: containerRows(containers, { nodes: fleetState.nodes, stats: (n, id) => stats.get(n, id), history: (n, id) => stats.history(n, id), selected, now }, ui.showAll),
          extra: [ui.showAll ? 'all' : 'running only', ...(ui.selected.length > 0 ? [`${ui.selected.length} selected`] : [])],
        };
      case 'images':
        return {
          columns: IMAGE_COLUMNS,
          all: images.images.map((i) => imageRow(i, new Date(now))),
          extra: [...(images.loading ? ['loading…'] : []), ...images.errors.map((e) => `${e.node}: ${e.message}`)],
        };
      case 'nodes':
        return { columns: NODE_COLUMNS, all: nodes.map((n) => nodeRow(n, counts[n.name] ?? { running: 0, total: 0 }, now)), extra: [] };
      case 'events':
        return { columns: EVENT_COLUMNS, all: eventRows(fleetState.events), extra: [] };
    }
    // statsVersion: a new stats tick re-renders the CPU and memory columns.
  }, [ui.view, ui.showAll, ui.selected.length, containers, fleetState, stats, statsVersion, selected, now, images, nodes, counts]);
  const filter = useMemo(() => compileFilter(table.filter), [table.filter]);
  const shown = useMemo(() => sortRows(view.all.filter((r) => filter.test(r.haystack)), table.sort, table.desc), [view, filter, table.sort, table.desc]);
  const keysShown = useMemo(() => shown.map((r) => r.key), [shown]);

  const context = contextOf(ui);
  const headerLines = headerHeight(fleet.nodes.length);
  const panelLines = confirm ? CONFIRM_HEIGHT : resultsHeight(run);
  const bodyLines = Math.max(1, height - headerLines - 2 - panelLines);
  const tableRows = Math.max(1, bodyLines - 2);
  const cursor = cursorIndex(table, keysShown);
  const top = windowTop(table.top, cursor, tableRows, keysShown.length);
  const readonlyNodes = fleet.nodes.filter((n) => n.readonly).map((n) => n.name);

  /** The rows' keys as the current state shows them (a filter typed in this same read changes them). */
  const liveKeys = (): readonly string[] => {
    const cur = uiRef.current;
    const t = cur.tables[cur.view];
    if (cur.view === ui.view && t.filter === table.filter && t.sort === table.sort && t.desc === table.desc) return keysShown;
    const f = compileFilter(t.filter);
    return sortRows(view.all.filter((r) => f.test(r.haystack)), t.sort, t.desc).map((r) => r.key);
  };

  const cursorContainer = (): Container | null => {
    const cur = uiRef.current;
    const live = liveKeys();
    const key = live[cursorIndex(cur.tables[cur.view], live)];
    return cur.view === 'containers' && key !== undefined ? fleetState.containers[key] ?? null : null;
  };

  const startVerb = (verb: ContainerVerb, targets: Container[]): void => {
    const id = ++runId.current;
    setRun({ action: VERBS[verb].action, total: targets.length, results: [] });
    dispatch({ type: 'clearSelection' });
    void runVerb(verb, targets, { runtime: (n) => fleet.runtime(n), audit }, (r: ActionResult, i: number) => {
      if (runId.current !== id) return;
      setRun((prev) => {
        if (!prev) return prev;
        const results = prev.results.slice();
        results[i] = r;
        return { ...prev, results };
      });
    });
  };

  const act = (action: Action): void => {
    const picked = uiRef.current.selected.map((k) => fleetState.containers[k]).filter((c): c is Container => c !== undefined);
    const one = cursorContainer();
    const targets = picked.length > 0 ? picked : one ? [one] : [];
    if (targets.length === 0) {
      dispatch({ type: 'notice', notice: { text: 'no container under the cursor', tone: 'warning' } });
      return;
    }
    const verb = verbFor(action, targets);
    if (verb === null) return;
    const d = decide(verb, targets, { readonly, readonlyNodes });
    if (d.action === 'refuse') dispatch({ type: 'notice', notice: { text: `${d.reason} (${d.hint})`, tone: 'error' } });
    else if (d.action === 'ask') setConfirm({ verb, targets, question: d.question });
    else if (d.action === 'proceed') startVerb(verb, targets);
  };

  const openDetail = (kind: 'inspect' | 'logs' | 'stats', c: { node: string; id: string; name: string } | null): void => {
    if (!c) return;
    setShowEnv(false);
    setInspectTop(0);
    dispatch({ type: 'openDetail', detail: { kind, node: c.node, id: c.id, name: c.name } });
  };

  const shellInto = (c: Container | null): void => {
    if (!c) {
      dispatch({ type: 'notice', notice: { text: 'no container under the cursor', tone: 'warning' } });
      return;
    }
    if (!openShell) {
      dispatch({ type: 'notice', notice: { text: 'a shell is not available here', tone: 'error' } });
      return;
    }
    if (c.state !== 'running') {
      dispatch({ type: 'notice', notice: { text: `${c.name} is ${c.state}: a shell needs a running container`, tone: 'warning' } });
      return;
    }
    // The footer says how it ended once the console is back (the notice is drawn by the resume's redraw).
    void suspendTerminal(async () => {
      const result = await openShell({ node: c.node, id: c.id, name: c.name });
      dispatch({ type: 'notice', notice: result });
    }).then(() => {
      // The exec let go of stdin with pause(), which stops the TTY's reads; Ink's 'readable' listener is
      // back now, and resume() restarts the reads without switching to flowing mode (no key is lost).
      stdin.resume();
    });
  };

  const perform = (action: Action): void => {
    const cur = uiRef.current;
    const detail = cur.detail;
    const table = cur.tables[cur.view];
    const move = MOVES[action];
    if (move) {
      if (detail?.kind === 'logs') logsDispatch({ type: 'move', move, height: bodyLines - 1 });
      else if (detail?.kind === 'inspect') {
        const page = Math.max(1, bodyLines - 2);
        const last = Math.max(0, inspect.lines.length - (bodyLines - 1));
        const to = move === 'up' ? inspectTop - 1 : move === 'down' ? inspectTop + 1 : move === 'pageUp' ? inspectTop - page : move === 'pageDown' ? inspectTop + page : move === 'top' ? 0 : last;
        setInspectTop(Math.min(Math.max(0, to), last));
      } else dispatch({ type: 'move', move, keys: liveKeys(), height: tableRows });
      return;
    }
    const toView = VIEW_KEYS[action];
    if (toView) {
      dispatch({ type: 'view', view: toView });
      return;
    }
    if (MUTATING.has(action)) {
      act(action);
      return;
    }
    switch (action) {
      case 'quit': exit(); return;
      case 'help': dispatch({ type: 'help', open: true }); return;
      case 'command': dispatch({ type: 'inputStart', kind: 'command' }); return;
      case 'filter': dispatch({ type: 'inputStart', kind: 'filter' }); return;
      case 'search': dispatch({ type: 'inputStart', kind: 'search', text: logs.search }); return;
      case 'back':
        if (detail) dispatch({ type: 'closeDetail' });
        else if (run && run.results.filter(Boolean).length === run.total) setRun(null);
        else if (table.filter !== '') dispatch({ type: 'clearFilter' });
        else dispatch({ type: 'clearSelection' });
        return;
      case 'sortNext': dispatch({ type: 'sortNext', columns: view.columns.filter((c) => c.sortable).map((c) => c.id) }); return;
      case 'sortReverse': dispatch({ type: 'sortReverse' }); return;
      case 'toggleAll': dispatch({ type: 'toggleAll' }); return;
      case 'select': {
        const live = liveKeys();
        const key = live[cursorIndex(table, live)];
        if (key === undefined) return;
        dispatch({ type: 'toggleSelect', key });
        dispatch({ type: 'move', move: 'down', keys: live, height: tableRows });
        return;
      }
      case 'inspect': openDetail('inspect', cursorContainer()); return;
      case 'logs': openDetail('logs', detail ?? cursorContainer()); return;
      case 'stats': openDetail('stats', detail ?? cursorContainer()); return;
      case 'shell': shellInto(detail ? fleetState.containers[`${detail.node}/${detail.id}`] ?? null : cursorContainer()); return;
      case 'suspend':
        if (suspendSelf) void suspendTerminal(suspendSelf);
        return;
      case 'toggleEnv': setShowEnv((v) => !v); return;
      case 'followPause': logsDispatch({ type: 'toggleFollow', height: bodyLines - 1 }); return;
      case 'nextMatch': logsDispatch({ type: 'jump', direction: 1, height: bodyLines - 1 }); return;
      case 'prevMatch': logsDispatch({ type: 'jump', direction: -1, height: bodyLines - 1 }); return;
      case 'timestamps': logsDispatch({ type: 'timestamps' }); return;
      case 'wrap': logsDispatch({ type: 'wrap' }); return;
      default: return;
    }
  };

  const edit = (name: string | null, input: string, ctrlOrMeta: boolean): void => {
    const line = uiRef.current.input!;
    const set = (text: string): void => {
      dispatch({ type: 'inputText', text });
      if (line.kind === 'search') logsDispatch({ type: 'search', text });
    };
    if (name === 'esc') {
      dispatch({ type: 'inputCancel' });
      if (line.kind === 'search') logsDispatch({ type: 'search', text: line.before });
    } else if (name === 'enter') {
      dispatch({ type: 'inputCommit' });
      if (line.kind !== 'command') return;
      const cmd = parseCommand(line.text);
      if (cmd.kind === 'view') dispatch({ type: 'view', view: cmd.view });
      else if (cmd.kind === 'quit') exit();
      else if (cmd.kind === 'help') dispatch({ type: 'help', open: true });
      else if (cmd.kind === 'error') dispatch({ type: 'notice', notice: { text: cmd.message, tone: 'error' } });
    } else if (name === 'backspace' || name === 'delete') {
      set([...line.text].slice(0, -1).join(''));
    } else if (name === 'ctrl+u') {
      set('');
    } else if (name === 'tab') {
      if (line.kind === 'command') set(completeCommand(line.text));
    } else if (!ctrlOrMeta && input !== '' && isPrintable(input)) {
      set(line.text + input);
    }
  };

  const handleKey = (name: string | null, input: string, mod: boolean): void => {
    const ui = uiRef.current;
    const confirm = confirmRef.current;
    if (name === 'ctrl+c') {
      exit();
      return;
    }
    if (ui.notice && !ui.input) dispatch({ type: 'notice', notice: null });
    if (confirm) {
      if (input === 'y' || input === 'Y') startVerb(confirm.verb, confirm.targets);
      setConfirm(null);
      return;
    }
    if (ui.input) {
      edit(name, input, mod);
      return;
    }
    if (name === null) return;
    const action = keys.actionFor(contextOf(ui), name);
    if (ui.help) {
      if (action === 'help' || action === 'back' || action === 'quit') dispatch({ type: 'help', open: false });
      return;
    }
    if (action !== null) perform(action);
  };

  useInput((input, key) => {
    const name = keyName(input, key);
    // Keys typed or sent faster than a read arrive as one chunk ("/web\rl"): take them one by one.
    if (name === null && [...input].length > 1 && !input.includes('\u001b')) {
      for (const ch of input) handleKey(charKey(ch), ch, false);
      return;
    }
    // ESC and the next key in one read look like alt+key; with no alt binding they were esc, then the key.
    if (name !== null && name.startsWith('alt+') && keys.actionFor(contextOf(uiRef.current), name) === null) {
      handleKey('esc', '', false);
      const rest = name.slice(4);
      handleKey(rest.length === 1 ? charKey(rest) : rest, rest.length === 1 ? rest : '', false);
      return;
    }
    handleKey(name, input, key.ctrl || key.meta);
  });

  if (width < MIN_SIZE.columns || height < MIN_SIZE.rows) return <TooSmall columns={width} rows={height} theme={theme} />;

  const hints = hintSegments(keys, context, readonly, width);
  const notice = ui.notice ?? (filter.error ? { text: filter.error, tone: 'error' as const } : null);
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Header nodes={nodes} counts={counts} now={now} theme={theme} readonly={readonly} />
      {ui.help ? (
        <HelpOverlay title={detail ? detail.kind : TITLES[ui.view]} entries={helpEntries(keys, context, readonly)} width={width} height={bodyLines} theme={theme} />
      ) : detail?.kind === 'logs' ? (
        <LogsPane name={detail.name} node={detail.node} state={logs} height={bodyLines} width={width} theme={theme} />
      ) : detail?.kind === 'stats' ? (
        <StatsPane name={detail.name} node={detail.node} history={stats.history(detail.node, detail.id)} intervalSeconds={Math.max(500, refreshMs) / 1000}
          width={width} height={bodyLines} theme={theme} />
      ) : detail?.kind === 'inspect' ? (
        <InspectPane name={detail.name} node={detail.node} state={inspect} showEnv={showEnv} top={inspectTop} height={bodyLines} theme={theme} />
      ) : (
        <Box flexDirection="column" height={bodyLines}>
          <TitleBar title={`${TITLES[ui.view]} [${VIEWS.indexOf(ui.view) + 1}]`} shown={shown.length} total={view.all.length} filter={table.filter} extra={view.extra} theme={theme} />
          <TableView columns={view.columns} rows={shown} cursor={cursor} top={top} height={bodyLines - 1} width={width} theme={theme} sort={table.sort} desc={table.desc}
            empty={table.filter !== '' ? 'no rows match the filter (esc clears it)' : ui.view === 'containers' && !ui.showAll ? 'no running containers (a shows all)' : 'nothing here yet'} />
        </Box>
      )}
      {confirm ? <ConfirmDialog question={confirm.question} width={width} theme={theme} /> : run ? <ResultsPanel run={run} theme={theme} /> : null}
      <Footer input={ui.input} notice={notice} hints={hints} theme={theme} />
    </Box>
  );
}
