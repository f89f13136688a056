/**
 * A shell in a container from the console (`s`, as in k9s): an interactive
 * exec with a TTY, joined to the operator's terminal exactly as `berth exec
 * -it` joins it (raw mode, resizes forwarded, the terminal restored). The
 * console has already stepped aside (Ink's suspendTerminal) when this runs,
 * and comes back when it resolves. Every session is written to the audit
 * log like the actions are, once it ends: the node, the container, the
 * command (the configured shell, never what was typed in it) and how it
 * ended (its exit code, or why it could not start).
 */
import type { AuditLog } from '../../cli/framework/audit.ts';
import type { InStream, OutStream } from '../../cli/framework/context.ts';
import { startFailureMessage } from '../../cli/streams/exec-failure.ts';
import { joinSession } from '../../cli/streams/exec-io.ts';
import { enterRawMode, terminalSize, watchResize } from '../../cli/streams/terminal.ts';
import type { RuntimeSource } from '../../runtime/types.ts';
import { sanitizeInline } from '../../util/sanitize.ts';

/** The container to open a shell in. */
export interface ShellTarget {
  node: string;
  id: string;
  name: string;
}

/** What the footer says when the console comes back. */
export interface ShellResult {
  text: string;
  tone: 'info' | 'error';
}

/** Runs a shell in a container and resolves once it exits; built by main.tsx, faked in tests. */
export type ShellRunner = (target: ShellTarget) => Promise<ShellResult>;

/** What a shell session needs: the operator's streams and each node's runtime. */
export interface ShellDeps {
  runtime(node: string): Promise<RuntimeSource>;
  stdin: InStream;
  stdout: OutStream;
  stderr: OutStream;
  /** The command to run (config `shell`, `/bin/sh` by default). */
  shell: string;
  /** Where the session is recorded. */
  audit: AuditLog;
}

/** The audit log's verb for a console shell. */
export const SHELL_VERB = 'shell';

/** A ShellRunner over real streams. Errors come back as a result, never thrown: the console must return. */
export function shellRunner(deps: ShellDeps): ShellRunner {
  return async (target) => {
    const label = `${sanitizeInline(target.name)} on node ${sanitizeInline(target.node)}`;
    const record = (result: 'ok' | 'failed', message: string): Promise<void> =>
      deps.audit.record({ node: target.node, verb: SHELL_VERB, target: target.name, result, message });
    try {
      const rt = await deps.runtime(target.node);
      const size = terminalSize(deps.stdout);
      const session = await rt.exec(target.id, [deps.shell], { tty: true, interactive: true, ...(size ? { size } : {}) });
      deps.stdout.write(`berth: ${deps.shell} in ${label}; exit the shell to return to the console\r\n`);
      const restore = enterRawMode(deps.stdin);
      const unwatch = watchResize(deps.stdout, (s) => void session.resize(s).catch(() => undefined));
      let outcome;
      try {
        outcome = await joinSession(deps, session, { tty: true, interactive: true });
      } finally {
        unwatch();
        restore();
      }
      if (outcome.startFailure !== null) {
        const text = sanitizeInline(startFailureMessage([deps.shell], `container ${label}`, outcome.startFailure, outcome.code));
        await record('failed', `${deps.shell}: ${text}`);
        return { text, tone: 'error' };
      }
      await record('ok', `${deps.shell} exited${outcome.code === null ? ' (exit code unknown)' : ` with ${outcome.code}`}`);
      return { text: `shell in ${label} exited${outcome.code === null ? '' : ` with ${outcome.code}`}`, tone: 'info' };
    } catch (err) {
      const why = sanitizeInline(err instanceof Error ? err.message : String(err));
      await record('failed', `${deps.shell}: ${why}`);
      return { text: `cannot open a shell in ${label}: ${why}`, tone: 'error' };
    }
  };
}
