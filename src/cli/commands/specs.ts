/**
 * The registry rows of every scripted verb: data only, cheap to import.
 * Help, completion and dispatch all come from here (framework/README.md);
 * each implementation is loaded only when its verb runs.
 */
import { DESTRUCTIVE } from '../framework/confirm.ts';
import { CONFIRM_FLAGS } from '../framework/flags.ts';
import { defineVerb, type Registry } from '../framework/registry.ts';

const REF = { name: 'REF', required: true, complete: 'container', description: 'Container name, id or id prefix (node/name picks a node)' } as const;
const REFS = { ...REF, variadic: true } as const;
const STOP_TIME = { type: 'number', short: 't', integer: true, min: 0, valueName: 'SECONDS', description: 'Seconds to wait for it to stop before killing it (default: the container\'s own, usually 10)' } as const;

export const psVerb = defineVerb({
  name: 'ps', aliases: ['container ls', 'containers'], group: 'containers', summary: 'List containers',
  flags: { all: { type: 'boolean', short: 'a', description: 'Show all containers (default shows just running)' } },
  positionals: [],
  examples: ['berth ps -a', 'berth ps -o json | jq .items[0]', 'berth ps -a --node web1'],
  load: () => import('./ps.ts'),
});

export const inspectVerb = defineVerb({
  name: 'inspect', group: 'containers', summary: 'Show everything about containers (environment values masked)',
  flags: { showEnv: { type: 'boolean', description: 'Show environment values instead of masking them' } },
  positionals: [REFS],
  examples: ['berth inspect web', 'berth inspect web -o json | jq .items[0].mounts', 'berth inspect --show-env web'],
  load: () => import('./inspect.ts'),
});

export const whyVerb = defineVerb({
  name: 'why', group: 'containers', summary: 'Why a container stopped or keeps restarting: exit code, OOM, health, last lines',
  flags: { tail: { type: 'number', integer: true, min: 0, default: 20, valueName: 'N', description: 'How many last log lines to show' } },
  positionals: [REF],
  examples: ['berth why api', 'berth why api -o json'],
  load: () => import('./why.ts'),
});

export const startVerb = defineVerb({
  name: 'start', group: 'actions', summary: 'Start stopped containers', flags: { dryRun: CONFIRM_FLAGS.dryRun }, positionals: [REFS],
  examples: ['berth start web'], load: () => import('./start.ts'),
});
export const stopVerb = defineVerb({
  name: 'stop', group: 'actions', summary: 'Stop running containers', destructive: DESTRUCTIVE.stop,
  flags: { time: STOP_TIME, ...CONFIRM_FLAGS }, positionals: [REFS],
  examples: ['berth stop web', 'berth stop -t 30 web worker', 'berth stop web --dry-run'], load: () => import('./stop.ts'),
});
export const restartVerb = defineVerb({
  name: 'restart', group: 'actions', summary: 'Restart containers', destructive: DESTRUCTIVE.restart,
  flags: { time: STOP_TIME, ...CONFIRM_FLAGS }, positionals: [REFS], examples: ['berth restart web'], load: () => import('./restart.ts'),
});
export const killVerb = defineVerb({
  name: 'kill', group: 'actions', summary: 'Send a signal to containers (default KILL)', destructive: DESTRUCTIVE.kill,
  flags: { signal: { type: 'string', short: 's', default: 'KILL', valueName: 'SIG', description: 'Signal to send: a name (HUP, SIGTERM) or number' }, ...CONFIRM_FLAGS },
  positionals: [REFS], examples: ['berth kill web', 'berth kill -s HUP web'], load: () => import('./kill.ts'),
});
export const pauseVerb = defineVerb({
  name: 'pause', group: 'actions', summary: 'Freeze every process in containers', destructive: DESTRUCTIVE.pause,
  flags: { ...CONFIRM_FLAGS }, positionals: [REFS], examples: ['berth pause web'], load: () => import('./pause.ts'),
});
export const unpauseVerb = defineVerb({
  name: 'unpause', group: 'actions', summary: 'Thaw paused containers', flags: { dryRun: CONFIRM_FLAGS.dryRun }, positionals: [REFS],
  examples: ['berth unpause web'], load: () => import('./unpause.ts'),
});
export const rmVerb = defineVerb({
  name: 'rm', group: 'actions', summary: 'Remove containers (more than one needs --yes in scripts)', destructive: DESTRUCTIVE.rm,
  flags: {
    force: { type: 'boolean', short: 'f', description: 'Remove running containers too (kills them first)' },
    volumes: { type: 'boolean', short: 'v', description: 'Also remove their anonymous volumes' },
    ...CONFIRM_FLAGS,
  },
  positionals: [REFS], examples: ['berth rm old', 'berth rm -f web worker --yes'], load: () => import('./rm.ts'),
});

export const logsVerb = defineVerb({
  name: 'logs', group: 'streams', summary: 'Print a container\'s logs',
  flags: {
    follow: { type: 'boolean', short: 'f', description: 'Follow new lines until the container exits' },
    tail: { type: 'string', short: 'n', valueName: 'N', description: 'Lines from the end ("all" for every line)' },
    since: { type: 'string', valueName: 'T', description: 'Only lines since T: RFC 3339 time, unix seconds, or a duration ago (10m)' },
    timestamps: { type: 'boolean', short: 't', description: 'Show the time of each line' },
    followRestarts: { type: 'boolean', description: 'With -f: keep following across restarts' },
    raw: { type: 'boolean', description: 'Do not strip terminal control sequences (trusted output only)' },
  },
  positionals: [REF], examples: ['berth logs -f --tail 50 web', 'berth logs --since 10m web', 'berth logs -o jsonl web'],
  load: () => import('./logs.ts'),
});
export const execVerb = defineVerb({
  name: 'exec', group: 'streams', summary: 'Run a command in a running container',
  flags: {
    interactive: { type: 'boolean', short: 'i', description: 'Keep stdin open and feed it to the command' },
    tty: { type: 'boolean', short: 't', description: 'Give the command a terminal' },
    user: { type: 'string', short: 'u', valueName: 'USER', description: 'Run as this user' },
    workdir: { type: 'string', short: 'w', valueName: 'DIR', description: 'Working directory inside the container' },
    env: { type: 'string', short: 'e', repeatable: true, valueName: 'K=V', description: 'Set an environment variable' },
  },
  positionals: [REF, { name: 'CMD', required: true, passthrough: true, description: 'The command and its arguments' }],
  examples: ['berth exec web -- ls -la /', 'berth exec -it web sh'], load: () => import('./exec.ts'),
});
export const topVerb = defineVerb({
  name: 'top', group: 'streams', summary: 'Show a container\'s processes', flags: {}, positionals: [REF],
  examples: ['berth top web'], load: () => import('./top.ts'),
});
export const eventsVerb = defineVerb({
  name: 'events', group: 'streams', summary: 'Stream the engines\' events',
  flags: {
    since: { type: 'string', valueName: 'T', description: 'Also past events since T (RFC 3339, unix seconds, or 10m)' },
    until: { type: 'string', valueName: 'T', description: 'Stop at T' },
  },
  positionals: [], examples: ['berth events', 'berth events -o jsonl --since 10m --until 0s'], load: () => import('./events.ts'),
});

export const statsVerb = defineVerb({
  name: 'stats', group: 'containers', summary: 'CPU, memory, I/O, pids, OOM kills and pressure of running containers, from cgroups',
  flags: {
    noStream: { type: 'boolean', description: 'Sample twice --window apart, print once, and exit' },
    window: { type: 'duration', default: 200, valueName: 'DURATION', description: 'Time between the two samples of --no-stream (default 200ms; a multiple of 100ms reads quota-limited containers true)' },
    filter: { type: 'string', repeatable: true, valueName: 'K=V', description: 'Only containers matching name=SUB, node=NAME, label=KEY[=VALUE] or id=PREFIX' },
    sort: { type: 'enum', choices: ['name', 'cpu', 'memory', 'pids', 'net', 'io'], default: 'name', valueName: 'KEY', description: 'Sort by name, cpu, memory, pids, net or io (numbers largest first)' },
  },
  positionals: [],
  examples: ['berth stats --no-stream', 'berth stats -o jsonl', 'berth stats --no-stream --sort cpu --filter label=com.docker.compose.project=shop'],
  load: () => import('./stats.ts'),
});

export const imagesVerb = defineVerb({
  name: 'images', aliases: ['image ls'], group: 'resources', summary: 'List images', flags: {}, positionals: [],
  examples: ['berth images', 'berth images -o json'], load: () => import('./images.ts'),
});
export const volumesVerb = defineVerb({
  name: 'volumes', aliases: ['volume ls'], group: 'resources', summary: 'List volumes',
  flags: { size: { type: 'boolean', short: 's', description: 'Measure sizes (slow on big volumes)' } }, positionals: [],
  examples: ['berth volumes', 'berth volumes --size'], load: () => import('./volumes.ts'),
});
export const networksVerb = defineVerb({
  name: 'networks', aliases: ['network ls'], group: 'resources', summary: 'List networks', flags: {}, positionals: [],
  examples: ['berth networks'], load: () => import('./networks.ts'),
});
export const nodesVerb = defineVerb({
  name: 'nodes', aliases: ['node ls'], group: 'fleet', summary: 'List nodes: reachability, runtime, kernel, cgroups, containers',
  flags: {}, positionals: [], examples: ['berth nodes', 'berth nodes -o json'], load: () => import('./nodes.ts'),
});
export const portForwardVerb = defineVerb({
  name: 'port-forward', group: 'streams', summary: 'Reach a container\'s port on 127.0.0.1, through the node\'s SSH connection when remote',
  flags: {},
  positionals: [REF, { name: 'PORT', required: true, description: '[LOCAL:]PORT: the container\'s port, and the local one (same port when left out; :PORT or 0:PORT for any free one)' }],
  examples: ['berth port-forward web 8080', 'berth port-forward web1/api 9000:80', 'berth port-forward db :5432'],
  load: () => import('./port-forward.ts'),
});
export const doctorVerb = defineVerb({
  name: 'doctor', group: 'fleet', summary: 'Check endpoints, permissions, cgroups and Node.js, and say how to fix each',
  flags: {}, positionals: [], examples: ['berth doctor'], load: () => import('./doctor.ts'),
});

/** Every verb, grouped for help. */
export const registry: Registry = {
  groups: [
    { id: 'containers', title: 'Containers' },
    { id: 'actions', title: 'Actions' },
    { id: 'streams', title: 'Logs, exec and events' },
    { id: 'resources', title: 'Images, volumes and networks' },
    { id: 'fleet', title: 'Fleet' },
  ],
  verbs: [psVerb, inspectVerb, whyVerb, statsVerb, startVerb, stopVerb, restartVerb, killVerb, pauseVerb, unpauseVerb, rmVerb,
    logsVerb, execVerb, topVerb, eventsVerb, portForwardVerb, imagesVerb, volumesVerb, networksVerb, nodesVerb, doctorVerb],
};
