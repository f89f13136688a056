/**
 * Images: `GET /images/json` (and the image part of `GET /system/df`) to
 * berth's Image. Engines mark "not computed" as -1 (Docker fills
 * SharedSize and Containers only in /system/df, or with `shared-size=1`
 * from API 1.42), which berth shows as null, never as a size of 0.
 */
import type { Image } from '../../domain/types.ts';
import { unixSecondsToRfc3339 } from './time.ts';

/** One entry of `GET /images/json`. */
export interface WireImageSummary {
  Id: string;
  RepoTags?: string[] | null;
  Created?: number;
  Size?: number;
  SharedSize?: number;
  Containers?: number;
}

/** The placeholder tag of an untagged image on older engines. */
const NONE_TAG = '<none>:<none>';

/** A count or size where -1 (or missing) means "not computed". */
function known(n: number | undefined): number | null {
  return typeof n === 'number' && n >= 0 ? n : null;
}

/** An image list entry as an Image; dangling means it has no tag left. */
export function imageFromWire(node: string, w: WireImageSummary): Image {
  const tags = (w.RepoTags ?? []).filter((t) => t !== NONE_TAG);
  const size = known(w.Size);
  const shared = known(w.SharedSize);
  return {
    id: w.Id,
    node,
    tags,
    sizeBytes: size,
    sharedBytes: shared,
    uniqueBytes: size !== null && shared !== null ? size - shared : null,
    createdAt: unixSecondsToRfc3339(w.Created),
    containers: known(w.Containers),
    dangling: tags.length === 0,
  };
}
