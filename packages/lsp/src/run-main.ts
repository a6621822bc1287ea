import { VERSION } from '@permset/compiler';
import { ProposedFeatures, createConnection } from 'vscode-languageserver/node';
import { startServer, type StartServerOptions } from './server/index.js';

const USAGE = `Usage: permset-language-server --stdio | --node-ipc | --socket=PORT

The permset language server (LSP). Editors start it with one of the transports above; see
docs/editors.md for Neovim, Emacs, Vim, Helix and VS Code setups.`;

/**
 * The `permset-language-server` command: parses the transport flag (which `createConnection`
 * reads from the process arguments) and starts the server. Exceptions that escape a handler are
 * logged, never fatal. `options.afterFirstCheck` runs once the first check was published.
 */
export function runMain(args: string[], options: Pick<StartServerOptions, 'afterFirstCheck'> = {}): void {
  if (args.includes('--version') || args.includes('-v')) {
    process.stdout.write(`permset-language-server ${VERSION}\n`);
    return;
  }
  if (
    args.includes('--help') ||
    args.includes('-h') ||
    !args.some((a) => a === '--stdio' || a === '--node-ipc' || a.startsWith('--socket=') || a.startsWith('--pipe='))
  ) {
    process.stderr.write(USAGE + '\n');
    process.exitCode = args.includes('--help') || args.includes('-h') ? 0 : 2;
    return;
  }
  const connection = createConnection(ProposedFeatures.all);
  process.on('uncaughtException', (e) =>
    connection.console.error(`permset: unexpected error: ${e.stack ?? String(e)}`),
  );
  process.on('unhandledRejection', (e) =>
    connection.console.error(`permset: unexpected rejection: ${(e as Error)?.stack ?? String(e)}`),
  );
  startServer(connection, options);
}
