import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppProcess, eventually, issueItem, setUpProvider } from '@app/testing';

/**
 * docs/architecture.md, Reliability: an acknowledged event survives kill -9, and the projection catches up
 * from its checkpoint after restart, without doubling anything.
 */
describe('when the ledger is killed (SIGKILL) in the middle of batch ingest', () => {
  let dir: string;
  let app: AppProcess;
  const providerId = 'crash-college';
  const BATCHES = 60;
  const PER_BATCH = 200;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-crash-'));
  });
  afterAll(async () => {
    await app?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps every acknowledged event exactly once and the projection catches up', async () => {
    app = await AppProcess.start({ dataDir: dir });
    const { key, achievementId } = await setUpProvider(app, providerId);
    const batches = Array.from({ length: BATCHES }, (_, b) =>
      Array.from({ length: PER_BATCH }, (_, i) => issueItem(`e-${b}-${i}`, `C-${b}-${i}`, achievementId, `id-${b}-${i}`)),
    );

    // Four writers in parallel; the process is killed once a few batches are acknowledged.
    const acknowledged = new Map<string, string>();
    let next = 0;
    let killed = false;
    const writer = async () => {
      while (next < BATCHES && !killed) {
        const batch = batches[next++];
        try {
          const res = await app.api('POST', `/v1/providers/${providerId}/events`, { key, body: { items: batch } });
          if (res.status === 207) for (const r of res.body.results) if (r.outcome === 'accepted') acknowledged.set(r.eventId, r.credentialId);
        } catch {
          // connection reset by the kill: this batch was not acknowledged
        }
      }
    };
    const writers = Promise.all([writer(), writer(), writer(), writer()]);
    await eventually(() => acknowledged.size >= 5 * PER_BATCH, 60_000, 'some batches acknowledged');
    await app.kill();
    killed = true;
    await writers;
    expect(next).toBeLessThan(BATCHES); // the kill really landed mid-ingest

    app = await AppProcess.start({ dataDir: dir });
    const admin = app.adminKey();
    await eventually(async () => (await app.api('GET', '/v1/projections', { key: admin })).body.lag === 0, 30_000, 'projection caught up');

    // Every acknowledged credential is there once, and verifiable.
    const sample = [...acknowledged.values()].filter((_, i) => i % 97 === 0);
    for (const credentialId of sample) {
      const res = await app.api('GET', `/v1/credentials/${credentialId}/verification`, { key });
      expect(res.status).toBe(200);
      expect(res.body.history).toHaveLength(1);
    }

    // Re-sending everything: acknowledged items come back as duplicates, the rest is accepted now.
    let duplicates = 0;
    let accepted = 0;
    for (const batch of batches) {
      const res = await app.api('POST', `/v1/providers/${providerId}/events`, { key, body: { items: batch } });
      for (const r of res.body.results) {
        if (r.outcome === 'duplicate') duplicates++;
        else if (r.outcome === 'accepted') accepted++;
        else throw new Error(`unexpected outcome ${JSON.stringify(r)}`);
        if (acknowledged.has(r.eventId)) expect(r.outcome).toBe('duplicate');
      }
    }
    expect(duplicates).toBeGreaterThanOrEqual(acknowledged.size);
    expect(duplicates + accepted).toBe(BATCHES * PER_BATCH);

    // Once records has linked every credential to its learner (each holder is new: a claim, a
    // record opened, the credential linked), the log holds exactly one event per credential,
    // those three, plus the set-up events: nothing twice, even for what was cut off by the crash.
    const SETUP_EVENTS = 4; // bootstrap key, provider, provider key, achievement
    const LEARNER_EVENTS = 3;
    const expected = SETUP_EVENTS + BATCHES * PER_BATCH * (1 + LEARNER_EVENTS);
    await eventually(async () => {
      const body = (await app.api('GET', '/v1/projections', { key: admin })).body;
      return body.lag === 0 && body.head >= expected;
    }, 60_000, 'projection caught up again and every credential linked');
    const status = await app.api('GET', '/v1/projections', { key: admin });
    expect(status.body.head).toBe(expected);
  }, 180_000);
});
