/**
 * Small helpers over the `yaml` package's syntax tree for the validator:
 * where a node is (`FILE:LINE:COL`) and how to describe a wrong value.
 * Validation walks the tree rather than plain `toJS()` output because
 * every message must point at the line and column at fault.
 */
import { isAlias, isMap, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';
import { BerthError } from '../domain/errors.ts';

/** Where validation happens: the file's name, its tree and its line table. */
export interface YamlSource {
  file: string;
  doc: Document.Parsed;
  lines: LineCounter;
}

/** `FILE:LINE:COL` of a byte offset into the source. */
export function position(src: YamlSource, offset: number): string {
  const { line, col } = src.lines.linePos(offset);
  return `${src.file}:${line}:${col}`;
}

/** `FILE:LINE:COL` of a node (its first character). */
export function nodePosition(src: YamlSource, node: Node | null | undefined): string {
  return node?.range ? position(src, node.range[0]) : `${src.file}:1:1`;
}

/** A config error at `node`, in the `FILE:LINE:COL: what is wrong` form of CLI.md. */
export function configError(src: YamlSource, node: Node | null | undefined, message: string, hint?: string): BerthError {
  return new BerthError('config', `${nodePosition(src, node)}: ${message}`, hint === undefined ? {} : { hint });
}

/** Follows an alias (`*anchor`) to the node it names. */
export function deref(src: YamlSource, node: unknown): Node | null {
  if (isAlias(node)) {
    const target = node.resolve(src.doc) as Node | undefined;
    if (target === undefined) throw configError(src, node, `alias *${node.source} names no anchor`);
    return target;
  }
  return (node as Node | null | undefined) ?? null;
}

/** How a value reads in a message: `a list`, `"yes"`, `5`, `nothing`. */
export function describe(node: Node | null): string {
  if (node === null) return 'nothing';
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) return 'a list';
  if (isScalar(node)) {
    const v = node.value;
    if (v === null) return 'nothing (null)';
    if (typeof v === 'string') return JSON.stringify(v);
    return String(v);
  }
  return 'an unexpected value';
}

/** The JavaScript value of a scalar node, or undefined if it is not one. */
export function scalarValue(node: Node | null): unknown {
  return isScalar(node) ? node.value : undefined;
}
