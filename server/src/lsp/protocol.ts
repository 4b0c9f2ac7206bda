// Source Check's own LSP messages, beyond the standard protocol. Shared by the server
// and the VS Code client (plain names and types, so the client bundles no server code).

/** The URI scheme of archived articles: source-check-archive:/business/001.txt. */
export const ARCHIVE_SCHEME = 'source-check-archive';

/** Client → server request: the text of an archived article, for a read-only virtual document. */
export const ARCHIVE_DOCUMENT_REQUEST = 'sourceCheck/archiveDocument';
export interface ArchiveDocumentParams {
  uri: string;
}
/** `text` when the article was found; otherwise `problem`, a sentence for the writer. */
export interface ArchiveDocumentResult {
  text?: string;
  problem?: string;
}

/** Server → client notification: the archive's state, for the status bar. */
export const ARCHIVE_STATUS_NOTIFICATION = 'sourceCheck/archiveStatus';
export interface ArchiveStatusParams {
  /** off: no archive configured. */
  state: 'off' | 'connecting' | 'up' | 'down';
  message: string;
}

/** Client → server notification: the archive password from VS Code's secret storage (never a setting). */
export const ARCHIVE_PASSWORD_NOTIFICATION = 'sourceCheck/archivePassword';
export interface ArchivePasswordParams {
  password: string | null;
}

/** initializationOptions the client may send. */
export interface InitializationOptions {
  /** Where the server keeps its index cache. */
  cacheDir?: string;
  archivePassword?: string | null;
}
