import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { NoteError, parseVerifierKey } from '@app/ledger-crypto';
import { tileSource } from './tile-source';
import { verifyExport, VerifyReport } from './verify-export';

export const USAGE = `usage: npm run verify -- --export events.ndjson --checkpoint cp.txt --key key.txt
         [--previous older-cp.txt]... [--tiles <base URL or directory>] [--origin <origin>] [--json]

  --export      the log's NDJSON export (GET /v1/audit/export): line k is leaf k's exact bytes
  --checkpoint  a signed checkpoint (GET /v1/ledger/checkpoint)
  --key         the log's verifier key (GET /v1/ledger/key)
  --previous    an earlier signed checkpoint: the export must extend it (repeatable)
  --tiles       the log's hash tiles, e.g. http://127.0.0.1:3000/v1/ledger or a mirrored directory,
                to name the first leaf that departs from the signed tree (LEDGER_API_KEY, if set, is sent as a bearer token)
  --origin      the log's origin line (default: the key's name)
  --json        print the report as JSON on stdout

exit code: 0 verified, 1 verification failed, 2 bad usage or unreadable input`;

export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly env: Record<string, string | undefined>;
}

/** The `npm run verify` command: returns its exit code. */
export async function runVerifier(argv: readonly string[], io: CliIo): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        export: { type: 'string' },
        checkpoint: { type: 'string' },
        key: { type: 'string' },
        previous: { type: 'string', multiple: true },
        tiles: { type: 'string' },
        origin: { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    io.err(`verify: ${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    io.out(USAGE);
    return 0;
  }
  const missing = (['export', 'checkpoint', 'key'] as const).filter((name) => !values[name]);
  if (missing.length > 0) {
    io.err(`verify: missing ${missing.map((m) => `--${m}`).join(', ')}\n${USAGE}`);
    return 2;
  }
  let report: VerifyReport;
  try {
    const verifier = parseVerifierKey((await readFile(values.key as string, 'utf8')).trim());
    const read = async (path: string) => ({ label: path, note: await readFile(path) });
    report = await verifyExport({
      exportPath: values.export as string,
      checkpoint: await read(values.checkpoint as string),
      previous: await Promise.all((values.previous ?? []).map(read)),
      verifier,
      origin: values.origin,
      tiles: values.tiles ? tileSource(values.tiles, io.env.LEDGER_API_KEY ? { authorization: `Bearer ${io.env.LEDGER_API_KEY}` } : {}) : undefined,
    });
  } catch (error) {
    const message = error instanceof NoteError ? `the key file ${values.key} is not a signed-note verifier key (${error.message})` : (error as Error).message;
    if (values.json) io.out(JSON.stringify({ ok: false, error: message }));
    io.err(`verify: ${message}`);
    return 2;
  }
  if (values.json) io.out(JSON.stringify(report));
  else print(report, io);
  return report.ok ? 0 : 1;
}

function print(report: VerifyReport, io: CliIo): void {
  const { checkpoint: cp } = report;
  for (const failure of report.failures) io.err(`verify: FAILED ${failure.code}: ${failure.message}`);
  if (report.firstBadLeaf !== undefined) io.err(`verify: first leaf that does not match: ${report.firstBadLeaf} (line ${report.firstBadLeaf + 1} of the export)`);
  for (const note of report.notes) io.err(`verify: ${note}`);
  if (!report.ok || !cp) return;
  io.out(`OK ${cp.origin}: the export's first ${cp.treeSize} lines hash to the signed root ${cp.root} (tree size ${cp.treeSize})`);
  for (const p of report.previous) io.out(`OK consistent with the earlier checkpoint of size ${p.treeSize} (root ${p.root})`);
}
