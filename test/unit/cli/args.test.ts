import { describe, expect, it } from 'vitest';
import { parseArgv } from '../../../src/cli/framework/args.ts';
import { withBuiltins } from '../../../src/cli/framework/builtins.ts';
import { BerthError } from '../../../src/domain/errors.ts';
import { GLOBAL_FLAGS } from '../../../src/cli/framework/globals.ts';
import { longName } from '../../../src/cli/framework/flags.ts';
import { registryProblems } from '../../../src/cli/framework/registry.ts';
import { registry } from './fixtures/registry.ts';

const reg = withBuiltins(registry);
const parse = (line: string | string[]) => parseArgv(typeof line === 'string' ? line.split(' ').filter(Boolean) : line, reg);

/** The usage error a command line produces, as an operator reads it. */
function usageError(line: string | string[]): { message: string; hint: string | undefined } {
  try {
    parse(line);
  } catch (err) {
    expect(err).toBeInstanceOf(BerthError);
    const e = err as BerthError;
    expect(e.kind).toBe('usage');
    return { message: e.message, hint: e.hint };
  }
  throw new Error(`expected a usage error for ${String(line)}`);
}

describe('global flags', () => {
  it('are accepted before and after the verb alike', () => {
    const before = parse('--node web1 -o json --no-headers ps -a');
    const after = parse('ps -a --node web1 -o json --no-headers');
    for (const p of [before, after]) {
      expect(p.verb?.name).toBe('ps');
      expect(p.globals.node).toEqual(['web1']);
      expect(p.globals.output).toBe('json');
      expect(p.globals.noHeaders).toBe(true);
      expect(p.flags.all).toBe(true);
    }
  });

  it('collects repeated --node from both sides of the verb, in order', () => {
    expect(parse('--node a ps --node b --node=c').globals.node).toEqual(['a', 'b', 'c']);
  });

  it('defaults: 10s timeout, no output format chosen, nothing set', () => {
    const g = parse('ps').globals;
    expect(g.timeout).toBe(10_000);
    expect(g.output).toBeUndefined();
    expect(g.node).toEqual([]);
    expect(g.quiet || g.verbose || g.readonly || g.allNodes || g.noColor).toBe(false);
  });

  it('parses --timeout as a duration', () => {
    expect(parse('--timeout 1m30s ps').globals.timeout).toBe(90_000);
    expect(parse('ps --timeout=200ms').globals.timeout).toBe(200);
    expect(parse('ps --timeout 3').globals.timeout).toBe(3000);
  });

  it('takes -o in all its spellings', () => {
    for (const line of ['ps -o json', 'ps -ojson', 'ps -o=json', 'ps --output json', 'ps --output=json']) {
      expect(parse(line).globals.output).toBe('json');
    }
  });

  it('lets a verb flag win a short letter after the verb: rm -v is --volumes, berth -v rm is --verbose', () => {
    const a = parse('rm -v web');
    expect(a.flags.volumes).toBe(true);
    expect(a.globals.verbose).toBe(false);
    const b = parse('-v rm web');
    expect(b.flags.volumes).toBe(false);
    expect(b.globals.verbose).toBe(true);
    expect(parse('rm --verbose web').globals.verbose).toBe(true);
  });
});

describe('verb flags', () => {
  it('combines short booleans: -it', () => {
    const p = parse('exec -it web sh');
    expect(p.flags).toMatchObject({ interactive: true, tty: true });
    expect(p.args).toEqual({ REF: 'web', CMD: ['sh'] });
  });

  it('takes a value inline or as the next word: --tail=10, --tail 10', () => {
    expect(parse('logs --tail=10 web').flags.tail).toBe(10);
    expect(parse('logs --tail 10 web').flags.tail).toBe(10);
    expect(parse('logs web --tail 10').flags.tail).toBe(10);
  });

  it('takes a short flag value glued on: -t5', () => {
    expect(parse('stop -t5 web').flags.time).toBe(5);
    expect(parse('stop -t 5 web').flags.time).toBe(5);
  });

  it('fills defaults: numbers, durations, booleans, and absent optional values', () => {
    const s = parse('stop web').flags;
    expect(s).toMatchObject({ time: 10, yes: false, dryRun: false });
    expect(parse('stats').flags).toMatchObject({ window: 200, noStream: false });
    expect(parse('logs web').flags.tail).toBeUndefined();
  });

  it('reads camelCase keys as kebab-case flags: --dry-run, --follow-restarts, --no-stream', () => {
    expect(parse('stop --dry-run web').flags.dryRun).toBe(true);
    expect(parse('logs --follow-restarts web').flags.followRestarts).toBe(true);
    expect(parse('stats --no-stream').flags.noStream).toBe(true);
  });

  it('accepts --no-x only for flags declared negatable', () => {
    expect(parse('logs -f --no-follow web').flags.follow).toBe(false);
    expect(usageError('ps --no-all').message).toMatch(/unknown flag --no-all/);
  });

  it('accepts --flag=false for booleans', () => {
    expect(parse('ps --all=false').flags.all).toBe(false);
    expect(parse('ps --all=true').flags.all).toBe(true);
    expect(usageError('ps --all=maybe').message).toBe('invalid value "maybe" for --all: use true or false');
  });

  it('records which verb flags were given explicitly', () => {
    const p = parse('stop -t 10 web');
    expect(p.given.has('time')).toBe(true);
    expect(p.given.has('yes')).toBe(false);
  });

  it('keeps the last value of a flag given twice', () => {
    expect(parse('logs --tail 1 --tail 2 web').flags.tail).toBe(2);
  });
});

describe('positionals', () => {
  it('collects variadic references', () => {
    expect(parse('stop a b local/c').args.REF).toEqual(['a', 'b', 'local/c']);
  });

  it('treats everything after -- as arguments, even words that look like flags', () => {
    expect(parse('stop -- -weird --name').args.REF).toEqual(['-weird', '--name']);
  });

  it('passes exec\'s command through verbatim after --', () => {
    const p = parse(['exec', '-it', 'web', '--', 'sh', '-c', 'ls -la --color', '--', '-o', 'json']);
    expect(p.args.CMD).toEqual(['sh', '-c', 'ls -la --color', '--', '-o', 'json']);
    expect(p.globals.output).toBeUndefined();
  });

  it('starts exec\'s command at the first word after REF even without --, like docker', () => {
    const p = parse(['exec', 'web', 'ls', '-la', '-o', 'json', '--node', 'x']);
    expect(p.args).toEqual({ REF: 'web', CMD: ['ls', '-la', '-o', 'json', '--node', 'x'] });
    expect(p.globals.output).toBeUndefined();
    expect(p.globals.node).toEqual([]);
    expect(p.flags).toMatchObject({ interactive: false, tty: false });
  });

  it('still reads berth flags between exec and REF', () => {
    const p = parse(['exec', '--node', 'web1', '-i', 'web', 'cat']);
    expect(p.globals.node).toEqual(['web1']);
    expect(p.flags.interactive).toBe(true);
    expect(p.args.CMD).toEqual(['cat']);
  });

  it('keeps a lone - as an argument (stdin)', () => {
    expect(parse('stop -').args.REF).toEqual(['-']);
  });

  it('accepts negative numbers as flag values but refuses a flag as a value', () => {
    expect(usageError('logs --tail -1 web').message).toBe('invalid value "-1" for --tail: must be 0 or more');
    expect(usageError('logs --tail -f web').message).toBe('flag --tail needs a value');
  });
});

describe('commands', () => {
  it('resolves two-word commands and their aliases', () => {
    expect(parse('image rm nginx:1').verb?.name).toBe('image rm');
    expect(parse('images').verb?.name).toBe('image ls');
    expect(parse('rmi x').verb?.name).toBe('image rm');
    expect(parse('--node a image --node b rm x').globals.node).toEqual(['a', 'b']);
  });

  it('reports a group named without its verb as a group', () => {
    const p = parse('image');
    expect(p.verb).toBeNull();
    expect(p.group).toBe('image');
  });

  it('has no verb for a bare `berth` (the console)', () => {
    const p = parse([]);
    expect(p.verb).toBeNull();
    expect(p.group).toBeNull();
  });
});

describe('usage errors name the flag, suggest, and point at help', () => {
  it('unknown flag with a suggestion', () => {
    expect(usageError('logs --tial 5 web')).toEqual({
      message: 'unknown flag --tial for "logs" (did you mean "--tail"?)',
      hint: "See 'berth logs --help'.",
    });
  });

  it('unknown short flag inside a cluster', () => {
    expect(usageError('exec -itx web sh').message).toBe('unknown flag -x in -itx for "exec"');
  });

  it('unknown command with a suggestion', () => {
    expect(usageError('sp')).toEqual({ message: 'unknown command "sp" (did you mean "ps"?)', hint: "See 'berth --help'." });
    expect(usageError('image rn x')).toEqual({ message: 'unknown command "image rn" (did you mean "rm"?)', hint: "See 'berth image --help'." });
  });

  it('a verb flag written before the verb says where it belongs', () => {
    expect(usageError('-a ps')).toEqual({
      message: 'flag -a belongs to "ps": put it after the command (berth ps -a …)',
      hint: "See 'berth ps --help'.",
    });
  });

  it('missing value', () => {
    expect(usageError('ps -o')).toEqual({ message: 'flag -o needs a value', hint: "See 'berth ps --help'." });
    expect(usageError('ps --node')).toEqual({ message: 'flag --node needs a value', hint: "See 'berth ps --help'." });
  });

  it('bad enum value lists the choices and suggests', () => {
    expect(usageError('ps -o jsn').message).toBe(
      'invalid value "jsn" for -o: choose table, wide, json, jsonl, yaml or name (did you mean "json"?)',
    );
  });

  it('bad number', () => {
    expect(usageError('logs --tail ten web').message).toBe('invalid value "ten" for --tail: expected a whole number');
    expect(usageError('logs --tail 1.5 web').message).toBe('invalid value "1.5" for --tail: expected a whole number');
  });

  it('bad duration says what a duration looks like', () => {
    const e = usageError('ps --timeout soon');
    expect(e.message).toBe('invalid value "soon" for --timeout: expected a duration');
    expect(e.hint).toMatch(/1m30s/);
    expect(usageError('ps --timeout 0').message).toBe('invalid value "0" for --timeout: must be at least 1ms');
  });

  it('missing and unexpected arguments', () => {
    expect(usageError('stop')).toEqual({
      message: '"berth stop" needs at least one REF (Container name, id or id prefix; node/name picks a node)',
      hint: "See 'berth stop --help'.",
    });
    expect(usageError('logs a b').message).toBe('unexpected argument "b" for "berth logs" (usage: berth logs [flags] REF)');
    expect(usageError('exec web').message).toBe('"berth exec" needs at least one CMD');
  });
});

describe('help', () => {
  it('-h and --help anywhere ask for help, even after a mistake', () => {
    expect(parse('--help').globals.help).toBe(true);
    const p = parse('logs --tial -h');
    expect(p.globals.help).toBe(true);
    expect(p.verb?.name).toBe('logs');
    expect(parse('stop -h').verb?.name).toBe('stop');
  });

  it('-h after exec\'s command belongs to the command', () => {
    const p = parse(['exec', 'web', 'ls', '-h']);
    expect(p.globals.help).toBe(false);
    expect(p.args.CMD).toEqual(['ls', '-h']);
  });
});

describe('the fixture registry', () => {
  it('has no problems (no shadowed global flags, variadic last, groups known)', () => {
    const globals = Object.entries(GLOBAL_FLAGS).map(([k, s]) => longName(k, s));
    expect(registryProblems(reg, globals)).toEqual([]);
  });
});
