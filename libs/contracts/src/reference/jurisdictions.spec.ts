import { jurisdictionCovers, policyJurisdictionsFor } from './jurisdictions';

describe('jurisdictions', () => {
  it.each([
    ['NZ', ['NZ']],
    ['CA-ON', ['CA-ON', 'CA']],
    ['IE', ['IE', 'EU']],
    ['DE-BY', ['DE-BY', 'DE', 'EU']],
    ['EU', ['EU']],
  ])('looks for the policy of %s in %j, nearest first', (target, chain) => expect(policyJurisdictionsFor(target)).toEqual(chain));

  it('covers a member state from its group and a subdivision from its country, never the other way round', () => {
    expect(jurisdictionCovers('EU', 'IE')).toBe(true);
    expect(jurisdictionCovers('CA', 'CA-ON')).toBe(true);
    expect(jurisdictionCovers('IE', 'EU')).toBe(false);
    expect(jurisdictionCovers('CA-ON', 'CA')).toBe(false);
    expect(jurisdictionCovers('NZ', 'AU')).toBe(false);
  });
});
