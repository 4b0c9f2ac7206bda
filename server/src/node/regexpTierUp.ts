// V8 compiles a regular expression to machine code the second time it runs (the default of one
// interpreted run before "tier-up"). chrono-node's parsers are a few very large expressions
// (month, weekday, number and time-zone words): compiling them took 300–400 ms on the first
// sentences a fresh process reads, most of the cold start of indexing a small folder. After
// 100 interpreted runs they compile as before, so a large corpus is read at the same speed
// (measured: the first 20 chrono parses 470 → 100 ms; 3,000 parses no slower).
// Imported first by every entry point (server, CLI, workers); nothing here is needed for correctness.
import { setFlagsFromString } from 'v8';

setFlagsFromString('--regexp-tier-up-ticks=100');
