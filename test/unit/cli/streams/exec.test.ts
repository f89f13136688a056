import { PassThrough, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { CaptureStream } from '../../../../src/cli/framework/testing.ts';
import { isStartFailure, startFailureMessage, startFailureReason } from '../../../../src/cli/streams/exec-failure.ts';
import { joinSession } from '../../../../src/cli/streams/exec-io.ts';
import type { ExecSession } from '../../../../src/runtime/types.ts';

const DOCKER_NOT_FOUND = 'OCI runtime exec failed: exec failed: unable to start container process: exec: "nosuchcmd": executable file not found in $PATH: unknown\r\n';
const PODMAN_NOT_FOUND =
  'Error: runc: exec failed: unable to start container process: exec: "nosuchcmd": executable file not found in $PATH: OCI runtime attempted to invoke a command that was not found\n';
const PODMAN_DENIED = 'Error: runc: exec failed: unable to start container process: exec: "/etc": permission denied: OCI permission denied\n';

describe('engine start failures (captured from Docker 20.10 and Podman 4.3)', () => {
  it('are recognised by their first bytes, and ordinary output is not', () => {
    expect(isStartFailure(DOCKER_NOT_FOUND)).toBe(true);
    expect(isStartFailure(PODMAN_NOT_FOUND)).toBe(true);
    expect(isStartFailure(PODMAN_DENIED)).toBe(true);
    expect(isStartFailure('hello\n')).toBe(false);
    expect(isStartFailure('Error: something the program printed\n')).toBe(false);
  });

  it('say the reason plainly', () => {
    expect(startFailureReason(DOCKER_NOT_FOUND)).toBe('executable file not found in $PATH');
    expect(startFailureReason(PODMAN_NOT_FOUND)).toBe('executable file not found in $PATH');
    expect(startFailureReason(PODMAN_DENIED)).toBe('permission denied');
    expect(startFailureMessage(['nosuchcmd', '-x'], 'container web on node local', DOCKER_NOT_FOUND, 126)).toBe(
      'cannot run "nosuchcmd" in container web on node local: executable file not found in $PATH (exit 126)',
    );
  });
});

/** A session whose output the test scripts. */
function fakeSession(code: number | null) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const fed: string[] = [];
  let ended = false;
  const stdin = new Writable({
    write: (c: Buffer, _e, cb) => {
      fed.push(c.toString());
      cb();
    },
    final: (cb) => {
      ended = true;
      cb();
    },
  });
  let finish!: () => void;
  const exited = new Promise<number | null>((r) => (finish = () => r(code)));
  const session: ExecSession = { stdin, stdout, stderr, resize: async () => {}, exited };
  const end = (): void => {
    stdout.end();
    stderr.end();
    finish();
  };
  return { session, stdout, stderr, fed, end, get stdinEnded() {
    return ended;
  } };
}

function streams() {
  const stdin = new PassThrough();
  return { stdin, stdout: new CaptureStream(), stderr: new CaptureStream() };
}

describe('joinSession', () => {
  it('keeps stdout and stderr apart and returns the exit code', async () => {
    const io = streams();
    const s = fakeSession(7);
    const done = joinSession(io, s.session, { tty: false, interactive: false });
    s.stdout.write('out\n');
    s.stderr.write('err\n');
    s.end();
    expect(await done).toEqual({ code: 7, startFailure: null });
    expect(io.stdout.text).toBe('out\n');
    expect(io.stderr.text).toBe('err\n');
  });

  it('takes the engine\'s start failure out of the output (Docker puts it on stdout)', async () => {
    const io = streams();
    const s = fakeSession(126);
    const done = joinSession(io, s.session, { tty: false, interactive: false });
    s.stdout.write(DOCKER_NOT_FOUND);
    s.end();
    expect(await done).toEqual({ code: 126, startFailure: DOCKER_NOT_FOUND });
    expect(io.stdout.text).toBe('');
  });

  it('and Podman on stderr, with its second Error line', async () => {
    const io = streams();
    const s = fakeSession(127);
    const done = joinSession(io, s.session, { tty: false, interactive: false });
    s.stderr.write(PODMAN_NOT_FOUND);
    s.stderr.write('Error: read unixpacket @->/proc/self/fd/13/attach: read: connection reset by peer\n');
    s.end();
    expect((await done).startFailure).toMatch(/^Error: runc: exec failed/);
    expect(io.stderr.text).toBe('');
  });

  it('-i feeds stdin and passes its end on, so the command sees EOF', async () => {
    const io = streams();
    const s = fakeSession(0);
    const done = joinSession(io, s.session, { tty: false, interactive: true });
    io.stdin.write('hello\n');
    io.stdin.end();
    await new Promise((r) => setImmediate(r));
    expect(s.fed).toEqual(['hello\n']);
    expect(s.stdinEnded).toBe(true);
    s.end();
    expect((await done).code).toBe(0);
  });

  it('lets stdin go when the command ends first', async () => {
    const io = streams();
    const s = fakeSession(0);
    const done = joinSession(io, s.session, { tty: false, interactive: true });
    s.end();
    await done;
    expect(io.stdin.listenerCount('data')).toBe(0);
    expect(io.stdin.isPaused()).toBe(true);
  });
});
