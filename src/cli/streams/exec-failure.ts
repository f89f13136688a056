/**
 * When the engine cannot start an exec's command (not found, not
 * executable), it says so inside the command's own output: Docker 20.10
 * writes `OCI runtime exec failed: …` on the command's stdout, Podman
 * writes `Error: runc: exec failed: …` (and a second `Error:` line) on its
 * stderr. The exit code is right (126, or 127 on Podman and newer Docker),
 * but the text belongs on berth's stderr, said once and plainly, not mixed
 * into the command's data.
 */

/** The first bytes of an engine's start failure, by where they arrive. */
const FAILURE_START = /^(?:OCI runtime exec failed|Error: \S+: exec failed|Error: (?:executable file|.*OCI runtime))/;

/** Whether the first output of a stream is the engine's start failure. */
export function isStartFailure(firstChunk: string): boolean {
  return FAILURE_START.test(firstChunk);
}

/** The reason in an engine's start failure: `executable file not found in $PATH`. */
export function startFailureReason(text: string): string {
  const firstLine = text.split(/\r?\n/)[0]!.trim();
  // exec: "nosuch": executable file not found in $PATH: unknown
  // exec: "/etc": permission denied: OCI permission denied
  const m = /exec: "(?:[^"\\]|\\.)*": (.+?)(?:: unknown|: OCI [^:]*)?$/.exec(firstLine);
  return m ? m[1]! : firstLine.replace(/^Error: /, '');
}

/** The operator's message for a command that could not be started. */
export function startFailureMessage(argv: readonly string[], where: string, text: string, code: number | null): string {
  const shown = argv[0] ?? '';
  const exit = code === null ? '' : ` (exit ${code})`;
  return `cannot run "${shown}" in ${where}: ${startFailureReason(text)}${exit}`;
}
