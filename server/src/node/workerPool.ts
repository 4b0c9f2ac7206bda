// Work off the main thread: a few worker threads running one script, requests spread
// round-robin. A worker that cannot start or dies hands its requests back to the main
// thread, which runs the same function: the result is the same, only slower.

import { availableParallelism } from 'os';
import { existsSync } from 'fs';
import { parentPort, Worker } from 'worker_threads';

/** Below this many items a caller does the work itself: starting a worker costs about as much as parsing 50 sources. */
export const POOL_MIN_ITEMS = 128;

/** How many workers: one core is the main thread's; at most four. */
export function defaultWorkers(): number {
  return Math.max(0, Math.min(4, availableParallelism() - 1));
}

type Reply<R> = { seq: number; result: R } | { seq: number; error: string };

/**
 * Requests made together (a batch of files read) travel GROUP to a message each way. A message
 * costs the worker far more than cloning it suggests, most of it waking the receiving thread:
 * BBC in one parse worker, one source a message, spent 530–640 ms in postMessage; eight a
 * message, 160–260 ms (the whole read 3.4–3.7 → 3.3–3.4 s).
 */
const GROUP = 8;

export interface PoolJob<Req, Res, Wire = Res> {
  /** The worker's script without extension: `name.js` next to the bundle, or `name.ts` under tsx. */
  script: string;
  /** The same work on the main thread, for a pool without workers. */
  local: (req: Req) => Res;
  /** Turns a worker's reply (what survived cloning) into the result. */
  revive?: (reply: Wire, req: Req) => Res;
}

interface Pending<Req, Res> {
  req: Req;
  resolve: (r: Res) => void;
  reject: (e: Error) => void;
}

export class WorkerPool<Req, Res, Wire = Res> {
  private workers: Array<{ worker: Worker; pending: Map<number, Pending<Req, Res>> }> = [];
  private seq = 0;
  private next = 0;
  /** Requests made since the last flush, sent in groups at the end of the current task's synchronous work. */
  private unsent: Array<{ seq: number; p: Pending<Req, Res> }> = [];

  private constructor(
    private readonly job: PoolJob<Req, Res, Wire>,
    script: string,
    count: number,
  ) {
    for (let i = 0; i < count; i++) {
      // Under tsx (tests, benchmarks) a worker does not inherit the loader: it registers it itself.
      const worker = script.endsWith('.ts') ? new Worker(`require('tsx/cjs'); require(${JSON.stringify(script)});`, { eval: true }) : new Worker(script);
      const slot = { worker, pending: new Map<number, Pending<Req, Res>>() };
      worker.unref();
      worker.on('message', (replies: Array<Reply<Wire>>) => {
        for (const reply of replies) {
          const p = slot.pending.get(reply.seq);
          if (!p) continue;
          slot.pending.delete(reply.seq);
          if ('error' in reply) p.reject(new Error(reply.error));
          else p.resolve(job.revive ? job.revive(reply.result, p.req) : (reply.result as unknown as Res));
        }
      });
      const fail = () => {
        this.workers = this.workers.filter((w) => w !== slot);
        for (const p of slot.pending.values()) this.settleHere(p);
        slot.pending.clear();
      };
      worker.on('error', fail);
      worker.on('exit', fail);
      this.workers.push(slot);
    }
  }

  /** A pool of `count` workers, or undefined when the script is missing or count is 0. */
  static create<Req, Res, Wire = Res>(job: PoolJob<Req, Res, Wire>, count = defaultWorkers()): WorkerPool<Req, Res, Wire> | undefined {
    const script = [`${job.script}.js`, `${job.script}.ts`].find((p) => existsSync(p));
    if (!script || count <= 0) return undefined;
    try {
      return new WorkerPool(job, script, count);
    } catch {
      return undefined;
    }
  }

  /** job.local(req), in a worker; rejects with its error. */
  run(req: Req): Promise<Res> {
    const seq = this.seq++;
    return new Promise<Res>((resolve, reject) => {
      const p: Pending<Req, Res> = { req, resolve, reject };
      if (this.workers.length === 0) return this.settleHere(p);
      if (this.unsent.length === 0) queueMicrotask(() => this.flush());
      this.unsent.push({ seq, p });
    });
  }

  /** Sends the requests made since the last flush, GROUP to a message, the groups round-robin. */
  private flush(): void {
    const unsent = this.unsent;
    this.unsent = [];
    for (let i = 0; i < unsent.length; i += GROUP) {
      const group = unsent.slice(i, i + GROUP);
      if (this.workers.length === 0) {
        for (const { p } of group) this.settleHere(p);
        continue;
      }
      const slot = this.workers[this.next++ % this.workers.length];
      for (const { seq, p } of group) slot.pending.set(seq, p);
      slot.worker.postMessage(group.map(({ seq, p }) => ({ seq, req: p.req })));
    }
  }

  async close(): Promise<void> {
    const workers = this.workers;
    this.workers = [];
    await Promise.all(workers.map((w) => w.worker.terminate()));
  }

  private settleHere(p: Pending<Req, Res>): void {
    try {
      p.resolve(this.job.local(p.req));
    } catch (e) {
      p.reject(e as Error);
    }
  }
}

/** In a worker script: answers each group of requests (GROUP at most) with work(req) for each, in one message. */
export function serveWorker<Req, Wire>(work: (req: Req) => Wire): void {
  parentPort!.on('message', (group: Array<{ seq: number; req: Req }>) => {
    const replies = group.map(({ seq, req }): Reply<Wire> => {
      try {
        return { seq, result: work(req) };
      } catch (e) {
        return { seq, error: (e as Error).message };
      }
    });
    parentPort!.postMessage(replies);
  });
}
