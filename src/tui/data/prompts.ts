/**
 * Questions the SSH transport asks the operator while the console runs: an
 * unknown host key (trust it and record it?) and a locked key's passphrase.
 * The transport asks from inside a handshake, at any moment and from many
 * nodes at once; the console can show one question at a time. So questions
 * queue here, the App draws the first (PromptDialog) and answers it, and
 * the same key file asked for by several nodes at once is one question.
 * A console that quits answers everything left "no", so no handshake hangs.
 */
import type { HostKeyQuestion } from '../../transport/ssh/host-verify.ts';

/** A question waiting for the operator. */
export type Question =
  | { kind: 'hostKey'; question: HostKeyQuestion }
  | { kind: 'passphrase'; node: string; keyFile: string };

interface Waiting {
  q: Question;
  /** Answer: true/false for a host key, the passphrase (or null: skip the key) for a passphrase. */
  answer(value: boolean | string | null): void;
}

/** The queue of questions and its subscribers (the App re-renders on a change). */
export class Prompter {
  readonly #queue: Waiting[] = [];
  readonly #listeners = new Set<() => void>();
  readonly #passphrases = new Map<string, Promise<string | null>>();
  #closed = false;

  /** The question on screen, or null. */
  current(): Question | null {
    return this.#queue[0]?.q ?? null;
  }

  /** Calls `fn` when the current question changes; returns the unsubscribe. */
  subscribe(fn: () => void): () => void {
    this.#listeners.add(fn);
    return () => this.#listeners.delete(fn);
  }

  /** For SshTransport's askHostKey: resolves true when the operator trusts the key. */
  askHostKey = (question: HostKeyQuestion): Promise<boolean> =>
    this.#enqueue({ kind: 'hostKey', question }).then((v) => v === true);

  /** For SshTransport's askPassphrase: the passphrase, or null when the operator skips the key. */
  askPassphrase = (node: string, keyFile: string): Promise<string | null> => {
    const inFlight = this.#passphrases.get(keyFile);
    if (inFlight) return inFlight;
    const p = this.#enqueue({ kind: 'passphrase', node, keyFile }).then((v) => (typeof v === 'string' ? v : null));
    this.#passphrases.set(keyFile, p);
    void p.finally(() => this.#passphrases.delete(keyFile));
    return p;
  };

  /** Answers the current question and shows the next. */
  answer(value: boolean | string | null): void {
    const w = this.#queue.shift();
    if (!w) return;
    w.answer(value);
    this.#changed();
  }

  /** Answers everything "no" and refuses new questions (the console is going away). */
  close(): void {
    this.#closed = true;
    for (const w of this.#queue.splice(0)) w.answer(null);
    this.#changed();
  }

  #enqueue(q: Question): Promise<boolean | string | null> {
    if (this.#closed) return Promise.resolve(null);
    return new Promise((resolve) => {
      this.#queue.push({ q, answer: resolve });
      if (this.#queue.length === 1) this.#changed();
    });
  }

  #changed(): void {
    for (const fn of this.#listeners) fn();
  }
}
