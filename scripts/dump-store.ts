/**
 * Every table of a SQLite store as text (test/helpers/store-dump.ts), to compare two stores
 * byte for byte with `diff`: `node --import tsx scripts/dump-store.ts <data>/policy.db > store.txt`
 */
import { dumpStore } from '../test/helpers/store-dump.js';

const file = process.argv[2];
if (!file) throw new Error('usage: dump-store.ts <policy.db>');
process.stdout.write(dumpStore(file));
