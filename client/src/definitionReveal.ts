// Go to Definition on a claim should land on the quoted words (or the figure) in the
// source, selected and in view. VS Code puts the cursor at the start of the link's
// targetSelectionRange and selects nothing, and on a long unwrapped line the words stay
// off-screen to the right. A middleware remembers the targets the server just returned;
// when an editor on one of them gets its cursor at the target's start, the words are
// selected and revealed in the centre.

import * as vscode from 'vscode';
import type { Middleware } from 'vscode-languageclient/node';

/** How long after a definition request a cursor landing on a target counts as the jump. */
const JUMP_MS = 5000;

export class DefinitionReveal implements vscode.Disposable {
  private targets: Array<{ uri: string; range: vscode.Range }> = [];
  private until = 0;
  private readonly listener: vscode.Disposable;

  constructor() {
    this.listener = vscode.window.onDidChangeTextEditorSelection((e) => this.landed(e.textEditor));
  }

  readonly middleware: Middleware = {
    provideDefinition: async (document, position, token, next) => {
      const result = await next(document, position, token);
      const links = Array.isArray(result) ? result : result ? [result] : [];
      this.targets = links.map((l) =>
        'targetUri' in l ? { uri: l.targetUri.toString(), range: l.targetSelectionRange ?? l.targetRange } : { uri: l.uri.toString(), range: l.range },
      );
      this.until = Date.now() + JUMP_MS;
      return result;
    },
  };

  /** Selects and centres the target the cursor just landed on, once. */
  private landed(editor: vscode.TextEditor): void {
    if (Date.now() > this.until || this.targets.length === 0) return;
    const sel = editor.selection;
    if (!sel.isEmpty) return;
    const uri = editor.document.uri.toString();
    const t = this.targets.find((x) => x.uri === uri && x.range.start.isEqual(sel.active) && !x.range.isEmpty);
    if (!t) return;
    this.targets = [];
    editor.selection = new vscode.Selection(t.range.start, t.range.end);
    editor.revealRange(t.range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  dispose(): void {
    this.listener.dispose();
  }
}
