import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AchievementSpec, CredentialIssued, EventTypes, NotFoundError, Streams } from '@app/contracts';
import { EventStore, openEventStore } from '@app/event-store';
import { openReadStore, ProjectionRegistry, ReadStore } from '@app/read-store';
import { appended } from '@app/testing';
import { RecordsProjections } from '../../credentials/records-projections.service';
import { LedgerProofs } from '../../ledger-log/ledger-proofs';
import { LedgerTreeProjection } from '../../ledger-log/tree.projection';
import { VerifyCredentialHandler } from './verify-credential.handler';
import { VerifyCredentialQuery } from './verify-credential.query';

const providerId = 'uni-a';
const achievementId = '6d0f1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b';
const spec: AchievementSpec = {
  title: 'Data Literacy Foundations', learningOutcomes: ['Interpret descriptive statistics'],
  workload: { hours: 150, credits: { system: 'NZQCF-credit', value: 15 } }, level: { framework: 'NZQCF', value: 5 },
  assessment: { type: 'portfolio', supervised: false, identityVerified: true }, participation: 'online', language: 'en',
};
const ref = (n: number) => ({ credentialId: `${n}a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d`, credentialRef: `C-${n}`, providerId });
const issued = (r: ReturnType<typeof ref>): CredentialIssued => ({
  ...r, achievementId, holder: { identifierDigests: [{ scheme: 'email', digest: 'a'.repeat(64) }] }, issuedAt: '2026-03-01T00:00:00Z',
});

/**
 * Verification on real SQLite stores with the records projections started and stopped at
 * will: what the log holds beyond the read model must answer `unknown`, never "valid".
 */
describe('VerifyCredentialHandler against the log', () => {
  let dir: string;
  let events: EventStore;
  let reads: ReadStore;
  let projections: RecordsProjections;
  let handler: VerifyCredentialHandler;
  const verify = (credentialId: string) => handler.execute(new VerifyCredentialQuery(credentialId));
  const catchUp = async () => {
    await projections.onApplicationBootstrap();
    expect(await projections.runner.waitFor(await events.headPosition(), 10_000)).toBe(true);
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-verify-'));
    events = await openEventStore(`sqlite:${join(dir, 'events.db')}`);
    reads = await openReadStore(`sqlite:${join(dir, 'read.db')}`);
    projections = new RecordsProjections(events, reads, new ProjectionRegistry());
    handler = new VerifyCredentialHandler(reads, events, projections, new LedgerProofs(new LedgerTreeProjection(events, reads), events, reads));
    await events.append(appended(Streams.provider(providerId), { type: EventTypes.ProviderRegistered, data: { providerId, name: 'University A', jurisdiction: 'NZ', kind: 'university' } }, '2026-01-01T00:00:00.000Z'));
    await events.append(appended(Streams.achievement(achievementId), { type: EventTypes.AchievementDefined, data: { ...spec, achievementId, providerId } }, '2026-01-02T00:00:00.000Z'));
    for (const n of [1, 2]) await events.append(appended(Streams.credential(ref(n).credentialId), { type: EventTypes.CredentialIssued, data: issued(ref(n)) }, '2026-03-01T00:00:00.000Z'));
    await catchUp();
  });
  afterAll(async () => {
    await projections.beforeApplicationShutdown();
    await events.close();
    await reads.close();
    rmSync(dir, { recursive: true, force: true });
  });

  describe('when the read model holds every event of the credential', () => {
    it('vouches for it: issued, valid, with the figures normalised beside the declared ones', async () => {
      const answer = await verify(ref(1).credentialId);
      expect(answer).toMatchObject({ status: 'issued', valid: true, achievement: { level: { framework: 'NZQCF', value: 5 }, workload: { hours: 150 } } });
      expect(answer).not.toHaveProperty('unknownReason');
      expect(answer.normalised).toMatchObject({ eqf: { level: 5 }, hours: { min: 150, max: 150, basis: 'declared' }, ects: { min: 5, max: 6, basis: 'hours' } });
    });
  });

  describe('when the log holds a revocation the projection has not applied yet', () => {
    it('answers unknown and not valid, then revoked once the projection catches up', async () => {
      await projections.beforeApplicationShutdown();
      await events.append(appended(Streams.credential(ref(1).credentialId), { type: EventTypes.CredentialRevoked, data: { ...ref(1), reason: 'misconduct' } }, '2026-04-01T00:00:00.000Z'));
      expect(await verify(ref(1).credentialId)).toMatchObject({ credentialRef: 'C-1', status: 'unknown', valid: false, unknownReason: 'projection-behind' });

      await catchUp();
      const after = await verify(ref(1).credentialId);
      expect(after).toMatchObject({ status: 'revoked', valid: false });
      expect(after).not.toHaveProperty('unknownReason');
    });
  });

  describe('when the log holds a credential the read model has not seen at all', () => {
    it('answers unknown with what it cannot show left out, not 404', async () => {
      await projections.beforeApplicationShutdown();
      await events.append(appended(Streams.credential(ref(3).credentialId), { type: EventTypes.CredentialIssued, data: issued(ref(3)) }, '2026-04-02T00:00:00.000Z'));
      const answer = await verify(ref(3).credentialId);
      expect(answer).toEqual({ credentialId: ref(3).credentialId, status: 'unknown', valid: false, unknownReason: 'not-projected', checkedAt: expect.any(String), ledgerPosition: expect.any(Number),
        inclusionProof: null, inclusionProofReason: 'no checkpoint has been signed yet',
      });
      await catchUp();
      expect(await verify(ref(3).credentialId)).toMatchObject({ status: 'issued', valid: true });
    });
  });

  describe('when the projection parked an event of the credential', () => {
    it('answers unknown even after later events were applied', async () => {
      // An amendment as no current validation would let through: its changes overwrite the history the projection appends to.
      const broken = { ...ref(2), changes: { history: null } as never, reason: 'broken' };
      await events.append(appended(Streams.credential(ref(2).credentialId), { type: EventTypes.CredentialAmended, data: broken }, '2026-04-03T00:00:00.000Z'));
      await events.append(appended(Streams.credential(ref(2).credentialId), { type: EventTypes.CredentialSuspended, data: { ...ref(2), reason: 'review' } }, '2026-04-04T00:00:00.000Z'));
      expect(await projections.runner.waitFor(await events.headPosition(), 10_000)).toBe(true);
      expect(await reads.listParked({ projection: 'records.credentials' })).toHaveLength(1);

      expect(await verify(ref(2).credentialId)).toMatchObject({ status: 'unknown', valid: false, unknownReason: 'event-parked' });
    });
  });

  describe('when the log has never heard of the credential', () => {
    it('is not found, as before', async () => {
      await expect(verify('0f0f0f0f-0f0f-4f0f-8f0f-0f0f0f0f0f0f')).rejects.toBeInstanceOf(NotFoundError);
    });
  });
});
