/**
 * ANSI styling for the scripted CLI's tables: semantic tones, not raw
 * colours, so a list says "this is bad" and the mapping lives here. Only
 * called when colour is on (see mode.ts); themes belong to the console.
 */
import type { Tone } from './columns.ts';

const SGR: Record<Tone | 'header', [number, number]> = {
  ok: [32, 39], // green
  warn: [33, 39], // yellow
  bad: [31, 39], // red
  muted: [90, 39], // bright black (grey)
  accent: [36, 39], // cyan
  header: [1, 22], // bold
};

/** `text` wrapped in the SGR codes of `tone`. */
export function paint(text: string, tone: Tone | 'header'): string {
  const [on, off] = SGR[tone];
  return `\u001b[${on}m${text}\u001b[${off}m`;
}
