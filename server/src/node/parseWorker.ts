// The worker thread behind the parse pool (parsePool.ts).
import { parseWire } from './parsePool';
import { serveWorker } from './workerPool';

serveWorker(parseWire);
