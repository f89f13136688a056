/** The networks table: `berth networks`' own columns and values (list-rows.ts), across nodes with NODE. */
import { networkList } from '../../cli/commands/networks.ts';
import type { Network } from '../../domain/types.ts';
import type { Column, Row } from '../table/columns.ts';
import { listColumns, listRow } from './list-rows.ts';

const SPEC = networkList(true);

/** The columns. */
export const NETWORK_COLUMNS: readonly Column[] = listColumns(SPEC, {
  NODE: { min: 4, max: 16, drop: 2 },
  'NETWORK ID': { min: 12, max: 12, drop: 3 },
  NAME: { min: 12, max: 40 },
  DRIVER: { max: 12 },
  SCOPE: { drop: 4 },
  CONTAINERS: { max: 10, drop: 5 },
});

/** One row per network, keyed `node/id`. */
export function networkRow(n: Network, now: Date): Row {
  return listRow(SPEC, n, now);
}
