/** The line above the table: which view, how many rows of how many, sort, filter and selection. */
import { Text } from 'ink';
import { sanitizeInline } from '../../util/sanitize.ts';
import { tx, type Theme } from '../theme/tokens.ts';

/** Props of TitleBar. */
export interface TitleBarProps {
  title: string;
  shown: number;
  total: number;
  filter: string;
  extra: readonly string[];
  theme: Theme;
}

/** `Containers 3/9 · all · filter "web" · 2 selected`. */
export function TitleBar({ title, shown, total, filter, extra, theme }: TitleBarProps) {
  const parts = [...extra, ...(filter === '' ? [] : [`filter ${JSON.stringify(sanitizeInline(filter))}`])];
  return (
    <Text wrap="truncate">
      <Text {...tx(theme, 'text.title')}>{title}</Text>
      {` ${shown === total ? total : `${shown}/${total}`}`}
      {parts.length > 0 ? <Text {...tx(theme, 'text.muted')}>{` · ${parts.join(' · ')}`}</Text> : null}
    </Text>
  );
}
