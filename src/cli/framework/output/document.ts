/**
 * The data forms: `-o json|yaml` as one envelope document, `-o jsonl` as
 * one item per line (CLI.md "Output"). Items are the domain objects as they
 * are (camelCase, raw units, null for unknown); JSON and YAML escape
 * control characters themselves, so nothing here can reach a terminal raw.
 */
type YamlModule = typeof import('yaml');

/** The yaml package costs ~30 ms to import: loaded only for YAML output (`loadYaml()`). */
let yaml: YamlModule | null = null;

/** Loads the YAML writer; runCli calls it for `-o yaml`, verbs that print YAML call it themselves. */
export async function loadYaml(): Promise<void> {
  yaml ??= await import('yaml');
}

/** A per-node failure in the envelope: exactly CLI.md's three fields. */
export interface EnvelopeError {
  node: string;
  kind: string;
  message: string;
}

/** `{"kind": "<Kind>List", "apiVersion": "berth/v1", "items": [...], "errors": [...]}`. */
export interface Envelope<T> {
  kind: string;
  apiVersion: 'berth/v1';
  items: T[];
  errors: EnvelopeError[];
}

/** The envelope for `kind` (`Container` → `ContainerList`). */
export function envelope<T>(kind: string, items: readonly T[], errors: readonly { node: string; kind: string; message: string }[]): Envelope<T> {
  return {
    kind: `${kind}List`,
    apiVersion: 'berth/v1',
    items: [...items],
    errors: errors.map((e) => ({ node: e.node, kind: e.kind, message: e.message })),
  };
}

/** Pretty JSON, two-space indent, ending in a newline. */
export function renderJson(doc: unknown): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/** YAML; `null` stays `null`, never an empty value. */
export function renderYaml(doc: unknown): string {
  if (!yaml) throw new Error('renderYaml called before loadYaml()');
  return yaml.stringify(doc, { nullStr: 'null', lineWidth: 0 });
}

/** One JSON value on one line. */
export function renderJsonLine(item: unknown): string {
  return `${JSON.stringify(item)}\n`;
}
