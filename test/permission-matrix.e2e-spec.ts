import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppProcess, ApiResponse } from '@app/testing';
import { MatrixFixture, Role, ROLES } from './permission-matrix.fixture';
import { accessMarkdown, Call, MATRIX, OUTSIDE_THE_DOCUMENT, RouteRule, Target } from './permission-matrix.table';

const METHODS = ['get', 'put', 'post', 'delete', 'patch'];
type Doc = { paths: Record<string, Record<string, unknown>> };

/** The answer with what differs between two URLs left out. */
const comparable = (res: ApiResponse) => ({ status: res.status, body: typeof res.body === 'object' && res.body ? { ...res.body, instance: undefined } : res.body });
const brief = (res: ApiResponse) => `${res.status} ${typeof res.body === 'string' ? res.body.slice(0, 120) : JSON.stringify(res.body)?.slice(0, 300)}`;

/**
 * Every route of the live OpenAPI document × every role × (in scope, out of scope, no key,
 * revoked key, expired key), against the standalone ledger, with the status each must answer
 * from permission-matrix.table.ts. In-scope calls reach their handler and get its real answer;
 * an out-of-scope refusal must be the answer the same key gets for a target that does not exist.
 */
describe('permission matrix', () => {
  let dir: string;
  let app: AppProcess;
  let fx: MatrixFixture;
  let documented: string[];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-matrix-'));
    // Limits far above what the matrix sends: the limiter itself is proven in api-key-access.e2e-spec.ts.
    app = await AppProcess.start({ dataDir: dir, env: { RATE_LIMIT_PER_MINUTE: '1000000', AUTH_FAILURES_PER_MINUTE: '1000000', RAISE_DISCREPANCIES: 'on' } });
    const doc = (await app.api<Doc>('GET', '/docs-json')).body;
    documented = Object.entries(doc.paths).flatMap(([path, item]) => METHODS.filter((m) => item[m]).map((m) => `${m.toUpperCase()} ${path}`));
    fx = await MatrixFixture.build(app);
  }, 120_000);

  afterAll(async () => {
    await app?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('has an entry for every route in /docs-json, and none for a route that is gone', () => {
    expect(documented.length).toBeGreaterThan(60);
    expect(documented.filter((route) => !MATRIX[route])).toEqual([]);
    expect(Object.keys(MATRIX).filter((route) => !documented.includes(route))).toEqual([]);
  });

  const send = async (method: string, call: Call, key: string | undefined): Promise<ApiResponse> =>
    app.api(method, call.path, { key: call.key ?? key, body: call.body, headers: call.headers });

  /** Runs one route through every role and variant; resolves with what did not answer as the table says. */
  async function check(route: string, rule: RouteRule): Promise<string[]> {
    const method = route.split(' ')[0];
    const problems: string[] = [];
    const call = (target: Target) => rule.request(fx, target);
    const expectStatus = (what: string, res: ApiResponse, status: number) => {
      if (res.status !== status) problems.push(`${what}: expected ${status}, got ${brief(res)}`);
    };

    for (const role of ROLES) {
      const keys = fx.keys[role];
      const spec = rule.public ?? rule.roles?.[role] ?? 403;
      const [inside, outside] = Array.isArray(spec) ? spec : [spec, spec];
      let out: ApiResponse | undefined;
      if (keys.outOfScope) {
        out = await send(method, await call({ role, missing: false, fresh: false }), keys.outOfScope);
        expectStatus(`${role} out of scope`, out, outside);
        if (outside >= 400) {
          const absent = await send(method, await call({ role, missing: true, fresh: false }), keys.outOfScope);
          if (JSON.stringify(comparable(out)) !== JSON.stringify(comparable(absent))) {
            problems.push(`${role} out of scope answers unlike a missing target: ${brief(out)} vs ${brief(absent)}`);
          }
        }
      }
      const own = await send(method, await call({ role, missing: false, fresh: inside < 300 }), keys.inScope);
      expectStatus(`${role} in scope`, own, inside);
      if (inside === 403 && own.body?.code !== 'AUTH.FORBIDDEN') problems.push(`${role} in scope: refused by role without AUTH.FORBIDDEN: ${brief(own)}`);
      if (rule.hides?.roles.includes(role)) {
        const marker = rule.hides.marker(fx);
        const text = (res: ApiResponse) => (typeof res.body === 'string' ? res.body : JSON.stringify(res.body));
        if (!text(own).includes(marker)) problems.push(`${role} in scope does not see ${marker}: ${brief(own)}`);
        if (out && text(out).includes(marker)) problems.push(`${role} out of scope sees ${marker}: ${brief(out)}`);
      }
    }

    const unauthenticated = (what: string, res: ApiResponse, reason?: RegExp) => {
      if (rule.public !== undefined) return expectStatus(what, res, rule.public);
      expectStatus(what, res, 401);
      if (res.body?.code !== 'AUTH.UNAUTHENTICATED' || (reason && !reason.test(res.body?.detail))) problems.push(`${what}: not told why: ${brief(res)}`);
    };
    unauthenticated('no key', await send(method, await call({ missing: false, fresh: false }), undefined));
    if (Date.now() <= fx.expiresAt) await new Promise((r) => setTimeout(r, fx.expiresAt - Date.now() + 50));
    for (const role of ROLES) {
      const target = { role, missing: false, fresh: false };
      unauthenticated(`${role} revoked key`, await send(method, await call(target), fx.keys[role].revoked), /revoked/);
      unauthenticated(`${role} expired key`, await send(method, await call(target), fx.keys[role].expired), /expired/);
    }
    return problems;
  }

  it.each(Object.keys(MATRIX))('%s answers every role as the table says', async (route) => {
    expect(await check(route, MATRIX[route])).toEqual([]);
  }, 90_000);

  it.each(Object.keys(OUTSIDE_THE_DOCUMENT))('%s (beside the document) is public', async (route) => {
    expect(await check(route, OUTSIDE_THE_DOCUMENT[route])).toEqual([]);
  });

  it('reads the roles from the same list the table uses', () => {
    const tableRoles = new Set(Object.values(MATRIX).flatMap((rule) => Object.keys(rule.roles ?? {})));
    expect([...tableRoles].filter((r) => !ROLES.includes(r as Role))).toEqual([]);
  });
});

describe('the README access table', () => {
  it('is the permission matrix table, rendered', () => {
    const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
    const section = /<!-- access-matrix:start -->\n([\s\S]*?)\n<!-- access-matrix:end -->/.exec(readme)?.[1];
    const rendered = accessMarkdown();
    if (section !== rendered) throw new Error(`README.md's access table is not the matrix's: put this between its access-matrix markers:\n\n${rendered}\n`);
  });
});
