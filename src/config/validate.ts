/**
 * Turns the text of `config.yaml` into a validated `BerthConfig`, or throws
 * a 'config' BerthError reading `FILE:LINE:COL: what is wrong` (CLI.md
 * "Config", "Exit codes"). Strict on purpose: a misspelt key (`sokcet`)
 * silently ignored would send berth to the wrong socket, so unknown keys,
 * wrong types and duplicate node names are errors, with a suggestion.
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node, type Pair, type YAMLError } from 'yaml';
import { BerthError } from '../domain/errors.ts';
import { DURATION_HINT, parseDuration } from '../util/duration.ts';
import { suggestionSuffix } from '../util/suggest.ts';
import { defaultConfig, NODE_KEYS, TOP_LEVEL_KEYS, type BerthConfig, type NodeConfig } from './schema.ts';
import { configError, deref, describe, nodePosition, position, type YamlSource } from './yaml-nodes.ts';
import { readBoolean, readKeys, readLabels, readString } from './values.ts';

/** Node names are used in `node/name` references and as `--node` values. */
const NODE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** Refreshing faster than this only loads the hosts; the console is no faster. */
const MIN_REFRESH_MS = 100;

/**
 * Parses and validates config text. `file` is used in messages exactly as
 * given, so an operator sees the path they (or berth) named.
 */
export function parseConfig(text: string, file: string): BerthConfig {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const src: YamlSource = { file, doc, lines };
  const first = doc.errors[0];
  if (first) throw new BerthError('config', `${position(src, first.pos[0])}: ${yamlMessage(first, text)}`);

  const config: BerthConfig = { ...defaultConfig(), path: file, locate: (path) => locate(src, path) };
  const root = deref(src, doc.contents);
  if (root === null || (isScalar(root) && root.value === null)) return config;
  if (!isMap(root)) {
    throw configError(src, root, `expected a mapping of settings (${TOP_LEVEL_KEYS.join(', ')}), got ${describe(root)}`);
  }
  for (const pair of root.items) {
    const key = keyOf(src, pair, TOP_LEVEL_KEYS, null);
    const value = deref(src, pair.value);
    switch (key) {
      case 'refresh':
        config.refreshMs = readRefresh(src, value);
        break;
      case 'theme':
        config.theme = readString(src, value, 'theme');
        break;
      case 'readonly':
        config.readonly = readBoolean(src, value, 'readonly');
        break;
      case 'nodes':
        config.nodes = readNodes(src, value);
        break;
      case 'keys':
        config.keys = readKeys(src, value);
        break;
      case 'shell':
        config.shell = readString(src, value, 'shell');
        break;
    }
  }
  return config;
}

/** The key of a pair, checked against the allowed keys of where it sits. */
function keyOf<K extends string>(src: YamlSource, pair: Pair, allowed: readonly K[], where: string | null): K {
  const keyNode = deref(src, pair.key);
  const key = isScalar(keyNode) ? keyNode.value : undefined;
  if (typeof key !== 'string') {
    throw configError(src, keyNode, `expected a key name${where === null ? '' : ` in ${where}`}, got ${describe(keyNode)}`);
  }
  if (!(allowed as readonly string[]).includes(key)) {
    const inWhere = where === null ? '' : ` in ${where}`;
    throw configError(src, keyNode, `unknown key "${key}"${inWhere}${suggestionSuffix(key, allowed)}`,
      `valid keys${where === null ? '' : ` in ${where.replace(/\[\d+\]$/, '[]')}`}: ${allowed.join(', ')}`);
  }
  return key as K;
}

function readRefresh(src: YamlSource, node: Node | null): number {
  const raw = isScalar(node) && (typeof node.value === 'string' || typeof node.value === 'number') ? String(node.value) : null;
  const ms = raw === null ? null : parseDuration(raw);
  if (ms === null) throw configError(src, node, `refresh: expected a duration, got ${describe(node)}`, DURATION_HINT);
  if (ms < MIN_REFRESH_MS) throw configError(src, node, `refresh: ${raw} is too fast; use ${MIN_REFRESH_MS}ms or more`);
  return ms;
}

function readNodes(src: YamlSource, node: Node | null): NodeConfig[] {
  if (node === null || (isScalar(node) && node.value === null)) return [];
  if (!isSeq(node)) throw configError(src, node, `nodes: expected a list of nodes, got ${describe(node)}`);
  const seen = new Map<string, Node>();
  return node.items.map((item, i) => {
    const where = `nodes[${i}]`;
    const n = readNode(src, deref(src, item), where);
    const earlier = seen.get(n.config.name);
    if (earlier) {
      throw configError(src, n.nameNode, `${where}.name: duplicate node name "${n.config.name}" (first at ${nodePosition(src, earlier)})`,
        'node names must be unique; they are how berth addresses a node (node/name, --node)');
    }
    seen.set(n.config.name, n.nameNode);
    return n.config;
  });
}

function readNode(src: YamlSource, node: Node | null, where: string): { config: NodeConfig; nameNode: Node } {
  if (!isMap(node)) throw configError(src, node, `${where}: expected a mapping with at least "name", got ${describe(node)}`);
  const out: NodeConfig = { name: '', ssh: undefined, socket: undefined, readonly: false, sudo: false, labels: {} };
  let nameNode: Node | null = null;
  for (const pair of node.items) {
    const key = keyOf(src, pair, NODE_KEYS, where);
    const value = deref(src, pair.value);
    const path = `${where}.${key}`;
    if (key === 'name') {
      out.name = readString(src, value, path);
      if (!NODE_NAME.test(out.name)) {
        throw configError(src, value, `${path}: "${out.name}" is not a valid node name`,
          'use letters, digits, ".", "_" and "-", starting with a letter or digit ("/" separates node/name)');
      }
      nameNode = value;
    } else if (key === 'ssh') out.ssh = readString(src, value, path);
    else if (key === 'socket') {
      out.socket = readString(src, value, path);
      if (!out.socket.startsWith('/')) throw configError(src, value, `${path}: expected an absolute path, got "${out.socket}"`);
    } else if (key === 'readonly') out.readonly = readBoolean(src, value, path);
    else if (key === 'sudo') out.sudo = readBoolean(src, value, path);
    else out.labels = readLabels(src, value, path);
  }
  if (nameNode === null) throw configError(src, node, `${where}: missing "name"`, 'every node needs a name: how berth refers to it');
  return { config: out, nameNode };
}

/** A yaml parse error as one line: the library's words, with the key for duplicates. */
function yamlMessage(err: YAMLError, text: string): string {
  if (err.code === 'DUPLICATE_KEY') {
    const key = /^[^:\s]+/.exec(text.slice(err.pos[0]))?.[0];
    return key === undefined ? 'duplicate key' : `duplicate key "${key}"`;
  }
  const msg = err.message.split('\n')[0]!.replace(/; please use YAML\.parseAllDocuments\(\)$/, '');
  return `invalid YAML: ${msg.charAt(0).toLowerCase()}${msg.slice(1)}`;
}

/** `FILE:LINE:COL` of the value at a key path, or `FILE` when absent. */
function locate(src: YamlSource, path: readonly (string | number)[]): string {
  const node = src.doc.getIn(path, true) as Node | undefined;
  return node?.range ? position(src, node.range[0]) : src.file;
}
