/** The volumes table: `berth volumes`' own columns and values (list-rows.ts), across nodes with NODE. */
import { volumeList } from '../../cli/commands/volumes.ts';
import type { Volume } from '../../domain/types.ts';
import type { Column, Row } from '../table/columns.ts';
import { listColumns, listRow } from './list-rows.ts';

const SPEC = volumeList(true);

/** The columns (MOUNTPOINT, `-o wide` in scripts, goes first on a narrow terminal). */
export const VOLUME_COLUMNS: readonly Column[] = listColumns(SPEC, {
  NODE: { min: 4, max: 16, drop: 2 },
  NAME: { min: 12 },
  DRIVER: { max: 12, drop: 3 },
  'IN USE': { drop: 4 },
  SIZE: { min: 4, max: 10, drop: 5 },
  MOUNTPOINT: { min: 10, max: 60, drop: 6 },
});

/** One row per volume, keyed `node/name`. */
export function volumeRow(v: Volume, now: Date): Row {
  return listRow(SPEC, v, now);
}
