/**
 * schema/document.schema.json against the two things it must agree with:
 * - src/model/types.ts, read with the TypeScript compiler API: every interface has a schema
 *   object with the same properties, required where not optional, the same enums for the
 *   string unions, and the doc comments copied as descriptions;
 * - documents the real pipeline produces (the bundled plan and the shape fixtures), which
 *   must validate.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';
import { ingestFile } from '../../src/index.js';
import type { PolicyDocument } from '../../src/model/types.js';
import { fixture } from '../helpers/fixtures.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TYPES_FILE = join(ROOT, 'src/model/types.ts');

type JsonSchema = {
  description?: string;
  type?: string | string[];
  enum?: string[];
  const?: unknown;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean;
  anyOf?: JsonSchema[];
  items?: JsonSchema;
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
};

const schema = JSON.parse(readFileSync(join(ROOT, 'schema/document.schema.json'), 'utf8')) as JsonSchema;
const defs = schema.$defs ?? {};

function compile() {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  return ajv.compile<PolicyDocument>(schema);
}

/** The schema object an interface maps to: the root for PolicyDocument, else `$defs[name]`. */
function schemaFor(name: string): JsonSchema | undefined {
  return name === 'PolicyDocument' ? schema : defs[name];
}

/** The object schema inside a property schema (`{…} | null` is written as anyOf). */
function objectIn(s: JsonSchema): JsonSchema | undefined {
  if (s.properties) return s;
  return s.anyOf?.find((a) => a.properties);
}

function docComment(node: ts.Node): string | null {
  const jsDoc = (node as { jsDoc?: ts.JSDoc[] }).jsDoc;
  const comment = jsDoc?.[0]?.comment;
  if (comment === undefined) return null;
  return (typeof comment === 'string' ? comment : comment.map((c) => c.text).join('')).replace(/\s+/g, ' ').trim();
}

interface ObjectShape {
  where: string;
  members: { name: string; optional: boolean; doc: string | null; literal: ts.TypeLiteralNode | null }[];
}

function shapeOf(where: string, members: ts.NodeArray<ts.TypeElement>): ObjectShape {
  return {
    where,
    members: members.filter(ts.isPropertySignature).map((m) => {
      let literal: ts.TypeLiteralNode | null = null;
      const t = m.type;
      if (t && ts.isTypeLiteralNode(t)) literal = t;
      else if (t && ts.isUnionTypeNode(t)) literal = (t.types.find(ts.isTypeLiteralNode) as ts.TypeLiteralNode) ?? null;
      return { name: m.name.getText(), optional: m.questionToken !== undefined, doc: docComment(m), literal };
    }),
  };
}

const source = ts.createSourceFile(TYPES_FILE, readFileSync(TYPES_FILE, 'utf8'), ts.ScriptTarget.ES2022, true);
const interfaces = source.statements.filter(ts.isInterfaceDeclaration);
const unions = source.statements
  .filter(ts.isTypeAliasDeclaration)
  .filter((a) => ts.isUnionTypeNode(a.type) && a.type.types.every((t) => ts.isLiteralTypeNode(t)));

/** Differences between a TypeScript object shape and its schema, including nested literals. */
function compareShape(shape: ObjectShape, s: JsonSchema | undefined, problems: string[]): void {
  if (!s?.properties) {
    problems.push(`${shape.where}: no object schema`);
    return;
  }
  const tsNames = shape.members.map((m) => m.name).sort();
  const schemaNames = Object.keys(s.properties).sort();
  for (const n of tsNames) if (!schemaNames.includes(n)) problems.push(`${shape.where}.${n}: missing from the schema`);
  for (const n of schemaNames) if (!tsNames.includes(n)) problems.push(`${shape.where}.${n}: in the schema, not in types.ts`);
  const required = [...(s.required ?? [])].sort();
  const wantRequired = shape.members
    .filter((m) => !m.optional)
    .map((m) => m.name)
    .sort();
  if (JSON.stringify(required) !== JSON.stringify(wantRequired)) {
    problems.push(`${shape.where}: required ${JSON.stringify(required)}, types.ts says ${JSON.stringify(wantRequired)}`);
  }
  if (s.additionalProperties !== false) problems.push(`${shape.where}: additionalProperties must be false`);
  for (const m of shape.members) {
    const ps = s.properties[m.name];
    if (!ps) continue;
    if (m.doc !== null && ps.description?.replace(/\s+/g, ' ').trim() !== m.doc) {
      problems.push(`${shape.where}.${m.name}: description ${JSON.stringify(ps.description)} ≠ doc comment ${JSON.stringify(m.doc)}`);
    }
    if (m.literal) compareShape(shapeOf(`${shape.where}.${m.name}`, m.literal.members), objectIn(ps), problems);
  }
}

describe('schema/document.schema.json agrees with src/model/types.ts', () => {
  it('is a valid draft 2020-12 schema under ajv strict mode', () => {
    expect(() => compile()).not.toThrow();
  });

  it('has an object schema for every interface, with the same fields, required list and doc comments', () => {
    expect(interfaces.length).toBeGreaterThan(10);
    const problems: string[] = [];
    for (const i of interfaces) {
      const s = schemaFor(i.name.text);
      compareShape(shapeOf(i.name.text, i.members), s, problems);
      const doc = docComment(i);
      if (doc !== null && s && s.description?.replace(/\s+/g, ' ').trim() !== doc) {
        problems.push(`${i.name.text}: description ${JSON.stringify(s.description)} ≠ doc comment ${JSON.stringify(doc)}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('has the same enum for every string union', () => {
    expect(unions.map((u) => u.name.text)).toEqual(expect.arrayContaining(['Severity', 'ParagraphKind', 'Role', 'DepartmentKind', 'Comparator']));
    for (const u of unions) {
      const literals = (u.type as ts.UnionTypeNode).types.map((t) => ((t as ts.LiteralTypeNode).literal as ts.StringLiteral).text);
      expect(defs[u.name.text]?.enum, u.name.text).toEqual(literals);
    }
  });

  it('pins schemaVersion to SCHEMA_VERSION', async () => {
    const { SCHEMA_VERSION } = await import('../../src/model/types.js');
    expect(schema.properties?.schemaVersion?.const).toBe(SCHEMA_VERSION);
  });
});

function shapeFixtures(): string[] {
  const dir = fixture('shapes/');
  return readdirSync(dir)
    .filter((f) => /\.(txt|md)$/.test(f))
    .sort()
    .map((f) => join(dir, f));
}

// converted formats: source.format html/docx/doc must validate too
const formatFixtures = ['wuxi-plan.html', 'wuxi-plan-numbered.docx', 'wuxi-plan.doc', 'cms-page-gbk.html'].map((f) => fixture('formats', f));

const inputs = [
  join(ROOT, 'corpus/wuxi-urbanization-plan-2021-2035.txt'),
  join(ROOT, 'corpus/chongqing-urbanization-plan-2021-2035.txt'),
  ...shapeFixtures(),
  ...formatFixtures,
];

describe('documents produced by the pipeline validate', () => {
  const validate = compile();
  const docs = new Map<string, PolicyDocument>();

  beforeAll(async () => {
    for (const file of inputs) docs.set(file, await ingestFile(file));
  });

  it.each(inputs.map((f) => [f.slice(ROOT.length)] as const))('%s', (rel) => {
    const doc = docs.get(join(ROOT, rel))!;
    const ok = validate(doc);
    expect(validate.errors ?? [], `${rel} does not validate`).toEqual([]);
    expect(ok).toBe(true);
  });

  it('emits exactly the top-level fields the schema declares', () => {
    const declared = [...(schema.required ?? [])].sort();
    expect(Object.keys(schema.properties ?? {}).sort()).toEqual(declared);
    for (const [file, doc] of docs) expect(Object.keys(doc).sort(), file).toEqual(declared);
  });

  it('rejects what the model does not allow', () => {
    const doc = docs.get(inputs[0])!;
    const clone = () => JSON.parse(JSON.stringify(doc)) as Record<string, unknown> & PolicyDocument;
    const cases: [string, (d: ReturnType<typeof clone>) => void][] = [
      ['an unknown top-level field', (d) => (d.extra = 1)],
      ['a missing field', (d) => delete (d as Partial<PolicyDocument>).tasks],
      ['a bad paragraph kind', (d) => ((d.paragraphs[0] as { kind: string }).kind = 'chapter')],
      ['a bad date', (d) => (d.date = '2023年4月26日')],
      ['another schema version', (d) => ((d as { schemaVersion: number }).schemaVersion = doc.schemaVersion + 1)],
    ];
    expect(doc.paragraphs.length).toBeGreaterThan(0);
    for (const [what, mutate] of cases) {
      const d = clone();
      mutate(d);
      expect(validate(d), what).toBe(false);
    }
  });
});
