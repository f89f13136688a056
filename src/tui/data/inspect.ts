/**
 * The inspect pane's text: the container's detail as YAML, exactly as
 * `berth inspect` prints it (environment values masked unless shown), cut
 * into sanitised lines for the screen.
 */
import type { ContainerDetail } from '../../domain/types.ts';
import { maskEnv } from '../../cli/commands/inspect.ts';
import { loadYaml, renderYaml } from '../../cli/framework/output/document.ts';
import { sanitize } from '../../util/sanitize.ts';

/** Lines of YAML for `detail`; env values become `••••••` unless `showEnv`. */
export async function inspectLines(detail: ContainerDetail, showEnv: boolean): Promise<string[]> {
  await loadYaml();
  const shown = maskEnv(detail, showEnv);
  const text = renderYaml({ ...shown, env: shown.env.map((e) => `${e.name}=${e.masked ? '••••••' : e.value}`) });
  return text.replace(/\n$/, '').split('\n').map((l) => sanitize(l, { newlines: false, tabs: false }));
}
