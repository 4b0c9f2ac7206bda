import { bbcSample, scoreCorpus } from '../test/support/factCorpus';
(async () => { const index = bbcSample(8); await scoreCorpus(index, 12, (what, sentence, c) => console.log(what, '«' + c.text + '»', sentence.replace(/\s+/g, ' ').slice(0, 200))); })();
