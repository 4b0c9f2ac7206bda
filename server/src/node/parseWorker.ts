// The worker thread behind ParsePool (parsePool.ts): parses the texts it is sent with the
// pure core's parseSource and posts back the fields the index keeps (not the text, which
// the main thread already has, nor the line index, which does not survive cloning).

import { parentPort } from 'worker_threads';
import { parseSource } from '../core/source/source';
import type { ParseRequest, ParseReply } from './parsePool';

parentPort!.on('message', (m: ParseRequest) => {
  let reply: ParseReply;
  try {
    const d = parseSource(m.id, m.uri, m.text);
    reply = { seq: m.seq, fields: { id: d.id, uri: d.uri, prose: d.prose, meta: d.meta, sentences: d.sentences, facts: d.facts, abbreviations: d.abbreviations } };
  } catch (e) {
    reply = { seq: m.seq, error: (e as Error).message };
  }
  parentPort!.postMessage(reply);
});
