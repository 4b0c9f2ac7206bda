// Preloaded (node --require) into the server or the CLI under test: every way a
// Node program can run a command or reach the network is replaced by a recorder,
// which appends the attempt to $SOURCE_CHECK_SENTINEL and throws.
const fs = require('fs');
const log = process.env.SOURCE_CHECK_SENTINEL;
function trap(mod, name, what) {
  const m = require(mod);
  const target = name.includes('.') ? m[name.split('.')[0]].prototype : m;
  const key = name.includes('.') ? name.split('.')[1] : name;
  target[key] = function () {
    fs.appendFileSync(log, `${what} ${mod}.${name} ${JSON.stringify([...arguments].filter((a) => typeof a !== 'function')).slice(0, 200)}\n`);
    throw new Error(`blocked by the test sentinel: ${mod}.${name}`);
  };
}
for (const f of ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork']) trap('child_process', f, 'EXEC');
for (const f of ['connect', 'createConnection', 'Socket.connect']) trap('net', f, 'NET');
for (const f of ['connect']) trap('tls', f, 'NET');
for (const mod of ['http', 'https', 'http2']) for (const f of mod === 'http2' ? ['connect'] : ['request', 'get']) trap(mod, f, 'NET');
for (const f of ['lookup', 'resolve']) trap('dns', f, 'NET');
if (typeof globalThis.fetch === 'function') {
  globalThis.fetch = function (url) {
    fs.appendFileSync(log, `NET fetch ${String(url).slice(0, 200)}\n`);
    return Promise.reject(new Error('blocked by the test sentinel: fetch'));
  };
}
