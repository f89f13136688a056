/**
 * Whether a bare `--node NAME` that is not a configured node names a host
 * of the ssh config (`Host NAME`, written out, not matched by a pattern):
 * then it is an ad-hoc SSH node, as `ssh NAME` would be. Only explicit
 * names count, so a typo stays "unknown node" (exit 3) instead of becoming
 * a connection attempt to a host of that name. Reads the same files as the
 * transport (BERTH_SSH_CONFIG alone, else ~/.ssh/config and the system
 * file), top level only: an alias declared in an Included file must be
 * put in config.yaml.
 */
import { readFileSync } from 'node:fs';
import { sshConfigFiles } from './config.ts';
import { lexConfig } from './config-lex.ts';

/** Whether some `Host` line of the ssh config names `name` literally. */
export function isDeclaredSshHost(name: string, env: Readonly<Record<string, string | undefined>>, home: string): boolean {
  if (name === '' || /[*?!,\s]/.test(name)) return false;
  for (const file of sshConfigFiles(env, home)) {
    let text: string;
    try {
      text = readFileSync(file.path, 'utf8');
    } catch {
      continue;
    }
    let lines;
    try {
      lines = lexConfig(text, file.path);
    } catch {
      continue; // the transport reports a broken file with its line when it opens the node
    }
    if (lines.some((l) => l.keyword === 'host' && l.args.includes(name))) return true;
  }
  return false;
}
