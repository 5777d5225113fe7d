/** Shared by the PDF and OFD reader tests: the .txt route's model is the oracle. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { ingestFile } from '../../src/index.js';
import type { PolicyDocument } from '../../src/model/types.js';
import { ConversionError } from '../../src/read/converted.js';
import { fixture, ROOT, WUXI_FILE } from '../helpers/fixtures.js';

export { ROOT };
export const FORMATS = fixture('formats');
export const PLAN_TXT = WUXI_FILE;

/** What a reader of the plan cares about, without positions (the texts differ in layout). */
export function essentials(doc: PolicyDocument) {
  return {
    title: doc.title,
    noticeTitle: doc.noticeTitle,
    docType: doc.docType,
    issuer: doc.issuer,
    docNumber: doc.docNumber,
    date: doc.date,
    recipients: doc.recipients,
    period: doc.period,
    sections: doc.sections.map((s) => `${s.id} ${s.label}${s.title}`),
    tasks: doc.tasks.map((t) => ({ number: t.number, title: t.title, lead: t.lead, responsible: t.responsible, deadline: t.deadline })),
    departments: doc.departments.map((d) => `${d.name} lead:${d.lead.join(',')} resp:${d.responsible.join(',')}`).sort(),
    indicators: doc.indicators.map((i) => ({
      number: i.number,
      name: i.name,
      unit: i.unit,
      baseline: i.baseline?.raw,
      target: i.target?.raw,
      attribute: i.attribute,
    })),
    targets: doc.targets.length,
    references: doc.references.map((r) => r.title),
    declaredCounts: doc.declaredCounts.map((c) => `${c.raw.replace(/\s+/g, '')} ${c.subject} ${c.declared}/${c.found}`),
  };
}

let oracle: Promise<PolicyDocument> | null = null;
/** The plan read from its .txt. */
export function txtModel(): Promise<PolicyDocument> {
  oracle ??= ingestFile(PLAN_TXT);
  return oracle;
}

/** A fixture's bytes. */
export const bytes = (name: string) => new Uint8Array(readFileSync(path.join(FORMATS, name)));

/** The ConversionError a converter's promise rejects with (the test fails if it resolves). */
export async function problem(promise: Promise<unknown>): Promise<ConversionError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ConversionError);
    return error as ConversionError;
  }
  throw new Error('expected a ConversionError');
}
