/**
 * The console's views and the `:` command line: names, short aliases
 * (k9s style: `:co`, `:im`), completion and parsing, all pure.
 */

/** The table views. */
export type ViewName = 'containers' | 'images' | 'nodes' | 'events' | 'volumes' | 'networks' | 'forwards';

/** In number-key order (1 containers … 4 events, 5 volumes, 6 networks, 7 port forwards). */
export const VIEWS: readonly ViewName[] = ['containers', 'images', 'nodes', 'events', 'volumes', 'networks', 'forwards'];

/** Every word `:` accepts for a view. */
export const VIEW_ALIASES: Readonly<Record<string, ViewName>> = {
  containers: 'containers', container: 'containers', co: 'containers', ps: 'containers',
  images: 'images', image: 'images', im: 'images',
  nodes: 'nodes', node: 'nodes', no: 'nodes',
  events: 'events', event: 'events', ev: 'events',
  volumes: 'volumes', volume: 'volumes', vol: 'volumes', vo: 'volumes',
  networks: 'networks', network: 'networks', net: 'networks', ne: 'networks',
  forwards: 'forwards', forward: 'forwards', pf: 'forwards', portforwards: 'forwards', 'port-forwards': 'forwards', fw: 'forwards',
};

/** What a command line asks for. */
export type Command =
  | { kind: 'view'; view: ViewName }
  | { kind: 'quit' }
  | { kind: 'help' }
  | { kind: 'none' }
  | { kind: 'error'; message: string };

const WORDS = [...VIEWS, 'help', 'quit'];

/** Parses `:text` (without the colon). */
export function parseCommand(text: string): Command {
  const word = text.trim().toLowerCase();
  if (word === '') return { kind: 'none' };
  if (word === 'q' || word === 'quit' || word === 'q!') return { kind: 'quit' };
  if (word === 'help' || word === 'h' || word === '?') return { kind: 'help' };
  const view = VIEW_ALIASES[word];
  if (view) return { kind: 'view', view };
  // A unique prefix works too (`:ima`).
  const matches = WORDS.filter((w) => w.startsWith(word));
  if (matches.length === 1) return parseCommand(matches[0]!);
  return { kind: 'error', message: `unknown command ":${text.trim()}"; try ${WORDS.map((w) => `:${w}`).join(', ')}` };
}

/** Tab completion: the command `text` completes to (itself when none or several fit). */
export function completeCommand(text: string): string {
  const word = text.trim().toLowerCase();
  const matches = WORDS.filter((w) => w.startsWith(word));
  if (matches.length === 1) return matches[0]!;
  if (matches.length === 0) return text;
  let common = matches[0]!;
  for (const m of matches) while (!m.startsWith(common)) common = common.slice(0, -1);
  return common.length > word.length ? common : text;
}
