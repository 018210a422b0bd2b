import { DataSet, GeneratedBatch } from './data-set';
import { lifecycleBatches } from './lifecycle';
import { Caller, setupSteps } from './requests';

export interface LoadReport {
  steps: number;
  /** Set-up requests answered "already there" (a rerun on the same ledger). */
  alreadyThere: number;
  batches: number;
  accepted: number;
  duplicate: number;
  rejected: number;
  /** The first few rejections, for the message when something is refused. */
  rejections: { providerId: string; sourceEventId?: string; errors: unknown }[];
  seconds: number;
}

export interface LoadOptions {
  /** Base URL of a running ledger, e.g. http://127.0.0.1:3000. */
  baseUrl: string;
  adminKey: string;
  /** Providers loading at once (each provider's batches stay in order). */
  concurrency?: number;
  onProgress?: (done: { events: number; of: number }) => void;
}

const callerKey = (c: Caller) => (c.role === 'admin' ? 'admin' : `${c.role}/${c.id}`);

function caller(baseUrl: string) {
  return async (method: string, path: string, key: string | undefined, body?: unknown): Promise<{ status: number; body: any }> => {
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: any = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: kept as text for the message
    }
    return { status: res.status, body: parsed };
  };
}

/**
 * Runs a data set's set-up steps (setupSteps) against a running ledger: QA bodies, policies,
 * providers, accreditations, achievements, approvals. Answers the keys it issued, by caller
 * (`provider/<id>`, `qa-body/<id>`).
 */
export async function runSetup(set: DataSet, options: Pick<LoadOptions, 'baseUrl' | 'adminKey'>): Promise<{ steps: number; alreadyThere: number; keys: Map<string, string> }> {
  const call = caller(options.baseUrl);
  const keys = new Map<string, string>([['admin', options.adminKey]]);
  let steps = 0;
  let alreadyThere = 0;
  let created = false;
  for (const step of setupSteps(set)) {
    if (step.onlyAfterCreation && !created) {
      alreadyThere++;
      continue;
    }
    const res = await call(step.method, step.path, keys.get(callerKey(step.as)), step.body);
    if (!step.onlyAfterCreation) created = res.status === 201;
    if (!step.ok.includes(res.status)) throw new Error(`${step.method} ${step.path} answered ${res.status}: ${JSON.stringify(res.body).slice(0, 500)}`);
    steps++;
    if (res.status === 409 || (res.status === 200 && step.ok.includes(201))) alreadyThere++;
    if (step.keyFor) keys.set(callerKey(step.keyFor), res.body.apiKey);
  }
  return { steps, alreadyThere, keys };
}

/**
 * Loads a data set into a running ledger through its public API only: the set-up steps as
 * the admin, QA bodies and providers (with the keys the steps issue), then every provider's
 * lifecycle batches. A step answered with an unexpected status stops the load with its answer.
 */
export async function loadDataSet(set: DataSet, options: LoadOptions): Promise<LoadReport> {
  const started = performance.now();
  const keys = new Map<string, string>([['admin', options.adminKey]]);
  const keyOf = (c: Caller) => keys.get(callerKey(c));
  const call = caller(options.baseUrl);

  const report: LoadReport = { steps: 0, alreadyThere: 0, batches: 0, accepted: 0, duplicate: 0, rejected: 0, rejections: [], seconds: 0 };
  const setup = await runSetup(set, options);
  report.steps = setup.steps;
  report.alreadyThere = setup.alreadyThere;
  for (const [k, v] of setup.keys) keys.set(k, v);

  // Each provider's batches in order, several providers at once.
  const queues = new Map<string, GeneratedBatch[]>();
  const source = lifecycleBatches(set);
  let exhausted = false;
  let events = 0;
  const take = (): GeneratedBatch | undefined => {
    const next = source.next();
    if (next.done) {
      exhausted = true;
      return undefined;
    }
    return next.value;
  };
  const busy = new Set<string>();
  const worker = async () => {
    for (;;) {
      let batch: GeneratedBatch | undefined;
      // A queued batch of an idle provider first, else the next one from the generator.
      for (const [providerId, queue] of queues) {
        if (!busy.has(providerId) && queue.length > 0) {
          batch = queue.shift();
          break;
        }
      }
      while (!batch && !exhausted) {
        const next = take();
        if (!next) break;
        if (busy.has(next.providerId)) queues.set(next.providerId, [...(queues.get(next.providerId) ?? []), next]);
        else batch = next;
      }
      if (!batch) {
        if (exhausted && [...queues.values()].every((q) => q.length === 0)) return;
        await new Promise((r) => setTimeout(r, 5));
        continue;
      }
      busy.add(batch.providerId);
      try {
        const res = await call('POST', `/v1/providers/${batch.providerId}/events`, keyOf({ role: 'provider', id: batch.providerId }), { items: batch.items });
        if (res.status !== 207) throw new Error(`POST /v1/providers/${batch.providerId}/events answered ${res.status}: ${JSON.stringify(res.body).slice(0, 500)}`);
        report.batches++;
        report.accepted += res.body.summary.accepted;
        report.duplicate += res.body.summary.duplicate;
        report.rejected += res.body.summary.rejected;
        for (const r of res.body.results as any[]) {
          if (r.outcome === 'rejected' && report.rejections.length < 10) report.rejections.push({ providerId: batch.providerId, sourceEventId: r.sourceEventId, errors: r.errors });
        }
        events += batch.items.length;
        options.onProgress?.({ events, of: set.events });
      } finally {
        busy.delete(batch.providerId);
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 4 }, worker));
  report.seconds = (performance.now() - started) / 1000;
  return report;
}
