// Custom LSP requests Source Check's server answers, beyond the standard protocol. The
// VS Code client (and any other client) calls them by these names with these shapes.

import type { Range } from 'vscode-languageserver/node';

/** Lists the figures and dates the sources disagree on. */
export const DISAGREEMENTS_REQUEST = 'sourceCheck/disagreements';

export interface DisagreementsParams {
  /** A workspace folder or a document inside one; every folder when absent. */
  uri?: string;
}

export interface DisagreementVersion {
  /** The source file, and the figure's or date's range in it. */
  uri: string;
  range: Range;
  sourceId: string;
  /** As the source writes it ("Sep. 6"), and its value ("2022-09-06"). */
  text: string;
  value: string;
  /** The source sentence (plain text, untrusted: escape before rendering). */
  sentence: string;
  title: string | null;
  outlet: string | null;
  date: string | null;
  /** How a relative date was resolved, when it was. */
  resolved: string | null;
}

export interface DisagreementItem {
  kind: 'figure' | 'date';
  /** What the versions are about ("Aibek, Smadiyarov"). */
  about: string;
  versions: DisagreementVersion[];
}

export interface DisagreementsResult {
  disagreements: DisagreementItem[];
}
