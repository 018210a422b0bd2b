import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Principal } from '@app/auth';
import { AchievementSpec, EventTypes, Streams } from '@app/contracts';
import { EventStore, openEventStore } from '@app/event-store';
import { ProjectionRunner, ReadStore } from '@app/read-store';
import { appended, readStoreEngines } from '@app/testing';
import { AuditCollections, AuditIndexRow } from './audit-index';
import { AuditIndexProjection } from './audit-index.projection';
import { AuditReader } from './audit-reader';

const spec: AchievementSpec = {
  title: 'Data Literacy Foundations', learningOutcomes: ['Interpret descriptive statistics'],
  workload: { hours: 150, credits: { system: 'NZQCF-credit', value: 15 } }, level: { framework: 'NZQCF', value: 5 },
  assessment: { type: 'portfolio', supervised: false, identityVerified: true }, participation: 'online', language: 'en',
};
const [achNz, achAu] = ['a1a1a1a1-0000-4000-8000-000000000001', 'a2a2a2a2-0000-4000-8000-000000000002'];
const [credNz, credAu] = ['c1c1c1c1-0000-4000-8000-000000000001', 'c2c2c2c2-0000-4000-8000-000000000002'];
const learnerId = '11111111-1111-4111-8111-111111111111';
const discrepancyId = 'd1d1d1d1-0000-4000-8000-000000000001';
const day = (d: number) => `2026-03-${String(d).padStart(2, '0')}T00:00:00.000Z`;
const issued = (credentialId: string, providerId: string, achievementId: string) => appended(Streams.credential(credentialId), {
  type: EventTypes.CredentialIssued, data: { credentialId, credentialRef: credentialId.slice(-4), providerId, achievementId, holder: { identifierDigests: [] }, issuedAt: day(4) },
}, day(4));

const log = [
  appended(Streams.provider('uni-nz'), { type: EventTypes.ProviderRegistered, data: { providerId: 'uni-nz', name: 'Uni NZ', jurisdiction: 'NZ', kind: 'university' } }, day(1)),
  appended(Streams.provider('uni-au'), { type: EventTypes.ProviderRegistered, data: { providerId: 'uni-au', name: 'Uni AU', jurisdiction: 'AU', kind: 'university' } }, day(1)),
  appended(Streams.qaBody('nzqa'), { type: EventTypes.QualityAssuranceBodyRegistered, data: { qaBodyId: 'nzqa', name: 'NZQA', jurisdictions: ['NZ'], frameworks: ['NZQCF'] } }, day(1)),
  appended(Streams.achievement(achNz), { type: EventTypes.AchievementDefined, data: { ...spec, achievementId: achNz, providerId: 'uni-nz' } }, day(2)),
  appended(Streams.achievement(achAu), { type: EventTypes.AchievementDefined, data: { ...spec, achievementId: achAu, providerId: 'uni-au' } }, day(2)),
  appended(Streams.approval(achNz), { type: EventTypes.AchievementApproved, data: { achievementId: achNz, qaBodyId: 'nzqa', policy: { jurisdiction: 'NZ', version: '2025.1' }, revision: 1, rulesPassed: [] } }, day(3)),
  issued(credNz, 'uni-nz', achNz),
  issued(credAu, 'uni-au', achAu),
  appended(Streams.learner(learnerId), { type: EventTypes.LearnerRecordOpened, data: { learnerId, openedBy: { credentialId: credNz } } }, day(5)),
  appended(Streams.learner(learnerId), { type: EventTypes.LearnerCredentialLinked, data: { learnerId, credentialId: credNz, providerId: 'uni-nz' } }, day(5)),
  appended(Streams.credential(credNz), { type: EventTypes.CredentialSuspended, data: { credentialId: credNz, credentialRef: credNz.slice(-4), providerId: 'uni-nz', reason: 'under review' } }, day(6)),
  appended(Streams.consent(learnerId), { type: EventTypes.ConsentGranted, data: { learnerId, partnerId: 'employer-1', purposes: ['employment-verification'] } }, day(6)),
  appended(Streams.discrepancy(discrepancyId), { type: EventTypes.DiscrepancyRaised, data: {
    discrepancyId, kind: 'unaccredited-provider', subject: { credentialId: credAu, providerId: 'uni-au' }, details: ['no accreditation'], jurisdiction: 'AU',
  } }, day(7)),
];

const key = (role: Principal['role'], scope: Principal['scope'] = {}): Principal => ({ keyId: `k-${role}`, role, scope });
const { engines, dropSchemas } = readStoreEngines('Audit index', 'audit_');
afterAll(dropSchemas);

describe.each(engines)('the audit index on a %s read store', (_engine, openReads) => {
  let dir: string;
  let events: EventStore;
  let reads: ReadStore;
  const project = async (batchSize: number) => {
    const runner = new ProjectionRunner(events, reads, [new AuditIndexProjection()], { group: 'audit-int', batchSize });
    await runner.start();
    const done = await runner.waitFor(await events.headPosition(), 10_000);
    await runner.stop();
    expect(done).toBe(true);
  };
  const rows = () => reads.find<AuditIndexRow>(AuditCollections.events, {}, { limit: 1000 });
  const byType = async (type: string) => (await rows()).filter((r) => r.type === type);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-audit-'));
    events = await openEventStore(`sqlite:${join(dir, 'events.db')}`);
    reads = await openReads(dir);
    for (const request of log) await events.append(request);
    await project(1);
  });
  afterAll(async () => {
    await events.close();
    await reads.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('holds one row per event in log order, its leaf index the count of events before it', async () => {
    const all = await rows();
    const stored = await events.readAll({ stored: true });
    expect(all.map((r) => [r.position, r.streamId, r.revision, r.type, r.recordedAt])).toEqual(stored.map((e) => [e.position, e.streamId, e.revision, e.type, e.metadata.recordedAt]));
    expect(all.map((r) => r.leafIndex)).toEqual(stored.map((_e, i) => i));
  });

  it("derives jurisdictions: the provider's for credentials and achievements, the QA body's and the policy's for approvals, the learner's credentials' for its consents", async () => {
    const [nzIssue, auIssue] = await byType(EventTypes.CredentialIssued);
    expect(nzIssue).toMatchObject({ jurisdictions: ['NZ'], providerId: 'uni-nz', credentialId: credNz });
    expect(auIssue).toMatchObject({ jurisdictions: ['AU'], providerId: 'uni-au', credentialId: credAu, learnerIds: [] });
    expect((await byType(EventTypes.AchievementDefined)).map((r) => r.jurisdictions)).toEqual([['NZ'], ['AU']]);
    expect((await byType(EventTypes.AchievementApproved))[0]).toMatchObject({ jurisdictions: ['NZ'], qaBodyId: 'nzqa', providerId: 'uni-nz' });
    expect((await byType(EventTypes.ConsentGranted))[0]).toMatchObject({ jurisdictions: ['NZ'], learnerIds: [learnerId] });
    expect((await byType(EventTypes.DiscrepancyRaised))[0]).toMatchObject({ jurisdictions: ['AU'], providerId: 'uni-au', credentialId: credAu });
  });

  it("gives a credential's learner to its events before the link (the issue) and after it", async () => {
    expect((await byType(EventTypes.CredentialIssued))[0].learnerIds).toEqual([learnerId]);
    expect((await byType(EventTypes.CredentialSuspended))[0].learnerIds).toEqual([learnerId]);
    expect((await byType(EventTypes.LearnerRecordOpened))[0]).toMatchObject({ learnerIds: [learnerId], jurisdictions: ['NZ'], credentialId: credNz });
  });

  it('pages by filter and scope: a NZ regulator sees no AU event, an admin all', async () => {
    const reader = new AuditReader(reads, events);
    const nz = await reader.page({}, key('regulator', { jurisdictions: ['NZ'] }), 0, 1000);
    expect(nz.rows.length).toBeGreaterThan(0);
    expect(nz.rows.every((r) => r.jurisdictions.includes('NZ') && !r.jurisdictions.includes('AU'))).toBe(true);
    expect((await reader.page({}, key('admin'), 0, 1000)).rows).toHaveLength(log.length);
    expect((await reader.page({ learnerId }, key('admin'), 0, 1000)).rows.map((r) => r.type)).toEqual([
      EventTypes.CredentialIssued, EventTypes.LearnerRecordOpened, EventTypes.LearnerCredentialLinked, EventTypes.CredentialSuspended, EventTypes.ConsentGranted,
    ]);
    const first = await reader.page({ providerId: 'uni-au' }, key('admin'), 0, 2);
    const rest = await reader.page({ providerId: 'uni-au' }, key('admin'), first.reached, 10);
    expect([...first.rows, ...rest.rows].map((r) => r.type)).toEqual([EventTypes.ProviderRegistered, EventTypes.AchievementDefined, EventTypes.CredentialIssued, EventTypes.DiscrepancyRaised]);
    expect(rest.more).toBe(false);
    expect((await reader.items(first.rows)).map((i) => [i.leafIndex, i.actor, i.channel])).toEqual([[1, { role: 'system', id: 'test' }, 'internal'], [4, { role: 'system', id: 'test' }, 'internal']]);
  });

  it('builds the same rows on a replay from scratch in one batch', async () => {
    const before = { rows: await rows(), facts: await reads.find(AuditCollections.facts, {}, { limit: 1000 }) };
    const projection = new AuditIndexProjection();
    await reads.reset(projection.collections, projection.name);
    await project(500);
    expect({ rows: await rows(), facts: await reads.find(AuditCollections.facts, {}, { limit: 1000 }) }).toEqual(before);
  });
});
