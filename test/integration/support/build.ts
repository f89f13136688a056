// Integration global setup: build dist/ once, so tests run the real
// `bin/berth` exactly as an operator would (no source transforms).
import { execFileSync } from 'node:child_process';

export default function setup(): void {
  // For quick iteration on tests alone; CI always builds.
  if (process.env.BERTH_SKIP_BUILD === '1') return;
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
}
