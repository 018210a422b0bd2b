import { credentialIdFor, eventIdFor } from './ids';

describe('derived ids', () => {
  it('land the same credential on the same id and keep providers apart', () => {
    expect(credentialIdFor('uni-a', 'C-1')).toBe(credentialIdFor('uni-a', 'C-1'));
    expect(credentialIdFor('uni-a', 'C-1')).not.toBe(credentialIdFor('uni-b', 'C-1'));
    expect(credentialIdFor('uni-a', 'C-1')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('cannot be confused by concatenation', () => {
    expect(eventIdFor('uni-a', 'b-1')).not.toBe(eventIdFor('uni-a-b', '1'));
  });
});
