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
      worker.on('message', (reply: Reply<Wire>) => {
        const p = slot.pending.get(reply.seq);
        if (!p) return;
        slot.pending.delete(reply.seq);
        if ('error' in reply) p.reject(new Error(reply.error));
        else p.resolve(job.revive ? job.revive(reply.result, p.req) : (reply.result as unknown as Res));
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
      const slot = this.workers[this.next++ % this.workers.length];
      slot.pending.set(seq, p);
      slot.worker.postMessage({ seq, req });
    });
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

/** In a worker script: answers each request with work(req). */
export function serveWorker<Req, Wire>(work: (req: Req) => Wire): void {
  parentPort!.on('message', ({ seq, req }: { seq: number; req: Req }) => {
    let reply: Reply<Wire>;
    try {
      reply = { seq, result: work(req) };
    } catch (e) {
      reply = { seq, error: (e as Error).message };
    }
    parentPort!.postMessage(reply);
  });
}
