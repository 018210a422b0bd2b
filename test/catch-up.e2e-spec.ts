import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AnyEvent, credentialIdFor, Streams } from '@app/contracts';
import { AppendRequest, EventStore, openEventStore } from '@app/event-store';
import { AppProcess, eventually, freePort, issueItem, setUpProvider } from '@app/testing';

/**
 * Issue 8 item 16: replaying a long log must not keep HTTP dark. The log gets many events
 * straight through the event store, then the app starts: `/health` must answer while the
 * projections are still behind, and say by how much.
 */
describe('when the app starts on a long log it has not projected yet', () => {
  let dir: string;
  let app: AppProcess | undefined;
  const providerId = 'catch-up-college';
  const EVENTS = 30_000;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-catchup-'));
  });
  afterAll(async () => {
    await app?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers /health during the catch-up, reporting the lag, and turns ok once caught up', async () => {
    // A real CredentialIssued to copy, then the app is stopped.
    app = await AppProcess.start({ dataDir: dir });
    const { key, achievementId } = await setUpProvider(app, providerId);
    const item = issueItem('tpl', 'TPL', achievementId);
    await app.api('POST', `/v1/providers/${providerId}/events`, { key, body: { items: [{ ...item, data: { ...item.data, validUntil: '2099-01-01T00:00:00Z' } }] } });
    await app.stop();
    app = undefined;

    const store: EventStore<AnyEvent> = await openEventStore(`sqlite:${join(dir, 'events.db')}`);
    try {
      const [template] = await store.readStream(Streams.credential(credentialIdFor(providerId, 'TPL')));
      const requests: AppendRequest<AnyEvent>[] = Array.from({ length: EVENTS }, (_, i) => {
        const credentialId = credentialIdFor(providerId, `BULK-${i}`);
        return {
          streamId: Streams.credential(credentialId),
          expectedRevision: 'no-stream',
          events: [{ type: template.type, data: { ...(template.data as Record<string, unknown>), credentialId, credentialRef: `BULK-${i}` }, metadata: { ...template.metadata, eventId: randomUUID() } }],
        };
      });
      expect((await store.appendMany(requests)).every((o) => o.ok)).toBe(true);
    } finally {
      await store.close();
    }

    // Poll /health from before the process listens, to catch its very first answer.
    const port = await freePort();
    const url = `http://127.0.0.1:${port}/health`;
    let first: { status: number; body: any } | undefined;
    let stopPolling = false;
    const poller = (async () => {
      while (!first && !stopPolling) {
        try {
          const res = await fetch(url);
          first = { status: res.status, body: await res.json() };
        } catch {
          await new Promise((r) => setTimeout(r, 10));
        }
      }
    })();
    try {
      app = await AppProcess.start({ dataDir: dir, port });
      await eventually(() => first !== undefined, 10_000, 'first /health answer');
    } finally {
      stopPolling = true;
      await poller;
    }

    // Answered while still behind (before the fix it answered only once the replay was done).
    expect(first!.status).toBe(200);
    expect(first!.body.details.projections.lag).toBeGreaterThan(0);
    expect(first!.body.details.projections.groups.some((g: { state: string }) => g.state === 'catching-up' || g.state === 'starting')).toBe(true);

    const admin = app.adminKey();
    await eventually(async () => (await app!.api('GET', '/v1/projections', { key: admin })).body.lag === 0, 120_000, 'caught up');
    const health = await app.api('GET', '/health');
    expect(health.body).toMatchObject({ status: 'ok', details: { projections: { status: 'up', lag: 0 } } });
  }, 180_000);
});
