/**
 * What the console needs of the fleet besides the store: which nodes there
 * are (and which are read-only), and each node's runtime for actions, logs
 * and inspect. main.tsx builds it over FleetSession; tests hand in fakes.
 */
import type { NodeSpec } from '../../fleet/node-spec.ts';
import type { OpenedNode } from '../../fleet/open-node.ts';
import type { RuntimeSource } from '../../runtime/types.ts';

/** The console's handle on the fleet. */
export interface ConsoleFleet {
  readonly nodes: readonly NodeSpec[];
  /** The node's runtime, opened once; rejects with a BerthError naming the node. */
  runtime(node: string): Promise<RuntimeSource>;
  /** The opened node with its transport (port forwards dial through it); absent in tests without one. */
  opened?(node: string): Promise<OpenedNode>;
}
