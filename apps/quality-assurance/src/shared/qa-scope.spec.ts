import { Principal } from '@app/auth';
import { jurisdictionsMeet, reaches } from './qa-scope';

const key = (role: Principal['role'], scope: Principal['scope'] = {}): Principal => ({ keyId: 'k', role, scope });

describe('QA scope', () => {
  describe('when the key is a qa-body key', () => {
    it("reaches where both its key and its body's registration reach", () => {
      const narrowed = key('qa-body', { qaBodyId: 'nzqa', jurisdictions: ['NZ-AUK'] });
      expect(reaches(narrowed, 'NZ-AUK', ['NZ'])).toBe(true);
      expect(reaches(narrowed, 'NZ-WGN', ['NZ'])).toBe(false);
      expect(reaches(key('qa-body', { qaBodyId: 'nzqa', jurisdictions: ['NZ', 'AU'] }), 'AU', ['NZ'])).toBe(false);
    });

    it("falls back to its body's jurisdictions when the key names none, never to everywhere", () => {
      const legacy = key('qa-body', { qaBodyId: 'teqsa' });
      expect(reaches(legacy, 'AU', ['AU'])).toBe(true);
      expect(reaches(legacy, 'NZ', ['AU'])).toBe(false);
      expect(reaches(legacy, 'AU', undefined)).toBe(false);
    });
  });

  it("reaches a regulator's jurisdictions only, and nothing for a regulator key without them", () => {
    expect(reaches(key('regulator', { jurisdictions: ['NZ'] }), 'NZ')).toBe(true);
    expect(reaches(key('regulator', { jurisdictions: ['NZ'] }), 'AU')).toBe(false);
    expect(reaches(key('regulator'), 'NZ')).toBe(false);
  });

  it('reaches everywhere for admins, and nowhere for other roles or an unknown jurisdiction', () => {
    expect(reaches(key('admin'), 'AU')).toBe(true);
    expect(reaches(key('provider', { providerId: 'uni-a' }), 'NZ')).toBe(false);
    expect(reaches(key('regulator', { jurisdictions: ['NZ'] }), undefined)).toBe(false);
  });

  it('sees jurisdiction sets meet through groups and subdivisions', () => {
    expect(jurisdictionsMeet(['EU'], ['DE'])).toBe(true);
    expect(jurisdictionsMeet(['NZ-AUK'], ['NZ'])).toBe(true);
    expect(jurisdictionsMeet(['NZ'], ['AU'])).toBe(false);
  });
});
