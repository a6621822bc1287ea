import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, openSync, closeSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { REPO } from '../../helpers/cli.js';

/** The pinned code-server (VS Code 1.100.3): the last release whose engines.node is 20. */
export const CODE_SERVER_VERSION = '4.100.3';

/** Where scripts/install-code-server.sh puts it (gitignored). */
export const CODE_SERVER_PREFIX = join(REPO, '.e2e', 'code-server');
const BIN = join(CODE_SERVER_PREFIX, 'node_modules', '.bin', 'code-server');

/**
 * Installs code-server with scripts/install-code-server.sh (about a minute on a fresh machine:
 * native builds; it reuses an install whose `--version` is the pinned one). Returns the binary.
 */
export function ensureCodeServer(): string {
  const r = spawnSync('bash', [join(REPO, 'scripts', 'install-code-server.sh'), CODE_SERVER_PREFIX], {
    encoding: 'utf8',
    timeout: 600_000,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (r.status !== 0)
    throw new Error(`scripts/install-code-server.sh failed (${r.status ?? r.signal}):\n${r.stdout}\n${r.stderr}`);
  if (!existsSync(BIN)) throw new Error(`code-server is not at ${BIN} after installing`);
  return BIN;
}

/** The environment of everything the test starts: HOME and the XDG folders inside its temporary folder. */
export function isolatedEnv(home: string): NodeJS.ProcessEnv {
  for (const d of ['.config', '.cache', '.local/share', '.local/state']) mkdirSync(join(home, d), { recursive: true });
  return {
    ...process.env,
    HOME: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_CACHE_HOME: join(home, '.cache'),
    XDG_DATA_HOME: join(home, '.local/share'),
    XDG_STATE_HOME: join(home, '.local/state'),
  };
}

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** A running code-server. */
export interface CodeServer {
  /** `http://127.0.0.1:PORT/?folder=…`. */
  url: string;
  pid: number;
  /** Its log (stdout and stderr). */
  log: string;
  /** Stops it and every process it started (its process group): SIGTERM, then SIGKILL after 5 s. */
  stop(): Promise<void>;
}

/** Options of {@link startCodeServer}. */
export interface CodeServerOptions {
  bin: string;
  /** A fresh folder for the profile, extensions, config and HOME. */
  dir: string;
  vsix: string;
  workspace: string;
  /**
   * Workspace Trust on (VS Code's default), so the folder, which a fresh profile has never
   * trusted, opens in Restricted Mode without asking; off (the default here) trusts everything.
   */
  workspaceTrust?: boolean;
  /** More environment for code-server (and so for its extension host and language server). */
  env?: Record<string, string>;
  /** The user's keybindings.json. */
  keybindings?: { key: string; command: string }[];
}

/**
 * Installs the .vsix into a fresh profile and serves that profile on 127.0.0.1 (no
 * authentication, no TLS, no telemetry or update checks), with the workspace folder open.
 * code-server runs in its own process group, so `stop` ends its extension host and the
 * language server with it.
 */
export async function startCodeServer(options: CodeServerOptions): Promise<CodeServer> {
  const { bin, dir } = options;
  const data = join(dir, 'data');
  const extensions = join(dir, 'extensions');
  mkdirSync(join(data, 'User'), { recursive: true });
  mkdirSync(extensions, { recursive: true });
  writeFileSync(
    join(data, 'User', 'settings.json'),
    JSON.stringify({
      'security.workspace.trust.enabled': options.workspaceTrust === true,
      'security.workspace.trust.startupPrompt': 'never',
      'telemetry.telemetryLevel': 'off',
      'update.mode': 'none',
      'extensions.autoCheckUpdates': false,
      'extensions.autoUpdate': false,
      'extensions.ignoreRecommendations': true,
      'workbench.startupEditor': 'none',
      'workbench.tips.enabled': false,
      'workbench.enableExperiments': false,
      'chat.disableAIFeatures': true,
      'editor.minimap.enabled': false,
      'git.enabled': false,
      'window.commandCenter': false,
    }),
  );
  if (options.keybindings) writeFileSync(join(data, 'User', 'keybindings.json'), JSON.stringify(options.keybindings));
  const port = await freePort();
  const config = join(dir, 'config.yaml');
  writeFileSync(config, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  const env = isolatedEnv(join(dir, 'home'));
  Object.assign(env, options.env);
  const common = ['--config', config, '--user-data-dir', data, '--extensions-dir', extensions];
  const install = spawnSync(bin, [...common, '--install-extension', options.vsix, '--force'], {
    encoding: 'utf8',
    env,
    timeout: 120_000,
  });
  if (install.status !== 0 || !/successfully installed/.test(install.stdout))
    throw new Error(`installing ${options.vsix} failed:\n${install.stdout}\n${install.stderr}`);
  const logFile = join(dir, 'code-server.log');
  const out = openSync(logFile, 'a');
  let child: ChildProcess;
  try {
    const trust = options.workspaceTrust ? [] : ['--disable-workspace-trust'];
    child = spawn(
      bin,
      [
        ...common,
        '--disable-telemetry',
        '--disable-update-check',
        ...trust,
        '--disable-getting-started-override',
        '--ignore-last-opened',
        options.workspace,
      ],
      {
        env,
        detached: true,
        stdio: ['ignore', out, out],
      },
    );
  } finally {
    closeSync(out);
  }
  const pid = child.pid!;
  let exited = false;
  child.on('exit', () => (exited = true));
  const stop = async () => {
    if (exited) return;
    signalGroup(pid, 'SIGTERM');
    for (let i = 0; i < 50 && !exited; i++) await sleep(100);
    signalGroup(pid, 'SIGKILL');
    // The group may outlive its leader for a moment (the extension host, the language server).
    for (let i = 0; i < 30 && groupAlive(pid); i++) await sleep(100);
  };
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    if (exited) break;
    try {
      const res = await fetch(`${base}/healthz`);
      if (res.ok) return { url: `${base}/?folder=${encodeURIComponent(options.workspace)}`, pid, log: logFile, stop };
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  await stop();
  throw new Error(`code-server did not answer on ${base} (see ${logFile})`);
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
