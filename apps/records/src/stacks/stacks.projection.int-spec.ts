import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Principal } from '@app/auth';
import { AchievementSpec, EventTypes, Streams } from '@app/contracts';
import { EventStore, openEventStore } from '@app/event-store';
import { ProjectionRunner, ReadStore } from '@app/read-store';
import { appended, projectTwice, readStoreEngines } from '@app/testing';
import { CredentialsProjection } from '../credentials/credentials.projection';
import { LearnersProjection } from '../learners/learners.projection';
import { StandingProjection } from '../standing/standing.projection';
import { AchievementRevisionsProjection } from '../verification/achievement-revisions.projection';
import { LearnerStacksHandler } from './learner-stacks/learner-stacks.handler';
import { LearnerStacksQuery } from './learner-stacks/learner-stacks.query';
import { StackCollections, StacksProjection } from './stacks.projection';

const providerId = 'uni-a';
const [a1, a2, a3] = ['a1a1a1a1-0000-4000-8000-000000000001', 'a2a2a2a2-0000-4000-8000-000000000002', 'a3a3a3a3-0000-4000-8000-000000000003'];
const [c1, c2, c3] = ['c1c1c1c1-0000-4000-8000-000000000001', 'c2c2c2c2-0000-4000-8000-000000000002', 'c3c3c3c3-0000-4000-8000-000000000003'];
const learnerId = '11111111-1111-4111-8111-111111111111';
const stackId = '5a5a5a5a-0000-4000-8000-000000000000';
const spec: AchievementSpec = {
  title: 'Data Literacy Foundations', learningOutcomes: ['Interpret descriptive statistics'],
  workload: { hours: 150, credits: { system: 'NZQCF-credit', value: 15 } }, level: { framework: 'NZQCF', value: 5 },
  assessment: { type: 'portfolio', supervised: false, identityVerified: true }, participation: 'online', language: 'en',
};
const day = (d: number) => `2026-03-${String(d).padStart(2, '0')}T00:00:00.000Z`;
const stack = {
  stackId, title: 'Certificate in Applied Data', jurisdiction: 'NZ', minimumEcts: 10, minimumEqfLevel: 5,
  achievements: [{ providerId, achievementId: a1, mandatory: true }, { providerId, achievementId: a2, mandatory: false }, { providerId, achievementId: a3, mandatory: false }],
};

const defined = (achievementId: string) => appended(Streams.achievement(achievementId), { type: EventTypes.AchievementDefined, data: { ...spec, achievementId, providerId } }, day(2));
const approved = (achievementId: string) => appended(Streams.approval(achievementId), {
  type: EventTypes.AchievementApproved, data: { achievementId, qaBodyId: 'nzqa', policy: { jurisdiction: 'NZ', version: '2025.1' }, revision: 1, rulesPassed: [] },
}, day(3));
const issued = (credentialId: string, achievementId: string) => appended(Streams.credential(credentialId), {
  type: EventTypes.CredentialIssued, data: { credentialId, credentialRef: credentialId.slice(-4), providerId, achievementId, holder: { identifierDigests: [] }, issuedAt: day(4) },
}, day(4));
const linked = (credentialId: string) => appended(Streams.learner(learnerId), { type: EventTypes.LearnerCredentialLinked, data: { learnerId, credentialId, providerId } }, day(5));

// a1 and a2 are approved (quality-assured at issue), a3 is not: its credential never counts.
const log = [
  appended(Streams.provider(providerId), { type: EventTypes.ProviderRegistered, data: { providerId, name: 'Uni A', jurisdiction: 'NZ', kind: 'university' } }, day(1)),
  defined(a1), defined(a2), defined(a3),
  appended(Streams.accreditation('acc00000-0000-4000-8000-000000000000'), { type: EventTypes.ProviderAccredited, data: {
    accreditationId: 'acc00000-0000-4000-8000-000000000000', qaBodyId: 'nzqa', providerId, scope: { framework: 'NZQCF', minLevel: 4, maxLevel: 6 },
    validFrom: day(1), validUntil: '2027-01-01T00:00:00.000Z',
  } }, day(3)),
  approved(a1), approved(a2),
  issued(c1, a1), issued(c2, a2), issued(c3, a3),
  appended(Streams.learner(learnerId), { type: EventTypes.LearnerRecordOpened, data: { learnerId, openedBy: { credentialId: c1 } } }, day(5)),
  linked(c1), linked(c2), linked(c3),
  appended(Streams.stack(stackId), { type: EventTypes.StackDefined, data: stack }, day(6)),
];
const revoke = appended(Streams.credential(c2), { type: EventTypes.CredentialRevoked, data: { credentialId: c2, credentialRef: c2.slice(-4), providerId, reason: 'misconduct' } }, day(7));

const key = (role: Principal['role'], scope: Principal['scope'] = {}): Principal => ({ keyId: `k-${role}`, role, scope });

describe('StacksProjection', () => {
  it('holds each stack once and, per achievement, the stacks it counts towards; a replay builds the same rows', async () => {
    const projected = await projectTwice(new StacksProjection(), [...log, appended(Streams.stack(stackId), { type: EventTypes.StackDefined, data: stack }, day(8))]);
    expect(projected.parked).toEqual([]);
    expect(projected.rebuilt).toEqual(projected.incremental);
    expect(projected.rebuilt[StackCollections.stacks]).toEqual([{ ...stack, definedAt: day(6), position: log.length }]);
    expect(projected.rebuilt[StackCollections.byAchievement]).toEqual(stack.achievements.map((a) => ({ ...a, stackId })));
  });
});

const { engines, dropSchemas } = readStoreEngines('Learner stacks', 'stacks_');
afterAll(dropSchemas);

describe.each(engines)('learner stack progress from the read models on a %s read store', (_engine, openReads) => {
  let dir: string;
  let events: EventStore;
  let reads: ReadStore;
  const handler = () => new LearnerStacksHandler(reads);
  const progress = (principal: Principal) => handler().execute(new LearnerStacksQuery(learnerId, principal));
  const project = async (...more: typeof log) => {
    for (const request of more) await events.append(request);
    const runner = new ProjectionRunner(events, reads, [
      new CredentialsProjection(), new AchievementRevisionsProjection(), new StandingProjection(), new LearnersProjection(), new StacksProjection(),
    ], { group: 'stacks-int', batchSize: 5 });
    await runner.start();
    const done = await runner.waitFor(await events.headPosition(), 10_000);
    await runner.stop();
    expect(done).toBe(true);
  };

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-stacks-'));
    events = await openEventStore(`sqlite:${join(dir, 'events.db')}`);
    reads = await openReads(dir);
    await project(...log);
  });
  afterEach(async () => {
    await events.close();
    await reads.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is eligible exactly at the threshold, counting two quality-assured credentials and not the unapproved one', async () => {
    const { stacks } = await progress(key('admin'));
    expect(stacks).toHaveLength(1);
    const [s] = stacks;
    expect(s).toMatchObject({ stackId, ectsEarned: 10, eligible: true, mandatoryMissing: [] });
    expect(s.achievements.map((a) => [a.achievementId, a.met, a.ects])).toEqual([[a1, true, 5], [a2, true, 5], [a3, false, 0]]);
    expect(s.achievements[2].credentials[0].reasons.map((r) => r.code)).toEqual(['not-quality-assured']);
  });

  it('no longer counts a revoked credential', async () => {
    await project(revoke);
    const [s] = (await progress(key('admin'))).stacks;
    expect(s.achievements[1]).toMatchObject({ met: false, ects: 0, credentials: [expect.objectContaining({ status: 'revoked', counts: false })] });
    expect(s).toMatchObject({ ectsEarned: 5, eligible: false, reasons: [expect.objectContaining({ code: 'ects-below-minimum' })] });
  });

  it('answers its own learner to a learner key, the provider its own credentials, and 404 out of scope', async () => {
    expect((await progress(key('learner', { learnerId }))).stacks).toHaveLength(1);
    expect((await progress(key('provider', { providerId }))).stacks).toHaveLength(1);
    expect((await progress(key('regulator', { jurisdictions: ['NZ'] }))).stacks).toHaveLength(1);
    for (const outsider of [key('learner', { learnerId: '22222222-2222-4222-8222-222222222222' }), key('learner'), key('provider', { providerId: 'uni-b' }), key('regulator', { jurisdictions: ['AU'] })]) {
      await expect(progress(outsider)).rejects.toMatchObject({ code: 'LEARNER.NOT_FOUND', message: 'learnerId: learner not found' });
    }
    await expect(handler().execute(new LearnerStacksQuery('99999999-9999-4999-8999-999999999999', key('admin')))).rejects.toMatchObject({ code: 'LEARNER.NOT_FOUND' });
  });
});
