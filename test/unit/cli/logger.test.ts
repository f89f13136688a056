import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/cli/framework/logger.ts';
import { CaptureStream } from '../../../src/cli/framework/testing.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'berth-log-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});
const now = () => new Date('2026-01-02T03:04:05Z');

describe('logger', () => {
  it('keeps debug lines off stderr unless -v, and always shows warnings', () => {
    const stderr = new CaptureStream();
    const log = createLogger({ stderr, verbose: false, logFile: undefined, now });
    log.debug('dialing /var/run/docker.sock');
    log.warn('node web1 is slow');
    expect(stderr.text).toBe('berth: warning: node web1 is slow\n');
  });

  it('shows debug lines with -v, sanitised', () => {
    const stderr = new CaptureStream();
    createLogger({ stderr, verbose: true, logFile: undefined, now }).debug('name \u001b[2Jx');
    expect(stderr.text).toBe('debug: name x\n');
  });

  it('appends everything to --log-file with times, file 0600', () => {
    const file = join(dir, 'berth.log');
    const stderr = new CaptureStream();
    const log = createLogger({ stderr, verbose: false, logFile: file, now });
    log.debug('one');
    log.warn('two');
    expect(readFileSync(file, 'utf8')).toBe('2026-01-02T03:04:05.000Z debug one\n2026-01-02T03:04:05.000Z warn two\n');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(stderr.text).toBe('berth: warning: two\n');
  });

  it('reports an unwritable log file once', () => {
    const stderr = new CaptureStream();
    const log = createLogger({ stderr, verbose: false, logFile: join(dir, 'missing', 'x.log'), now });
    log.debug('a');
    log.debug('b');
    expect(stderr.text.match(/cannot write the log file/g)).toHaveLength(1);
  });
});
