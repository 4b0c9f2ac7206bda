// Times "draft opened → first diagnostics" through the VS Code API, inside the extension host:
// from openTextDocument to the first Source Check diagnostics VS Code holds for the draft.
// Recorded in the suite's result file (index.ts) and printed by the driver; never asserted.
import * as vscode from 'vscode';

const EXTENSION_ID = 'source-check.source-check';

export interface SuiteMeasurement {
  name: string;
  ms: number;
  detail?: string;
}

/** The suite's measurements, shared by every bundled test file (each has its own copy of this module). */
export function measurements(): SuiteMeasurement[] {
  const g = globalThis as { sourceCheckMeasurements?: SuiteMeasurement[] };
  return (g.sourceCheckMeasurements ??= []);
}

const ours = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'source-check');

/**
 * Opens and shows the draft, and records how long its first Source Check diagnostics took
 * (when they come within `waitMs`: the tests that follow wait for them and fail on their own).
 */
export async function openTimed(uri: vscode.Uri, name: string, waitMs: number): Promise<{ doc: vscode.TextDocument; editor: vscode.TextEditor }> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  const wasActive = !!ext?.isActive;
  const opened = Date.now();
  let first: number | undefined;
  let seen!: () => void;
  const arrived = new Promise<void>((resolve) => (seen = resolve));
  const sub = vscode.languages.onDidChangeDiagnostics((e) => {
    if (first === undefined && e.uris.some((u) => u.toString() === uri.toString()) && ours(uri).length > 0) {
      first = Date.now();
      seen();
    }
  });
  try {
    const doc = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(doc);
    if (first === undefined && ours(uri).length > 0) first = Date.now();
    if (first === undefined) await Promise.race([arrived, new Promise((r) => setTimeout(r, waitMs))]);
    if (first !== undefined) {
      measurements().push({ name, ms: first - opened, detail: wasActive ? 'extension already active at open' : 'extension activated by the open or still activating' });
    }
    return { doc, editor };
  } finally {
    sub.dispose();
  }
}
