/**
 * The ways a node's `ssh:` value (and a `--node` address, and a ProxyJump
 * hop) names a host: an ssh_config alias, `user@host`, `user@host:port`,
 * `ssh://user@host:port`, with `[v6addr]` brackets. What the destination
 * says overrides the config, as `ssh -p PORT user@host` does.
 */

/** A parsed destination. */
export interface Destination {
  /** Host or alias, looked up in the ssh config (`Host` patterns). */
  host: string;
  user: string | null;
  port: number | null;
}

/** Parses one destination; throws an Error naming the value when it is malformed. */
export function parseDestination(value: string): Destination {
  const v = value.trim();
  const uri = v.startsWith('ssh://');
  const rest = uri ? v.slice('ssh://'.length).replace(/\/$/, '') : v;
  const at = rest.lastIndexOf('@');
  const user = at === -1 ? null : rest.slice(0, at);
  const hostPort = at === -1 ? rest : rest.slice(at + 1);
  let host: string;
  let portText: string | undefined;
  const bracket = /^\[([^\]]+)\](?::(\d+))?$/.exec(hostPort);
  if (bracket) {
    host = bracket[1]!;
    portText = bracket[2];
  } else {
    const parts = hostPort.split(':');
    if (parts.length > 2) {
      // A bare IPv6 address: no port can be told apart.
      host = hostPort;
    } else {
      host = parts[0]!;
      portText = parts[1];
    }
  }
  if (host === '' || /[\s/@]/.test(host) || user === '') throw new Error(`"${value}" is not an SSH destination (alias, user@host[:port] or ssh://user@host[:port])`);
  let port: number | null = null;
  if (portText !== undefined) {
    port = Number(portText);
    if (!/^\d+$/.test(portText) || port < 1 || port > 65535) throw new Error(`"${value}": port must be 1-65535`);
  }
  return { host, user, port };
}

/** `user@host:port` for messages, with brackets around IPv6 hosts. */
export function formatAddress(user: string, host: string, port: number): string {
  const h = host.includes(':') ? `[${host}]` : host;
  return `${user}@${h}${port === 22 ? '' : `:${port}`}`;
}
