/**
 * Readers for the config's leaf values. Each returns the typed value or
 * throws a positioned 'config' error naming the key path (`nodes[0].sudo`)
 * and what was found instead, so an operator can fix it without guessing.
 */
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { configError, deref, describe, type YamlSource } from './yaml-nodes.ts';

/** A non-empty string. */
export function readString(src: YamlSource, node: Node | null, path: string): string {
  const v = isScalar(node) ? node.value : undefined;
  if (typeof v !== 'string') throw configError(src, node, `${path}: expected a string, got ${describe(node)}`);
  if (v.trim() === '') throw configError(src, node, `${path}: must not be empty`);
  return v;
}

/** `true` or `false`; YAML 1.2 reads `yes`/`no` as strings, and so do we. */
export function readBoolean(src: YamlSource, node: Node | null, path: string): boolean {
  const v = isScalar(node) ? node.value : undefined;
  if (typeof v !== 'boolean') throw configError(src, node, `${path}: expected true or false, got ${describe(node)}`);
  return v;
}

/**
 * Node labels: a flat mapping. Numbers and booleans are accepted and kept
 * as text (`tier: 1` reads as "1"), since labels are only shown and
 * matched as strings; nested values are an error.
 */
export function readLabels(src: YamlSource, node: Node | null, path: string): Record<string, string> {
  if (node === null || (isScalar(node) && node.value === null)) return {};
  if (!isMap(node)) throw configError(src, node, `${path}: expected a mapping such as {env: prod}, got ${describe(node)}`);
  const out: Record<string, string> = {};
  for (const pair of node.items) {
    const k = deref(src, pair.key);
    const v = deref(src, pair.value);
    const key = isScalar(k) ? k.value : undefined;
    if (typeof key !== 'string' && typeof key !== 'number') throw configError(src, k, `${path}: expected a label name, got ${describe(k)}`);
    const value = isScalar(v) ? v.value : undefined;
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
      throw configError(src, v, `${path}.${key}: expected a text value, got ${describe(v)}`);
    }
    out[String(key)] = String(value);
  }
  return out;
}

/**
 * Console key remaps: action name → a key or a list of keys. Only the
 * shape is checked here; whether an action or key name exists is the
 * console's to say (it owns the action table), using `config.locate`.
 */
export function readKeys(src: YamlSource, node: Node | null): Record<string, string | string[]> {
  if (node === null || (isScalar(node) && node.value === null)) return {};
  if (!isMap(node)) throw configError(src, node, `keys: expected a mapping of action: key, got ${describe(node)}`);
  const out: Record<string, string | string[]> = {};
  for (const pair of node.items) {
    const k = deref(src, pair.key);
    const action = isScalar(k) ? k.value : undefined;
    if (typeof action !== 'string') throw configError(src, k, `keys: expected an action name, got ${describe(k)}`);
    const v = deref(src, pair.value);
    if (isSeq(v)) {
      out[action] = v.items.map((item) => readString(src, deref(src, item), `keys.${action}`));
    } else {
      out[action] = readString(src, v, `keys.${action}`);
    }
  }
  return out;
}
