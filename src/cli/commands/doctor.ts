/**
 * `berth doctor`: checks what berth depends on — Node.js, the config, each
 * node's runtime endpoint and permissions, API version, cgroup version and
 * PSI, the audit log — and says how to fix each problem. Exit 0 when
 * nothing failed (warnings allowed), 1 otherwise.
 */
import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import { dirname } from 'node:path';
import { toBerthError } from '../../domain/errors.ts';
import { LocalTransport } from '../../transport/local.ts';
import { auditLogPath } from '../framework/audit.ts';
import type { CliContext } from '../framework/context.ts';
import { printList } from '../framework/output.ts';
import { defineList } from '../framework/output/columns.ts';
import type { InvocationOf } from '../framework/registry.ts';
import { withFleet } from '../fleet-session.ts';
import type { doctorVerb } from './specs.ts';

/** One check's outcome (`-o json`: kind CheckList). */
export interface Check {
  check: string;
  node: string | null;
  status: 'ok' | 'warn' | 'fail';
  detail: string;
  fix: string | null;
}

const checkList = defineList<Check>({
  kind: 'Check',
  columns: [
    { header: 'STATUS', value: (c) => c.status, tone: (c) => (c.status === 'ok' ? 'ok' : c.status === 'warn' ? 'warn' : 'bad') },
    { header: 'CHECK', value: (c) => c.check },
    { header: 'NODE', value: (c) => c.node },
    { header: 'DETAIL', value: (c) => c.detail, maxWidth: 90 },
    { header: 'FIX', value: (c) => c.fix, maxWidth: 90 },
  ],
  name: (c) => `${c.node ?? '-'}/${c.check}`,
  id: (c) => c.check,
});

/** Node.js 22.19 or newer (undici 8 and friends need it). */
export function nodeVersionCheck(version: string): Check {
  const [maj = 0, min = 0] = version.split('.').map(Number);
  const ok = maj > 22 || (maj === 22 && min >= 19);
  return {
    check: 'node.js', node: null, status: ok ? 'ok' : 'fail', detail: `Node.js ${version}`,
    fix: ok ? null : "berth needs Node.js 22.19 or newer: run 'npm ci' in berth's folder (it brings its own), or set BERTH_NODE",
  };
}

/** The cgroup layout of this machine, from the file system. */
async function cgroupCheck(t: LocalTransport): Promise<Check[]> {
  const v2 = await t.stat('/sys/fs/cgroup/cgroup.controllers');
  let mode: string;
  if (v2) mode = 'v2 (unified)';
  else {
    const mountinfo = (await t.readFile('/proc/self/mountinfo').catch(() => Buffer.alloc(0))).toString();
    mode = / \/sys\/fs\/cgroup\/unified .* cgroup2 /.test(mountinfo) ? 'v1 with a v2 unified tree (hybrid)' : 'v1';
  }
  const psi = await t.stat('/proc/pressure/cpu');
  const readable = await t.access('/proc/self/mountinfo');
  return [
    { check: 'cgroups', node: 'local', status: 'ok', detail: mode, fix: null },
    {
      check: 'pressure (PSI)', node: 'local', status: psi ? 'ok' : 'warn',
      detail: psi ? '/proc/pressure present' : 'this kernel shows no /proc/pressure: pressure columns read –',
      fix: psi ? null : 'boot the kernel with psi=1 (needs CONFIG_PSI)',
    },
    {
      check: '/proc access', node: 'local', status: readable === 'missing' ? 'fail' : 'ok',
      detail: readable === 'missing' ? '/proc/self/mountinfo is missing' : '/proc is readable',
      fix: readable === 'missing' ? 'mount /proc' : null,
    },
  ];
}

/** Whether the audit log can be written (its folder exists and is writable, or can be made). */
async function auditCheck(ctx: CliContext): Promise<Check> {
  const path = auditLogPath(ctx.env, ctx.home);
  let dir = dirname(path);
  for (;;) {
    try {
      await access(dir, constants.W_OK);
      return { check: 'audit log', node: null, status: 'ok', detail: path, fix: null };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT' || dirname(dir) === dir) {
        return { check: 'audit log', node: null, status: 'warn', detail: `${path}: ${dir} is not writable`, fix: `make ${dir} writable or set XDG_STATE_HOME` };
      }
      dir = dirname(dir);
    }
  }
}

export async function run(ctx: CliContext, _inv: InvocationOf<typeof doctorVerb>): Promise<number> {
  const checks: Check[] = [nodeVersionCheck(process.versions.node)];
  checks.push({ check: 'config', node: null, status: 'ok', detail: ctx.config.path ?? 'no config file: the local engine, found by discovery', fix: null });
  await withFleet(ctx, async (fleet) => {
    const per = await Promise.all(fleet.nodes.map(async (spec): Promise<Check[]> => {
      try {
        const node = await fleet.open(spec);
        const neg = await fleet.one(node, (s) => node.runtime.negotiate(s));
        const host = await fleet.one(node, (s) => node.runtime.hostInfo(s));
        return [
          { check: 'endpoint', node: spec.name, status: 'ok', detail: `${node.runtime.endpointLabel} (${node.source})`, fix: null },
          { check: 'runtime', node: spec.name, status: 'ok', detail: `${neg.kind} ${neg.version}, API ${neg.serverApiVersion}, berth uses ${neg.apiVersion}`, fix: null },
          {
            check: 'runtime cgroups', node: spec.name, status: host.cgroupVersion === null ? 'warn' : 'ok',
            detail: host.cgroupVersion === null ? 'the runtime does not say' : `v${host.cgroupVersion}, driver ${host.cgroupDriver ?? '–'}`, fix: null,
          },
        ];
      } catch (err) {
        const e = toBerthError(err, spec.name);
        return [{ check: 'endpoint', node: spec.name, status: 'fail', detail: e.message, fix: e.hint ?? null }];
      }
    }));
    checks.push(...per.flat());
    if (fleet.nodes.some((n) => n.ssh === null)) checks.push(...(await cgroupCheck(new LocalTransport())));
  });
  checks.push(await auditCheck(ctx));
  printList(ctx, checkList, { items: checks, errors: [] });
  return checks.some((c) => c.status === 'fail') ? 1 : 0;
}
