import { nestsDeeperThan } from './kafka-message-guard';

describe('nestsDeeperThan', () => {
  describe('when the text nests arrays or objects past the limit', () => {
    it('says so, however deep', () => {
      expect(nestsDeeperThan('['.repeat(10_000) + ']'.repeat(10_000), 32)).toBe(true);
      expect(nestsDeeperThan('{"a":'.repeat(33) + '1' + '}'.repeat(33), 32)).toBe(true);
    });
  });

  describe('when the nesting is within the limit', () => {
    it('lets it through', () => {
      expect(nestsDeeperThan('{"data":{"holder":{"identifiers":[{"scheme":"x","value":"y"}]}}}', 32)).toBe(false);
      expect(nestsDeeperThan('['.repeat(32) + ']'.repeat(32), 32)).toBe(false);
    });

    it('lets through a text with more brackets than the limit side by side', () => {
      expect(nestsDeeperThan(JSON.stringify(Array.from({ length: 100 }, () => ({ a: [1] }))), 32)).toBe(false);
      expect(nestsDeeperThan('[' + '[],{},'.repeat(50) + '[[[]]]]', 4)).toBe(false);
      expect(nestsDeeperThan('[' + '[],{},'.repeat(50) + '[[[[]]]]]', 4)).toBe(true);
    });
  });

  describe('when brackets are inside strings', () => {
    it('does not count them, escaped quotes included', () => {
      expect(nestsDeeperThan(JSON.stringify({ note: '['.repeat(100), q: 'say \\"[[[[' }), 2)).toBe(false);
    });
  });
});
