// vitest globalSetup of the integration project: one lab for the whole run,
// handed to tests as `inject('lab')`. With BERTH_LAB=<path of lab.json> (a
// lab left running by `node scripts/lab.ts start`) it reuses that lab and
// leaves it running; otherwise it starts one and tears it down at the end,
// also on Ctrl-C (test/lab/signals.ts).
import type { TestProject } from 'vitest/node';
import { readLabInfo, startLab, stopLab, writeLabInfo, type LabInfo } from './lab.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The running lab (test/lab/types.ts). */
    lab: LabInfo;
  }
}

/** Starts (or reuses) the lab and provides it; returns the teardown. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const reuse = process.env.BERTH_LAB;
  if (reuse) {
    const info = await readLabInfo(reuse);
    project.provide('lab', info);
    process.stderr.write(`berth lab: reusing ${info.dir} (BERTH_LAB)\n`);
    return async () => {};
  }
  const info = await startLab();
  writeLabInfo(info);
  project.provide('lab', info);
  process.stderr.write(`berth lab: started ${info.dir} in ${info.startMs} ms\n`);
  return async () => {
    const report = await stopLab(info);
    const left = report.leftovers.length ? `; could not remove: ${report.leftovers.join(', ')}` : '';
    process.stderr.write(`berth lab: stopped ${info.dir} in ${report.ms} ms${left}\n`);
  };
}
