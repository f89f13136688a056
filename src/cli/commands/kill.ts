/** `berth kill [-s SIG] REF…`: send a signal (KILL unless told). */
import { BerthError } from '../../domain/errors.ts';
import type { CliContext } from '../framework/context.ts';
import type { InvocationOf } from '../framework/registry.ts';
import { runAction } from './act.ts';
import type { killVerb } from './specs.ts';

/** Accepts `HUP`, `SIGHUP`, `sighup` or `1`; the engine gets the SIG-less upper-case name or the number. */
export function normalizeSignal(sig: string): string {
  const s = sig.trim();
  if (/^\d+$/.test(s) && Number(s) > 0 && Number(s) < 65) return s;
  const name = s.toUpperCase().replace(/^SIG/, '');
  if (/^(RTMIN|RTMAX)([+-]\d+)?$/.test(name) || /^[A-Z]{2,6}\d?$/.test(name)) return name;
  throw new BerthError('usage', `invalid signal "${sig}" for --signal`, { hint: 'use a name such as TERM, HUP, KILL (SIG prefix optional) or a number from 1 to 64' });
}

export function run(ctx: CliContext, inv: InvocationOf<typeof killVerb>): Promise<number> {
  const signal = normalizeSignal(inv.flags.signal);
  return runAction(ctx, inv, inv.args.REF, { action: 'Kill', act: (rt, c) => rt.kill(c.id, signal) });
}
