// Typed calls to the server's custom requests (server/src/lsp/protocol.ts), and the
// answer to give when a server does not implement one yet.

import type { LanguageClient } from 'vscode-languageclient/node';
import { ResponseError, ErrorCodes } from 'vscode-languageclient/node';
import {
  CitationRequest,
  ClaimsRequest,
  ReindexRequest,
  SourcesRequest,
  type CitationResult,
  type ClaimsResult,
  type Position,
  type ReindexResult,
  type SourcesResult,
} from '../../server/src/lsp/protocol';

export class SourceCheckApi {
  constructor(readonly client: LanguageClient) {}

  claims(uri: string): Promise<ClaimsResult | null> {
    return this.client.sendRequest<ClaimsResult | null>(ClaimsRequest, { uri });
  }

  sources(): Promise<SourcesResult> {
    return this.client.sendRequest<SourcesResult>(SourcesRequest, {});
  }

  citation(uri: string, position: Position): Promise<CitationResult | null> {
    return this.client.sendRequest<CitationResult | null>(CitationRequest, { uri, position });
  }

  reindex(): Promise<ReindexResult> {
    return this.client.sendRequest<ReindexResult>(ReindexRequest, {});
  }

  /** A request another part of the server may not implement yet: undefined when it does not. */
  async optional<T>(method: string, params: unknown): Promise<T | undefined> {
    try {
      return await this.client.sendRequest<T>(method, params);
    } catch (e) {
      if (e instanceof ResponseError && e.code === ErrorCodes.MethodNotFound) return undefined;
      throw e;
    }
  }
}
