import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppProcess } from '@app/testing';

/**
 * The OpenAPI document is the contract a newcomer reads: every route must say what it
 * takes, what it answers (success and problem+json errors) and which key it needs. This
 * suite reads /docs-json from the standalone ledger and checks it against the routes'
 * real behaviour (each route is called without a key to learn whether it is public).
 */
type Schema = Record<string, any>;
type Operation = { requestBody?: any; responses: Record<string, any>; security?: Record<string, string[]>[] };
type Doc = { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, Schema>; securitySchemes: Record<string, Schema> } };

const METHODS = ['get', 'put', 'post', 'delete', 'patch'];
const PROBLEM = 'application/problem+json';

/** Every place under `schema` that says nothing about its value: `{}`, a bare object, an array of those. */
function undescribed(schema: Schema | undefined, doc: Doc, at: string, seen: ReadonlySet<string> = new Set()): string[] {
  if (!schema || Object.keys(schema).length === 0) return [at];
  if (schema.$ref) {
    const name = String(schema.$ref).replace('#/components/schemas/', '');
    if (seen.has(name)) return [];
    const target = doc.components.schemas[name];
    if (!target) return [`${at} (unresolved ${schema.$ref})`];
    return undescribed(target, doc, `${at}→${name}`, new Set([...seen, name]));
  }
  for (const key of ['oneOf', 'anyOf', 'allOf']) {
    if (Array.isArray(schema[key])) return schema[key].flatMap((s: Schema, i: number) => undescribed(s, doc, `${at}.${key}[${i}]`, seen));
  }
  if (schema.type === 'array') return undescribed(schema.items, doc, `${at}[]`, seen);
  if (schema.enum || (schema.type && schema.type !== 'object')) return [];
  const properties = Object.entries<Schema>(schema.properties ?? {});
  const map = typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined;
  if (properties.length === 0 && !map) return [at];
  return [...properties.flatMap(([key, s]) => undescribed(s, doc, `${at}.${key}`, seen)), ...(map ? undescribed(map, doc, `${at}{}`, seen) : [])];
}

describe('the OpenAPI document (GET /docs-json)', () => {
  let dir: string;
  let app: AppProcess;
  let doc: Doc;
  const operations: { method: string; path: string; name: string; op: Operation }[] = [];
  /** Learned by calling each route without a key: 401 means it needs one. */
  const needsKey = new Map<string, boolean>();

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-openapi-'));
    app = await AppProcess.start({ dataDir: dir });
    doc = (await app.api<Doc>('GET', '/docs-json')).body;
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const method of METHODS.filter((m) => item[m])) operations.push({ method, path, name: `${method.toUpperCase()} ${path}`, op: item[method] });
    }
    for (const { method, path, name } of operations) {
      const res = await app.api(method.toUpperCase(), path.replace(/\{[^}]+\}/g, 'x'));
      // A failed-authentication limit per address may answer 429 instead: still a route that needs a key.
      needsKey.set(name, res.status === 401 || res.status === 429);
    }
  }, 60_000);

  afterAll(async () => {
    await app?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('counts a bare object, an untyped array or a free-form map as undescribed', () => {
    const tiny: Doc = { paths: {}, components: { schemas: { Empty: { type: 'object' }, Holder: { type: 'object', properties: { inner: { $ref: '#/components/schemas/Empty' } } } }, securitySchemes: {} } };
    expect(undescribed({ $ref: '#/components/schemas/Holder' }, tiny, 'x')).toEqual(['x→Holder.inner→Empty']);
    expect(undescribed({ type: 'array', items: { type: 'object' } }, tiny, 'x')).toEqual(['x[]']);
    expect(undescribed({ type: 'object', additionalProperties: true }, tiny, 'x')).toEqual(['x']);
    expect(undescribed({ type: 'object', properties: { a: { type: 'string' } } }, tiny, 'x')).toEqual([]);
  });

  it('lists the routes of every context, /metrics included', () => {
    const names = operations.map((o) => o.name);
    expect(names).toEqual(expect.arrayContaining([
      'GET /health', 'GET /metrics', 'POST /v1/providers/{providerId}/events', 'POST /v1/accreditations', 'GET /v1/credentials/{credentialId}/verification',
    ]));
    expect(operations.length).toBeGreaterThanOrEqual(27);
  });

  it('hides no route from the document', () => {
    const hiding = sources(join(__dirname, '..', 'apps')).concat(sources(join(__dirname, '..', 'libs')))
      .filter((file) => /ApiExclude(Endpoint|Controller)\(/.test(readFileSync(file, 'utf8')));
    expect(hiding).toEqual([]);
  });

  it('describes the API key as an opaque bearer token, not a JWT', () => {
    expect(doc.components.securitySchemes).toEqual({ 'api-key': expect.objectContaining({ type: 'http', scheme: 'bearer' }) });
    const scheme = doc.components.securitySchemes['api-key'];
    expect(scheme.bearerFormat).not.toMatch(/jwt/i);
    expect(scheme.description).toContain('clk_');
  });

  it('declares the key on every route that needs one, and no security on public routes', () => {
    const wrong = operations.filter(({ name, op }) => {
      const declared = (op.security ?? []).some((requirement) => 'api-key' in requirement);
      const publicDeclared = Array.isArray(op.security) && op.security.every((requirement) => Object.keys(requirement).length === 0);
      return needsKey.get(name) ? !declared : !publicDeclared;
    });
    expect(wrong.map((o) => `${o.name} (needs a key: ${needsKey.get(o.name)}, security: ${JSON.stringify(o.op.security)})`)).toEqual([]);
    // The verifiable log's checkpoint, key, hash tiles and proofs reveal hashes and sizes only (README, Audit).
    expect([...needsKey].filter(([, needs]) => !needs).map(([name]) => name).sort()).toEqual([
      'GET /health', 'GET /metrics', 'GET /v1/ledger/checkpoint', 'GET /v1/ledger/key', 'GET /v1/ledger/proofs/consistency', 'GET /v1/ledger/proofs/inclusion', 'GET /v1/ledger/tile/{path}',
    ]);
  });

  it('gives every route a success answer with a described schema', () => {
    const missing = operations.flatMap(({ name, op }) => {
      const success = Object.entries(op.responses).filter(([status]) => /^2\d\d$/.test(status));
      if (success.length === 0) return [`${name}: no 2xx response`];
      return success.flatMap(([status, response]) => {
        if (status === '204') return [];
        const content = Object.entries<Schema>(response.content ?? {});
        if (content.length === 0) return [`${name} ${status}: no content`];
        return content.flatMap(([type, media]) => (type.startsWith('text/') ? (media.schema ? [] : [`${name} ${status} ${type}: no schema`]) : undescribed(media.schema, doc, `${name} ${status}`)));
      });
    });
    expect(missing).toEqual([]);
  });

  it("gives the learner record's stacks the type the stacks route answers", () => {
    const refOf = (name: string) => String(doc.paths[name].get.responses['200'].content['application/json'].schema.$ref).split('/').pop()!;
    const record = doc.components.schemas[refOf('/v1/learners/{learnerId}/record')];
    const stacks = doc.components.schemas[refOf('/v1/learners/{learnerId}/stacks')];
    expect(record.properties.stacks.items.$ref).toBe(stacks.properties.stacks.items.$ref);
    expect(record.properties.stacks.items.$ref).toContain('StackProgressResponse');
    expect(record.properties.erased).toMatchObject({ type: 'boolean' });
  });

  it('documents /metrics as Prometheus text', () => {
    const metrics = doc.paths['/metrics']?.get;
    expect(metrics?.responses['200'].content).toHaveProperty(['text/plain', 'schema', 'type'], 'string');
  });

  it('gives every route that needs a key its problem+json errors, 401 included', () => {
    const missing = operations.filter(({ name }) => needsKey.get(name)).flatMap(({ name, op }) => {
      const errors = Object.entries(op.responses).filter(([status]) => /^[45]\d\d$/.test(status));
      const notProblem = errors.filter(([, r]) => r.content?.[PROBLEM]?.schema?.$ref !== '#/components/schemas/ProblemDetails').map(([s]) => `${name} ${s}: not problem+json`);
      return [...(op.responses['401'] ? [] : [`${name}: no 401`]), ...notProblem];
    });
    expect(missing).toEqual([]);
  });

  it('describes problem details as the routes answer them', async () => {
    const problem = doc.components.schemas.ProblemDetails;
    expect(Object.keys(problem.properties)).toEqual(expect.arrayContaining(['type', 'title', 'status', 'detail', 'code', 'errors']));
    expect(undescribed(problem, doc, 'ProblemDetails')).toEqual([]);
    const fieldError = doc.components.schemas[String(problem.properties.errors.items.$ref).split('/').pop()!];
    expect(Object.keys(fieldError.properties)).toEqual(expect.arrayContaining(['field', 'message', 'code']));

    const refused = await app.api('POST', '/v1/providers', { body: {} });
    expect(refused.contentType).toContain(PROBLEM);
    for (const key of problem.required as string[]) expect(refused.body).toHaveProperty(key);
  });

  it('documents every field the validator asks for, nested ones included', async () => {
    const admin = app.adminKey();
    const undocumented: string[] = [];
    for (const { method, path, name, op } of operations.filter((o) => o.op.requestBody)) {
      const schema = op.requestBody.content?.['application/json']?.schema;
      const url = path.replace(/\{([^}]+)\}/g, (_, param: string) => PATH_VALUES[param] ?? 'x');
      // An empty body names the required fields; the same fields given as empty objects name their own fields.
      const first = await app.api(method.toUpperCase(), url, { key: admin, body: {} });
      const named = first.status === 400 ? (first.body.errors as { field: string }[]).map((e) => e.field) : [];
      const nested = Object.fromEntries([...new Set(named.map((f) => f.split(/[.[]/)[0]))].map((f) => [f, {}]));
      const second = named.length ? await app.api(method.toUpperCase(), url, { key: admin, body: nested }) : undefined;
      const all = [...named, ...(second?.status === 400 ? (second.body.errors as { field: string }[]).map((e) => e.field) : [])];
      for (const field of new Set(all)) {
        if (field !== '(body)' && !schemaHas(schema, doc, field.replace(/\[(\d+)\]/g, '.$1').split('.'))) undocumented.push(`${name}: ${field}`);
      }
    }
    expect(undocumented).toEqual([]);
  });

  it('describes every request body down to its leaves (no empty or bare-object schema)', () => {
    const empty = operations.flatMap(({ name, op }) => {
      if (!op.requestBody) return [];
      const content = Object.entries<Schema>(op.requestBody.content ?? {});
      if (content.length === 0) return [`${name}: request body without content`];
      return content.flatMap(([, media]) => undescribed(media.schema, doc, `${name} body`));
    });
    expect(empty).toEqual([]);
  });
});

/** Whether a field path the validator named (`scope.minLevel`, `items[0].type`) exists in the schema. */
function schemaHas(schema: Schema | undefined, doc: Doc, path: string[]): boolean {
  if (!schema) return false;
  if (path.length === 0) return true;
  if (schema.$ref) return schemaHas(doc.components.schemas[String(schema.$ref).replace('#/components/schemas/', '')], doc, path);
  for (const key of ['oneOf', 'anyOf', 'allOf']) {
    if (Array.isArray(schema[key])) return schema[key].some((s: Schema) => schemaHas(s, doc, path));
  }
  const [head, ...rest] = path;
  if (/^\d+$/.test(head)) return schema.type === 'array' && schemaHas(schema.items, doc, rest);
  return schemaHas(schema.properties?.[head], doc, rest);
}

const PATH_VALUES: Record<string, string> = {
  providerId: 'openapi-probe', achievementId: '00000000-0000-4000-8000-000000000001', accreditationId: '00000000-0000-4000-8000-000000000002',
  credentialId: '00000000-0000-4000-8000-000000000003', jurisdiction: 'NZ', keyId: 'probe-key', qaBodyId: 'openapi-probe',
  learnerId: '00000000-0000-4000-8000-000000000004',
};

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return sources(path);
    return path.endsWith('.ts') && !path.endsWith('spec.ts') ? [path] : [];
  });
}
