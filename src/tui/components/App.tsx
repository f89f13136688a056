/**
 * The console: header, the current view (a table, or the detail pane over
 * one container), an action panel and the footer, sized to exactly the
 * terminal so Ink never has to clear the screen. This file composes: data
 * comes from hooks (hooks/*), rows from pure functions (rows/*), and what a
 * key does is decided by the controller (controller/*) through the key
 * table (keys.ts); every change to a container goes through the same
 * policy and audit log as the scripted verbs (actions/container-actions.ts).
 */
import { homedir } from 'node:os';
import { Box, useApp, useInput, useStdin, useWindowSize } from 'ink';
import { useMemo, useRef, useState } from 'react';
import { diagnosisLines } from '../../cli/diagnosis.ts';
import type { AuditLog } from '../../cli/framework/audit.ts';
import type { Container } from '../../domain/types.ts';
import { prodNodeNames } from '../../fleet/node-spec.ts';
import { containersOf, type FleetStore } from '../../fleet/store.ts';
import { sanitizeInline } from '../../util/sanitize.ts';
import { saveLogLines } from '../actions/save-logs.ts';
import type { ShellRunner } from '../actions/shell.ts';
import { contextOf, handlePress, type ConsoleEffects, type ConsoleModel, type Pending } from '../controller/controller.ts';
import { pressesOf } from '../controller/presses.ts';
import { questionStep } from '../controller/question.ts';
import type { ConsoleFleet } from '../data/fleet.ts';
import type { Prompter } from '../data/prompts.ts';
import type { StatsSource } from '../data/stats.ts';
import { helpEntries, hintSegments } from '../help.ts';
import { useActionRun } from '../hooks/use-action-run.ts';
import { useImages } from '../hooks/use-images.ts';
import { LISTS, useListing, type ListingState } from '../hooks/use-listing.ts';
import { useInspect } from '../hooks/use-inspect.ts';
import { useLogs } from '../hooks/use-logs.ts';
import { useNow } from '../hooks/use-now.ts';
import { usePortForwards } from '../hooks/use-port-forwards.ts';
import { useProcesses } from '../hooks/use-processes.ts';
import { useWhy } from '../hooks/use-why.ts';
import { usePrompt } from '../hooks/use-prompt.ts';
import { useStatsVersion } from '../hooks/use-stats.ts';
import { useStoreState } from '../hooks/use-store.ts';
import { useSyncedReducer } from '../hooks/use-synced-reducer.ts';
import type { KeyMap } from '../keys.ts';
import { CONTAINER_COLUMNS, containerRows } from '../rows/containers.ts';
import { EVENT_COLUMNS, eventRows } from '../rows/events.ts';
import { IMAGE_COLUMNS, imageRow } from '../rows/images.ts';
import { FORWARD_COLUMNS, forwardRow } from '../rows/forwards.ts';
import { NETWORK_COLUMNS, networkRow } from '../rows/networks.ts';
import { NODE_COLUMNS, nodeRow } from '../rows/nodes.ts';
import { VOLUME_COLUMNS, volumeRow } from '../rows/volumes.ts';
import { cursorIndex, initialUi, reduceUi, windowTop } from '../state/ui.ts';
import { VIEWS, type ViewName } from '../state/views.ts';
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
import { ProcessesPane } from './ProcessesPane.tsx';
import { PromptDialog, PROMPT_HEIGHT } from './PromptDialog.tsx';
import { ResultsPanel, resultsHeight } from './ResultsPanel.tsx';
import { StatsPane } from './StatsPane.tsx';
import { TableView } from './TableView.tsx';
import { TitleBar } from './TitleBar.tsx';
import { WhyPane } from './WhyPane.tsx';
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
  /** `--timeout`: how long a port forward's dial may take. */
  timeoutMs?: number;
  /** Opens a shell in a container while the console steps aside; absent, `s` says it is unavailable. */
  openShell?: ShellRunner;
  /** Questions from SSH handshakes (host keys, passphrases); absent, nothing is ever asked. */
  prompter?: Prompter;
  /** Where a saved log goes when the typed path is relative, and what `~` means (defaults: the process's). */
  cwd?: string;
  home?: string;
  /** Stops the process for Ctrl-Z and resolves on `fg`; absent (tests), Ctrl-Z does nothing. */
  suspendSelf?: () => Promise<void>;
  now?: () => number;
}

const TITLES: Record<ViewName, string> = { containers: 'Containers', images: 'Images', nodes: 'Nodes', events: 'Events', volumes: 'Volumes', networks: 'Networks', forwards: 'Port forwards' };
/** How often the processes pane lists again, and the why pane reads again. */
const PROCESSES_EVERY_MS = 3000;
const WHY_EVERY_MS = 5000;

/** The title bar's notes for a listed view: still loading, and each node that failed. */
function listingNotes(s: ListingState<unknown>): string[] {
  return [...(s.loading ? ['loading…'] : []), ...s.errors.map((e) => `${e.node}: ${e.message}`)];
}

const pendingOf = (_: Pending | null, p: Pending | null): Pending | null => p;
const noPending = (): Pending | null => null;

/** The whole console. */
export function App({ store, fleet, stats, keys, theme, readonly, audit, refreshMs, retryBudgetMs, timeoutMs = 10_000, openShell, suspendSelf, prompter, cwd = process.cwd(), home = homedir(), now: clock = Date.now }: AppProps) {
  const { columns: width, rows: height } = useWindowSize();
  const { exit, suspendTerminal } = useApp();
  const { stdin } = useStdin();
  const fleetState = useStoreState(store);
  const now = useNow(clock, 1000, stats);
  const statsVersion = useStatsVersion(stats);
  const [ui, currentUi, dispatch] = useSyncedReducer(reduceUi, initialUi);
  const [confirm, currentPending, setConfirm] = useSyncedReducer(pendingOf, noPending);
  const actions = useActionRun(fleet, audit);
  // An SSH question (unknown host key, passphrase) takes every key until answered; a passphrase is never drawn.
  const question = usePrompt(prompter);
  const secret = useRef('');
  const [typed, setTyped] = useState(0);
  const run = actions.run;
  const detail = ui.detail;
  // Lists not in the store are re-listed while their view is open, no more often than every 5 s.
  const listMs = Math.max(5000, refreshMs);
  const images = useImages(fleet, ui.view === 'images' && detail === null, listMs);
  const volumes = useListing(fleet, ui.view === 'volumes' && detail === null, listMs, LISTS.volumes);
  const networks = useListing(fleet, ui.view === 'networks' && detail === null, listMs, LISTS.networks);
  const { forwards, list: forwardList } = usePortForwards(fleet, timeoutMs);
  const [logs, logsDispatch] = useLogs(fleet, detail?.kind === 'logs' ? detail : null, retryBudgetMs);
  const inspect = useInspect(fleet, detail?.kind === 'inspect' ? detail : null, ui.showEnv);
  const subject = detail ? fleetState.containers[`${detail.node}/${detail.id}`] ?? null : null;
  const processes = useProcesses(fleet, detail?.kind === 'processes' ? detail : null, subject?.state ?? null, PROCESSES_EVERY_MS);
  const why = useWhy(fleet, detail?.kind === 'why' ? detail : null, WHY_EVERY_MS);
  const whyLines = useMemo(() => (why.diagnosis ? diagnosisLines(why.diagnosis, new Date(now)).map((l) => sanitizeInline(l)) : []), [why.diagnosis, now]);

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
  const prodNodes = useMemo(() => new Set(prodNodeNames(fleet.nodes)), [fleet]);
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
      case 'volumes':
        return { columns: VOLUME_COLUMNS, all: volumes.items.map((v) => volumeRow(v, new Date(now))), extra: listingNotes(volumes) };
      case 'networks':
        return { columns: NETWORK_COLUMNS, all: networks.items.map((n) => networkRow(n, new Date(now))), extra: listingNotes(networks) };
      case 'forwards':
        return { columns: FORWARD_COLUMNS, all: forwardList.map((f) => forwardRow(f, now)), extra: ['127.0.0.1 only'] };
    }
    // statsVersion: a new stats tick re-renders the CPU and memory columns.
  }, [ui.view, ui.showAll, ui.selected.length, containers, fleetState, stats, statsVersion, selected, now, images, volumes, networks, forwardList, nodes, counts]);
  const filter = useMemo(() => compileFilter(table.filter), [table.filter]);
  const shown = useMemo(() => sortRows(view.all.filter((r) => filter.test(r.haystack)), table.sort, table.desc), [view, filter, table.sort, table.desc]);
  const keysShown = useMemo(() => shown.map((r) => r.key), [shown]);

  const context = contextOf(ui);
  const headerLines = headerHeight(fleet.nodes.length);
  const panelLines = question ? PROMPT_HEIGHT : confirm ? CONFIRM_HEIGHT : resultsHeight(run);
  const bodyLines = Math.max(1, height - headerLines - 2 - panelLines);
  const tableRows = Math.max(1, bodyLines - 2);
  const cursor = cursorIndex(table, keysShown);
  const top = windowTop(table.top, cursor, tableRows, keysShown.length);

  const model: ConsoleModel = {
    keys,
    ui: currentUi,
    pending: currentPending,
    runFinished: actions.finished,
    rowKeys: () => {
      // The rows as the current state shows them (a filter typed in this same read changes them).
      const cur = currentUi();
      const t = cur.tables[cur.view];
      if (cur.view === ui.view && t.filter === table.filter && t.sort === table.sort && t.desc === table.desc) return keysShown;
      const f = compileFilter(t.filter);
      return sortRows(view.all.filter((r) => f.test(r.haystack)), t.sort, t.desc).map((r) => r.key);
    },
    container: (key) => fleetState.containers[key] ?? null,
    sortable: () => view.columns.filter((c) => c.sortable).map((c) => c.id),
    bodyLines,
    tableRows,
    paneLines: () => (detail?.kind === 'why' ? whyLines.length : detail?.kind === 'processes' ? processes.items.length + 1 : inspect.lines.length),
    logsSearch: () => logs.search,
    readonly,
    readonlyNodes: fleet.nodes.filter((n) => n.readonly).map((n) => n.name),
    prodNodes: [...prodNodes],
    now: () => new Date(clock()),
  };
  const effects: ConsoleEffects = {
    ui: dispatch,
    logs: logsDispatch,
    ask: setConfirm,
    run: actions.start,
    closeRun: actions.close,
    saveLogs: (path) => {
      void saveLogLines(path, logs.lines, { cwd, home }).then((r) => {
        const open = currentUi().input?.kind === 'save';
        if (r.ok) {
          if (open) dispatch({ type: 'inputCommit' });
          dispatch({ type: 'notice', notice: { text: `saved ${r.lines} line${r.lines === 1 ? '' : 's'} to ${r.path}`, tone: 'ok' } });
        } else if (open) dispatch({ type: 'inputNote', note: r.message });
        else dispatch({ type: 'notice', notice: { text: r.message, tone: 'error' } });
      });
    },
    quit: exit,
    ...(forwards ? {
      forward: (c: Container, spec: string) => {
        void forwards.start(c, spec).then((n) => dispatch({ type: 'notice', notice: n }));
      },
      stopForward: (key: string) => {
        void forwards.stop(Number(key)).then((n) => dispatch({ type: 'notice', notice: n }));
      },
    } : {}),
    suspend: () => {
      if (suspendSelf) void suspendTerminal(suspendSelf);
    },
    ...(openShell ? {
      shell: (c: Container) => {
        // The footer says how it ended once the console is back (the notice is drawn by the resume's redraw).
        void suspendTerminal(async () => {
          const result = await openShell({ node: c.node, id: c.id, name: c.name });
          dispatch({ type: 'notice', notice: result });
        }).then(() => {
          // The exec let go of stdin with pause(), which stops the TTY's reads; Ink's 'readable' listener is
          // back now, and resume() restarts the reads without switching to flowing mode (no key is lost).
          stdin.resume();
        });
      },
    } : {}),
  };

  useInput((input, key) => {
    const asking = () => prompter?.current() ?? null;
    for (const p of pressesOf(input, key, (name) => asking() === null && keys.actionFor(contextOf(currentUi()), name) !== null)) {
      const q = asking();
      if (q === null || p.name === 'ctrl+c') {
        handlePress(model, effects, p);
        continue;
      }
      const step = questionStep(q, secret.current, p);
      secret.current = step.type === 'typing' ? step.secret : '';
      setTyped([...secret.current].length);
      if (step.type === 'answer') prompter!.answer(step.value);
    }
  });

  if (width < MIN_SIZE.columns || height < MIN_SIZE.rows) return <TooSmall columns={width} rows={height} theme={theme} />;

  const hints = hintSegments(keys, context, readonly, width);
  const notice = ui.notice ?? (filter.error ? { text: filter.error, tone: 'error' as const } : null);
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Header nodes={nodes} counts={counts} now={now} theme={theme} readonly={readonly} prod={prodNodes} {...(stats.host ? { host: (n: string) => stats.host!(n) } : {})} />
      {ui.help ? (
        <HelpOverlay title={detail ? detail.kind : TITLES[ui.view]} entries={helpEntries(keys, context, readonly)} width={width} height={bodyLines} theme={theme} />
      ) : detail?.kind === 'logs' ? (
        <LogsPane name={detail.name} node={detail.node} state={logs} height={bodyLines} width={width} theme={theme} />
      ) : detail?.kind === 'stats' ? (
        <StatsPane name={detail.name} node={detail.node} history={stats.history(detail.node, detail.id)} intervalSeconds={Math.max(500, refreshMs) / 1000}
          width={width} height={bodyLines} theme={theme} />
      ) : detail?.kind === 'processes' ? (
        <ProcessesPane name={detail.name} node={detail.node} state={subject?.state ?? null} data={processes} everySeconds={PROCESSES_EVERY_MS / 1000}
          top={ui.paneTop} height={bodyLines} width={width} theme={theme} whyKey={keys.keys.why[0] ?? 'W'} />
      ) : detail?.kind === 'why' ? (
        <WhyPane name={detail.name} node={detail.node} data={why} lines={whyLines} everySeconds={WHY_EVERY_MS / 1000} top={ui.paneTop} height={bodyLines} theme={theme} />
      ) : detail?.kind === 'inspect' ? (
        <InspectPane name={detail.name} node={detail.node} state={inspect} showEnv={ui.showEnv} top={ui.paneTop} height={bodyLines} theme={theme} />
      ) : (
        <Box flexDirection="column" height={bodyLines}>
          <TitleBar title={`${TITLES[ui.view]} [${VIEWS.indexOf(ui.view) + 1}]`} shown={shown.length} total={view.all.length} filter={table.filter} extra={view.extra} theme={theme} />
          <TableView columns={view.columns} rows={shown} cursor={cursor} top={top} height={bodyLines - 1} width={width} theme={theme} sort={table.sort} desc={table.desc}
            empty={table.filter !== '' ? 'no rows match the filter (esc clears it)' : ui.view === 'containers' && !ui.showAll ? 'no running containers (a shows all)'
              : ui.view === 'forwards' ? `no port forwards (${keys.keys.forward[0] ?? 'f'} on a running container starts one)` : 'nothing here yet'} />
        </Box>
      )}
      {question ? <PromptDialog question={question} typed={typed} width={width} theme={theme} /> : confirm ? <ConfirmDialog question={confirm.question} width={width} theme={theme} /> : run ? <ResultsPanel run={run} theme={theme} /> : null}
      <Footer input={ui.input} notice={notice} hints={hints} theme={theme} />
    </Box>
  );
}
