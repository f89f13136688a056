/**
 * Output for verbs whose items are documents rather than rows (inspect,
 * why): JSON, YAML and JSONL as CLI.md's envelope, `-o name` and `-q` as
 * usual, and on a terminal or a pipe a readable text form, sanitised.
 */
import { sanitize } from '../../util/sanitize.ts';
import type { CliContext } from '../framework/context.ts';
import { envelope, renderJson, renderJsonLine, renderYaml } from '../framework/output/document.ts';
import type { NodeFailure } from '../framework/errors-out.ts';

/** Prints documents in the context's mode; `human` renders one for people. */
export function printDocuments<T extends { node: string; name: string; id: string }>(
  ctx: CliContext,
  kind: string,
  items: readonly T[],
  errors: readonly NodeFailure[],
  human: (item: T) => string,
): void {
  const { mode } = ctx.output;
  let text: string;
  switch (mode) {
    case 'json':
      text = renderJson(envelope(kind, items, errors));
      break;
    case 'yaml':
      text = renderYaml(envelope(kind, items, errors));
      break;
    case 'jsonl':
      text = items.map((i) => renderJsonLine(i)).join('');
      break;
    case 'name':
      text = items.map((i) => `${sanitize(i.node)}/${sanitize(i.name)}\n`).join('');
      break;
    case 'quiet':
      text = items.map((i) => `${i.id}\n`).join('');
      break;
    default:
      // Names, labels, env and health output come from containers: untrusted.
      text = items.map((i) => sanitize(human(i))).join('---\n');
  }
  if (text !== '') ctx.stdout.write(text);
}
