/**
 * `berth help [COMMAND…]`: prints the help `--help` would, for people who
 * type it git's way.
 */
import { BerthError } from '../../../domain/errors.ts';
import { suggestionSuffix } from '../../../util/suggest.ts';
import type { CliContext } from '../context.ts';
import { renderGroupHelp, renderMainHelp, renderVerbHelp } from '../help.ts';
import { firstWords, matchWord, type Invocation } from '../registry.ts';

/** Prints help for the named command, group, or berth as a whole. */
export function run(ctx: CliContext, inv: Invocation): Promise<number> {
  const words = (inv.args.COMMAND as string[] | undefined) ?? [];
  if (words.length === 0) {
    ctx.stdout.write(renderMainHelp(ctx.registry));
    return Promise.resolve(0);
  }
  let path: string[] = [];
  for (const word of words) {
    const m = matchWord(ctx.registry, path, word);
    if (m.kind === 'verb') {
      ctx.stdout.write(renderVerbHelp(m.verb));
      return Promise.resolve(0);
    }
    if (m.kind === 'none') {
      throw new BerthError('usage', `unknown command "${[...path, word].join(' ')}"${suggestionSuffix(word, firstWords(ctx.registry))}`,
        { hint: "See 'berth --help'." });
    }
    path = m.prefix.split(' ');
  }
  ctx.stdout.write(renderGroupHelp(ctx.registry, path.join(' ')));
  return Promise.resolve(0);
}
