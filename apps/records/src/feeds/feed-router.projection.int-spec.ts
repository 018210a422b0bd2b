import { randomUUID } from 'node:crypto';
import { buildMetadata, LedgerEvent, Streams } from '@app/contracts';
import { AppendRequest } from '@app/event-store';
import { projectTwice, sampleAchievement } from '@app/testing';
import { FeedCloudEvent, feedEventId } from './feed-event';
import { FeedCollections, FeedEntry, FeedRouterProjection } from './feed-router.projection';

const at = (minute: number) => `2026-03-01T00:${String(minute).padStart(2, '0')}:00.000Z`;
let minute = 0;
const ids: Record<string, string> = {};
/** One event recorded a minute after the last, with the jurisdiction the providers context would give it. */
function event(streamId: string, e: LedgerEvent, jurisdiction?: string, name?: string): AppendRequest {
  const metadata = buildMetadata({ actor: { role: 'system', id: 'test' }, channel: 'internal', correlationId: randomUUID(), now: at(++minute) }, { eventId: randomUUID(), ...(jurisdiction ? { jurisdiction } : {}) });
  if (name) ids[name] = metadata.eventId;
  return { streamId, expectedRevision: 'any', events: [{ ...e, metadata }] };
}

const A = '11111111-1111-4111-8111-111111111111';
const B = '22222222-2222-4222-8222-222222222222';
const [achNz, achAu, c1, c2, c3] = ['a0000000-0000-4000-8000-000000000001', 'a0000000-0000-4000-8000-000000000002', 'c0000000-0000-4000-8000-000000000001', 'c0000000-0000-4000-8000-000000000002', 'c0000000-0000-4000-8000-000000000003'];
const partner = 'nz-employer';
const issued = (credentialId: string, achievementId: string, providerId: string) => ({
  type: 'CredentialIssued' as const,
  data: { credentialId, credentialRef: credentialId.slice(-4), providerId, achievementId, holder: { identifierDigests: [{ scheme: 'NZ-NSN', digest: 'f'.repeat(64) }] }, issuedAt: at(0) },
});
const refs = (credentialId: string, providerId = 'nz-uni') => ({ credentialId, credentialRef: credentialId.slice(-4), providerId });

const log = [
  event(Streams.partner(partner), { type: 'PartnerRegistered', data: {
    partnerId: partner, name: 'NZ employer', deliveries: { kafka: true },
    scope: { jurisdictions: ['NZ'], eventKinds: ['achievement.defined', 'credential.issued', 'credential.revoked', 'credential.suspended'], purposes: ['employment-verification'] },
  } }),
  event(Streams.achievement(achNz), { type: 'AchievementDefined', data: { ...sampleAchievement, achievementId: achNz, providerId: 'nz-uni' } }, 'NZ', 'achNz'),
  event(Streams.achievement(achAu), { type: 'AchievementDefined', data: { ...sampleAchievement, achievementId: achAu, providerId: 'au-uni' } }, 'AU'),
  event(Streams.consent(A), { type: 'ConsentGranted', data: { learnerId: A, partnerId: partner, purposes: ['employment-verification'] } }),
  // B consents, but for a purpose the partner is not registered for.
  event(Streams.consent(B), { type: 'ConsentGranted', data: { learnerId: B, partnerId: partner, purposes: ['wallet'] } }),
  event(Streams.credential(c1), issued(c1, achNz, 'nz-uni'), 'NZ'),
  event(Streams.learner(A), { type: 'LearnerCredentialLinked', data: { learnerId: A, credentialId: c1, providerId: 'nz-uni' } }, undefined, 'linkA'),
  event(Streams.credential(c2), issued(c2, achNz, 'nz-uni'), 'NZ'),
  event(Streams.learner(B), { type: 'LearnerCredentialLinked', data: { learnerId: B, credentialId: c2, providerId: 'nz-uni' } }),
  event(Streams.credential(c3), issued(c3, achAu, 'au-uni'), 'AU'),
  event(Streams.learner(A), { type: 'LearnerCredentialLinked', data: { learnerId: A, credentialId: c3, providerId: 'au-uni' } }),
  event(Streams.credential(c1), { type: 'CredentialSuspended', data: { ...refs(c1), reason: 'under review' } }, 'NZ', 'suspendA'),
  event(Streams.consent(A), { type: 'ConsentWithdrawn', data: { learnerId: A, partnerId: partner } }),
  event(Streams.credential(c1), { type: 'CredentialRevoked', data: { ...refs(c1), reason: 'misconduct' } }, 'NZ'),
  event(Streams.consent(B), { type: 'ConsentGranted', data: { learnerId: B, partnerId: partner, purposes: ['employment-verification', 'wallet'] } }),
  event(Streams.credential(c2), { type: 'CredentialRevoked', data: { ...refs(c2), reason: 'issued in error' } }, 'NZ', 'revokeB'),
  event(Streams.learner(A), { type: 'LearnerErased', data: { learnerId: A, keyIds: [randomUUID()], reason: 'forget me' } }),
];

describe('FeedRouterProjection', () => {
  let entries: FeedEntry[];
  let rebuiltEqual: boolean;

  beforeAll(async () => {
    const projected = await projectTwice(new FeedRouterProjection(), log);
    expect(projected.parked).toEqual([]);
    rebuiltEqual = JSON.stringify(projected.rebuilt) === JSON.stringify(projected.incremental);
    entries = projected.rebuilt[FeedCollections.entries] as FeedEntry[];
  });

  it('rebuilds the same feed as it wrote live', () => {
    expect(rebuiltEqual).toBe(true);
  });

  it("sends an NZ partner the NZ achievement, and a learner's events only while that learner's consent for one of its purposes was in force", () => {
    const seen = entries.map((e) => [e.seq, e.event.type, e.event.subject]);
    expect(seen).toEqual([
      [1, 'credential-ledger.feed.achievement.defined.v1', `achievement/${achNz}`],
      [2, 'credential-ledger.feed.credential.issued.v1', `credential/${c1}`],
      [3, 'credential-ledger.feed.credential.suspended.v1', `credential/${c1}`],
      [4, 'credential-ledger.feed.credential.revoked.v1', `credential/${c2}`],
    ]);
  });

  it('gives each entry a stable id from the ledger event and the partner', () => {
    expect(entries.map((e) => e.event.id)).toEqual([ids.achNz, ids.linkA, ids.suspendA, ids.revokeB].map((id) => feedEventId(id, partner)));
  });

  it('carries what the partner needs and nothing personal; after erasure not even the learner id', () => {
    const [, issuedA, , revokedB] = entries.map((e) => e.event) as FeedCloudEvent[];
    expect(issuedA.data).toEqual({
      credentialId: c1, providerId: 'nz-uni', achievementId: achNz, achievementTitle: sampleAchievement.title, status: 'issued', issuedAt: at(0), jurisdiction: 'NZ',
      normalised: expect.objectContaining({ eqf: expect.objectContaining({ level: expect.any(Number) }) }),
    });
    expect(revokedB.data).toMatchObject({ credentialId: c2, status: 'revoked', learnerId: B });
    expect(entries.map((e) => e.key)).toEqual([`achievement/${achNz}`, `credential/${c1}`, `credential/${c1}`, B]);
    expect(JSON.stringify(entries)).not.toContain(A);
    expect(JSON.stringify(entries)).not.toContain('f'.repeat(64));
  });
});
