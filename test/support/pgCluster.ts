// A throwaway PostgreSQL cluster for tests and benchmarks: initdb in a temporary
// folder, started on a free local port, stopped and deleted at the end. PostgreSQL
// refuses to run as root, so as root the cluster belongs to the `postgres` user.
// Where PostgreSQL is not installed, `startCluster` returns the reason to skip.

import { execFileSync } from 'child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'fs';
import { createServer } from 'net';
import { tmpdir } from 'os';
import * as path from 'path';
import { Client } from 'pg';

export interface Cluster {
  url: string;
  dir: string;
  /** A fresh empty database in the cluster; returns its URL. */
  database(name: string): Promise<string>;
  stop(): void;
}

function binDir(): string | undefined {
  try {
    return execFileSync('pg_config', ['--bindir'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    // pg_config is in libpq-dev, which a server install need not have: look where Debian puts it.
  }
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return undefined;
  const versions = readdirSync(base).filter((v) => existsSync(path.join(base, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a));
  return versions.length > 0 ? path.join(base, versions[0], 'bin') : undefined;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** Starts a cluster, or returns why it cannot (PostgreSQL not installed, no postgres user). */
export async function startCluster(options: { keep?: boolean } = {}): Promise<Cluster | { skip: string }> {
  const bin = binDir();
  if (!bin || !existsSync(path.join(bin, 'initdb'))) {
    return { skip: 'PostgreSQL is not installed (apt-get install -y postgresql, as .ci/run does); archive tests skipped' };
  }
  const asRoot = process.getuid?.() === 0;
  let uid: number | undefined;
  let gid: number | undefined;
  if (asRoot) {
    try {
      uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
      gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    } catch {
      return { skip: 'running as root and there is no postgres user to run PostgreSQL as; archive tests skipped' };
    }
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'source-check-pg-'));
  if (uid !== undefined) chownSync(dir, uid, gid!);
  const run = (cmd: string, args: string[]) => {
    const full = path.join(bin, cmd);
    if (asRoot) execFileSync('runuser', ['-u', 'postgres', '--', full, ...args], { stdio: 'pipe', cwd: dir });
    else execFileSync(full, args, { stdio: 'pipe', cwd: dir });
  };
  const data = path.join(dir, 'data');
  const port = await freePort();
  let started = false;
  const stop = () => {
    if (started) {
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } catch {
        // already stopped
      }
      started = false;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    run('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
    // Throwaway data: no fsync; sockets in the temp folder so nothing clashes with a system cluster.
    const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
    run('pg_ctl', ['-D', data, '-o', opts, '-l', path.join(dir, 'log'), '-w', '-t', '60', 'start']);
    started = true;
  } catch (e) {
    const err = e as { stderr?: Buffer; message: string };
    stop();
    throw new Error(`could not start a PostgreSQL test cluster: ${err.stderr?.toString() || err.message}`);
  }
  // Never leave a cluster behind: on exit, and when the test runner interrupts the process
  // (unless asked to keep it, for a benchmark run in several steps: its stop() or pg_ctl stops it).
  if (!options.keep) process.once('exit', stop);
  for (const signal of options.keep ? [] : (['SIGINT', 'SIGTERM'] as const)) {
    process.once(signal, () => {
      stop();
      process.kill(process.pid, signal);
    });
  }
  const url = `postgresql://postgres@127.0.0.1:${port}/postgres`;
  const database = async (name: string) => {
    if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a plain database name: ${name}`);
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(`DROP DATABASE IF EXISTS ${name}`);
      await client.query(`CREATE DATABASE ${name}`);
    } finally {
      await client.end();
    }
    return `postgresql://postgres@127.0.0.1:${port}/${name}`;
  };
  return { url, dir, database, stop };
}
