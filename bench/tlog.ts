import { mkdtempSync, rmSync, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import {
  generateNoteKey, HashReader, inclusionProof, leafHash, parseSignerKey, parseVerifierKey, signCheckpoint, TreeAppender, TreeNode, treeRoot,
  verifyInclusion, openCheckpoint,
} from '@app/ledger-crypto';
import { readExport } from '../apps/verifier/src/export-tree';

export interface TlogFigures {
  leaves: number;
  leafBytes: number;
  appendPerSecond: number;
  sqlite: { proofP50Ms: number; proofP99Ms: number; servedP50Ms: number; servedP99Ms: number; checkpointP50Ms: number; checkpointP99Ms: number };
  /** 1-minute load average when the proofs were timed: p99 on a shared 2-core machine follows it. */
  load: number;
  verify: { seconds: number; linesPerSecond: number; rssGrowthMb: number; exportMb: number };
}

/**
 * The verifiable log at `leaves` leaves: appending leaf hashes into a SQLite node store (one
 * row per complete subtree, as the tree projection keeps them), inclusion proofs built from
 * stored nodes (no recomputation) and verified as the ledger does before serving them,
 * checkpoint time (root from the right edge + Ed25519 signature), and the offline verifier
 * over an export of the same size (time and memory growth). Nothing here asserts.
 */
export async function tlogBench(leaves: number, samples = 10_000): Promise<TlogFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-tlog-bench-'));
  const db = new Database(join(dir, 'tree.db'));
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.exec('CREATE TABLE nodes (level INTEGER NOT NULL, idx INTEGER NOT NULL, hash BLOB NOT NULL, PRIMARY KEY (level, idx)) WITHOUT ROWID');
    const insert = db.prepare('INSERT INTO nodes (level, idx, hash) VALUES (?, ?, ?)');
    // One query per proof (a proof asks for all its ≤ 2·log2 n nodes in one hashesAt call), a statement per node count.
    const selects = new Map<number, Database.Statement>();
    const select = (count: number) => {
      if (!selects.has(count)) selects.set(count, db.prepare(`SELECT level, idx, hash FROM nodes WHERE (level, idx) IN (VALUES ${Array(count).fill('(?, ?)').join(', ')})`));
      return selects.get(count) as Database.Statement;
    };
    const sqlite: HashReader = {
      hashesAt: async (nodes: readonly TreeNode[]) => {
        const rows = select(nodes.length).all(...nodes.flatMap((n) => [n.level, n.index])) as { level: number; idx: number; hash: Buffer }[];
        const found = new Map(rows.map((r) => [`${r.level}/${r.idx}`, r.hash]));
        return nodes.map((n) => {
          const hash = found.get(`${n.level}/${n.index}`);
          if (!hash) throw new Error(`node ${n.level}/${n.index} is not stored`);
          return hash;
        });
      },
    };

    // ~1 KB leaves, as DESIGN §7's events: one template with the leaf number written in.
    const template = Buffer.from(`{"data":{"credentialId":"%","payload":"${'x'.repeat(900)}"},"metadata":{"actor":"bench"},"revision":0,"streamId":"credential-%","type":"CredentialIssued"}`);
    const leaf = (i: number) => Buffer.from(template.toString().replaceAll('%', String(i).padStart(8, '0')));
    const appender = TreeAppender.empty();
    const write = db.transaction((from: number, to: number) => {
      for (let i = from; i < to; i++) {
        const nodes = appender.append(leafHash(leaf(i)));
        for (const n of nodes) insert.run(n.level, n.index, n.hash);
      }
    });
    const started = process.hrtime.bigint();
    for (let i = 0; i < leaves; i += 1000) write(i, Math.min(leaves, i + 1000));
    const appendPerSecond = leaves / seconds(started);
    const root = appender.root();

    const key = generateNoteKey('bench.example/log');
    const signer = parseSignerKey(key.signerKey);
    const verifier = parseVerifierKey(key.verifierKey);
    const checkpointMs = async (reader: HashReader) =>
      measure(200, async () => {
        const note = signCheckpoint({ origin: 'bench.example/log', size: leaves, root: await treeRoot(reader, leaves) }, [signer]);
        openCheckpoint(note, [verifier], 'bench.example/log');
      });
    const indices = Array.from({ length: samples }, () => Math.floor(Math.random() * leaves));
    let at = 0;
    const proofMs = (reader: HashReader) => measure(samples, () => inclusionProof(reader, indices[at++ % samples], leaves));
    const servedMs = measure(samples, async () => {
      const index = indices[at++ % samples];
      const [hash] = await sqlite.hashesAt([{ level: 0, index }]);
      const proof = await inclusionProof(sqlite, index, leaves);
      if (!verifyInclusion(index, leaves, hash, proof, root).ok) throw new Error(`proof of ${index} does not verify`);
    });
    const sqliteProof = await proofMs(sqlite);
    const served = await servedMs;
    const sqliteCheckpoint = await checkpointMs(sqlite);
    const load = loadavg()[0];

    // The offline verifier over an export of the same leaves.
    const exportPath = join(dir, 'events.ndjson');
    const out = createWriteStream(exportPath);
    for (let i = 0; i < leaves; i++) {
      if (!out.write(Buffer.concat([leaf(i), Buffer.from('\n')]))) await once(out, 'drain');
    }
    out.end();
    await once(out, 'finish');
    global.gc?.();
    const rssBefore = process.memoryUsage().rss;
    let rssPeak = rssBefore;
    const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss)), 50);
    const verifyStarted = process.hrtime.bigint();
    const read = await readExport(exportPath, leaves, [leaves]);
    const verifySeconds = seconds(verifyStarted);
    clearInterval(sampler);
    if (!read.roots.get(leaves)?.equals(root)) throw new Error('the export does not hash to the tree root');

    return {
      leaves,
      leafBytes: leaf(0).length,
      appendPerSecond,
      sqlite: { proofP50Ms: sqliteProof.p50, proofP99Ms: sqliteProof.p99, servedP50Ms: served.p50, servedP99Ms: served.p99, checkpointP50Ms: sqliteCheckpoint.p50, checkpointP99Ms: sqliteCheckpoint.p99 },
      load,
      verify: { seconds: verifySeconds, linesPerSecond: leaves / verifySeconds, rssGrowthMb: (rssPeak - rssBefore) / 2 ** 20, exportMb: (leaf(0).length + 1) * leaves / 2 ** 20 },
    };
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Lines for `npm run bench`. */
export function tlogLines(f: TlogFigures): [string, string][] {
  const ms = (n: number) => n.toFixed(3);
  const cpus = availableParallelism();
  return [
    ['tlog-append', `${Math.round(f.appendPerSecond)} leaves/s (~${f.leafBytes} B leaves: leaf hash, right edge, ~2 node rows per leaf into SQLite, 1000 per transaction)`],
    ['tlog-inclusion-proof', `p50 ${ms(f.sqlite.proofP50Ms)} ms, p99 ${ms(f.sqlite.proofP99Ms)} ms at ${f.leaves} leaves from the SQLite node store (one query per proof), load average ${f.load.toFixed(1)} on ${cpus} cores [target <= 2 ms]`],
    ['tlog-inclusion-proof-served', `p50 ${ms(f.sqlite.servedP50Ms)} ms, p99 ${ms(f.sqlite.servedP99Ms)} ms (leaf hash read + proof + verified against the root, as the ledger serves it)`],
    ['tlog-checkpoint', `p50 ${ms(f.sqlite.checkpointP50Ms)} ms, p99 ${ms(f.sqlite.checkpointP99Ms)} ms at ${f.leaves} leaves (root from stored nodes + Ed25519 signed note, opened again)`],
    ['verify-offline', `${f.verify.seconds.toFixed(1)} s for a ${f.leaves}-line export (${Math.round(f.verify.exportMb)} MB, ${Math.round(f.verify.linesPerSecond)} lines/s), RSS growth ${f.verify.rssGrowthMb.toFixed(1)} MB (streamed; keeps nodes of level 8 and up)`],
  ];
}

async function measure(count: number, run: () => Promise<unknown> | unknown): Promise<{ p50: number; p99: number }> {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = process.hrtime.bigint();
    await run();
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  times.sort((a, b) => a - b);
  return { p50: times[Math.floor(count * 0.5)], p99: times[Math.min(count - 1, Math.floor(count * 0.99))] };
}

function seconds(started: bigint): number {
  return Number(process.hrtime.bigint() - started) / 1e9;
}

// `node -r ./deploy/register-paths.js dist/bench/tlog.js [leaves]`: this part alone.
if (require.main === module) {
  tlogBench(Number(process.argv[2] ?? 1_000_000)).then(
    (figures) => tlogLines(figures).forEach(([name, value]) => console.log(`${name}: ${value}`)),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
