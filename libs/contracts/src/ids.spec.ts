import { v5 as uuidv5 } from 'uuid';
import { bulkEventIdFor, credentialIdFor, eventIdFor, internalEventId, nameBasedId, uuidNamespace } from './ids';

describe('derived ids', () => {
  it('land the same credential on the same id and keep providers apart', () => {
    expect(credentialIdFor('uni-a', 'C-1')).toBe(credentialIdFor('uni-a', 'C-1'));
    expect(credentialIdFor('uni-a', 'C-1')).not.toBe(credentialIdFor('uni-b', 'C-1'));
    expect(credentialIdFor('uni-a', 'C-1')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('cannot be confused by concatenation', () => {
    expect(eventIdFor('uni-a', 'b-1')).not.toBe(eventIdFor('uni-a-b', '1'));
  });

  it('keeps the event ids already stored for ordinary provider events', () => {
    expect(eventIdFor('uni-a', 'evt-1')).toBe('f62d11e2-9f04-55b3-8af1-49ffcc79dc94');
  });

  describe('when ids are long', () => {
    const prefix = 'x'.repeat(199);

    it('never cuts them: ids differing only in their last character stay apart', () => {
      expect(eventIdFor('uni-a', `${prefix}a`)).not.toBe(eventIdFor('uni-a', `${prefix}b`));
      expect(bulkEventIdFor('uni-a', 'r'.repeat(100), `${prefix}a`)).not.toBe(bulkEventIdFor('uni-a', 'r'.repeat(100), `${prefix}b`));
      expect(eventIdFor('uni-a', `${prefix}${'y'.repeat(50)}a`)).not.toBe(eventIdFor('uni-a', `${prefix}${'y'.repeat(50)}b`));
    });
  });

  describe('when a provider sourceEventId imitates another id space', () => {
    it('cannot take a bulk action\'s id', () => {
      expect(eventIdFor('uni-a', 'bulk:r1:CERT-1')).not.toBe(bulkEventIdFor('uni-a', 'r1', 'CERT-1'));
      expect(eventIdFor('uni-a', JSON.stringify(['uni-a', 'r1', 'CERT-1']))).not.toBe(bulkEventIdFor('uni-a', 'r1', 'CERT-1'));
    });

    it('cannot take an internal id, even with a NUL inside', () => {
      expect(eventIdFor('internal', 'expiry\u0000c-1|2026')).not.toBe(internalEventId('expiry', 'c-1|2026'));
    });
  });

  it('keeps bulk requestId and credentialRef apart whatever they contain', () => {
    expect(bulkEventIdFor('uni-a', 'r1:a', 'b')).not.toBe(bulkEventIdFor('uni-a', 'r1', 'a:b'));
    expect(bulkEventIdFor('uni-a', 'r1', 'CERT-1')).toBe(bulkEventIdFor('uni-a', 'r1', 'CERT-1'));
  });

  it('derives exactly the ids the uuid package derives from strings, whatever the name holds', () => {
    const ns = '9e2a7d14-5c3b-5f86-8d40-71b6a3e9c2f5';
    const names = ['', 'uni-a\u0000evt-1', 'internal\u0000expiry\u0000c-1|2026', 'Māori ā ē', '学位証明書', '😀 astral', 'a'.repeat(5000), '\u0000\u0000', '["uni-a","r1","CERT-1"]'];
    for (const name of names) expect(nameBasedId(name, uuidNamespace(ns))).toBe(uuidv5(name, ns));
    // The id a provider's event was stored under before the change stays its id.
    expect(eventIdFor('uni-a', 'evt-1')).toBe(uuidv5('uni-a\u0000evt-1', ns));
  });
});
