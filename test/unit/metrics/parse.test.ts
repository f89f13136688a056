import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseBlkioServiceBytes, parseIoStat } from '../../../src/metrics/parse/io.ts';
import { parseNetDev } from '../../../src/metrics/parse/net-dev.ts';
import { parseMemAvailable, parseMemTotal, parseProcStat } from '../../../src/metrics/parse/proc.ts';
import { parsePsiAvg10 } from '../../../src/metrics/parse/psi.ts';
import { keyedValue, parseLimit, parseSingle } from '../../../src/metrics/parse/values.ts';

const HYBRID = join(import.meta.dirname, '../../fixtures/cgroup/v1-hybrid');
const manifest = JSON.parse(readFileSync(join(HYBRID, 'containers.json'), 'utf8')) as { name: string; engine: string; id: string; pid: number }[];
const app = manifest.find((c) => c.name === 'cap-app' && c.engine === 'docker1')!;
const appPath = /:memory:(\S+)/.exec(readFileSync(join(HYBRID, `proc/${app.pid}/cgroup`), 'utf8'))![1]!;
const real = (controller: string, file: string) => readFileSync(join(HYBRID, 'sys/fs/cgroup', controller, appPath, file), 'utf8');

describe('single values and limits', () => {
  it('reads a counter with its newline (captured cpuacct.usage)', () => {
    expect(parseSingle(real('cpuacct', 'cpuacct.usage'))).toBe(1435758327);
  });

  it('an empty or garbled file is unknown, not 0', () => {
    expect(parseSingle('')).toBeNull();
    expect(parseSingle('\n')).toBeNull();
    expect(parseSingle('-1\n')).toBeNull();
    expect(parseSingle('abc\n')).toBeNull();
  });

  it('v2 "max" is no limit; a v1 limit is the number the kernel prints', () => {
    expect(parseLimit('max\n')).toBe('max');
    expect(parseLimit(real('memory', 'memory.limit_in_bytes'))).toBe(33554432);
    expect(parseLimit('9223372036854771712\n')).toBeGreaterThan(2 ** 62);
  });
});

describe('flat-keyed files', () => {
  it('picks keys out of captured v1 cpu.stat, memory.stat and memory.oom_control', () => {
    const cpu = real('cpu', 'cpu.stat');
    expect([keyedValue(cpu, 'nr_periods'), keyedValue(cpu, 'nr_throttled'), keyedValue(cpu, 'throttled_time')]).toEqual([41, 13, 435095032]);
    const mem = real('memory', 'memory.stat');
    expect(keyedValue(mem, 'total_inactive_file')).toBe(0);
    expect(keyedValue(mem, 'total_cache')).toBe(8388608);
    expect(keyedValue(mem, 'total_rss')).toBe(65536);
    expect(keyedValue(real('memory', 'memory.oom_control'), 'oom_kill')).toBe(1);
  });

  it('matches whole keys only: "file" is not "file_mapped", "rss" is not "total_rss"', () => {
    const text = 'file_mapped 7\nfile 9\nanon_thp 1\nanon 3\n';
    expect(keyedValue(text, 'file')).toBe(9);
    expect(keyedValue(text, 'anon')).toBe(3);
    expect(keyedValue('total_rss 5\n', 'rss')).toBeNull();
    expect(keyedValue('rss 4\ntotal_rss 5\n', 'rss')).toBe(4);
  });

  it('the first line and a last line without newline are found', () => {
    expect(keyedValue('usage_usec 12\nuser_usec 3', 'usage_usec')).toBe(12);
    expect(keyedValue('usage_usec 12\nuser_usec 3', 'user_usec')).toBe(3);
    expect(keyedValue('', 'x')).toBeNull();
  });
});

describe('pressure (PSI)', () => {
  it('reads avg10 of some and full from a captured file', () => {
    expect(parsePsiAvg10(real('unified', 'cpu.pressure'))).toEqual({ some: 11.91, full: 11.91 });
  });

  it('a cpu.pressure without a full line (Linux < 5.13) has full null', () => {
    expect(parsePsiAvg10('some avg10=0.50 avg60=0.10 avg300=0.00 total=42\n')).toEqual({ some: 0.5, full: null });
  });
});

describe('block I/O', () => {
  it('v1 "Total 0" with no device line is unknown (blk-throttle not counting), not 0', () => {
    expect(parseBlkioServiceBytes(real('blkio', 'blkio.throttle.io_service_bytes_recursive'))).toBeNull();
  });

  it('v1 sums Read and Write over devices and ignores Sync/Async/Total', () => {
    const text = '8:0 Read 4096\n8:0 Write 8192\n8:0 Sync 8192\n8:0 Async 4096\n8:0 Discard 0\n8:0 Total 12288\n8:16 Read 1\n8:16 Write 2\nTotal 12291\n';
    expect(parseBlkioServiceBytes(text)).toEqual({ readBytes: 4097, writeBytes: 8194 });
  });

  it('v2 io.stat sums rbytes and wbytes over devices; empty means no I/O', () => {
    expect(parseIoStat('8:0 rbytes=10 wbytes=20 rios=1 wios=2 dbytes=0 dios=0\n253:0 rbytes=5 wbytes=0 rios=1 wios=0 dbytes=0 dios=0\n')).toEqual({ readBytes: 15, writeBytes: 20 });
    expect(parseIoStat('')).toEqual({ readBytes: 0, writeBytes: 0 });
  });
});

describe('/proc files', () => {
  it('net/dev excludes lo: a host namespace counts its real interfaces', () => {
    const host = manifest.find((c) => c.name === 'cap-host')!;
    const text = readFileSync(join(HYBRID, `proc/${host.pid}/net/dev`), 'utf8');
    const eth0 = /eth0:\s+(\d+)(?:\s+\d+){7}\s+(\d+)/.exec(text)!;
    expect(parseNetDev(text)).toEqual({ rxBytes: Number(eth0[1]), txBytes: Number(eth0[2]) });
  });

  it('net/dev with only lo (network none) is 0 bytes, known', () => {
    expect(parseNetDev(readFileSync(join(HYBRID, `proc/${app.pid}/net/dev`), 'utf8'))).toEqual({ rxBytes: 0, txBytes: 0 });
  });

  it('garbage is not a net/dev file', () => {
    expect(parseNetDev('nothing here')).toBeNull();
  });

  it('/proc/stat: user..softirq in ns (steal left out, as moby) and the cpuN lines', () => {
    const text = readFileSync(join(HYBRID, 'proc/stat'), 'utf8');
    const fields = text.split('\n')[0]!.split(/\s+/).slice(1, 8).map(Number);
    expect(parseProcStat(text)).toEqual({
      systemCpuNs: (fields.reduce((a, b) => a + b) * 1e9) / 100, onlineCpus: 2,
      // idle (391871) + iowait (2151) ticks of this capture
      idleCpuNs: ((391871 + 2151) * 1e9) / 100,
    });
  });

  it('MemTotal in bytes', () => {
    expect(parseMemTotal(readFileSync(join(HYBRID, 'proc/meminfo'), 'utf8'))).toBe(24684084 * 1024);
  });

  it('MemAvailable in bytes; absent (kernels before 3.14) is null', () => {
    expect(parseMemAvailable(readFileSync(join(HYBRID, 'proc/meminfo'), 'utf8'))).toBe(22897964 * 1024);
    expect(parseMemAvailable('MemTotal:       1024 kB\nMemFree:         512 kB\n')).toBeNull();
  });
});
