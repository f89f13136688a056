import { describe, expect, it } from 'vitest';
import { renderList } from '../../../../src/cli/framework/output.ts';
import { fieldName, fieldNames, processItems, processList } from '../../../../src/cli/streams/process-list.ts';

// As the lab's engines answer GET /containers/lab-web/top.
const DOCKER = {
  titles: ['UID', 'PID', 'PPID', 'C', 'STIME', 'TTY', 'TIME', 'CMD'],
  processes: [['root', '7322', '7198', '0', '07:06', '?', '00:00:00', 'sh -c trap "exit 0" TERM; while :; do sleep 1; done']],
};
const PODMAN = { titles: ['PID', 'USER', 'COMMAND'], processes: [['1', 'root', 'sleep 1']] };

describe('process items', () => {
  it('Docker: {node, container, pid, user, …, command} with numeric pids', () => {
    const [p] = processItems('local', 'lab-web', DOCKER);
    expect(p).toEqual({
      node: 'local', container: 'lab-web', pid: 7322, user: 'root', ppid: 7198, cpu: '0', started: '07:06', tty: '?', cpuTime: '00:00:00',
      command: 'sh -c trap "exit 0" TERM; while :; do sleep 1; done',
    });
    expect(Object.keys(p!)).toEqual(['node', 'container', 'pid', 'user', 'ppid', 'cpu', 'started', 'tty', 'cpuTime', 'command']);
  });

  it('Podman: the same fields where its titles differ', () => {
    expect(processItems('local', 'lab-web', PODMAN)).toEqual([{ node: 'local', container: 'lab-web', pid: 1, user: 'root', command: 'sleep 1' }]);
  });

  it('field names are camelCase and unique', () => {
    expect(fieldName('%CPU')).toBe('cpuPercent');
    expect(fieldName('WCHAN NAME')).toBe('wchanName');
    expect(fieldNames(['PID', 'CMD', 'COMMAND'])).toEqual(['pid', 'command', 'command2']);
  });

  it('process text is untrusted: control sequences never reach a table', () => {
    const [p] = processItems('local', 'x', { titles: ['PID', 'CMD'], processes: [['1', 'evil \u001b]0;pwned\u0007\u001b[2Jcmd']] });
    expect(p!.command).toBe('evil cmd');
  });

  it('prints the engine\'s columns in tables and a ProcessList in JSON', () => {
    const items = processItems('local', 'lab-web', PODMAN);
    const spec = processList(PODMAN.titles, false);
    const ctx = (mode: 'tsv' | 'json') => ({ output: { mode, headers: true, color: false }, now: () => new Date() });
    expect(renderList(ctx('tsv'), spec, { items })).toBe('PID\tUSER\tCOMMAND\n1\troot\tsleep 1\n');
    expect((JSON.parse(renderList(ctx('json'), spec, { items })) as { kind: string }).kind).toBe('ProcessList');
    expect(renderList(ctx('tsv'), processList(PODMAN.titles, true), { items }).split('\n')[0]).toBe('NODE\tPID\tUSER\tCOMMAND');
  });
});
