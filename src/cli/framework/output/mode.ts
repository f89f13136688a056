/**
 * Which output form a command uses (CLI.md "Output"): `-q` ids; `-o …` as
 * asked; otherwise an aligned table on a terminal and tab-separated values
 * with raw units when piped. An explicit `-o table` or `-o wide` stays an
 * aligned table even when piped (the operator asked for it); only colour
 * still depends on the terminal.
 */
import type { OutputFormat } from '../globals.ts';

/** The resolved form: the `-o` formats, plus `tsv` (piped) and `quiet` (`-q`). */
export type OutputMode = OutputFormat | 'tsv' | 'quiet';

/** Everything the printers need to know about the output. */
export interface OutputOptions {
  mode: OutputMode;
  /** Print the header row (tables and TSV). */
  headers: boolean;
  /** ANSI colour allowed. */
  color: boolean;
}

/** What the choice depends on. */
export interface OutputInputs {
  output: OutputFormat | undefined;
  quiet: boolean;
  noHeaders: boolean;
  noColor: boolean;
  stdoutIsTTY: boolean;
  env: Readonly<Record<string, string | undefined>>;
}

/**
 * Colour only on a terminal, and never with `--no-color`, a non-empty
 * `NO_COLOR` (no-color.org) or `TERM=dumb`.
 */
export function colorEnabled(i: Pick<OutputInputs, 'noColor' | 'stdoutIsTTY' | 'env'>): boolean {
  if (i.noColor || !i.stdoutIsTTY) return false;
  const noColor = i.env.NO_COLOR;
  if (noColor !== undefined && noColor !== '') return false;
  return i.env.TERM !== 'dumb';
}

/** Resolves the output options; `-q` wins over `-o`. */
export function resolveOutput(i: OutputInputs): OutputOptions {
  const mode: OutputMode = i.quiet ? 'quiet' : (i.output ?? (i.stdoutIsTTY ? 'table' : 'tsv'));
  return { mode, headers: !i.noHeaders, color: colorEnabled(i) };
}
