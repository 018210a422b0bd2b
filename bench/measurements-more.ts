import { feedDelivery } from './feeds';
import { compared, figure, Measurement, skipped } from './measurement';
import { postgresBench } from './postgres';
import { verificationBench } from './verification';

/** `--name value` or `--name=value`. */
const flag = (argv: string[], name: string) => {
  const joined = argv.find((a) => a.startsWith(`${name}=`));
  if (joined) return joined.slice(name.length + 1);
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};

/** Verification under 100 concurrent clients (autocannon), beside /health and a bare Node http server. */
export const verificationMeasurement: Measurement = {
  name: 'verification',
  figures: ['verification', 'verification-p99', 'health-requests'],
  async run({ quick, argv }) {
    const credentials = Number(flag(argv, '--verification-credentials') ?? (quick ? 2_000 : 1_000_000));
    const r = await verificationBench({ credentials, seconds: quick ? 3 : 10, catchUpMinutes: Number(flag(argv, '--verification-catch-up-minutes') ?? 30) });
    const v = r.verification;
    const seeded = r.seeded === 'http' ? 'issued through the batch API' : 'appended through the event store port and projected at start';
    const at = `at ${r.credentials} credentials${quick ? ' (--quick; the target is at 1,000,000)' : ''} (${seeded}, ${Math.round(r.loadSeconds)} s), 100 connections, ${r.inclusionProofs ? 'answers with inclusion proofs' : 'no inclusion proofs (no checkpoint covered them)'}, auth, rate limits, metrics and access log on; ledger RSS ${Math.round(r.rssAfterLoad / 2 ** 20)} MB after the load`
      + (v.cpuMsPerRequest !== undefined ? `; ledger CPU ${v.cpuMsPerRequest.toFixed(3)} ms per answer (/health ${r.health.cpuMsPerRequest?.toFixed(3)} ms)` : '')
      + (v.unexpected ? `; ${v.unexpected} answers were not 200` : '');
    return [
      figure({ name: 'verification', value: v.requestsPerSecond, unit: 'req/s', compare: compared('limit', 'bare-node-http', r.bareNode.requestsPerSecond, 'req/s', v.requestsPerSecond), target: '>= 20000 req/s', extra: { p50Ms: v.p50, p99Ms: v.p99, ...(v.cpuMsPerRequest !== undefined ? { cpuMsPerRequest: v.cpuMsPerRequest } : {}), ...(r.health.cpuMsPerRequest !== undefined ? { healthCpuMsPerRequest: r.health.cpuMsPerRequest } : {}), loadSeconds: r.loadSeconds, credentials: r.credentials, seeded: r.seeded, rssAfterLoadMb: r.rssAfterLoad / 2 ** 20 }, detail: at }),
      figure({ name: 'verification-p99', value: v.p99, unit: 'ms', target: '<= 10 ms', extra: { p50Ms: v.p50 }, detail: `p50 ${v.p50} ms ${at}` }),
      figure({ name: 'health-requests', value: r.health.requestsPerSecond, unit: 'req/s', compare: compared('limit', 'bare-node-http', r.bareNode.requestsPerSecond, 'req/s', r.health.requestsPerSecond), detail: 'GET /health, 100 connections: the per-request cost of the HTTP stack alone' }),
    ];
  },
};

/** Commit-to-receipt latency of partner feeds, 10 partners reading with the HTTP long poll. */
export const feedMeasurement: Measurement = {
  name: 'feed-delivery',
  figures: ['feed-delivery', 'feed-delivery-from-link'],
  async run({ quick }) {
    const f = await feedDelivery(quick ? 60 : 500);
    const how = `${f.partners} partners on the HTTP long poll, ${f.events} credentials issued one request at a time to a learner who consented to all of them`;
    return [
      figure({ name: 'feed-delivery', value: f.p99, unit: 'ms p99', target: '<= 1000 ms', extra: { p50Ms: f.p50 }, detail: `p50 ${Math.round(f.p50)} ms from the ingest request to the partner's receipt; ${how}` }),
      figure({ name: 'feed-delivery-from-link', value: f.fromLink.p99, unit: 'ms p99', extra: { p50Ms: f.fromLink.p50 }, detail: `p50 ${Math.round(f.fromLink.p50)} ms from the learner link (the event the feed entry is routed from) to receipt: the router and the poll, without identity resolution` }),
    ];
  },
};

/** The PostgreSQL event store's appends and full read beside PostgreSQL's own COPY and a bare SELECT of the same rows. */
export const postgresMeasurement: Measurement = {
  name: 'postgres',
  figures: ['pg-ingest', 'pg-rebuild'],
  async run({ quick }) {
    const shape = { events: quick ? 10_000 : 100_000, batch: 1000, concurrency: 4 };
    const r = await postgresBench(shape);
    if ('skipped' in r) return [skipped('pg-ingest', 'events/s', r.skipped), skipped('pg-rebuild', 'events/s', r.skipped)];
    const how = `${r.events} CredentialIssued rows of ~${r.avgRowBytes} B; appendMany of ${shape.batch} new streams per call, ${shape.concurrency} callers, one advisory-locked transaction per call`;
    return [
      figure({ name: 'pg-ingest', value: r.ingest.pg, unit: 'events/s', compare: compared('limit', 'raw-pg-copy', r.ingest.rawCopy, 'rows/s', r.ingest.pg), extra: { sqliteAdapter: r.ingest.sqlite }, detail: `${how}; the SQLite adapter took the same appends at ${Math.round(r.ingest.sqlite)} events/s` }),
      figure({ name: 'pg-rebuild', value: r.rebuild.pg, unit: 'events/s', compare: compared('limit', 'raw-pg-select', r.rebuild.rawSelect, 'rows/s', r.rebuild.pg), extra: { sqliteAdapter: r.rebuild.sqlite }, detail: `readAll in pages of 1000; the SQLite adapter read the same at ${Math.round(r.rebuild.sqlite)} events/s` }),
    ];
  },
};
