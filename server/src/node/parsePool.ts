// Parsing sources off the main thread. parseSource is about 80% of the CPU of indexing a
// folder; in worker threads (workerPool.ts) it runs beside the main thread, which keeps
// adding parsed sources to the index and stays free to answer the editor between them.
// Cloning a parsed source back costs about a tenth of parsing it.

import * as path from 'path';
import { parseSource, SourceDoc } from '../core/source/source';
import { LineIndex } from '../core/text/lines';
import { WorkerPool, type PoolJob } from './workerPool';

export interface ParseRequest {
  id: string;
  uri: string;
  text: string;
}

/** What a worker sends back: not the text (the main thread has it), nor the line index or the
 * lazily attributed speakers (neither survives cloning). */
export type ParsedFields = Omit<SourceDoc, 'text' | 'lines' | 'speakers'>;

export type ParsePool = WorkerPool<ParseRequest, SourceDoc, ParsedFields>;

const PARSE_JOB: PoolJob<ParseRequest, SourceDoc, ParsedFields> = {
  script: path.join(__dirname, 'parseWorker'),
  local: (r) => parseSource(r.id, r.uri, r.text),
  revive: (fields, r) => ({ ...fields, text: r.text, lines: new LineIndex(r.text) }) as SourceDoc,
};

/** A pool of `count` parse workers, or undefined when there is no worker script or count is 0. */
export function createParsePool(count?: number): ParsePool | undefined {
  return WorkerPool.create(PARSE_JOB, count);
}

/** The worker's side (parseWorker.ts). */
export function parseFields(r: ParseRequest): ParsedFields {
  const d = parseSource(r.id, r.uri, r.text);
  return { id: d.id, uri: d.uri, prose: d.prose, meta: d.meta, sentences: d.sentences, facts: d.facts, abbreviations: d.abbreviations };
}
