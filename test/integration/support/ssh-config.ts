// An ssh config with one alias `target` for a lab sshd, written into a test's
// own folder: for the host key, login and console cases that need their own
// known_hosts, StrictHostKeyChecking or identity (never the user's ~/.ssh).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** What the alias pins. */
export interface TargetConfig {
  port: number;
  knownHosts: string;
  strict: string;
  identity: string;
}

/** Writes `<dir>/<name>.ssh_config` with `Host target` and returns its path. */
export function writeTargetConfig(dir: string, name: string, o: TargetConfig): string {
  const file = join(dir, `${name}.ssh_config`);
  writeFileSync(file, [
    'Host target',
    '  HostName 127.0.0.1',
    `  Port ${o.port}`,
    '  User root',
    `  IdentityFile ${o.identity}`,
    '  IdentitiesOnly yes',
    '  IdentityAgent none',
    `  UserKnownHostsFile ${o.knownHosts}`,
    '  GlobalKnownHostsFile /dev/null',
    `  StrictHostKeyChecking ${o.strict}`,
    '  HashKnownHosts yes',
    '',
  ].join('\n'));
  return file;
}
