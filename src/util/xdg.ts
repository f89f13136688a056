/**
 * Where berth keeps its files, per the XDG Base Directory spec: config
 * under `$XDG_CONFIG_HOME` (default `~/.config`), state such as the audit
 * log under `$XDG_STATE_HOME` (default `~/.local/state`). The spec says a
 * relative value must be ignored, so it is.
 */
import { join, isAbsolute } from 'node:path';

/** The environment variables these paths read. */
export type XdgEnv = Readonly<Record<string, string | undefined>>;

function base(env: XdgEnv, name: string, home: string, fallback: string): string {
  const v = env[name];
  return v !== undefined && v !== '' && isAbsolute(v) ? v : join(home, fallback);
}

/** `$XDG_CONFIG_HOME/berth`, default `~/.config/berth`. */
export function berthConfigDir(env: XdgEnv, home: string): string {
  return join(base(env, 'XDG_CONFIG_HOME', home, '.config'), 'berth');
}

/** `$XDG_STATE_HOME/berth`, default `~/.local/state/berth`. */
export function berthStateDir(env: XdgEnv, home: string): string {
  return join(base(env, 'XDG_STATE_HOME', home, join('.local', 'state')), 'berth');
}
