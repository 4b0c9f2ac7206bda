// The connection to a PostgreSQL archive: a small pool with bounded connect, statement
// and query times, and a circuit breaker. After a failure to reach the server (refused,
// dropped, or no answer at all) every query fails at once — the editor checks against
// local sources instead of waiting — while a probe reconnects with exponential backoff;
// listeners hear each change. A query the server cancels at the statement timeout fails
// alone: the server answered, and one costly query (a quote of common words in a large
// archive, a table locked by a migration) must not leave the rest of a check unsearched.

import type { Pool, PoolClient, QueryArrayConfig, QueryConfig, QueryResult, QueryResultRow } from 'pg';

export interface ArchiveOptions {
  /** postgresql://user@host:port/db (a password in it is used; see resolveArchiveConfig). */
  url: string;
  password?: string;
  /** Longest a query may run on the server. */
  statementTimeoutMs?: number;
  /** Longest to wait for a connection. */
  connectTimeoutMs?: number;
  maxConnections?: number;
  /** Backoff between reconnection attempts: starts here, doubles, capped at maxBackoffMs. */
  minBackoffMs?: number;
  maxBackoffMs?: number;
}

export type ArchiveState = 'connecting' | 'up' | 'down';

export interface ArchiveStatus {
  state: ArchiveState;
  /** A sentence for the writer, e.g. "archive unreachable, checking against local sources only (…)". */
  message: string;
}

export class ArchiveUnavailable extends Error {}

const DEFAULTS = { statementTimeoutMs: 2000, connectTimeoutMs: 2000, maxConnections: 4, minBackoffMs: 1000, maxBackoffMs: 60_000 };

/** "postgresql://desk@db.example:5432/archive" without any password, for messages. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    u.password = '';
    return u.toString();
  } catch {
    return '(an invalid URL)';
  }
}

export class Archive {
  readonly pool: Pool;
  private state: ArchiveState = 'connecting';
  private lastError = '';
  private backoff: number;
  private probeTimer: NodeJS.Timeout | undefined;
  private listeners: Array<(s: ArchiveStatus) => void> = [];
  private closed = false;
  private readonly o: Required<Omit<ArchiveOptions, 'password'>> & { password?: string };
  /** Failures so far. */
  failures = 0;
  /** Bumped at every change of state: results cached under another epoch may rest on partial data. */
  epoch = 0;

  constructor(options: ArchiveOptions) {
    this.o = { ...DEFAULTS, ...options };
    this.backoff = this.o.minBackoffMs;
    // pg (with the undici it loads) is required when an archive is opened, not when the server
    // or the CLI starts: about 80 ms of every start-up without an archive.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { Pool: PgPool } = require('pg') as typeof import('pg');
    this.pool = new PgPool({
      connectionString: this.o.url,
      ...(this.o.password !== undefined ? { password: this.o.password } : {}),
      max: this.o.maxConnections,
      connectionTimeoutMillis: this.o.connectTimeoutMs,
      // The server stops a slow statement; the client gives up a little later in case the
      // network itself hangs, so no request ever waits unbounded.
      statement_timeout: this.o.statementTimeoutMs,
      query_timeout: this.o.statementTimeoutMs + 1000,
      idleTimeoutMillis: 30_000,
      keepAlive: true,
      application_name: 'source-check',
    });
    // An idle client losing its connection must not crash the process.
    this.pool.on('error', (e) => this.fail(e));
  }

  get where(): string {
    return redactUrl(this.o.url);
  }

  status(): ArchiveStatus {
    switch (this.state) {
      case 'up':
        return { state: 'up', message: `archive connected (${this.where})` };
      case 'connecting':
        return { state: 'connecting', message: `connecting to the archive (${this.where})` };
      case 'down':
        return { state: 'down', message: `archive unreachable, checking against local sources only (${this.lastError})` };
    }
  }

  onStatus(listener: (s: ArchiveStatus) => void): void {
    this.listeners.push(listener);
  }

  private setState(state: ArchiveState): void {
    if (this.state === state) return;
    this.state = state;
    this.epoch++;
    const s = this.status();
    for (const l of this.listeners) l(s);
  }

  /** Runs a parameterised query; fails at once with ArchiveUnavailable while the archive is down. */
  async query<R extends QueryResultRow = QueryResultRow>(sql: string | QueryConfig | QueryArrayConfig, params: unknown[] = []): Promise<QueryResult<R>> {
    if (this.closed) throw new ArchiveUnavailable('the archive connection is closed');
    if (this.state === 'down') throw new ArchiveUnavailable(this.status().message);
    try {
      const r = (await this.pool.query(typeof sql === 'string' ? { text: sql, values: params } : (sql as QueryConfig))) as QueryResult<R>;
      this.succeed();
      return r;
    } catch (e) {
      // The server cancelled the statement at the timeout: it is up, this query is too costly.
      if ((e as { code?: string }).code === '57014') {
        this.failures++;
        throw new ArchiveUnavailable(`an archive query took longer than ${this.o.statementTimeoutMs} ms`);
      }
      throw this.fail(e as Error);
    }
  }

  /** A dedicated client for a transaction (the importer); the caller releases it. */
  async client(): Promise<PoolClient> {
    try {
      const c = await this.pool.connect();
      this.succeed();
      return c;
    } catch (e) {
      throw this.fail(e as Error);
    }
  }

  /** Checks the connection now (used at start and by the reconnect probe). */
  async ping(): Promise<boolean> {
    try {
      await this.pool.query('SELECT 1');
      this.succeed();
      return true;
    } catch (e) {
      this.fail(e as Error);
      return false;
    }
  }

  private succeed(): void {
    this.backoff = this.o.minBackoffMs;
    this.setState('up');
  }

  private fail(e: Error): ArchiveUnavailable {
    this.failures++;
    this.lastError = describeError(e);
    if (!this.closed) {
      this.setState('down');
      this.scheduleProbe();
    }
    return new ArchiveUnavailable(this.status().message);
  }

  private scheduleProbe(): void {
    if (this.probeTimer || this.closed) return;
    const wait = this.backoff;
    this.backoff = Math.min(this.o.maxBackoffMs, this.backoff * 2);
    this.probeTimer = setTimeout(async () => {
      try {
        const r = await this.pool.query('SELECT 1');
        void r;
        this.probeTimer = undefined;
        this.succeed();
      } catch (e) {
        this.probeTimer = undefined;
        this.lastError = describeError(e as Error);
        this.failures++;
        this.scheduleProbe();
      }
    }, wait);
    this.probeTimer.unref();
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.probeTimer);
    await this.pool.end().catch(() => undefined);
  }
}

function describeError(e: Error): string {
  const code = (e as { code?: string }).code;
  if (code === '57014') return 'a query took too long';
  if (code === '28P01' || code === '28000') return `authentication failed: ${e.message}`;
  if (code === 'ECONNREFUSED') return 'connection refused';
  if (code === 'ENOTFOUND') return 'host not found';
  if (/timeout/i.test(e.message)) return 'no answer in time';
  return e.message || String(e);
}
