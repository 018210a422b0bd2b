import { existsSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { credentialIdFor } from '@app/contracts';
import { GeneratedBatch, generateDataSet, lifecycleBatches, loadDataSet } from '@app/testing';

/**
 * `npm run demo [-- --url=http://127.0.0.1:3000] [-- --admin-key-file=./data/admin.key] [-- --events=400] [-- --seed=demo]`:
 * loads a small generated data set (five jurisdictions, a few hundred credentials with their
 * lifecycles) into a RUNNING ledger through its public API, so a newcomer sees a populated
 * system. The admin key comes from LEDGER_ADMIN_KEY or the file `npm start` writes
 * ($DATA_DIR/admin.key, ./data by default). Loading the same seed again changes nothing.
 */
/** `--name=value` or `--name value`. */
const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`);
  if (i >= 0 && process.argv[i + 1] !== undefined && !process.argv[i + 1].startsWith('--')) return process.argv[i + 1];
  return process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
};

async function main(): Promise<void> {
  const url = (arg('url') ?? process.env.LEDGER_URL ?? `http://127.0.0.1:${process.env.PORT ?? 3000}`).replace(/\/$/, '');
  const keyFile = resolve(arg('admin-key-file') ?? join(process.env.DATA_DIR ?? './data', 'admin.key'));
  const adminKey = process.env.LEDGER_ADMIN_KEY ?? (existsSync(keyFile) ? readFileSync(keyFile, 'utf8').trim() : undefined);
  if (!adminKey) throw new Error(`no admin key: set LEDGER_ADMIN_KEY or pass --admin-key-file (looked for ${keyFile}; \`npm start\` writes it on first start)`);
  const events = Number(arg('events') ?? 400);
  if (!Number.isInteger(events) || events < 1 || events > 1_000_000) throw new Error('--events must be an integer from 1 to 1000000');
  const seed = arg('seed') ?? 'demo';
  try {
    const health = await fetch(`${url}/health`);
    if (!health.ok) throw new Error(`answered ${health.status}`);
  } catch (error) {
    throw new Error(`no ledger answering at ${url} (${(error as Error).message}): start one with \`npm start\`, or pass --url`);
  }

  const set = generateDataSet({ seed, events, batchSize: 100 });
  console.log(`Loading data set "${seed}" into ${url}: ${set.qaBodies.length} QA bodies, ${set.providers.length} providers in ${new Set(set.providers.map((p) => p.jurisdiction)).size} jurisdictions, ${set.achievements.length} micro-credentials, ${events} credential events…`);
  const report = await loadDataSet(set, { baseUrl: url, adminKey, concurrency: 2 });
  console.log(`Set-up: ${report.steps} requests (${report.alreadyThere} already there). Credential events: ${report.accepted} accepted, ${report.duplicate} duplicate, ${report.rejected} rejected, in ${report.seconds.toFixed(1)} s.`);
  for (const r of report.rejections) console.warn(`rejected ${r.providerId} ${r.sourceEventId}: ${JSON.stringify(r.errors)}`);

  // Wait for the read side, so the first queries already see everything.
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const res = await fetch(`${url}/v1/projections`, { headers: { authorization: `Bearer ${adminKey}` } });
    if (res.ok && ((await res.json()) as { lag: number }).lag === 0) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  const first = lifecycleBatches(set).next().value as GeneratedBatch;
  const issued = first.items.find((i) => i.type === 'CredentialIssued')!;
  const credentialId = credentialIdFor(first.providerId, issued.data.credentialRef as string);
  const id = (issued.data.holder as { identifiers: { scheme: string; value: string }[] }).identifiers[0];
  const key = process.env.LEDGER_ADMIN_KEY ? '$LEDGER_ADMIN_KEY' : `$(cat ${relative(process.cwd(), keyFile) || keyFile})`;
  const auth = `-H "Authorization: Bearer ${key}"`;
  console.log([
    '',
    'Try:',
    `  curl -s ${auth} ${url}/v1/providers`,
    `  curl -s ${auth} ${url}/v1/accreditations`,
    `  curl -s ${auth} ${url}/v1/credentials/${credentialId}/verification`,
    `  curl -s ${auth} -H 'content-type: application/json' -d '${JSON.stringify({ identifiers: [id] })}' ${url}/v1/learners/lookup`,
    `  curl -s ${auth} "${url}/v1/discrepancies?jurisdiction=AU"`,
    `  curl -s ${auth} "${url}/v1/audit/events?jurisdiction=NZ&limit=5"`,
    `  open ${url}/docs for the whole API`,
  ].join('\n'));
  if (report.rejected > 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
