import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AnyEvent, credentialIdFor, Streams } from '@app/contracts';
import { EventStore, openEventStore } from '@app/event-store';
import { AppProcess, eventually, issueItem, setUpProvider } from '@app/testing';

/**
 * Issue 8 item 1 / DESIGN rule 7: an event no projection can apply — a CredentialIssued
 * with an impossible validUntil, as an earlier version stored it (written straight into the
 * event store, past today's validation) — is parked for the expiry projection only; every
 * other event and projection keeps going, and health, projections and metrics say so.
 */
describe('when the log holds an event the expiry projection cannot apply', () => {
  let dir: string;
  let app: AppProcess;
  let key: string;
  let admin: string;
  let achievementId: string;
  const providerId = 'odd-dates-institute';
  const BAD = '2026-13-45T99:99:99Z';

  const post = (items: unknown[]) => app.api('POST', `/v1/providers/${providerId}/events`, { key, body: { items } });
  const verify = (ref: string) => app.api('GET', `/v1/credentials/${credentialIdFor(providerId, ref)}/verification`, { key });
  const issue = (ref: string, validUntil: string) => {
    const item = issueItem(`src-${ref}`, ref, achievementId, `id-${ref}`);
    return { ...item, data: { ...item.data, issuedAt: new Date(Date.now() - 60_000).toISOString(), validUntil } };
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-parked-'));
    app = await AppProcess.start({ dataDir: dir, env: { EXPIRY_INTERVAL_MS: '200' } });
    admin = app.adminKey();
    ({ key, achievementId } = await setUpProvider(app, providerId));
  }, 60_000);
  afterAll(async () => {
    await app?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('parks it for that projection only, applies everything after it, and reports it', async () => {
    const later = new Date(Date.now() + 3_600_000).toISOString();
    expect((await post([issue('GOOD-1', later)])).body.summary.accepted).toBe(1);

    // A copy of a real CredentialIssued under a new credential, with the impossible date.
    // Typed over any event: the copy is deliberately not a valid CredentialIssued.
    const store: EventStore<AnyEvent> = await openEventStore(`sqlite:${join(dir, 'events.db')}`);
    let badPosition: number;
    try {
      const [template] = await store.readStream(Streams.credential(credentialIdFor(providerId, 'GOOD-1')));
      const credentialId = credentialIdFor(providerId, 'ODD-1');
      const appended = await store.append({
        streamId: Streams.credential(credentialId),
        expectedRevision: 'no-stream',
        events: [{
          type: template.type,
          data: { ...(template.data as Record<string, unknown>), credentialId, credentialRef: 'ODD-1', validUntil: BAD },
          metadata: { ...template.metadata, eventId: randomUUID(), sourceEventId: 'src-ODD-1' },
        }],
      });
      badPosition = appended.positions[0];
    } finally {
      await store.close();
    }

    // After it: one credential already past its validUntil (the expiry projection must schedule it) and one live.
    const past = new Date(Date.now() - 1000).toISOString();
    expect((await post([issue('AFTER-EXPIRED', past), issue('AFTER-LIVE', later)])).body.summary.accepted).toBe(2);

    // The expiry projection went past the odd event: the credential after it is expired by the scheduler.
    await eventually(async () => (await verify('AFTER-EXPIRED')).body.history?.some((h: { type: string }) => h.type === 'CredentialExpired'), 20_000, 'expiry after the odd event');
    // The other projections applied the odd event itself.
    expect((await verify('ODD-1')).body).toMatchObject({ credentialRef: 'ODD-1', validUntil: BAD });
    expect((await verify('AFTER-LIVE')).body.status).toBe('issued');

    await eventually(async () => (await app.api('GET', '/v1/projections', { key: admin })).body.lag === 0, 10_000, 'caught up');
    const projections = await app.api('GET', '/v1/projections', { key: admin });
    const expiryGroup = projections.body.groups.find((g: { group: string }) => g.group === 'providers.expiry');
    expect(expiryGroup.projections).toEqual([
      expect.objectContaining({
        name: 'providers.expiry-schedule', parked: 1,
        lastParked: expect.objectContaining({ position: badPosition, type: 'CredentialIssued', error: 'RangeError: Invalid time value' }),
      }),
    ]);
    for (const other of projections.body.groups.filter((g: { group: string }) => g.group !== 'providers.expiry')) {
      expect(other.projections.every((p: { parked: number }) => p.parked === 0)).toBe(true);
    }

    // Listed for an operator: where, which event, which error — and no event data.
    const parked = await app.api('GET', '/v1/projections/parked?projection=providers.expiry-schedule', { key: admin });
    expect(parked.status).toBe(200);
    expect(parked.body.parked).toEqual([
      { projection: 'providers.expiry-schedule', position: badPosition, eventId: expect.any(String), type: 'CredentialIssued', error: 'RangeError: Invalid time value', parkedAt: expect.any(String) },
    ]);
    expect((await app.api('GET', '/v1/projections/parked?limit=0', { key: admin })).status).toBe(400);

    // Health: serving (200), degraded, naming the parked count; metrics carry the count per projection.
    const health = await app.api('GET', '/health');
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({ status: 'degraded', details: { projections: { status: 'degraded', parked: 1 } } });
    const metrics = (await app.api('GET', '/metrics')).body as string;
    expect(metrics).toMatch(/ledger_projection_parked_events\{[^}]*group="providers.expiry",projection="providers.expiry-schedule"[^}]*\} 1/);
    expect(metrics).toMatch(/ledger_projection_lag\{[^}]*group="records"[^}]*\} 0/);

    // A restart neither loses nor re-parks it.
    await app.stop();
    app = await AppProcess.start({ dataDir: dir, env: { EXPIRY_INTERVAL_MS: '200' } });
    expect((await app.api('GET', '/v1/projections/parked', { key: admin })).body.parked).toHaveLength(1);
  }, 90_000);
});
