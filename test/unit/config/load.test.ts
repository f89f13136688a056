import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { configLocation, loadConfig } from '../../../src/config/load.ts';
import { BerthError } from '../../../src/domain/errors.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'berth-config-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function loadError(p: Promise<unknown>): Promise<BerthError> {
  const err = await p.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(BerthError);
  expect((err as BerthError).kind).toBe('config');
  return err as BerthError;
}

describe('which file', () => {
  const home = '/home/op';
  it('prefers --config, then BERTH_CONFIG, then XDG_CONFIG_HOME, then ~/.config', () => {
    const env = { BERTH_CONFIG: '/b.yaml', XDG_CONFIG_HOME: '/xdg' };
    expect(configLocation({ flag: '/f.yaml', env, home })).toEqual({ path: '/f.yaml', via: '--config' });
    expect(configLocation({ env, home })).toEqual({ path: '/b.yaml', via: 'BERTH_CONFIG' });
    expect(configLocation({ env: { XDG_CONFIG_HOME: '/xdg' }, home })).toEqual({ path: '/xdg/berth/config.yaml', via: 'default' });
    expect(configLocation({ env: {}, home })).toEqual({ path: '/home/op/.config/berth/config.yaml', via: 'default' });
  });

  it('ignores a relative XDG_CONFIG_HOME, as the XDG spec says', () => {
    expect(configLocation({ env: { XDG_CONFIG_HOME: 'rel' }, home }).path).toBe('/home/op/.config/berth/config.yaml');
  });
});

describe('loadConfig', () => {
  it('uses defaults when there is no config at the default place', async () => {
    const c = await loadConfig({ env: { XDG_CONFIG_HOME: dir }, home: dir });
    expect(c.path).toBeNull();
    expect(c.nodes).toEqual([]);
    expect(c.refreshMs).toBe(1000);
  });

  it('reads the XDG file', async () => {
    mkdirSync(join(dir, 'berth'));
    writeFileSync(join(dir, 'berth', 'config.yaml'), 'nodes:\n  - name: web1\n    ssh: web1\n');
    const c = await loadConfig({ env: { XDG_CONFIG_HOME: dir }, home: dir });
    expect(c.path).toBe(join(dir, 'berth', 'config.yaml'));
    expect(c.nodes.map((n) => n.name)).toEqual(['web1']);
  });

  it('refuses a --config file that does not exist (exit 2)', async () => {
    const e = await loadError(loadConfig({ flag: join(dir, 'missing.yaml'), env: {}, home: dir }));
    expect(e.message).toBe(`${join(dir, 'missing.yaml')}: no such config file (named by --config)`);
    expect(e.hint).toMatch(/drop --config/);
  });

  it('refuses a BERTH_CONFIG file that does not exist', async () => {
    const e = await loadError(loadConfig({ env: { BERTH_CONFIG: join(dir, 'nope.yaml') }, home: dir }));
    expect(e.message).toBe(`${join(dir, 'nope.yaml')}: no such config file (named by BERTH_CONFIG)`);
  });

  it('refuses a directory', async () => {
    const e = await loadError(loadConfig({ flag: dir, env: {}, home: dir }));
    expect(e.message).toBe(`${dir}: is a directory, not a config file (named by --config)`);
  });

  it('reports errors with the path as given', async () => {
    const file = join(dir, 'c.yaml');
    writeFileSync(file, 'nodes:\n  - name: a\n    sokcet: /x\n');
    const e = await loadError(loadConfig({ flag: file, env: {}, home: dir }));
    expect(e.message).toBe(`${file}:3:5: unknown key "sokcet" in nodes[0] (did you mean "socket"?)`);
  });
});
