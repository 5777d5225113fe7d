/**
 * Where the test inputs are, and the one way to read them: fixtures stay in their folders under
 * test/fixtures (qa, qa7, compare, formats, shapes, real-shapes …), the bundled plans in corpus/.
 * Paths are absolute, so a test reads the same file whatever folder it sits in or runs from.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ingestFile } from '../../src/ingest.js';
import type { PolicyDocument } from '../../src/model/types.js';

/** The repository root. */
export const ROOT = path.resolve(import.meta.dirname, '../..');
/** test/fixtures. */
export const FIXTURES = path.join(ROOT, 'test', 'fixtures');
/** The bundled county plan (corpus/), the document most tests read. */
export const WUXI_FILE = path.join(ROOT, 'corpus', 'wuxi-urbanization-plan-2021-2035.txt');

/** The absolute path of a fixture: `fixture('qa7', 'daiyu-rectification-plan-2025.txt')` or `fixture('qa7/daiyu-….txt')`. */
export function fixture(...parts: string[]): string {
  return path.join(FIXTURES, ...parts);
}

/** A file of corpus/ (the bundled plans), by name. */
export function corpus(name: string): string {
  return path.join(ROOT, 'corpus', name);
}

/** A fixture read through the real pipeline (ingestFile). */
export function ingestFixture(...parts: string[]): Promise<PolicyDocument> {
  return ingestFile(fixture(...parts));
}

/** A fixture's text as written (UTF-8). */
export function readFixture(...parts: string[]): string {
  return readFileSync(fixture(...parts), 'utf8');
}

/** A loader for one fixture folder: `const qa7 = fixtureLoader('qa7'); await qa7('daiyu-….txt')`. */
export function fixtureLoader(folder: string): (name: string) => Promise<PolicyDocument> {
  return (name) => ingestFixture(folder, name);
}
