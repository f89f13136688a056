/** The images table as pure data (CLI.md "Image"): unknown sizes and counts are `–`. */
import type { Image } from '../../domain/types.ts';
import { sanitizeInline } from '../../util/sanitize.ts';
import { formatAgo, formatBytes } from '../../util/units.ts';
import type { Column, Row } from '../table/columns.ts';
import { UNKNOWN } from './containers.ts';

/** The columns, in order. */
export const IMAGE_COLUMNS: readonly Column[] = [
  { id: 'tag', title: 'REPOSITORY:TAG', min: 12, max: 60, sortable: true },
  { id: 'node', title: 'NODE', min: 4, max: 16, sortable: true, drop: 2 },
  { id: 'id', title: 'ID', min: 12, max: 12, drop: 3 },
  { id: 'size', title: 'SIZE', min: 6, max: 10, align: 'right', sortable: true },
  { id: 'containers', title: 'CONTAINERS', min: 3, max: 10, align: 'right', sortable: true, drop: 1 },
  { id: 'created', title: 'CREATED', min: 7, max: 10, align: 'right', sortable: true, drop: 4 },
];

/** One row per image (an untagged one shows `<none>`). */
export function imageRow(img: Image, now: Date): Row {
  const tag = sanitizeInline(img.tags.length > 0 ? img.tags.join(', ') : '<none>');
  const id = img.id.replace(/^sha256:/, '').slice(0, 12);
  return {
    key: `${img.node}/${img.id}`,
    cells: [
      { text: tag, ...(img.dangling ? { token: 'text.muted' as const } : {}) },
      { text: sanitizeInline(img.node) },
      { text: id },
      { text: img.sizeBytes === null ? UNKNOWN : formatBytes(img.sizeBytes) },
      { text: img.containers === null ? UNKNOWN : String(img.containers) },
      { text: img.createdAt === null ? UNKNOWN : formatAgo(img.createdAt, now) },
    ],
    haystack: [tag, img.node, id].join('\u0000').toLowerCase(),
    sort: { tag, node: img.node, size: img.sizeBytes, containers: img.containers, created: img.createdAt },
  };
}
