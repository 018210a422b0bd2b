import { accessAuditOverhead } from './access-audit';
import { auditExport } from './audit-export';
import { catchUpWaitMs, httpIngest, HttpIngestResult } from './http-ingest';
import { kafkaIngest } from './kafka-ingest';
import { compared, figure, Figure, Measurement } from './measurement';
import { tlogBench } from './tlog';

const BATCH = 1000;
const CONCURRENCY = 4;
// --quick: 10,000, so CI stays within its budget while ingest is far below target (its catch-up dominates).
const ingestTotal = (quick: boolean) => (quick ? 10_000 : 200_000);
const mb = (bytes: number) => bytes / 2 ** 20;
let unsigned: HttpIngestResult | undefined;

/** Ingest through POST /v1/providers/{id}/events beside raw SQLite appends of the same rows, and the catch-up after it. */
export const ingestHttp: Measurement = {
  name: 'ingest-http',
  figures: ['ingest-http', 'ingest-http-end-to-end', 'projection-catch-up', 'raw-sqlite-append'],
  async run({ quick }) {
    const total = ingestTotal(quick);
    unsigned = await httpIngest({ total, batch: BATCH, concurrency: CONCURRENCY, signed: false, measureRaw: true });
    const raw = unsigned.raw!;
    const issued = unsigned.rawIssued!;
    const how = `${unsigned.accepted} CredentialIssued in ${BATCH}-item batches, ${CONCURRENCY} clients, ~${unsigned.itemBytes} B per item, embedded engines`;
    return [
      // The answer waits for one row per credential (its CredentialIssued, appended durably); the
      // learner events identity resolution adds come after, from the projections. So the limit for
      // the acknowledged rate is the raw rate of one row per credential, and the end-to-end figure
      // (load and catch-up) is compared with every row the ledger stored, appended raw.
      figure({ name: 'ingest-http', value: unsigned.eventsPerSecond, unit: 'events/s', compare: compared('limit', `raw-sqlite (the ${issued.rows} CredentialIssued rows the answers wait for)`, issued.limit.rowsPerSecond, 'rows/s', unsigned.eventsPerSecond), target: '>= 20000 events/s', detail: how }),
      unsigned.caughtUpMs < 0 ? { name: 'ingest-http-end-to-end', unit: 'credentials/s', skipped: `not caught up within ${catchUpWaitMs(total) / 1000} s` } : figure({
        name: 'ingest-http-end-to-end', value: unsigned.accepted / (unsigned.loadSeconds + unsigned.caughtUpMs / 1000), unit: 'credentials/s',
        compare: compared('limit', `raw-sqlite (every row the ledger stored: ${(raw.rows / unsigned.accepted).toFixed(1)} per credential, learner events included)`, raw.limit.rowsPerSecond * unsigned.accepted / raw.rows, 'credentials/s', unsigned.accepted / (unsigned.loadSeconds + unsigned.caughtUpMs / 1000)),
        detail: `${unsigned.accepted} credentials from the first request until every projection reached the head (load ${unsigned.loadSeconds.toFixed(1)} s + catch-up ${(unsigned.caughtUpMs / 1000).toFixed(1)} s)`,
      }),
      unsigned.caughtUpMs < 0
        ? { name: 'projection-catch-up', unit: 'ms', skipped: `not caught up within ${catchUpWaitMs(total) / 1000} s`, target: '<= 2000 ms' }
        : figure({ name: 'projection-catch-up', value: unsigned.caughtUpMs, unit: 'ms', target: '<= 2000 ms', detail: 'from the last acknowledged batch to lag 0' }),
      figure({ name: 'raw-sqlite-append', value: raw.limit.rowsPerSecond, unit: 'rows/s', compare: compared('baseline', "event store's settings", raw.ledgerSettings.rowsPerSecond, 'rows/s', raw.limit.rowsPerSecond), detail: `best tuned set-up: ${raw.limit.settings}; ${raw.rows} rows of ~${raw.avgRowBytes} B data+metadata: every row the ledger stored for its ${unsigned.accepted} credentials, appended again into fresh files` }),
    ];
  },
};

export const ingestHttpSigned: Measurement = {
  name: 'ingest-http-signed',
  figures: ['ingest-http-signed'],
  async run({ quick }) {
    const signed = await httpIngest({ total: ingestTotal(quick), batch: BATCH, concurrency: CONCURRENCY, signed: true, measureRaw: false, catchUp: false });
    return [figure({
      name: 'ingest-http-signed', value: signed.eventsPerSecond, unit: 'events/s',
      ...(unsigned ? { compare: compared('baseline', 'unsigned', unsigned.eventsPerSecond, 'events/s', signed.eventsPerSecond) } : {}),
      detail: `one Ed25519 signature per ${BATCH}-item batch`,
    })];
  },
};

/**
 * Where the ingest time goes, by moving the projections away: the providers app alone (the
 * request path's ceiling on this machine) and the three apps as processes on the same SQLite
 * files (the projections on the other core), each beside the one-process ledger above.
 */
export const ingestTopologies: Measurement = {
  name: 'ingest-topologies',
  figures: ['ingest-http-providers-alone', 'ingest-http-apps-sharing-sqlite', 'projection-catch-up-apps-sharing-sqlite'],
  quickSeconds: 25,
  async run({ quick }) {
    // --quick: half the quick load, so it fits CI's budget; the rates are per event either way.
    const total = quick ? ingestTotal(quick) / 2 : ingestTotal(quick);
    const alone = await httpIngest({ total, batch: BATCH, concurrency: CONCURRENCY, signed: false, measureRaw: false, topology: 'providers-alone', catchUp: false });
    const split = await httpIngest({ total, batch: BATCH, concurrency: CONCURRENCY, signed: false, measureRaw: false, topology: 'apps-sharing-sqlite' });
    const beside = (value: number) => (unsigned ? { compare: compared('baseline', 'one-process ledger', unsigned.eventsPerSecond, 'events/s', value) } : {});
    const how = `${total} CredentialIssued in ${BATCH}-item batches, ${CONCURRENCY} clients, embedded engines`;
    return [
      figure({ name: 'ingest-http-providers-alone', value: alone.eventsPerSecond, unit: 'events/s', ...beside(alone.eventsPerSecond), detail: `only the providers app on the embedded files (validation, decision, durable append, its own read-back projections), nothing projecting records or QA: the request path's ceiling here; ${how}` }),
      figure({ name: 'ingest-http-apps-sharing-sqlite', value: split.eventsPerSecond, unit: 'events/s', ...beside(split.eventsPerSecond), detail: `providers, quality-assurance and records as three processes on one SQLite event store and one SQLite read store: projections off the request thread, writers taking turns at the file lock; ${how}` }),
      split.caughtUpMs < 0
        ? { name: 'projection-catch-up-apps-sharing-sqlite', unit: 'ms', skipped: `not caught up within ${catchUpWaitMs(total) / 1000} s` }
        : figure({ name: 'projection-catch-up-apps-sharing-sqlite', value: split.caughtUpMs, unit: 'ms', ...(unsigned && unsigned.caughtUpMs >= 0 ? { compare: compared('baseline', 'one-process ledger', unsigned.caughtUpMs, 'ms', split.caughtUpMs) } : {}), detail: 'records and QA from the last acknowledged batch to lag 0' }),
    ];
  },
};

/** The verifiable log at 1,000,000 leaves (100,000 in --quick): append, proofs, checkpoints, the offline verifier. */
export const tlog: Measurement = {
  name: 'tlog',
  figures: ['tlog-append', 'tlog-inclusion-proof', 'tlog-inclusion-proof-served', 'tlog-checkpoint', 'verify-offline'],
  async run({ quick }) {
    const f = await tlogBench(quick ? 100_000 : 1_000_000);
    const at = `at ${f.leaves} leaves${quick ? ' (--quick; the full run uses 1,000,000)' : ''}`;
    return [
      figure({ name: 'tlog-append', value: f.appendPerSecond, unit: 'leaves/s', detail: `~${f.leafBytes} B leaves: leaf hash, right edge, ~2 node rows per leaf into SQLite, 1000 per transaction` }),
      figure({ name: 'tlog-inclusion-proof', value: f.sqlite.proofP99Ms, unit: 'ms p99', target: '<= 2 ms', extra: { p50Ms: f.sqlite.proofP50Ms, load: f.load }, detail: `p50 ${f.sqlite.proofP50Ms.toFixed(3)} ms ${at} from the SQLite node store (one query per proof), load average ${f.load.toFixed(1)}` }),
      figure({ name: 'tlog-inclusion-proof-served', value: f.sqlite.servedP99Ms, unit: 'ms p99', extra: { p50Ms: f.sqlite.servedP50Ms }, detail: `p50 ${f.sqlite.servedP50Ms.toFixed(3)} ms; leaf hash read + proof + verified against the root, as the ledger serves it` }),
      figure({ name: 'tlog-checkpoint', value: f.sqlite.checkpointP99Ms, unit: 'ms p99', extra: { p50Ms: f.sqlite.checkpointP50Ms }, detail: `p50 ${f.sqlite.checkpointP50Ms.toFixed(3)} ms ${at} (root from stored nodes + Ed25519 signed note, opened again)` }),
      figure({ name: 'verify-offline', value: f.verify.linesPerSecond, unit: 'lines/s', extra: { seconds: f.verify.seconds, rssGrowthMb: f.verify.rssGrowthMb }, detail: `${f.verify.seconds.toFixed(1)} s for a ${f.leaves}-line export (${Math.round(f.verify.exportMb)} MB), RSS growth ${f.verify.rssGrowthMb.toFixed(1)} MB` }),
    ];
  },
};

/** The admin's NDJSON export: rate, and the exporting process's memory while it streams. */
export const auditExportRate: Measurement = {
  name: 'audit-export',
  figures: ['audit-export', 'audit-export-rss-peak'],
  async run({ quick }) {
    const e = await auditExport(quick ? 50_000 : 1_000_000);
    return [
      figure({ name: 'audit-export', value: e.events / e.seconds, unit: 'events/s', extra: { events: e.events, bytes: e.bytes, seconds: e.seconds }, detail: `${e.events} events (${Math.round(mb(e.bytes))} MB NDJSON) in ${e.seconds.toFixed(1)} s over HTTP` }),
      figure({ name: 'audit-export-rss-peak', value: mb(e.rssPeak), unit: 'MB', compare: compared('baseline', 'before', mb(e.rssBefore), 'MB', mb(e.rssPeak)), detail: 'exporting process RSS while streaming [bounded memory: the peak does not grow with the number of events]' }),
    ];
  },
};

export const accessAudit: Measurement = {
  name: 'access-audit',
  figures: ['access-audit'],
  async run({ quick }) {
    const a = await accessAuditOverhead(quick ? 500 : 2000);
    const ms = (n: number) => `${n.toFixed(1)} ms`;
    return [figure({
      name: 'access-audit', value: (1 - a.audited.perSecond / a.unaudited.perSecond) * 100, unit: '% of read throughput',
      compare: compared('baseline', 'unrecorded reads', a.unaudited.perSecond, 'reads/s', a.audited.perSecond),
      extra: { auditedPerSecond: a.audited.perSecond, auditedP99Ms: a.audited.p99, unauditedPerSecond: a.unaudited.perSecond, unauditedP99Ms: a.unaudited.p99 },
      target: 'a few percent',
      detail: `learner record reads recorded (admin, Ledger-Purpose) ${Math.round(a.audited.perSecond)}/s p50 ${ms(a.audited.p50)} p99 ${ms(a.audited.p99)}; not recorded (own key) ${Math.round(a.unaudited.perSecond)}/s p50 ${ms(a.unaudited.p50)} p99 ${ms(a.unaudited.p99)}`,
    })];
  },
};

/** Kafka ingest beside raw kafkajs. In --quick only on a broker given by KAFKA_BROKERS (starting one takes minutes). */
export const ingestKafka: Measurement = {
  name: 'ingest-kafka',
  figures: ['ingest-kafka'],
  async run({ quick, argv }): Promise<Figure[]> {
    const target = '>= 10000 events/s';
    if (argv.includes('--no-kafka')) return [{ name: 'ingest-kafka', unit: 'events/s', skipped: '--no-kafka', target }];
    if (quick && !process.env.KAFKA_BROKERS) return [{ name: 'ingest-kafka', unit: 'events/s', skipped: '--quick without KAFKA_BROKERS; the full run starts a broker with deploy/kafka/kafka.sh', target }];
    const k = await kafkaIngest(quick ? 10_000 : 100_000);
    if ('skipped' in k) return [{ name: 'ingest-kafka', unit: 'events/s', skipped: k.skipped, target }];
    return [figure({ name: 'ingest-kafka', value: k.eventsPerSecond, unit: 'events/s', compare: compared('limit', 'raw-kafkajs produce+consume', k.rawPerSecond, 'msgs/s', k.eventsPerSecond), target })];
  },
};
