import { accessAuditOverhead } from './access-audit';
import { auditExport } from './audit-export';
import { httpIngest } from './http-ingest';
import { kafkaIngest } from './kafka-ingest';
import { tlogBench, tlogLines } from './tlog';

/**
 * `npm run bench [-- --quick] [-- --no-kafka]`: ingest, catch-up and Kafka throughput, each
 * printed beside the machine's own limit measured in the same run; the verifiable log's proof
 * and checkpoint times at 1,000,000 leaves and the offline verifier; the audit export's memory and
 * the access audit's cost on a read. Nothing here asserts.
 */
const quick = process.argv.includes('--quick');
const line = (name: string, value: string) => console.log(`${name}: ${value}`);
const round = (n: number) => Math.round(n);

async function main(): Promise<void> {
  const total = quick ? 20_000 : 200_000;
  const shape = { total, batch: 1000, concurrency: 4 };
  const unsigned = await httpIngest({ ...shape, signed: false, measureRaw: true });
  const signed = await httpIngest({ ...shape, signed: true, measureRaw: false });
  const raw = unsigned.raw!;
  console.log(`# bench ${quick ? '--quick' : 'full'}: ${total} CredentialIssued events per run in ${shape.batch}-item batches, ${shape.concurrency} concurrent clients, ~${unsigned.itemBytes} B per item on the wire, embedded engines`);
  line('ingest-http', `${round(unsigned.eventsPerSecond)} events/s (limit raw-sqlite: ${round(raw.limit.rowsPerSecond)} rows/s, ratio: ${(unsigned.eventsPerSecond / raw.limit.rowsPerSecond).toFixed(2)}) [target >= 20000 events/s]`);
  line('ingest-http-signed', `${round(signed.eventsPerSecond)} events/s (unsigned: ${round(unsigned.eventsPerSecond)} events/s, ratio: ${(signed.eventsPerSecond / unsigned.eventsPerSecond).toFixed(2)}) [one Ed25519 signature per ${shape.batch}-item batch]`);
  line('projection-catch-up', `${unsigned.caughtUpMs < 0 ? 'not caught up within 120 s' : `${unsigned.caughtUpMs} ms after load stopped`} [target <= 2000 ms]`);
  line('raw-sqlite-append', `${round(raw.limit.rowsPerSecond)} rows/s (${raw.limit.settings}; with the event store's settings: ${round(raw.ledgerSettings.rowsPerSecond)} rows/s) `
    + `[${raw.rows} rows of ~${raw.avgRowBytes} B data+metadata: every row the ledger stored, its ${unsigned.accepted} credentials and the learner events they led to]`);
  for (const [name, value] of tlogLines(await tlogBench(quick ? 100_000 : 1_000_000))) line(name, value);
  const exported = await auditExport(quick ? 100_000 : 1_000_000);
  const mb = (bytes: number) => `${Math.round(bytes / 1048576)} MB`;
  line('audit-export', `${exported.events} events (${mb(exported.bytes)} NDJSON) in ${exported.seconds.toFixed(1)} s; exporting process RSS ${mb(exported.rssBefore)} before, peak ${mb(exported.rssPeak)} while streaming [bounded memory: peak independent of the number of events]`);
  const access = await accessAuditOverhead(quick ? 500 : 2000);
  const ms = (n: number) => `${n.toFixed(1)} ms`;
  line('access-audit', `learner record reads recorded (admin, Ledger-Purpose) ${round(access.audited.perSecond)}/s p50 ${ms(access.audited.p50)} p99 ${ms(access.audited.p99)}; `
    + `not recorded (the learner's own key) ${round(access.unaudited.perSecond)}/s p50 ${ms(access.unaudited.p50)} p99 ${ms(access.unaudited.p99)}; `
    + `overhead ${((1 - access.audited.perSecond / access.unaudited.perSecond) * 100).toFixed(1)}% of throughput [target: a few percent]`);
  if (process.argv.includes('--no-kafka')) return;
  const kafka = await kafkaIngest(quick ? 10_000 : 100_000);
  if ('skipped' in kafka) line('ingest-kafka', `skipped (${kafka.skipped})`);
  else line('ingest-kafka', `${round(kafka.eventsPerSecond)} events/s (limit raw-kafkajs produce+consume: ${round(kafka.rawPerSecond)} msgs/s, ratio: ${(kafka.eventsPerSecond / kafka.rawPerSecond).toFixed(2)}) [target >= 10000 events/s]`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
