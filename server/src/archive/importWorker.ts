// The worker thread behind an archive import (importer.ts): analyses articles into rows.
// First: V8's regular-expression tier-up, before any expression runs.
import '../node/regexpTierUp';
import { serveWorker } from '../node/workerPool';
import { articleRows } from './rows';

serveWorker(({ path, text }: { path: string; text: string }) => articleRows(path, text));
