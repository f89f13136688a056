import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { audited, auditLine, auditLogPath, fileAuditLog, memoryAuditLog, redactSecrets } from '../../../src/cli/framework/audit.ts';
import { BerthError } from '../../../src/domain/errors.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'berth-audit-'));
});
afterEach(() => {
  chmodSync(dir, 0o700);
  rmSync(dir, { recursive: true, force: true });
});

const time = new Date('2026-03-04T05:06:07.000Z');

describe('where', () => {
  it('is $XDG_STATE_HOME/berth/audit.log, default ~/.local/state/berth/audit.log', () => {
    expect(auditLogPath({ XDG_STATE_HOME: '/state' }, '/home/op')).toBe('/state/berth/audit.log');
    expect(auditLogPath({}, '/home/op')).toBe('/home/op/.local/state/berth/audit.log');
    expect(auditLogPath({ XDG_STATE_HOME: 'relative' }, '/home/op')).toBe('/home/op/.local/state/berth/audit.log');
  });
});

describe('a line', () => {
  it('is one JSON object with time, user, node, verb, target, result', () => {
    const line = auditLine({ node: 'web1', verb: 'stop', target: 'api', result: 'ok' }, time, 'alice');
    expect(line).toBe('{"time":"2026-03-04T05:06:07.000Z","user":"alice","node":"web1","verb":"stop","target":"api","result":"ok"}\n');
  });

  it('carries a failure message on one line, sanitised and without secrets', () => {
    const line = auditLine({
      node: 'web1', verb: 'rm', target: 'x\u001b[2J', result: 'failed',
      message: 'conflict:\nremove failed for postgres://app:hunter2@db/x with PASSWORD=s3cret',
    }, time, 'alice');
    expect(line.split('\n')).toHaveLength(2);
    const rec = JSON.parse(line) as Record<string, string>;
    expect(rec.target).toBe('x');
    expect(rec.message).toBe('conflict: remove failed for postgres://app:***@db/x with PASSWORD=***');
    expect(line).not.toContain('hunter2');
    expect(line).not.toContain('s3cret');
  });
});

describe('redactSecrets', () => {
  it.each([
    ['token=abc123', 'token=***'],
    ['MYSQL_ROOT_PASSWORD: "a b c"', 'MYSQL_ROOT_PASSWORD: ***'],
    ['--password hunter2 --user x', '--password *** --user x'],
    ['Authorization: Bearer eyJhbGciOi.x.y', 'Authorization: ***'],
    ['Bearer eyJhbGciOi.x.y', 'Bearer ***'],
    ['https://u:p4ss@registry.example/v2', 'https://u:***@registry.example/v2'],
    ['container web is not running', 'container web is not running'],
  ])('%j → %j', (input, output) => {
    expect(redactSecrets(input)).toBe(output);
  });
});

describe('the file', () => {
  it('is created with directories 0700 and file 0600, and appended to', async () => {
    const path = join(dir, 'state', 'berth', 'audit.log');
    const warnings: string[] = [];
    const log = fileAuditLog({ path, user: 'alice', now: () => time, warn: (m) => warnings.push(m) });
    await log.record({ node: 'local', verb: 'stop', target: 'web', result: 'ok' });
    await log.record({ node: 'local', verb: 'rm', target: 'web', result: 'failed', message: 'in use' });
    expect(warnings).toEqual([]);
    const lines = readFileSync(path, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, string>);
    expect(lines.map((l) => [l.verb, l.result])).toEqual([['stop', 'ok'], ['rm', 'failed']]);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'state', 'berth')).mode & 0o777).toBe(0o700);
    expect(statSync(join(dir, 'state')).mode & 0o777).toBe(0o700);
  });

  it('tightens an existing log that others could read', async () => {
    const path = join(dir, 'audit.log');
    writeFileSync(path, '', { mode: 0o644 });
    chmodSync(path, 0o644);
    await fileAuditLog({ path, user: 'a', now: () => time, warn: () => undefined }).record({ node: 'n', verb: 'stop', target: 't', result: 'ok' });
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it('warns once and does not throw when it cannot write (the action went ahead)', async () => {
    const locked = join(dir, 'locked');
    mkdirSync(locked, { mode: 0o500 });
    chmodSync(locked, 0o500);
    const path = join(locked, 'sub', 'audit.log');
    const warnings: string[] = [];
    const log = fileAuditLog({ path, user: 'a', now: () => time, warn: (m) => warnings.push(m) });
    await log.record({ node: 'n', verb: 'stop', target: 't', result: 'ok' });
    await log.record({ node: 'n', verb: 'stop', target: 'u', result: 'ok' });
    if (process.getuid?.() === 0) {
      // root ignores directory permissions: the write succeeds, which is fine too.
      expect(warnings).toEqual([]);
      return;
    }
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(new RegExp(`^cannot write the audit log ${path}: .*; the action itself went ahead, unrecorded$`));
  });

  it('warns when the log path is unusable even as root (a file where the directory should be)', async () => {
    writeFileSync(join(dir, 'blocker'), 'x');
    const warnings: string[] = [];
    const log = fileAuditLog({ path: join(dir, 'blocker', 'audit.log'), user: 'a', now: () => time, warn: (m) => warnings.push(m) });
    await expect(log.record({ node: 'n', verb: 'stop', target: 't', result: 'ok' })).resolves.toBeUndefined();
    expect(warnings).toHaveLength(1);
  });
});

describe('audited', () => {
  it('records ok when the action succeeds', async () => {
    const log = memoryAuditLog();
    expect(await audited(log, { node: 'local', verb: 'stop', target: 'web' }, () => Promise.resolve(42))).toBe(42);
    expect(log.entries).toEqual([{ node: 'local', verb: 'stop', target: 'web', result: 'ok' }]);
  });

  it('records failed with the message, and rethrows', async () => {
    const log = memoryAuditLog();
    const err = new BerthError('conflict', 'container web is not running');
    await expect(audited(log, { node: 'local', verb: 'stop', target: 'web' }, () => Promise.reject(err))).rejects.toBe(err);
    expect(log.entries).toEqual([{ node: 'local', verb: 'stop', target: 'web', result: 'failed', message: 'container web is not running' }]);
  });
});
