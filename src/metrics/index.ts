/**
 * The metrics source (DESIGN.md "Metrics from cgroups"): container resource
 * usage read from the kernel's cgroup and procfs counters, never from the
 * Docker stats API. createLocalSampler / createSampler take raw samples;
 * statsBetween turns two of them into CLI.md stats items.
 */
export { createLocalSampler, createSampler, type Sampler, type SamplerOptions } from './sampler.ts';
export { samplerForTransport } from './node-sampler.ts';
export { cpuPercent, dockerCpuPercent, statsBetween, toStats } from './rates.ts';
export type { CgroupMode, MetricsTransport, RawSample, SampleTarget, SampleTime } from './types.ts';
