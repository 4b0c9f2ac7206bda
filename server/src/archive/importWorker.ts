// The worker thread behind an archive import (importer.ts): analyses articles into rows.
import { serveWorker } from '../node/workerPool';
import { articleRows } from './rows';

serveWorker(({ path, text }: { path: string; text: string }) => articleRows(path, text));
