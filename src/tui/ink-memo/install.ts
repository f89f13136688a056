/**
 * Routes Ink's imports of string-width, widest-line and
 * @alcalzone/ansi-tokenize through memo tables (memo.ts), and its frame
 * buffer through a line-level one for plain frames (line-output.ts), with a module
 * resolve hook (node:module registerHooks, Node 22.15+): the same package
 * versions Ink would load do the work, each result is kept. Only imports
 * made by Ink's own files are routed; nothing else changes. Must run
 * before Ink is first imported (the console does it in openConsole).
 */
import module from 'node:module';

/**
 * Entries per generation: a width is one number, so many screens' worth of lines and
 * characters; a tokenized line is a few hundred objects, so a screen and a bit (a frame's lines stay in from one frame to the next).
 */
const WIDTHS = 4096;
const LINES = 64;

/** How each routed package is wrapped: a module source around the real one's URL. */
const WRAPPERS: Record<string, (real: string, memo: string) => string> = {
  'string-width': (real, memo) => `import fn from ${JSON.stringify(real)};\nimport { memoByText, fastStringWidth } from ${JSON.stringify(memo)};\nexport default memoByText(fastStringWidth(fn), ${WIDTHS});\n`,
  'widest-line': (real, memo) => `import fn from ${JSON.stringify(real)};\nimport { memoByText, fastWidestLine } from ${JSON.stringify(memo)};\nexport default memoByText(fastWidestLine(fn), ${WIDTHS});\n`,
  // Ink's frame buffer: plain frames are drawn by lines (line-output.ts), any other by Ink's own class.
  './output.js': (real) =>
    `import Output from ${JSON.stringify(real)};\nimport { lineOutputClass } from ${JSON.stringify(sibling('line-output'))};\nexport default lineOutputClass(Output);\n`,
  // Tokens and styled characters are read, never changed, by Ink (output.js, wrap-text.js), so sharing them across frames is safe.
  '@alcalzone/ansi-tokenize': (real, memo) =>
    `export * from ${JSON.stringify(real)};\nimport * as real from ${JSON.stringify(real)};\nimport { memoByText, memoByRef } from ${JSON.stringify(memo)};\n` +
    `export const tokenize = memoByText(real.tokenize, ${LINES});\nexport const styledCharsFromTokens = memoByRef(real.styledCharsFromTokens);\n`,
};

/** A module beside this one: its .js once built, its .ts when run from the sources. */
function sibling(name: string): string {
  return new URL(import.meta.url.endsWith('.ts') ? `./${name}.ts` : `./${name}.js`, import.meta.url).href;
}

let installed = false;

/** Whether a module URL is one of Ink's own files (not a dependency nested under it). */
export function isInkFile(url: string | undefined): boolean {
  return url !== undefined && /\/node_modules\/ink\/build\/[^/]+\.js$/.test(url);
}

/** Installs the hook once; a Node without registerHooks keeps Ink as it is. */
export function installInkMemo(): void {
  if (installed) return;
  installed = true;
  if (typeof module.registerHooks !== 'function') return;
  const memo = sibling('memo');
  module.registerHooks({
    resolve(specifier, context, nextResolve) {
      const wrap = WRAPPERS[specifier];
      if (wrap === undefined || !isInkFile(context.parentURL)) return nextResolve(specifier, context);
      const real = nextResolve(specifier, context).url;
      return { url: `data:text/javascript,${encodeURIComponent(wrap(real, memo))}`, format: 'module', shortCircuit: true };
    },
  });
}
