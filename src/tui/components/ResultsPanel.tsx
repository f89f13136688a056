/**
 * Per-item results of the last action: progress while it runs, then one
 * line per container (✓ or ✗ with the engine's reason). Stays until esc
 * or the next action, so a partial failure is not missed.
 */
import { Box, Text } from 'ink';
import type { ActionResult } from '../actions/container-actions.ts';
import { tx, type Theme } from '../theme/tokens.ts';

/** The last action and its results so far. */
export interface ActionRun {
  action: string;
  total: number;
  results: (ActionResult | undefined)[];
}

/** Most result lines shown (the rest summarised). */
export const RESULT_LINES = 5;

/** Lines the panel takes for a run. */
export function resultsHeight(run: ActionRun | null): number {
  return run === null ? 0 : 1 + Math.min(RESULT_LINES, run.total);
}

/** Props of ResultsPanel. */
export interface ResultsPanelProps {
  run: ActionRun;
  theme: Theme;
}

/** The panel. */
export function ResultsPanel({ run, theme }: ResultsPanelProps) {
  const done = run.results.filter((r) => r !== undefined) as ActionResult[];
  const failed = done.filter((r) => !r.ok).length;
  const summary = done.length < run.total
    ? `${run.action}: ${done.length}/${run.total} done…`
    : `${run.action}: ${run.total - failed} ok${failed > 0 ? `, ${failed} failed` : ''} (esc to dismiss)`;
  // Failures first: they are what the operator must read.
  const lines = [...done.filter((r) => !r.ok), ...done.filter((r) => r.ok)];
  return (
    <Box flexDirection="column" height={resultsHeight(run)}>
      <Text wrap="truncate" {...tx(theme, failed > 0 ? 'text.warning' : 'text.title')}>{summary}</Text>
      {lines.slice(0, RESULT_LINES).map((r, i) => (
        <Text key={i} wrap="truncate">
          <Text {...tx(theme, r.ok ? 'text.ok' : 'text.error')}>{r.ok ? '✓ ' : '✗ '}</Text>
          {r.label}
          {r.message ? <Text {...tx(theme, 'text.error')}>{`  ${r.message}`}</Text> : null}
        </Text>
      ))}
    </Box>
  );
}
