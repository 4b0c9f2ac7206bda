// The worker thread behind the parse pool (parsePool.ts).
// First: V8's regular-expression tier-up, before any expression runs.
import './regexpTierUp';
import { parseWire } from './parsePool';
import { serveWorker } from './workerPool';

serveWorker(parseWire);
