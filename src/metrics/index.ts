/**
 * The metrics source (DESIGN.md "Metrics from cgroups"): container resource
 * usage read from the kernel's cgroup and procfs counters, never from the
 * Docker stats API. createLocalSampler / createSampler take raw samples;
 * statsBetween turns two of them into CLI.md stats items.
 */
export { createLocalSampler, createRemoteSampler, createSampler, type Sampler, type SamplerOptions } from './sampler.ts';
export { cpuPercent, dockerCpuPercent, hostUsage, statsBetween, toStats, type HostUsage } from './rates.ts';
export type { CgroupMode, HostCounters, HostSample, MetricsTransport, RawSample, SampleTarget, SampleTime } from './types.ts';
export { samplerForTransport } from './node-sampler.ts';
