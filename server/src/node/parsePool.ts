// Parsing sources off the main thread. parseSource is about 80% of the CPU of indexing a
// folder; in worker threads it runs beside the main thread, which keeps adding parsed
// sources to the index and stays free to answer the editor between them. Cloning a parsed
// source back costs about a tenth of parsing it. A worker that cannot start or dies hands
// its work back to the main thread: the result is the same, only slower.

import { availableParallelism } from 'os';
import * as path from 'path';
import { existsSync } from 'fs';
import { Worker } from 'worker_threads';
import { parseSource, SourceDoc } from '../core/source/source';
import { LineIndex } from '../core/text/lines';

export interface ParseRequest {
  seq: number;
  id: string;
  uri: string;
  text: string;
}

export type ParsedFields = Omit<SourceDoc, 'text' | 'lines' | 'speakers'>;
export type ParseReply = { seq: number; fields: ParsedFields } | { seq: number; error: string };

/** The worker's script: next to the bundle (dist/parseWorker.js), or the TypeScript source under tsx. */
function workerScript(): string | undefined {
  const candidates = [path.join(__dirname, 'parseWorker.js'), path.join(__dirname, 'parseWorker.ts')];
  return candidates.find((p) => existsSync(p));
}

/** How many workers: one core is the main thread's; at most four. */
export function defaultWorkers(): number {
  return Math.max(0, Math.min(4, availableParallelism() - 1));
}

interface Pending {
  request: ParseRequest;
  resolve: (doc: SourceDoc) => void;
  reject: (e: Error) => void;
}

export class ParsePool {
  private workers: Array<{ worker: Worker; pending: Map<number, Pending> }> = [];
  private seq = 0;
  private next = 0;

  private constructor(script: string, count: number) {
    for (let i = 0; i < count; i++) {
      const worker = new Worker(script);
      const slot = { worker, pending: new Map<number, Pending>() };
      worker.unref();
      worker.on('message', (reply: ParseReply) => {
        const p = slot.pending.get(reply.seq);
        if (!p) return;
        slot.pending.delete(reply.seq);
        if ('error' in reply) p.reject(new Error(reply.error));
        else p.resolve(withText(reply.fields, p.request.text));
      });
      // A dead worker's files are parsed here instead; later files go to the others.
      const fail = () => {
        this.workers = this.workers.filter((w) => w !== slot);
        for (const p of slot.pending.values()) settleHere(p);
        slot.pending.clear();
      };
      worker.on('error', fail);
      worker.on('exit', fail);
      this.workers.push(slot);
    }
  }

  /** A pool of `count` workers, or undefined when there is no worker script or count is 0. */
  static create(count = defaultWorkers()): ParsePool | undefined {
    const script = workerScript();
    if (!script || count <= 0) return undefined;
    try {
      return new ParsePool(script, count);
    } catch {
      return undefined;
    }
  }

  /** parseSource(id, uri, text), in a worker; rejects with parseSource's error. */
  parse(id: string, uri: string, text: string): Promise<SourceDoc> {
    const request: ParseRequest = { seq: this.seq++, id, uri, text };
    return new Promise<SourceDoc>((resolve, reject) => {
      const p: Pending = { request, resolve, reject };
      if (this.workers.length === 0) return settleHere(p);
      const slot = this.workers[this.next++ % this.workers.length];
      slot.pending.set(request.seq, p);
      slot.worker.postMessage(request);
    });
  }

  async close(): Promise<void> {
    const workers = this.workers;
    this.workers = [];
    await Promise.all(workers.map((w) => w.worker.terminate()));
  }
}

function withText(fields: ParsedFields, text: string): SourceDoc {
  return { ...fields, text, lines: new LineIndex(text) } as SourceDoc;
}

function settleHere(p: Pending): void {
  try {
    p.resolve(parseSource(p.request.id, p.request.uri, p.request.text));
  } catch (e) {
    p.reject(e as Error);
  }
}
