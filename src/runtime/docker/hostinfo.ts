/**
 * Host facts: `GET /info` plus what version negotiation learned, to
 * HostInfo. Podman's compat `/info` fills the Docker fields (OperatingSystem
 * is just "debian" there); `CgroupVersion` is "1" or "2" as a string on both.
 */
import type { HostInfo } from '../../domain/types.ts';
import type { Negotiated } from './version.ts';

/** The parts of `GET /info` berth reads. */
export interface WireInfo {
  Name?: string;
  KernelVersion?: string;
  OperatingSystem?: string;
  CgroupVersion?: string;
  CgroupDriver?: string;
  NCPU?: number;
  MemTotal?: number;
  Containers?: number;
  ContainersRunning?: number;
}

function positive(n: number | undefined): number | null {
  return typeof n === 'number' && n > 0 ? n : null;
}

/** HostInfo from `/info` and negotiation. */
export function hostInfoFromWire(w: WireInfo, v: Negotiated): HostInfo {
  const cg = w.CgroupVersion === '1' ? 1 : w.CgroupVersion === '2' ? 2 : null;
  return {
    runtime: { kind: v.kind, version: v.version, apiVersion: v.serverApiVersion },
    kernel: w.KernelVersion || null,
    os: w.OperatingSystem || null,
    cgroupVersion: cg,
    cgroupDriver: w.CgroupDriver || null,
    cpus: positive(w.NCPU),
    memoryBytes: positive(w.MemTotal),
    containers:
      typeof w.Containers === 'number' && typeof w.ContainersRunning === 'number' ? { running: w.ContainersRunning, total: w.Containers } : null,
    hostname: w.Name || null,
  };
}
