import * as vscode from 'vscode';
import type { ClientSession } from '../client/client-session.js';
import { BuilderView } from './builder-view.js';
import { DiffView } from './diff-view.js';
import { ExplainView } from './explain-view.js';
import { MatrixView } from './matrix-view.js';
import { PreviewView } from './preview-view.js';

/** The extension's webviews. */
export class Views implements vscode.Disposable {
  readonly matrix: MatrixView;
  readonly preview: PreviewView;
  readonly explain: ExplainView;
  readonly diff: DiffView;
  readonly builder: BuilderView;

  constructor(session: ClientSession, extensionUri: vscode.Uri) {
    const icon = vscode.Uri.joinPath(extensionUri, 'images', 'icon.png');
    this.matrix = new MatrixView(session, icon);
    this.preview = new PreviewView(session, icon);
    this.explain = new ExplainView(session, icon);
    this.diff = new DiffView(session, icon);
    this.builder = new BuilderView(session, icon);
  }

  dispose(): void {
    this.matrix.dispose();
    this.preview.dispose();
    this.explain.dispose();
    this.diff.dispose();
    this.builder.dispose();
  }
}
