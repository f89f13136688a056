import { describe, expect, it } from 'vitest';
import { BerthError } from '../../../../src/domain/errors.ts';
import { lexConfig } from '../../../../src/transport/ssh/config-lex.ts';
import { resolveSshHost, sshConfigFiles, type ConfigFile, type SshConfigEnv } from '../../../../src/transport/ssh/config.ts';
import { parseDestination } from '../../../../src/transport/ssh/destination.ts';

/** A config environment over in-memory files. */
function envWith(files: Record<string, string>, extra: Partial<SshConfigEnv> = {}): SshConfigEnv {
  return {
    env: { SSH_AUTH_SOCK: '/run/agent.sock', TEAM: 'ops' },
    home: '/home/me',
    localUser: 'me',
    uid: 1000,
    localHost: 'laptop.example.com',
    readText: (p) => files[p] ?? null,
    listDir: (p) => {
      const prefix = p.endsWith('/') ? p : `${p}/`;
      const names = Object.keys(files).filter((f) => f.startsWith(prefix)).map((f) => f.slice(prefix.length).split('/')[0]!);
      return names.length ? [...new Set(names)] : null;
    },
    ...extra,
  };
}

const USER: ConfigFile[] = [{ path: '/home/me/.ssh/config', required: false, system: false }];

function resolve(text: string, dest: string, more: Record<string, string> = {}) {
  return resolveSshHost(parseDestination(dest), USER, envWith({ '/home/me/.ssh/config': text, ...more }));
}

describe('lexConfig', () => {
  it('reads Key value, Key=value, quotes and comments', () => {
    const lines = lexConfig('# c\nHost web\n  HostName=10.0.0.1\n  IdentityFile "/a b/key" # trailing\n\tPort  2222\n', 'f');
    expect(lines.map((l) => [l.keyword, l.args, l.line])).toEqual([
      ['host', ['web'], 2],
      ['hostname', ['10.0.0.1'], 3],
      ['identityfile', ['/a b/key'], 4],
      ['port', ['2222'], 5],
    ]);
  });

  it('says FILE:LINE for a line it cannot read', () => {
    expect(() => lexConfig('Host a\n  IdentityFile "/unterminated\n', '/cfg')).toThrow('/cfg:2: unterminated quote');
  });
});

describe('sshConfigFiles', () => {
  it('BERTH_SSH_CONFIG alone, like ssh -F (the system file is skipped too)', () => {
    expect(sshConfigFiles({ BERTH_SSH_CONFIG: '/x/cfg' }, '/home/me')).toEqual([{ path: '/x/cfg', required: true, system: false }]);
  });

  it('else ~/.ssh/config under $HOME, then /etc/ssh/ssh_config', () => {
    expect(sshConfigFiles({}, '/tmp/h').map((f) => f.path)).toEqual(['/tmp/h/.ssh/config', '/etc/ssh/ssh_config']);
  });
});

describe('resolveSshHost', () => {
  const CONFIG = [
    'Host web*',
    '  User deploy',
    '  Port 2200',
    '',
    'Host web1',
    '  HostName 10.0.0.11',
    '  User ignored-first-wins',
    '',
    'Host * !bastion',
    '  ProxyJump bastion',
    '',
    'Host bastion',
    '  HostName bastion.example.com',
    '',
    'Host *',
    '  User fallback',
    '  IdentityFile ~/.ssh/id_%h_%r',
    '  IdentityFile %d/keys/%u-%p',
    '  UserKnownHostsFile ~/.ssh/kh1 ~/.ssh/kh2',
    '  StrictHostKeyChecking accept-new',
    '  ConnectTimeout 7',
    '',
  ].join('\n');

  it('the first value wins, across matching blocks', () => {
    const h = resolve(CONFIG, 'web1');
    expect(h.hostName).toBe('10.0.0.11');
    expect(h.user).toBe('deploy');
    expect(h.port).toBe(2200);
  });

  it('negated patterns exclude a host from a block', () => {
    expect(resolve(CONFIG, 'web1').proxyJump).toEqual(['bastion']);
    expect(resolve(CONFIG, 'bastion').proxyJump).toEqual([]);
    expect(resolve(CONFIG, 'bastion').hostName).toBe('bastion.example.com');
  });

  it('IdentityFile accumulates, with ~, %h (host name), %r (remote user), %d, %u (LOCAL user), %p', () => {
    expect(resolve(CONFIG, 'web1').identityFiles).toEqual(['/home/me/.ssh/id_10.0.0.11_deploy', '/home/me/keys/me-2200']);
    expect(resolve(CONFIG, 'web1').identityFilesExplicit).toBe(true);
  });

  it('UserKnownHostsFile takes several files; StrictHostKeyChecking and ConnectTimeout are read', () => {
    const h = resolve(CONFIG, 'db1');
    expect(h.userKnownHostsFiles).toEqual(['/home/me/.ssh/kh1', '/home/me/.ssh/kh2']);
    expect(h.strictHostKeyChecking).toBe('accept-new');
    expect(h.connectTimeoutMs).toBe(7000);
    expect(h.user).toBe('fallback');
  });

  it('user and port in the destination win over the config (as on ssh\'s command line)', () => {
    const h = resolve(CONFIG, 'root@web1:2222');
    expect([h.user, h.port]).toEqual(['root', 2222]);
  });

  it('defaults: local user, port 22, the ~/.ssh/id_* keys, known_hosts under $HOME, ask, agent from SSH_AUTH_SOCK', () => {
    const h = resolve('', 'plain.example.com');
    expect(h).toMatchObject({
      hostName: 'plain.example.com',
      user: 'me',
      port: 22,
      identitiesOnly: false,
      identityFilesExplicit: false,
      identityAgent: '/run/agent.sock',
      strictHostKeyChecking: 'ask',
      hashKnownHosts: false,
      userKnownHostsFiles: ['/home/me/.ssh/known_hosts', '/home/me/.ssh/known_hosts2'],
      proxyJump: [],
      connectTimeoutMs: null,
    });
    expect(h.identityFiles[0]).toBe('/home/me/.ssh/id_rsa');
    expect(h.identityFiles).toContain('/home/me/.ssh/id_ed25519');
  });

  it('HostName may use %h; IdentitiesOnly, IdentityAgent none, HashKnownHosts, HostKeyAlias', () => {
    const h = resolve('Host short\n HostName %h.internal\n IdentitiesOnly yes\n IdentityAgent none\n HashKnownHosts yes\n HostKeyAlias shared\n', 'short');
    expect(h).toMatchObject({ hostName: 'short.internal', identitiesOnly: true, identityAgent: null, hashKnownHosts: true, hostKeyAlias: 'shared' });
  });

  it('StrictHostKeyChecking no and off are read as no (the transport treats it as accept-new)', () => {
    expect(resolve('StrictHostKeyChecking off\n', 'x').strictHostKeyChecking).toBe('no');
  });

  it('several ProxyJump hops, comma-separated', () => {
    expect(resolve('Host t\n ProxyJump a@hop1:2201,ssh://hop2\n', 't').proxyJump).toEqual(['a@hop1:2201', 'ssh://hop2']);
  });

  it('ProxyJump none stops a later Host * from adding one', () => {
    expect(resolve('Host direct\n ProxyJump none\nHost *\n ProxyJump bastion\n', 'direct').proxyJump).toEqual([]);
  });

  it('Include: relative to ~/.ssh, with globs, inside a Host block conditionally', () => {
    const files = {
      '/home/me/.ssh/config.d/10-web': 'Host web1\n  Port 2201\n',
      '/home/me/.ssh/config.d/20-db': 'Host db1\n  Port 2202\n',
      '/home/me/.ssh/prod': 'User produser\n',
    };
    const text = 'Include config.d/*\nHost prod*\n  Include prod\n';
    expect(resolve(text, 'web1', files).port).toBe(2201);
    expect(resolve(text, 'db1', files).port).toBe(2202);
    expect(resolve(text, 'prod1', files).user).toBe('produser');
    expect(resolve(text, 'web1', files).user).toBe('me');
  });

  it('Match host / originalhost / user / all; unsupported Match exec is skipped with a warning', () => {
    const text = [
      'Host alias',
      '  HostName real.example.com',
      'Match host real.example.com',
      '  Port 2022',
      'Match originalhost alias user me',
      '  User matched',
      'Match exec "true"',
      '  IdentityFile /never',
      'Match all',
      '  ConnectTimeout 3',
    ].join('\n');
    const h = resolve(text, 'alias');
    expect(h.port).toBe(2022);
    expect(h.user).toBe('matched');
    expect(h.identityFiles).not.toContain('/never');
    expect(h.connectTimeoutMs).toBe(3000);
    expect(h.warnings.join()).toMatch(/Match exec is not supported/);
  });

  it('ForwardAgent yes is ignored with a warning: berth never forwards the agent', () => {
    expect(resolve('ForwardAgent yes\n', 'x').warnings.join()).toMatch(/never forwards/);
  });

  it('a bad value is a config error naming FILE:LINE', () => {
    const err = (() => {
      try {
        resolve('Host x\n  Port many\n', 'x');
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(BerthError);
    expect((err as BerthError).kind).toBe('config');
    expect((err as BerthError).message).toMatch(/^\/home\/me\/\.ssh\/config:2: Port must be 1-65535/);
  });

  it('a missing BERTH_SSH_CONFIG file is an error; a missing ~/.ssh/config is not', () => {
    expect(() => resolveSshHost(parseDestination('x'), [{ path: '/nope', required: true, system: false }], envWith({}))).toThrow(/does not exist/);
    expect(resolveSshHost(parseDestination('x'), USER, envWith({})).hostName).toBe('x');
  });

  it('${VAR} from the environment in paths; an unset one is an error', () => {
    expect(resolve('IdentityFile /keys/${TEAM}/id\n', 'x').identityFiles).toEqual(['/keys/ops/id']);
    expect(() => resolve('IdentityFile /keys/${NOPE}/id\n', 'x')).toThrow(/NOPE/);
  });

  it('the user file comes before the system file; first value wins across both', () => {
    const files: ConfigFile[] = [...USER, { path: '/etc/ssh/ssh_config', required: false, system: true }];
    const h = resolveSshHost(parseDestination('x'), files, envWith({ '/home/me/.ssh/config': 'Port 2000\n', '/etc/ssh/ssh_config': 'Host *\n Port 22\n HashKnownHosts yes\n' }));
    expect([h.port, h.hashKnownHosts]).toEqual([2000, true]);
  });
});
