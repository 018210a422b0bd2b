import { hasProgressTowards, StackCredential, stackProgress, StackTerms } from './stack-progress';

const A = { providerId: 'uni-a', achievementId: 'aaaaaaaa-0000-4000-8000-000000000001' };
const B = { providerId: 'uni-a', achievementId: 'aaaaaaaa-0000-4000-8000-000000000002' };
const C = { providerId: 'poly-c', achievementId: 'cccccccc-0000-4000-8000-000000000003' };

const stack: StackTerms = {
  stackId: 'ffffffff-0000-4000-8000-000000000000', title: 'Certificate', jurisdiction: 'NZ', minimumEcts: 15, minimumEqfLevel: 5,
  achievements: [{ ...A, mandatory: true }, { ...B, mandatory: false }, { ...C, mandatory: false }],
};

let n = 0;
const held = (of: { providerId: string; achievementId: string }, over: Partial<StackCredential> = {}): StackCredential => ({
  credentialId: `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`, ...of, status: 'issued', qualityAssured: true, eqfLevel: 5, ectsMin: 5, ...over,
});
const codes = (r: { reasons: { code: string }[] }) => r.reasons.map((x) => x.code);

describe('stackProgress', () => {
  describe('when every mandatory achievement is met and the ECTS reach the minimum exactly', () => {
    it('is eligible', () => {
      const p = stackProgress(stack, [held(A), held(B), held(C)]);
      expect(p.ectsEarned).toBe(15);
      expect(p.mandatoryMissing).toEqual([]);
      expect(p.eligible).toBe(true);
      expect(codes(p)).toEqual(['eligible']);
      expect(p.achievements.map((a) => [a.met, a.ects])).toEqual([[true, 5], [true, 5], [true, 5]]);
    });

    it('counts a level exactly at the minimum and fractional ECTS that add up to it', () => {
      const p = stackProgress({ ...stack, minimumEcts: 0.3 }, [held(A, { ectsMin: 0.1 }), held(B, { ectsMin: 0.2 })]);
      expect(p.ectsEarned).toBe(0.3);
      expect(p.eligible).toBe(true);
    });
  });

  describe('when a mandatory achievement is missing', () => {
    it('is not eligible however many ECTS, and names the missing achievement', () => {
      const p = stackProgress(stack, [held(B, { ectsMin: 10 }), held(C, { ectsMin: 10 })]);
      expect(p.ectsEarned).toBe(20);
      expect(p.eligible).toBe(false);
      expect(p.mandatoryMissing).toEqual([A]);
      expect(codes(p)).toEqual(['mandatory-missing']);
      expect(codes(p.achievements[0])).toEqual(['not-held']);
      expect(p.achievements[0].held).toBe(false);
    });
  });

  describe('when the ECTS fall short', () => {
    it('is not eligible and says how many were earned and needed', () => {
      const p = stackProgress(stack, [held(A), held(B, { ectsMin: 9.999 })]);
      expect(p.ectsEarned).toBe(14.999);
      expect(p.eligible).toBe(false);
      expect(p.reasons).toEqual([{ code: 'ects-below-minimum', message: '14.999 ECTS-equivalent at or above EQF 5; 15 needed' }]);
    });
  });

  describe('when a credential is below the level', () => {
    it('does not count, not even its ECTS, and a mandatory one stays missing', () => {
      const p = stackProgress(stack, [held(A, { eqfLevel: 4, ectsMin: 20 }), held(B, { ectsMin: 20 })]);
      expect(p.achievements[0]).toMatchObject({ held: true, met: false, ects: 0 });
      expect(codes(p.achievements[0].credentials[0])).toEqual(['level-below-minimum']);
      expect(p.mandatoryMissing).toEqual([A]);
      expect(p.ectsEarned).toBe(20);
      expect(p.eligible).toBe(false);
    });
  });

  describe('when a credential is revoked, suspended or not quality-assured', () => {
    it.each([
      ['revoked', { status: 'revoked' as const }],
      ['suspended', { status: 'suspended' as const }],
      ['not-quality-assured', { qualityAssured: false }],
    ])('a %s credential does not count', (code, over) => {
      const p = stackProgress(stack, [held(A, over), held(B, { ectsMin: 10 }), held(C, { ectsMin: 10 })]);
      expect(p.achievements[0]).toMatchObject({ held: true, met: false, ects: 0, reasons: [expect.objectContaining({ code: 'no-credential-counts' })] });
      expect(codes(p.achievements[0].credentials[0])).toEqual([code]);
      expect(p.eligible).toBe(false);
      expect(p.mandatoryMissing).toEqual([A]);
    });

    it('an expired credential still counts', () => {
      const p = stackProgress(stack, [held(A, { status: 'expired' }), held(B, { ectsMin: 10 })]);
      expect(p.achievements[0].met).toBe(true);
      expect(p.eligible).toBe(true);
    });

    it('another credential for the same achievement that counts meets it', () => {
      const revoked = held(A, { status: 'revoked' });
      const fine = held(A);
      const p = stackProgress(stack, [revoked, fine, held(B, { ectsMin: 10 })]);
      expect(p.achievements[0]).toMatchObject({ met: true, credentialId: fine.credentialId, ects: 5 });
      expect(p.achievements[0].credentials.map((c) => c.counts)).toEqual([false, true]);
    });
  });

  describe('when figures are not comparable', () => {
    it('a level not comparable with the EQF does not count, with a reason', () => {
      const p = stackProgress(stack, [held(A, { eqfLevel: null })]);
      expect(p.achievements[0].met).toBe(false);
      expect(codes(p.achievements[0].credentials[0])).toEqual(['level-not-comparable']);
    });

    it('credits not comparable meet the achievement but add no ECTS, and the item says so', () => {
      const p = stackProgress(stack, [held(A, { ectsMin: null }), held(B, { ectsMin: 10 })]);
      expect(p.achievements[0]).toMatchObject({ met: true, ects: 0, reasons: [expect.objectContaining({ code: 'credits-not-comparable' })] });
      expect(p.mandatoryMissing).toEqual([]);
      expect(p.ectsEarned).toBe(10);
      expect(codes(p)).toEqual(['ects-below-minimum']);
    });
  });

  it('counts each achievement once however many credentials meet it', () => {
    const p = stackProgress(stack, [held(A, { ectsMin: 5 }), held(A, { ectsMin: 7 }), held(A, { ectsMin: 6 })]);
    expect(p.ectsEarned).toBe(7);
    expect(p.achievements[0].credentials).toHaveLength(3);
  });

  it('ignores credentials for achievements outside the stack, or the same achievement id under another provider', () => {
    const p = stackProgress(stack, [held({ providerId: 'other', achievementId: A.achievementId }), held({ providerId: 'uni-a', achievementId: 'dddddddd-0000-4000-8000-000000000000' })]);
    expect(p.achievements.every((a) => !a.held)).toBe(true);
    expect(p.ectsEarned).toBe(0);
  });
});

describe('hasProgressTowards', () => {
  it('is true when any credential is for one of the achievements, counting or not', () => {
    expect(hasProgressTowards(stack, [held(C, { status: 'revoked' })])).toBe(true);
    expect(hasProgressTowards(stack, [held({ providerId: 'other', achievementId: A.achievementId })])).toBe(false);
    expect(hasProgressTowards(stack, [])).toBe(false);
  });
});
