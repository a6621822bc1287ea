import * as vscode from 'vscode';
import { State, type LanguageClient, type Middleware } from 'vscode-languageclient/node';
import {
  DID_COMPILE_NOTIFICATION,
  STATUS_REQUEST,
  type DidCompileParams,
  type ProjectStatus,
  type StatusResult,
} from '../../../lsp/src/server/custom-protocol.js';
import type { ServerState } from '../status/status-presentation.js';
import { createLanguageClient } from './language-client.js';
import { policyFolderUris } from './policy-folders.js';

/** How long the first check may take before a progress notification appears. */
const PROGRESS_DELAY_MS = 700;

/**
 * The language client's life: start (with a progress indicator until the workspace is first
 * checked), restart on settings that shape it, stop. The views and commands go through it for
 * the server's custom requests, and hear from it when the project was re-checked.
 */
export class ClientSession implements vscode.Disposable {
  private client: LanguageClient | undefined;
  private current: ServerState = 'stopped';
  private latest: StatusResult | undefined;
  private statusTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly stateChanged = new vscode.EventEmitter<ServerState>();
  private readonly compiled = new vscode.EventEmitter<DidCompileParams>();
  private readonly statusChanged = new vscode.EventEmitter<StatusResult>();
  /** The server started, stopped or failed. */
  readonly onDidChangeState = this.stateChanged.event;
  /** The server re-checked the project (after an edit or a change on disk). */
  readonly onDidCompile = this.compiled.event;
  /** New counts and ids of the projects (after each check). */
  readonly onDidChangeStatus = this.statusChanged.event;

  constructor(
    private readonly context: vscode.ExtensionContext,
    readonly output: vscode.LogOutputChannel,
    private readonly middleware: Middleware,
  ) {}

  get state(): ServerState {
    return this.current;
  }

  /** The projects as of the last check (undefined before the first). */
  get status(): StatusResult | undefined {
    return this.latest;
  }

  /** Starts the server; resolves once the workspace was first checked (or the start failed). */
  async start(): Promise<void> {
    if (this.client) return;
    const client = createLanguageClient(this.context, await policyFolderUris(), this.output, this.middleware);
    this.client = client;
    this.setState('starting');
    client.onNotification(DID_COMPILE_NOTIFICATION, (params: DidCompileParams) => {
      this.compiled.fire(params);
      this.scheduleStatus();
    });
    client.onDidChangeState((e) => {
      if (this.client !== client) return;
      if (e.newState === State.Stopped && this.current === 'ready') this.setState('failed');
      // The client restarts a server that crashed: back to ready once it runs again.
      else if (e.newState === State.Running && this.current === 'failed') {
        this.setState('ready');
        this.scheduleStatus();
      }
    });
    // The server answers requests in order, after its `initialized` handler has read and checked
    // every policy file: the first status answer marks the end of the initial check.
    const firstCheck = (async () => {
      await client.start();
      await this.refreshStatus();
    })();
    const timer = setTimeout(() => {
      void vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: 'Permset: checking the policies…' },
        () => firstCheck.catch(() => undefined),
      );
    }, PROGRESS_DELAY_MS);
    try {
      await firstCheck;
      if (this.client === client) this.setState('ready');
    } catch (e) {
      if (this.client === client) {
        this.setState('failed');
        this.output.appendLine(`permset: the language server did not start: ${(e as Error)?.stack ?? String(e)}`);
      }
    } finally {
      clearTimeout(timer);
    }
  }

  /** Stops the server (its diagnostics go away with it). */
  async stop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (this.statusTimer) clearTimeout(this.statusTimer);
    this.latest = undefined;
    this.setState('stopped');
    if (client) {
      try {
        await client.stop(5000);
      } catch (e) {
        this.output.appendLine(`permset: stopping the language server: ${(e as Error)?.message ?? String(e)}`);
      }
    }
  }

  /** Starts the server again (new settings, new workspace folders, or on request). */
  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  /** Sends a custom request; fails with a message for people when the server is not running. */
  async request<R>(method: string, params: object): Promise<R> {
    const client = this.client;
    if (!client || this.current === 'stopped' || this.current === 'failed')
      throw new Error('The permset language server is not running (Permset: Restart Language Server).');
    if (this.current === 'starting') await this.onceReady();
    return client.sendRequest<R>(method, params);
  }

  /** The project of a document or folder URI, else of the active editor, else the first. */
  projectFor(uri: string | undefined): ProjectStatus | undefined {
    const projects = this.latest?.projects ?? [];
    const key = uri ?? vscode.window.activeTextEditor?.document.uri.toString();
    if (key) {
      const inside = projects.filter((p) => key === p.folderUri || key.startsWith(p.folderUri.replace(/\/?$/, '/')));
      inside.sort((a, b) => b.folderUri.length - a.folderUri.length);
      if (inside[0]) return inside[0];
    }
    return projects[0];
  }

  /** Asks the server for the projects' status now. */
  async refreshStatus(): Promise<StatusResult | undefined> {
    const client = this.client;
    if (!client) return undefined;
    const status = await client.sendRequest<StatusResult>(STATUS_REQUEST, {});
    if (this.client !== client) return undefined;
    this.latest = status;
    this.statusChanged.fire(status);
    return status;
  }

  private scheduleStatus(): void {
    if (this.statusTimer) clearTimeout(this.statusTimer);
    this.statusTimer = setTimeout(() => {
      this.statusTimer = undefined;
      this.refreshStatus().catch((e) =>
        this.output.appendLine(`permset: status: ${(e as Error)?.message ?? String(e)}`),
      );
    }, 100);
  }

  private onceReady(): Promise<void> {
    return new Promise((resolve, reject) => {
      const sub = this.onDidChangeState((s) => {
        if (s === 'starting') return;
        sub.dispose();
        if (s === 'ready') resolve();
        else reject(new Error('The permset language server did not start (see Permset: Show Language Server Output).'));
      });
    });
  }

  private setState(state: ServerState): void {
    if (state === this.current) return;
    this.current = state;
    void vscode.commands.executeCommand('setContext', 'permset.active', state === 'ready' || state === 'starting');
    this.stateChanged.fire(state);
  }

  dispose(): void {
    void this.stop();
    this.stateChanged.dispose();
    this.compiled.dispose();
    this.statusChanged.dispose();
  }
}
