/**
 * The remote sampler's host side (issue 5): ONE awk process per node, in a
 * long-lived exec channel, that reads the node's counter files every tick
 * and writes one framed record to stdout, so a tick costs berth no round
 * trip and the host no fork per file (REFERENCE.md §3). POSIX awk only
 * (mawk, gawk and busybox awk run it), started from POSIX sh.
 *
 * The file list comes on stdin, one path a line, ended by an empty line:
 * no argv size limit, and a path is never parsed by a shell (awk opens it
 * as a string). When the list changes (containers come and go) berth ends
 * the channel and starts a new one: POSIX sh and awk have no read with a
 * timeout, so listening on stdin between ticks would need a second process;
 * a restart costs one channel open, and only when the set changes.
 *
 * Nothing stays on the host: when the channel closes (berth exits, the
 * connection drops), the next write fails and awk ends within one interval;
 * `sleep` is its only child and ends by itself. A write failure must end
 * it even where SIGPIPE is ignored (inherited SIG_IGN): busybox awk then
 * carries on and its fflush() returns garbage, so the shell that sleeps
 * between ticks first writes the record's last newline with `echo`, whose
 * failure (EPIPE) ends the loop in every awk.
 *
 * memory.stat is trimmed on the host to the lines berth decodes
 * (MEMORY_STAT_KEYS, the third argument): it is most of a tick's bytes.
 *
 * Record, every marker line starting with the stream's random boundary
 * (128 bits, so no counter file holds it):
 *
 *     B T <seq> <host uptime s | ->
 *     B F <i>          then file i's lines (i counts from 1, list order)
 *     B X <i>          file i could not be read (gone, or not readable)
 *     B E <seq>
 */

/** argv[0] the host shows for the sampler's shell, so an operator (and a test) can tell what it is. */
export const SAMPLER_NAME = 'berth-sampler';

/** Prefix of every stream's boundary; the awk process's argv holds it (`-v b=…`). */
export const BOUNDARY_PREFIX = '--berth-stream-';

/**
 * `sh -c SCRIPT berth-sampler BOUNDARY INTERVAL KEYS`. INTERVAL is seconds as a
 * decimal; the loop sleeps what its pass left of the interval, so it
 * ticks at the interval rather than interval + pass (fractional sleep is
 * not POSIX; where `sleep` refuses it, the loop falls back to whole
 * seconds, and stops if even that fails rather than spin). The record's last newline comes from the shell's `echo`.
 */
export const STREAM_SCRIPT = `LC_ALL=C; export LC_ALL
exec awk -v b="$1" -v iv="$2" -v keys="$3" '
BEGIN {
  split(keys, kk, " "); for (k in kk) mk[kk[k]] = 1
  n = 0
  while ((getline f) > 0) { if (f == "") break; p[++n] = f }
  seq = 0
  for (;;) {
    seq++
    up = "-"
    if ((getline u < "/proc/uptime") > 0) { split(u, a, " "); up = a[1] }
    close("/proc/uptime")
    print b " T " seq " " up
    for (i = 1; i <= n; i++) {
      f = p[i]
      print b " F " i
      if (substr(f, length(f) - 11) == "/memory.stat") {
        while ((r = (getline l < f)) > 0) { split(l, w, " "); if (w[1] in mk) print l }
      } else while ((r = (getline l < f)) > 0) print l
      if (r < 0) print b " X " i
      close(f)
    }
    # Sleep what is left of the tick (the pass took some of it; uptime has 10 ms steps).
    s = iv + 0
    if (up != "-" && (getline u < "/proc/uptime") > 0) { split(u, a, " "); s = iv - (a[1] - up) }
    close("/proc/uptime")
    if (s < 0.01) s = 0.01
    printf "%s", b " E " seq
    fflush()
    if (system("echo && { sleep " s " || sleep 1; }") != 0) exit 1
  }
}'
`;

/** The interval as the script's argument: seconds, at most three decimals, at least 0.05. */
export function intervalArg(ms: number): string {
  const s = Math.max(50, Math.round(ms)) / 1000;
  return String(s);
}
