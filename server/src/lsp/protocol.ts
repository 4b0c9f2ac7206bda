// Source Check's custom LSP requests and notifications, shared by the server and the
// VS Code client (and usable from any LSP client). Plain method names and JSON shapes:
// no vscode or vscode-languageserver imports, so both sides can load this file.
// A public interface: README, "Language server requests".

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** A source's identity and provenance. Unknown fields are null, never guessed. */
export interface SourceMetaInfo {
  /** Path relative to its workspace folder. */
  id: string;
  uri: string;
  title: string | null;
  outlet: string | null;
  author: string | null;
  /** YYYY-MM-DD. */
  date: string | null;
  url: string | null;
}

// ---- sourceCheck/claims: every claim of a draft, for the status bar and the claims report.

export const ClaimsRequest = 'sourceCheck/claims';

export interface ClaimsParams {
  uri: string;
}

export interface ClaimSource extends SourceMetaInfo {
  /** "Source passage", "Source", "Also in", "Closest passage". */
  role: string;
  range: Range;
  /** The source's wording, when it differs from the draft's. */
  wording: string | null;
}

export interface ClaimInfo {
  /** "quote" today; figures, dates and speakers add their kinds. */
  kind: string;
  text: string;
  range: Range;
  verdict: string;
  /** Covered by an ignore directive: found, not reported. */
  ignored: boolean;
  /** The finding the claim produced (after the severity settings), if any. */
  code: string | null;
  severity: 'error' | 'warning' | 'information' | 'hint' | null;
  message: string | null;
  sources: ClaimSource[];
}

export interface ClaimsResult {
  uri: string;
  version: number;
  /** Why the document was not checked ("not a draft", "over sourceCheck.maxFileSize"), else null. */
  skipped: string | null;
  /** Claims checked; verified (including spelling variants); flagged (with a finding); ignored. */
  counts: { checked: number; verified: number; flagged: number; ignored: number };
  claims: ClaimInfo[];
  /** The claims report, in Markdown (source text escaped). */
  report: string;
}

// ---- sourceCheck/sources: the indexed sources of every workspace folder, for the Sources view.

export const SourcesRequest = 'sourceCheck/sources';

export interface SourceInfo extends SourceMetaInfo {
  quotes: number;
  figures: number;
  /** Whether an open draft cites this source (a claim rests on it or it also carries one). */
  cited: boolean;
  /** A note from reading it (read as Windows-1252, bad front matter), or null. */
  problem: string | null;
}

export interface FolderSourcesInfo {
  uri: string;
  name: string;
  sources: SourceInfo[];
  /** Files matching the source globs that were left out, with the reason. */
  unreadable: Array<{ id: string; uri: string; problem: string }>;
  /** Drafts open in this folder whose citations are counted. */
  openDrafts: number;
  /** Sources not listed: a large archive lists its cited sources first, then the first by path, up to a limit. */
  omitted: number;
}

export interface SourcesResult {
  folders: FolderSourcesInfo[];
  /** True while any folder is still being indexed. */
  indexing: boolean;
}

/** Sent by the server whenever the sources or the drafts' citations may have changed. */
export const SourcesChangedNotification = 'sourceCheck/sourcesChanged';

// ---- sourceCheck/citation: the source of the claim under the cursor, as a citation.

export const CitationRequest = 'sourceCheck/citation';

export interface CitationParams {
  uri: string;
  position: Position;
}

export interface CitationResult {
  source: SourceMetaInfo;
  /** "Title. Outlet, by Author, 2022-06-18. URL" — unknown parts left out. */
  text: string;
  /** The same as a Markdown link when the source has a URL. */
  markdown: string;
}

// ---- sourceCheck/reindex: re-read every source of every folder.

export const ReindexRequest = 'sourceCheck/reindex';

export interface ReindexResult {
  sources: number;
  unreadable: number;
}

// ---- Requests owned by the figure/date and speaker checks, called by the client's commands.
// Their shapes are defined where the server implements them; the client treats a
// "method not found" answer as "this server does not support it yet".

// ---- sourceCheck/disagreements: the figures and dates on which the sources contradict each other
// (README, "Language server requests"; the CLI's `source-check disagreements`).

export const DisagreementsRequest = 'sourceCheck/disagreements';

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

// ---- sourceCheck/people: the people of the sources, each once with every spelling and role the
// sources give them and the quotations attributed to them (most quoted first).

export const PeopleRequest = 'sourceCheck/people';

// ---- The shared archive (README, "Shared archive"): read-only documents, status, password.

/** The URI scheme of archived articles: source-check-archive:/business/001.txt. */
export const ArchiveScheme = 'source-check-archive';

/** Client → server: the text of an archived article, for a read-only virtual document. */
export const ArchiveDocumentRequest = 'sourceCheck/archiveDocument';

export interface ArchiveDocumentParams {
  uri: string;
}

/** `text` when the article was found; otherwise `problem`, a sentence for the writer. */
export interface ArchiveDocumentResult {
  text?: string;
  problem?: string;
}

/** Server → client: the archive's state, for the status bar. */
export const ArchiveStatusNotification = 'sourceCheck/archiveStatus';

export interface ArchiveStatusParams {
  /** off: no archive configured. */
  state: 'off' | 'connecting' | 'up' | 'down';
  message: string;
}

/** Client → server: the archive password from VS Code's secret storage (never from a setting). */
export const ArchivePasswordNotification = 'sourceCheck/archivePassword';

export interface ArchivePasswordParams {
  password: string | null;
}

/** initializationOptions the client may send. */
export interface InitializationOptions {
  /** Where the server keeps its index cache. */
  cacheDir?: string;
  /** The archive password from secret storage. */
  archivePassword?: string | null;
  /**
   * The settings the server would otherwise ask for with workspace/configuration once
   * initialized: each folder's `sourceCheck` section by folder URI, and `sourceCheck.archive`.
   * With every folder's, indexing starts at `initialize`. Later changes come as usual.
   */
  settings?: { folders?: Record<string, unknown>; archive?: unknown };
}

export interface PeopleParams {
  /** A workspace folder URI; or */
  folder?: string;
  /** a document URI: the people of its workspace folder. Every folder when neither is given. */
  uri?: string;
}

export interface PersonQuoteInfo {
  /** Where the quoted words are: an LSP Location's uri and range. */
  uri: string;
  range: Range;
  /** Id of the source (its path relative to the workspace folder). */
  source: string;
  /** The first words of the quotation. */
  text: string;
  /** How the source presents it: a marked quote, a block quote, or a quote printed without its marks. */
  kind: 'quote' | 'block' | 'unmarked';
}

export interface PersonInfo {
  /** Stable within a folder: the canonical name in lower case. */
  id: string;
  /** The fullest spelling the sources use. */
  name: string;
  spellings: string[];
  roles: string[];
  /** Ids of the sources that name the person. */
  sources: string[];
  quoteCount: number;
  quotes: PersonQuoteInfo[];
  /** The workspace folder whose sources these are. */
  folder: string;
}

export interface PeopleResult {
  people: PersonInfo[];
}
