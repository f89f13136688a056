import { describe, expect, it } from 'vitest';
import { exitCodeForFailures, formatError, reportError, reportNodeFailures } from '../../../src/cli/framework/errors-out.ts';
import { CaptureStream } from '../../../src/cli/framework/testing.ts';
import { BerthError } from '../../../src/domain/errors.ts';

describe('formatError', () => {
  it('reads berth: message, then hint:', () => {
    const e = new BerthError('not-found', 'no container "wbe"', { hint: 'did you mean: web?' });
    expect(formatError(e, false)).toBe('berth: no container "wbe"\nhint: did you mean: web?\n');
  });

  it('ends usage errors with docker\'s See line as is', () => {
    const e = new BerthError('usage', 'unknown flag --tial', { hint: "See 'berth logs --help'." });
    expect(formatError(e, false)).toBe("berth: unknown flag --tial\nSee 'berth logs --help'.\n");
  });

  it('names the node unless the message already does', () => {
    expect(formatError(new BerthError('unreachable', 'connection refused', { node: 'web1' }), false)).toBe('berth: web1: connection refused\n');
    expect(formatError(new BerthError('timeout', 'no reply from node web1 within 10s', { node: 'web1' }), false))
      .toBe('berth: no reply from node web1 within 10s\n');
    expect(formatError(new BerthError('unreachable', 'web10 is down', { node: 'web1' }), false)).toBe('berth: web1: web10 is down\n');
  });

  it('shows no stack trace unless verbose', () => {
    const e = new BerthError('runtime', 'engine said no', { cause: new Error('HTTP 500') });
    expect(formatError(e, false)).not.toMatch(/\n\s+at /);
    const verbose = formatError(e, true);
    expect(verbose).toMatch(/\n\s+at /);
    expect(verbose).toContain('caused by: HTTP 500');
  });

  it('sanitises messages that quote untrusted text', () => {
    expect(formatError(new BerthError('not-found', 'no container "\u001b]0;x\u0007a\nb"'), false)).toBe('berth: no container "a b"\n');
  });
});

describe('reportError', () => {
  it('prints and returns the exit code of the kind', () => {
    const err = new CaptureStream();
    expect(reportError(err, new BerthError('refused', 'refusing to stop: berth is read-only'), false)).toBe(4);
    expect(err.text).toBe('berth: refusing to stop: berth is read-only\n');
  });

  it('treats anything else as a bug: exit 1, a hint to use -v, no stack', () => {
    const err = new CaptureStream();
    expect(reportError(err, new TypeError('x is undefined'), false)).toBe(1);
    expect(err.text).toBe('berth: x is undefined\nhint: this looks like a bug in berth; run again with -v for details\n');
  });
});

describe('partial results', () => {
  it('exit 0 with no failures, 1 when some nodes answered', () => {
    expect(exitCodeForFailures([], true)).toBe(0);
    expect(exitCodeForFailures([{ node: 'a', kind: 'unreachable', message: 'x' }], true)).toBe(1);
  });

  it('with no node answering: their shared code, else 1', () => {
    expect(exitCodeForFailures([{ node: 'a', kind: 'unreachable', message: 'x' }, { node: 'b', kind: 'timeout', message: 'y' }], false)).toBe(5);
    expect(exitCodeForFailures([{ node: 'a', kind: 'permission', message: 'x' }], false)).toBe(4);
    expect(exitCodeForFailures([{ node: 'a', kind: 'permission', message: 'x' }, { node: 'b', kind: 'unreachable', message: 'y' }], false)).toBe(1);
  });

  it('prints each node\'s failure with its hint', () => {
    const err = new CaptureStream();
    reportNodeFailures(err, [{ node: 'db1', kind: 'permission', message: 'permission denied on /var/run/docker.sock', hint: 'add yourself to the docker group' }]);
    expect(err.text).toBe('berth: db1: permission denied on /var/run/docker.sock\nhint: add yourself to the docker group\n');
  });
});
