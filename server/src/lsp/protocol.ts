// Source Check's own LSP requests, beyond the standard protocol: their method names and
// the shapes of their parameters and results. Plain types with no imports, so that the
// VS Code client (or any other client) can import them as they are.

/** An LSP Position: zero-based line and UTF-16 character. */
export interface Position {
  line: number;
  character: number;
}

export interface Location {
  uri: string;
  range: { start: Position; end: Position };
}

/**
 * `sourceCheck/people`: the people of the sources, each once with every spelling and
 * role the sources give them and the quotations attributed to them (most quoted first).
 */
export const PEOPLE_REQUEST = 'sourceCheck/people';

export interface PeopleParams {
  /** A workspace folder URI; every folder when absent. */
  folder?: string;
}

export interface PersonQuoteInfo {
  location: Location;
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
