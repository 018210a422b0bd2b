import { Kafka } from 'cloudevents';
import { FeedCloudEvent } from './feed-event';
import { toFeedMessage } from './feed-kafka.publisher';

const event: FeedCloudEvent = {
  specversion: '1.0', id: '0815679c-3a83-5aa0-bcc5-0a8d4f920c5e', source: '/credential-ledger/feeds/nz-employer',
  type: 'credential-ledger.feed.credential.issued.v1', subject: 'credential/34f0fa4c-cc3f-5ebc-9cd4-7254deb2d1f5', time: '2026-03-01T00:00:00.000Z',
  datacontenttype: 'application/json', sequence: '7', ledgerposition: '19',
  data: { credentialId: '34f0fa4c-cc3f-5ebc-9cd4-7254deb2d1f5', providerId: 'uni', achievementId: 'a', status: 'issued', issuedAt: '2026-03-01T00:00:00Z', jurisdiction: 'NZ', learnerId: 'l-1' },
};

describe('toFeedMessage', () => {
  it('puts the entry in the CloudEvents Kafka binding (binary mode), keyed as stored, and reads back to the same event', () => {
    const message = toFeedMessage({ partnerId: 'nz-employer', seq: 7, key: 'l-1', event });
    expect(message.key).toBe('l-1');
    expect(message.headers).toMatchObject({ ce_id: event.id, ce_type: event.type, ce_subject: event.subject, ce_sequence: '7', ce_ledgerposition: '19', ce_specversion: '1.0' });
    expect(JSON.parse(message.value)).toEqual(event.data);
    const back = Kafka.toEvent({ key: message.key, value: message.value, headers: message.headers!, body: message.value } as never);
    expect(Array.isArray(back) ? back[0].id : back.id).toBe(event.id);
  });
});
