/**
 * The sampler that suits a node's transport: on this machine the one that
 * keeps counter files open (a tick is a read per file); on an SSH node the
 * one that reads every counter over the node's connection per tick. One
 * place decides, so `berth stats` and the console sample a node the same way.
 */
import type { Transport } from '../transport/types.ts';
import { createLocalSampler, createSampler, type Sampler } from './sampler.ts';

/** A sampler over the node's transport. */
export function samplerForTransport(transport: Transport): Sampler {
  return transport.kind === 'local' ? createLocalSampler(transport) : createSampler(transport);
}
