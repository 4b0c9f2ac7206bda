// Parsing sources off the main thread. parseSource is about 80% of the CPU of indexing a
// folder; in worker threads (workerPool.ts) it runs beside the main thread, which keeps
// adding parsed sources to the index and stays free to answer the editor between them.
// A worker sends a source back packed as the index keeps it (sentence spans and facts in
// typed arrays, their strings in one table, each fact's index keys computed): cloning a
// few arrays costs far less than cloning thirty facts' objects, and the main thread has
// neither to pack the facts nor to compute their keys.

import * as path from 'path';
import { parseSource } from '../core/source/source';
import type { SourceMeta } from '../core/source/metadata';
import { exportFacts, importAbbreviations, importFacts, packAbbreviations, packFacts, StringTable } from '../core/facts/packed';
import { factKeys } from '../core/facts/keys';
import type { PackedFields } from '../core/source/lazyText';
import { WorkerPool, type PoolJob } from './workerPool';

export interface ParseRequest {
  id: string;
  uri: string;
  text: string;
}

/** A parsed source: its packed fields, and its text and prose (to prime the text cache). */
export interface ParsedSource {
  fields: PackedFields;
  text: string;
  prose: string;
}

/** What a worker sends back (not the text: the main thread has it). */
export interface ParsedWire {
  id: string;
  uri: string;
  /** Undefined when it is the text (no markup masked, nothing repaired): the main thread has that. */
  prose?: string;
  meta: SourceMeta;
  spans: Int32Array;
  /** Packed facts (exportFacts) with ids into `table`. */
  facts: { count: number; ints: Int32Array; texts: string };
  /** Fact fi's keys are table[keyIds[keyAt[fi] .. keyAt[fi + 1]]]. */
  keyAt: Int32Array;
  keyIds: Int32Array;
  /** packAbbreviations' layout, with ids into `table` (nested arrays cost the clone far more). */
  abbreviations: Int32Array;
  table: string[];
}

export type ParsePool = WorkerPool<ParseRequest, ParsedSource, ParsedWire>;

const PARSE_JOB: PoolJob<ParseRequest, ParsedSource, ParsedWire> = {
  script: path.join(__dirname, 'parseWorker'),
  local: (r) => revive(parseWire(r), r),
  revive,
};

/** A pool of `count` parse workers, or undefined when there is no worker script or count is 0. */
export function createParsePool(count?: number): ParsePool | undefined {
  return WorkerPool.create(PARSE_JOB, count);
}

/** The worker's side (parseWorker.ts). */
export function parseWire(r: ParseRequest): ParsedWire {
  const d = parseSource(r.id, r.uri, r.text);
  const table = new StringTable();
  const packed = packFacts(d.facts);
  const keyAt = new Int32Array(d.facts.length + 1);
  const keyIds: number[] = [];
  d.facts.forEach((f, fi) => {
    for (const key of factKeys(f)) keyIds.push(table.idOf(key));
    keyAt[fi + 1] = keyIds.length;
  });
  const spans = new Int32Array(2 * d.sentences.length);
  d.sentences.forEach((s, i) => {
    spans[2 * i] = s.start;
    spans[2 * i + 1] = s.end;
  });
  return {
    id: d.id,
    uri: d.uri,
    prose: d.prose === r.text ? undefined : d.prose,
    meta: d.meta,
    spans,
    facts: { count: packed.count, ints: exportFacts(packed, table), texts: packed.texts },
    keyAt,
    keyIds: Int32Array.from(keyIds),
    abbreviations: packAbbreviations(d.abbreviations, (s) => table.idOf(s)),
    table: table.strings,
  };
}

/** The main thread's side: the wire's strings made the process's own. */
function revive(w: ParsedWire, r: ParseRequest): ParsedSource {
  const factKeys = (fi: number): string[] => {
    const keys: string[] = [];
    for (let k = w.keyAt[fi]; k < w.keyAt[fi + 1]; k++) keys.push(w.table[w.keyIds[k]]);
    return keys;
  };
  const fields: PackedFields = {
    id: w.id,
    uri: w.uri,
    meta: w.meta,
    spans: w.spans,
    facts: importFacts(w.facts.count, w.facts.ints, w.facts.texts, w.table),
    factKeys,
    abbreviations: importAbbreviations(w.abbreviations, w.table),
  };
  return { fields, text: r.text, prose: w.prose ?? r.text };
}
