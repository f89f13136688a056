/** The SSH transport's question on screen now (data/prompts.ts), re-rendering when it changes. */
import { useEffect, useState } from 'react';
import type { Prompter, Question } from '../data/prompts.ts';

/** The current question, or null (also when there is no prompter, as in tests). */
export function usePrompt(prompter: Prompter | undefined): Question | null {
  const [q, setQ] = useState<Question | null>(() => prompter?.current() ?? null);
  useEffect(() => {
    if (!prompter) return undefined;
    setQ(prompter.current());
    return prompter.subscribe(() => setQ(prompter.current()));
  }, [prompter]);
  return q;
}
