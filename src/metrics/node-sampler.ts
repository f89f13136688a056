/**
 * The sampler that suits a node's transport: on this machine the one that
 * keeps counter files open (a tick is a read per file); on an SSH node the
 * streaming one (one long-lived exec channel whose host loop pushes a record
 * every `intervalMs`). One place decides, so `berth stats` and the console
 * sample a node the same way.
 */
import type { Transport } from '../transport/types.ts';
import { createLocalSampler, createRemoteSampler, type Sampler, type SamplerOptions } from './sampler.ts';

/** A sampler over the node's transport; `intervalMs` is the remote host loop's tick; `pressure: false` leaves PSI out. */
export function samplerForTransport(transport: Transport, intervalMs: number, options: Pick<SamplerOptions, 'pressure'> = {}): Sampler {
  return transport.kind === 'local' ? createLocalSampler(transport, options) : createRemoteSampler(transport, { ...options, intervalMs });
}
