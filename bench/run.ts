import { accessAuditOverhead } from './access-audit';
import { auditExport } from './audit-export';
import { feedDelivery } from './feeds';
import { httpIngest } from './http-ingest';
import { kafkaIngest } from './kafka-ingest';
import { postgresBenchLines } from './postgres';
import { tlogBench, tlogLines } from './tlog';
import { verificationBench } from './verification';

/**
 * `npm run bench [-- --quick] [-- --no-kafka] [-- --verification-credentials N]`: ingest, catch-up and Kafka throughput, each
 * printed beside the machine's own limit measured in the same run; the verifiable log's proof
 * and checkpoint times at 1,000,000 leaves and the offline verifier; the audit export's memory and
 * the access audit's cost on a read. Nothing here asserts.
 */
const quick = process.argv.includes('--quick');
const line = (name: string, value: string) => console.log(`${name}: ${value}`);
const round = (n: number) => Math.round(n);
const flag = (name: string) => { const i = process.argv.indexOf(name); return i >= 0 ? process.argv[i + 1] : undefined; };

async function main(): Promise<void> {
  const total = quick ? 20_000 : 200_000;
  const shape = { total, batch: 1000, concurrency: 4 };
  const unsigned = await httpIngest({ ...shape, signed: false, measureRaw: true });
  const signed = await httpIngest({ ...shape, signed: true, measureRaw: false });
  const raw = unsigned.raw!;
  console.log(`# bench ${quick ? '--quick' : 'full'}: ${total} CredentialIssued events per run in ${shape.batch}-item batches, ${shape.concurrency} concurrent clients, ~${unsigned.itemBytes} B per item on the wire, embedded engines`);
  line('ingest-http', `${round(unsigned.eventsPerSecond)} events/s (limit raw-sqlite: ${round(raw.rowsPerSecond)} rows/s, ratio: ${(unsigned.eventsPerSecond / raw.rowsPerSecond).toFixed(2)}) [target >= 20000 events/s]`);
  line('ingest-http-signed', `${round(signed.eventsPerSecond)} events/s (unsigned: ${round(unsigned.eventsPerSecond)} events/s, ratio: ${(signed.eventsPerSecond / unsigned.eventsPerSecond).toFixed(2)}) [one Ed25519 signature per ${shape.batch}-item batch]`);
  line('projection-catch-up', `${unsigned.caughtUpMs < 0 ? 'not caught up within 120 s' : `${unsigned.caughtUpMs} ms after load stopped`} [target <= 2000 ms]`);
  line('raw-sqlite-append', `${raw.rows} rows of ~${raw.avgRowBytes} B stored data+metadata, ${shape.batch} rows per transaction, WAL, synchronous=FULL`);
  for (const [name, value] of tlogLines(await tlogBench(quick ? 100_000 : 1_000_000))) line(name, value);
  const exported = await auditExport(quick ? 100_000 : 1_000_000);
  const mb = (bytes: number) => `${Math.round(bytes / 1048576)} MB`;
  line('audit-export', `${exported.events} events (${mb(exported.bytes)} NDJSON) in ${exported.seconds.toFixed(1)} s; exporting process RSS ${mb(exported.rssBefore)} before, peak ${mb(exported.rssPeak)} while streaming [bounded memory: peak independent of the number of events]`);
  const access = await accessAuditOverhead(quick ? 500 : 2000);
  const ms = (n: number) => `${n.toFixed(1)} ms`;
  line('access-audit', `learner record reads recorded (admin, Ledger-Purpose) ${round(access.audited.perSecond)}/s p50 ${ms(access.audited.p50)} p99 ${ms(access.audited.p99)}; `
    + `not recorded (the learner's own key) ${round(access.unaudited.perSecond)}/s p50 ${ms(access.unaudited.p50)} p99 ${ms(access.unaudited.p99)}; `
    + `overhead ${((1 - access.audited.perSecond / access.unaudited.perSecond) * 100).toFixed(1)}% of throughput [target: a few percent]`);
  for (const [name, value] of await postgresBenchLines(quick ? 20_000 : 100_000)) line(name, value);
  const feeds = await feedDelivery(quick ? 100 : 500);
  line('feed-delivery', `p50 ${ms(feeds.p50)} p99 ${ms(feeds.p99)} (${feeds.partners} partners, HTTP long poll, ${feeds.events} events each; from the credential's learner link: p50 ${ms(feeds.fromLink.p50)} p99 ${ms(feeds.fromLink.p99)}) [target p99 <= 1000 ms]`);
  const verify = await verificationBench({ credentials: Number(flag('--verification-credentials') ?? (quick ? 10_000 : 1_000_000)), seconds: quick ? 5 : 10 });
  const v = verify.verification;
  line('verification', `${round(v.requestsPerSecond)} req/s p50 ${v.p50} ms p99 ${v.p99} ms at ${verify.credentials} credentials${verify.inclusionProofs ? ' with inclusion proofs' : ' (no inclusion proofs: no checkpoint covered them)'}, 100 connections${v.unexpected ? ` (${v.unexpected} non-200 answers!)` : ''} `
    + `(health: ${round(verify.health.requestsPerSecond)} req/s; limit bare-node-http: ${round(verify.bareNode.requestsPerSecond)} req/s, ratio: ${(v.requestsPerSecond / verify.bareNode.requestsPerSecond).toFixed(2)}) [target >= 20000 req/s, p99 <= 10 ms at 1,000,000]`);
  if (process.argv.includes('--no-kafka')) return;
  const kafka = await kafkaIngest(quick ? 10_000 : 100_000);
  if ('skipped' in kafka) line('ingest-kafka', `skipped (${kafka.skipped})`);
  else line('ingest-kafka', `${round(kafka.eventsPerSecond)} events/s (limit raw-kafkajs produce+consume: ${round(kafka.rawPerSecond)} msgs/s, ratio: ${(kafka.eventsPerSecond / kafka.rawPerSecond).toFixed(2)}) [target >= 10000 events/s]`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
