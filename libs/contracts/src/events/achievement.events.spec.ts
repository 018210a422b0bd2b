import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { QualityAssuranceStatement, readQualityAssurance, upcastAchievementData } from './achievement.events';
import { fromStorage } from './ledger-event';

describe('type of quality assurance', () => {
  describe('when given in a request', () => {
    const problems = (body: object) => validateSync(plainToInstance(QualityAssuranceStatement, body)).map((e) => e.property);
    it('accepts a controlled value, with or without a description', () => {
      expect(problems({ type: 'internal' })).toEqual([]);
      expect(problems({ type: 'accredited-provider', description: 'TEQSA-registered provider' })).toEqual([]);
      expect(problems({ type: 'other', description: 'industry panel review' })).toEqual([]);
    });
    it('refuses other without a description, and free text', () => {
      expect(problems({ type: 'other' })).toEqual(['description']);
      expect(problems({ type: 'external: NZQA' })).toEqual(['type']);
    });
  });

  describe('when read from an event written as free text', () => {
    it.each([
      ['internal', { type: 'internal' }],
      ['External: NZQA', { type: 'external', description: 'NZQA' }],
      ['accredited-provider', { type: 'accredited-provider' }],
      ['peer review by the faculty board', { type: 'other', description: 'peer review by the faculty board' }],
      ['other: panel', { type: 'other', description: 'other: panel' }],
    ])('reads %j as %j', (text, expected) => expect(readQualityAssurance(text)).toEqual(expected));

    it('reads blank text as absent', () => expect(readQualityAssurance('  ')).toBeUndefined());

    it('lifts AchievementDefined and AchievementRevised bodies on read, leaving the stored body untouched', () => {
      const stored = { achievementId: 'a', providerId: 'p', title: 't', qualityAssurance: 'external: NZQA' };
      const read = fromStorage('AchievementDefined', stored);
      expect(read.data).toMatchObject({ qualityAssurance: { type: 'external', description: 'NZQA' } });
      expect(stored.qualityAssurance).toBe('external: NZQA');
      const revised = upcastAchievementData('AchievementRevised', { achievementId: 'a', providerId: 'p', reason: 'r', spec: { title: 't', qualityAssurance: 'audited' } });
      expect(revised).toMatchObject({ spec: { qualityAssurance: { type: 'other', description: 'audited' } } });
    });

    it('returns a current body as it is', () => {
      const current = { title: 't', qualityAssurance: { type: 'internal' } };
      expect(upcastAchievementData('AchievementDefined', current)).toBe(current);
      expect(upcastAchievementData('CredentialIssued', current)).toBe(current);
    });
  });
});
