/** The shells `berth completion` writes scripts for; its own file so the verb table can name them without loading the generators. */
export const SHELLS = ['bash', 'zsh', 'fish'] as const;
