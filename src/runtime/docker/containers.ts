/**
 * Containers: Engine API wire JSON (`GET /containers/json`,
 * `GET /containers/{id}/json`) to berth's Container and ContainerDetail.
 * The list is cheap but thin (no restart count, no start/finish times, and
 * on Podman no health), so what it lacks is null, never 0; inspect fills it.
 */
import type { ComposeRef, Container, ContainerDetail, ContainerState, HealthCheckRun, MountInfo, PortMapping } from '../../domain/types.ts';
import { statusWords } from './status-words.ts';
import { engineTime, unixSecondsToRfc3339 } from './time.ts';

/** One entry of `GET /containers/json`. */
export interface WireContainerSummary {
  Id: string;
  Names?: string[] | null;
  Image?: string;
  Command?: string;
  Created?: number;
  State?: string;
  Status?: string;
  Ports?: { IP?: string; PrivatePort: number; PublicPort?: number; Type?: string }[] | null;
  Labels?: Record<string, string> | null;
  NetworkSettings?: { Networks?: Record<string, { NetworkID?: string }> | null } | null;
}

/** The parts of `GET /containers/{id}/json` berth reads. */
export interface WireContainerInspect {
  Id: string;
  Name?: string;
  Created?: string;
  Path?: string;
  Args?: string[] | null;
  RestartCount?: number;
  State?: {
    Status?: string;
    Running?: boolean;
    Paused?: boolean;
    Restarting?: boolean;
    OOMKilled?: boolean;
    Dead?: boolean;
    Pid?: number;
    ExitCode?: number;
    Error?: string;
    StartedAt?: string;
    FinishedAt?: string;
    Health?: { Status?: string; FailingStreak?: number; Log?: { Start?: string; End?: string; ExitCode?: number; Output?: string }[] | null } | null;
  };
  Config?: {
    Hostname?: string;
    User?: string;
    Tty?: boolean;
    OpenStdin?: boolean;
    Env?: string[] | null;
    Cmd?: string[] | string | null;
    Entrypoint?: string[] | string | null;
    Image?: string;
    WorkingDir?: string;
    Labels?: Record<string, string> | null;
  };
  HostConfig?: {
    Memory?: number;
    NanoCpus?: number;
    CpuQuota?: number;
    CpuPeriod?: number;
    RestartPolicy?: { Name?: string; MaximumRetryCount?: number } | null;
    LogConfig?: { Type?: string } | null;
  };
  Mounts?: { Type?: string; Name?: string; Source?: string; Destination?: string; Mode?: string; RW?: boolean }[] | null;
  NetworkSettings?: {
    Ports?: Record<string, { HostIp?: string; HostPort?: string }[] | null> | null;
    Networks?: Record<string, { IPAddress?: string; MacAddress?: string }> | null;
  } | null;
}

const STATES: readonly ContainerState[] = ['created', 'running', 'paused', 'restarting', 'exited', 'dead', 'removing'];

/**
 * The engine's state word as berth's state. Podman's libpod states leak
 * through its compat API in places ("configured", "stopped", "stopping").
 */
export function normalizeState(state: string | undefined): ContainerState {
  const s = (state ?? '').toLowerCase();
  if ((STATES as readonly string[]).includes(s)) return s as ContainerState;
  if (s === 'configured' || s === 'initialized') return 'created';
  if (s === 'stopping') return 'running';
  return 'exited';
}

/** Health from the list's status text: "(healthy)", "(unhealthy)", "(health: starting)". */
export function healthFromStatus(status: string | undefined): Container['health'] {
  if (!status) return null;
  if (/\(unhealthy\)/.test(status)) return 'unhealthy';
  if (/\(healthy\)/.test(status)) return 'healthy';
  if (/\(health: starting\)/.test(status)) return 'starting';
  return null;
}

/** Exit code from the list's status text: "Exited (3) 2 minutes ago", "Restarting (1) …". */
export function exitCodeFromStatus(status: string | undefined): number | null {
  const m = /^(?:Exited|Restarting) \((-?\d+)\)/.exec(status ?? '');
  return m ? Number(m[1]) : null;
}

/** Compose membership from the `com.docker.compose.*` labels. */
export function composeFromLabels(labels: Record<string, string>): ComposeRef | null {
  const project = labels['com.docker.compose.project'];
  const service = labels['com.docker.compose.service'];
  return project && service ? { project, service } : null;
}

/**
 * The container's own name: Names carries one entry per legacy link too
 * ("/other/alias"); the real one has no slash after the leading one.
 */
export function primaryName(names: readonly string[] | null | undefined, id: string): string {
  const all = (names ?? []).map((n) => n.replace(/^\//, ''));
  return all.find((n) => !n.includes('/')) ?? all[0] ?? id.slice(0, 12);
}

function portsFromSummary(ports: WireContainerSummary['Ports']): PortMapping[] {
  return (ports ?? []).map((p) => ({
    privatePort: p.PrivatePort,
    publicPort: typeof p.PublicPort === 'number' && p.PublicPort > 0 ? p.PublicPort : null,
    type: p.Type ?? 'tcp',
    ip: p.IP || null,
  }));
}

/** A list entry as a Container (fields the list does not carry are null). */
export function containerFromSummary(node: string, w: WireContainerSummary): Container {
  const labels = w.Labels ?? {};
  const state = normalizeState(w.State);
  const status = w.Status ?? '';
  return {
    id: w.Id,
    name: primaryName(w.Names, w.Id),
    node,
    image: w.Image ?? '',
    command: w.Command ?? '',
    state,
    status,
    health: healthFromStatus(status),
    exitCode: state === 'exited' || state === 'dead' || state === 'restarting' ? exitCodeFromStatus(status) : null,
    oomKilled: null,
    restartCount: null,
    createdAt: unixSecondsToRfc3339(w.Created),
    startedAt: null,
    finishedAt: null,
    ports: portsFromSummary(w.Ports),
    labels,
    compose: composeFromLabels(labels),
  };
}

function portsFromInspect(ports: Record<string, { HostIp?: string; HostPort?: string }[] | null> | null | undefined): PortMapping[] {
  const out: PortMapping[] = [];
  for (const [key, bindings] of Object.entries(ports ?? {})) {
    const [port, type = 'tcp'] = key.split('/');
    const privatePort = Number(port);
    if (!bindings || bindings.length === 0) out.push({ privatePort, publicPort: null, type, ip: null });
    for (const b of bindings ?? []) {
      const pub = Number(b.HostPort);
      out.push({ privatePort, publicPort: Number.isFinite(pub) && pub > 0 ? pub : null, type, ip: b.HostIp || null });
    }
  }
  return out.sort((a, b) => a.privatePort - b.privatePort || a.type.localeCompare(b.type));
}

function asArray(v: string[] | string | null | undefined): string[] {
  if (Array.isArray(v)) return v;
  return v ? [v] : [];
}

function healthFromInspect(status: string | undefined): Container['health'] {
  return status === 'healthy' || status === 'unhealthy' || status === 'starting' ? status : null;
}

/**
 * Docker-style status text from inspect, which has none of its own, so a
 * container reads the same in `ps` and `inspect` ("Up 3 minutes (healthy)").
 */
export function statusFromInspect(w: WireContainerInspect, now: number): string {
  const st = w.State ?? {};
  const ms = (t: string | undefined): number | null => {
    const at = engineTime(t);
    return at ? Date.parse(at) : null;
  };
  return statusWords({
    state: normalizeState(st.Status), health: healthFromInspect(st.Health?.Status ?? undefined), exitCode: st.ExitCode ?? null,
    startedMs: ms(st.StartedAt), finishedMs: ms(st.FinishedAt),
  }, now);
}

/** `NAME=value` pairs; a value may itself contain '='. */
export function splitEnv(env: readonly string[] | null | undefined): { name: string; value: string }[] {
  return (env ?? []).map((kv) => {
    const i = kv.indexOf('=');
    return i < 0 ? { name: kv, value: '' } : { name: kv.slice(0, i), value: kv.slice(i + 1) };
  });
}

function mountsFrom(mounts: WireContainerInspect['Mounts']): MountInfo[] {
  return (mounts ?? []).map((m) => ({
    type: m.Type ?? '',
    source: m.Source ?? '',
    destination: m.Destination ?? '',
    mode: m.Mode ?? '',
    readWrite: m.RW ?? true,
    name: m.Name || null,
  }));
}

function healthLogFrom(log: { Start?: string; End?: string; ExitCode?: number; Output?: string }[] | null | undefined): HealthCheckRun[] {
  return (log ?? []).map((r) => ({
    start: engineTime(r.Start),
    end: engineTime(r.End),
    exitCode: typeof r.ExitCode === 'number' ? r.ExitCode : null,
    output: r.Output ?? '',
  }));
}

/** CPU limit in nano-CPUs: NanoCpus (--cpus), else CpuQuota/CpuPeriod (--cpu-quota). */
function nanoCpusOf(hc: WireContainerInspect['HostConfig']): number | null {
  if (hc?.NanoCpus && hc.NanoCpus > 0) return hc.NanoCpus;
  if (hc?.CpuQuota && hc.CpuQuota > 0) return Math.round((hc.CpuQuota / (hc.CpuPeriod || 100_000)) * 1e9);
  return null;
}

/** An inspect reply as a ContainerDetail; `now` words the status text. */
export function containerFromInspect(node: string, w: WireContainerInspect, now = Date.now()): ContainerDetail {
  const st = w.State ?? {};
  const cfg = w.Config ?? {};
  const hc = w.HostConfig ?? {};
  const labels = cfg.Labels ?? {};
  const state = normalizeState(st.Status);
  const ran = engineTime(st.StartedAt) !== null;
  return {
    id: w.Id,
    name: (w.Name ?? '').replace(/^\//, '') || w.Id.slice(0, 12),
    node,
    image: cfg.Image ?? '',
    command: [w.Path ?? '', ...(w.Args ?? [])].join(' ').trim(),
    state,
    status: statusFromInspect(w, now),
    health: healthFromInspect(st.Health?.Status ?? undefined),
    // A running or never-started container has no exit code to speak of.
    exitCode: (state === 'exited' || state === 'dead' || state === 'restarting') && ran && typeof st.ExitCode === 'number' ? st.ExitCode : null,
    oomKilled: typeof st.OOMKilled === 'boolean' ? st.OOMKilled : null,
    restartCount: typeof w.RestartCount === 'number' ? w.RestartCount : null,
    createdAt: engineTime(w.Created),
    startedAt: engineTime(st.StartedAt),
    finishedAt: engineTime(st.FinishedAt),
    ports: portsFromInspect(w.NetworkSettings?.Ports),
    labels,
    compose: composeFromLabels(labels),
    pid: typeof st.Pid === 'number' && st.Pid > 0 ? st.Pid : null,
    tty: cfg.Tty ?? false,
    openStdin: cfg.OpenStdin ?? false,
    env: splitEnv(cfg.Env),
    entrypoint: asArray(cfg.Entrypoint),
    cmd: asArray(cfg.Cmd),
    workingDir: cfg.WorkingDir ?? '',
    user: cfg.User ?? '',
    restartPolicy: hc.RestartPolicy ? { name: hc.RestartPolicy.Name || 'no', maximumRetryCount: hc.RestartPolicy.MaximumRetryCount ?? 0 } : null,
    memoryLimitBytes: hc.Memory && hc.Memory > 0 ? hc.Memory : null,
    nanoCpus: nanoCpusOf(hc),
    mounts: mountsFrom(w.Mounts),
    networks: Object.entries(w.NetworkSettings?.Networks ?? {}).map(([name, n]) => ({
      name,
      ipAddress: n.IPAddress || null,
      macAddress: n.MacAddress || null,
    })),
    healthLog: healthLogFrom(st.Health?.Log),
    error: st.Error || null,
    hostname: cfg.Hostname ?? '',
    logDriver: hc.LogConfig?.Type || null,
  };
}
