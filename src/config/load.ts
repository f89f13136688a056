/**
 * Finds and loads `config.yaml`: `--config FILE`, else `BERTH_CONFIG`, else
 * `$XDG_CONFIG_HOME/berth/config.yaml` (default `~/.config/berth/…`). No
 * file at the default place is fine (defaults: the local machine); a file
 * someone named explicitly that is missing is an error, because silently
 * running against the wrong fleet is worse than stopping (exit 2).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BerthError } from '../domain/errors.ts';
import { berthConfigDir, type XdgEnv } from '../util/xdg.ts';
import { defaultConfig, type BerthConfig } from './schema.ts';

/** Where the config comes from, and who chose it. */
export interface ConfigLocation {
  path: string;
  /** Named by `--config` or `BERTH_CONFIG` (then it must exist). */
  via: '--config' | 'BERTH_CONFIG' | 'default';
}

/** What picking the config file depends on; all injectable for tests. */
export interface ConfigLookup {
  /** The `--config` value, if given. */
  flag?: string | undefined;
  env: XdgEnv;
  home: string;
}

/** Which file to read, by CLI.md's order of precedence. */
export function configLocation(lookup: ConfigLookup): ConfigLocation {
  if (lookup.flag !== undefined && lookup.flag !== '') return { path: lookup.flag, via: '--config' };
  const env = lookup.env.BERTH_CONFIG;
  if (env !== undefined && env !== '') return { path: env, via: 'BERTH_CONFIG' };
  return { path: join(berthConfigDir(lookup.env, lookup.home), 'config.yaml'), via: 'default' };
}

/**
 * Loads and validates the config. Throws a 'config' BerthError (exit 2)
 * for bad YAML, unknown keys, wrong types, an unreadable file, or a
 * missing file that was named explicitly.
 */
export async function loadConfig(lookup: ConfigLookup): Promise<BerthConfig> {
  const where = configLocation(lookup);
  let text: string;
  try {
    text = await readFile(where.path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && where.via === 'default') return defaultConfig();
    throw readError(where, code, err);
  }
  // The YAML parser loads only when there is a config to parse (start-up time).
  const { parseConfig } = await import('./validate.ts');
  return parseConfig(text, where.path);
}

function readError(where: ConfigLocation, code: string | undefined, cause: unknown): BerthError {
  const named = where.via === 'default' ? '' : ` (named by ${where.via})`;
  if (code === 'ENOENT') {
    return new BerthError('config', `${where.path}: no such config file${named}`, {
      cause,
      hint: `create it, or ${where.via === '--config' ? 'drop --config' : 'unset BERTH_CONFIG'} to use the default location`,
    });
  }
  if (code === 'EISDIR') return new BerthError('config', `${where.path}: is a directory, not a config file${named}`, { cause });
  if (code === 'EACCES') return new BerthError('config', `${where.path}: cannot read the config file: permission denied${named}`, { cause });
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new BerthError('config', `${where.path}: cannot read the config file: ${reason}${named}`, { cause });
}
