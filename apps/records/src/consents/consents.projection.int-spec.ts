import { Streams } from '@app/contracts';
import { appended, projectTwice } from '@app/testing';
import { ERASURES, ErasuresProjection } from '../erasure/erasures.projection';
import { consentInForceAt } from './consent-in-force';
import { ConsentDoc, CONSENTS, ConsentsProjection } from './consents.projection';

const learnerId = '11111111-1111-4111-8111-111111111111';
const keyId = 'aaaaaaaa-1111-5111-8111-111111111111';
const at = (day: number) => `2026-03-${String(day).padStart(2, '0')}T00:00:00.000Z`;

const log = [
  appended(Streams.consent(learnerId), { type: 'ConsentGranted', data: { learnerId, partnerId: 'employer', purposes: ['admission'] } }, at(1)),
  appended(Streams.consent(learnerId), { type: 'ConsentGranted', data: { learnerId, partnerId: 'wallet-co', purposes: ['wallet'], expiresAt: at(20) } }, at(2)),
  appended(Streams.consent(learnerId), { type: 'ConsentGranted', data: { learnerId, partnerId: 'employer', purposes: ['admission', 'mobility'] } }, at(3)),
  appended(Streams.consent(learnerId), { type: 'ConsentWithdrawn', data: { learnerId, partnerId: 'wallet-co' } }, at(4)),
  appended(Streams.learner(learnerId), { type: 'LearnerErased', data: { learnerId, keyIds: [keyId], reason: 'forget me' } }, at(5)),
];

describe('ConsentsProjection and ErasuresProjection', () => {
  it('hold each consent as it stands with its history, and the erasure; a rebuild gives the same documents', async () => {
    const consents = await projectTwice(new ConsentsProjection(), log);
    expect(consents.parked).toEqual([]);
    expect(consents.rebuilt).toEqual(consents.incremental);
    const docs = consents.rebuilt[CONSENTS] as ConsentDoc[];
    expect(docs.map(({ history: _h, ...d }) => d)).toEqual([
      { learnerId, partnerId: 'employer', status: 'granted', purposes: ['admission', 'mobility'], grantedAt: at(3) },
      { learnerId, partnerId: 'wallet-co', status: 'withdrawn', purposes: ['wallet'], grantedAt: at(2), withdrawnAt: at(4) },
    ]);
    // The history answers for any earlier position: the feed router's question.
    const wallet = docs[1].history;
    expect(consentInForceAt(wallet, { position: wallet[0].position, instant: at(2) })).toEqual({ purposes: ['wallet'], expiresAt: at(20) });
    expect(consentInForceAt(wallet, { position: wallet[1].position, instant: at(4) })).toBeUndefined();

    const erasures = await projectTwice(new ErasuresProjection(), log);
    expect(erasures.rebuilt).toEqual(erasures.incremental);
    expect(erasures.rebuilt[ERASURES]).toEqual([{ learnerId, keyIds: [keyId], erasedAt: at(5), position: expect.any(Number) }]);
  });
});
