/**
 * The sampler that suits a node's transport: on this machine the one that
 * keeps counter files open (a tick is a read per file); on an SSH node the
 * streaming one (one long-lived exec channel whose host loop pushes a record
 * every `intervalMs`). One place decides, so `berth stats` and the console
 * sample a node the same way.
 */
import type { Transport } from '../transport/types.ts';
import { createLocalSampler, createRemoteSampler, type Sampler } from './sampler.ts';

/** What a caller samples besides the basics. */
export interface SamplerNeeds {
  /** PSI (default true); the console shows none. */
  pressure?: boolean;
}

/** A sampler over the node's transport; `intervalMs` is the remote host loop's tick. */
export function samplerForTransport(transport: Transport, intervalMs: number, needs: SamplerNeeds = {}): Sampler {
  const pressure = needs.pressure ?? true;
  return transport.kind === 'local' ? createLocalSampler(transport, { pressure }) : createRemoteSampler(transport, { intervalMs, pressure });
}
