import { Worker } from 'node:worker_threads';

// Plain JavaScript, run as an eval'd worker so it needs no file of its own beside the
// compiled one (ts-jest runs the sources). Only exec(): no statement objects in the worker.
const WORKER = `
const { workerData, parentPort } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
const checkpoint = () => {
  try {
    db.exec('PRAGMA wal_checkpoint(PASSIVE)');
  } catch {
    // A busy or failing file: the writer's own auto-checkpoint is still there.
  }
};
const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.on('message', () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

/** Frames the writer lets its WAL grow to before it checkpoints on its own thread (SQLite's default is 1,000). */
export const WRITER_AUTOCHECKPOINT_PAGES = 10_000;

/**
 * Copies a SQLite file's WAL back into the database from a worker thread, so the writer's
 * commits no longer stop the event loop for checkpoints: with keys as random UUIDs, each
 * commit dirties pages all over the file and SQLite's default (a checkpoint inside the
 * commit once the WAL passes 1,000 pages) ran on almost every commit, copying pages and
 * calling fsync on the request thread. PASSIVE never blocks the writer or the readers; the
 * writer keeps a larger auto-checkpoint (WRITER_AUTOCHECKPOINT_PAGES) as a backstop.
 * Durability is unchanged: a commit is durable by the WAL alone (synchronous=FULL), and a
 * checkpoint fsyncs what it copied.
 */
export class WalCheckpointer {
  private readonly worker: Worker;
  private readonly exited: Promise<void>;

  constructor(file: string, intervalMs = 100) {
    this.worker = new Worker(WORKER, { eval: true, workerData: { file, intervalMs, driver: require.resolve('better-sqlite3') } });
    this.worker.unref();
    // A worker that cannot open the file only loses the offloading: the writer still checkpoints.
    this.worker.on('error', () => undefined);
    this.exited = new Promise((resolve) => this.worker.once('exit', () => resolve()));
  }

  async stop(): Promise<void> {
    this.worker.postMessage('stop');
    await this.exited;
  }
}
