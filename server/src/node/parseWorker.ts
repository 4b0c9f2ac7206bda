// The worker thread behind the parse pool (parsePool.ts).
import { parseFields } from './parsePool';
import { serveWorker } from './workerPool';

serveWorker(parseFields);
