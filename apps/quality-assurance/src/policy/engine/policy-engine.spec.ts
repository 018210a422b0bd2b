import { AchievementSpec, JurisdictionPolicy } from '@app/contracts';
import { evaluatePolicy, PolicySubject } from './policy-engine';
import { policyProblems, shippedJurisdictions, shippedPolicy } from './shipped-policies';

const complete: AchievementSpec & { providerId: string } = {
  providerId: 'uni-a',
  title: 'Data Literacy Foundations',
  learningOutcomes: ['Interpret descriptive statistics'],
  workload: { hours: 150, breakdown: { faceToFace: 20, synchronousOnline: 30, peer: 10, asynchronous: 80, assessment: 10 } },
  assessment: { type: 'portfolio', supervised: false, identityVerified: true },
  participation: 'online',
  language: 'en',
  qualityAssurance: 'external',
};

type Mutation = (s: PolicySubject) => PolicySubject;
const spec = (change: Partial<AchievementSpec & { providerId: string }>): Mutation => (s) => ({ ...s, achievement: { ...s.achievement, ...change } as PolicySubject['achievement'] });
const without = (field: keyof (AchievementSpec & { providerId: string })): Mutation => (s) => {
  const achievement = { ...s.achievement };
  delete achievement[field];
  return { ...s, achievement };
};
const hours = (h: number, breakdown = true): Mutation =>
  spec({ workload: { hours: h, ...(breakdown ? { breakdown: { faceToFace: h, synchronousOnline: 0, peer: 0, asynchronous: 0, assessment: 0 } } : {}) } });

/** Per jurisdiction: a subject that passes every rule, and for each rule the cases that pass and fail it. */
const cases: Record<string, { ok: PolicySubject; rules: Record<string, { pass: [string, Mutation][]; fail: [string, Mutation, string][] }> }> = {
  EU: {
    ok: { achievement: complete, level: { framework: 'EQF', value: 5 }, credits: { system: 'ECTS', value: 6 } },
    rules: {
      'EU-TITLE': { pass: [], fail: [['blank title', spec({ title: ' ' }), 'title']] },
      'EU-AWARDING-BODY': { pass: [], fail: [['no awarding body', without('providerId'), 'providerId']] },
      'EU-OUTCOMES': { pass: [], fail: [['no outcomes', spec({ learningOutcomes: [] }), 'learningOutcomes']] },
      'EU-WORKLOAD': { pass: [], fail: [['no workload', without('workload'), 'workload.hours']] },
      'EU-CREDITS': {
        pass: [['no credits (ECTS only where possible)', (s) => ({ ...s, credits: undefined })]],
        fail: [['NZ credits', (s) => ({ ...s, credits: { system: 'NZQCF-credit', value: 15 } }), 'credits.system']],
      },
      'EU-LEVEL': {
        pass: [
          ['no level (if applicable)', (s) => ({ ...s, level: undefined })],
          ['EQF 1', (s) => ({ ...s, level: { framework: 'EQF', value: 1 } })],
          ['EQF 8', (s) => ({ ...s, level: { framework: 'EQF', value: 8 } })],
          ['NZQCF 7, comparable to EQF 6', (s) => ({ ...s, level: { framework: 'NZQCF', value: 7 } })],
        ],
        fail: [
          ['NZQCF 8, not comparable', (s) => ({ ...s, level: { framework: 'NZQCF', value: 8 } }), 'level.framework'],
          ['EQF 9', (s) => ({ ...s, level: { framework: 'EQF', value: 9 } }), 'level.value'],
        ],
      },
      'EU-ASSESSMENT': { pass: [], fail: [['no assessment type', spec({ assessment: { type: '', supervised: false, identityVerified: false } }), 'assessment.type']] },
      'EU-PARTICIPATION': { pass: [], fail: [['no participation', without('participation'), 'participation']] },
      'EU-QA': { pass: [], fail: [['no QA type', without('qualityAssurance'), 'qualityAssurance']] },
    },
  },
  NZ: {
    ok: { achievement: complete, level: { framework: 'NZQCF', value: 5 }, credits: { system: 'NZQCF-credit', value: 15 } },
    rules: {
      'NZ-TITLE': { pass: [], fail: [['no title', without('title'), 'title']] },
      'NZ-OUTCOMES': { pass: [], fail: [['no outcomes', spec({ learningOutcomes: [] }), 'learningOutcomes']] },
      'NZ-CREDITS': {
        pass: [
          ['5 credits', (s) => ({ ...s, credits: { system: 'NZQCF-credit', value: 5 } })],
          ['40 credits', (s) => ({ ...s, credits: { system: 'NZQCF-credit', value: 40 } })],
        ],
        fail: [
          ['4 credits', (s) => ({ ...s, credits: { system: 'NZQCF-credit', value: 4 } }), 'credits.value'],
          ['41 credits', (s) => ({ ...s, credits: { system: 'NZQCF-credit', value: 41 } }), 'credits.value'],
          ['ECTS', (s) => ({ ...s, credits: { system: 'ECTS', value: 6 } }), 'credits.system'],
          ['no credits', (s) => ({ ...s, credits: undefined }), 'credits'],
        ],
      },
      'NZ-LEVEL': {
        pass: [
          ['level 1', (s) => ({ ...s, level: { framework: 'NZQCF', value: 1 } })],
          ['level 10', (s) => ({ ...s, level: { framework: 'NZQCF', value: 10 } })],
        ],
        fail: [
          ['level 11', (s) => ({ ...s, level: { framework: 'NZQCF', value: 11 } }), 'level.value'],
          ['an EQF level', (s) => ({ ...s, level: { framework: 'EQF', value: 5 } }), 'level.framework'],
          ['no level', (s) => ({ ...s, level: undefined }), 'level'],
        ],
      },
    },
  },
  AU: {
    ok: { achievement: complete, credits: { system: 'hours', value: 150 } },
    rules: {
      'AU-OUTCOMES': { pass: [], fail: [['no outcomes', spec({ learningOutcomes: [] }), 'learningOutcomes']] },
      'AU-MIN-HOURS': {
        pass: [['1 hour', hours(1)]],
        fail: [['0.5 hour', hours(0.5), 'workload.hours']],
      },
      'AU-ASSESSMENT': {
        pass: [],
        fail: [['assessment "none"', spec({ assessment: { type: 'none', supervised: false, identityVerified: false } }), 'assessment.type']],
      },
      'AU-BREAKDOWN': {
        pass: [],
        fail: [
          ['no breakdown', hours(150, false), 'workload.breakdown'],
          ['a breakdown that does not add up', spec({ workload: { hours: 150, breakdown: { faceToFace: 10, synchronousOnline: 0, peer: 0, asynchronous: 0, assessment: 0 } } }), 'workload.breakdown'],
        ],
      },
      'AU-CREDITS': {
        pass: [['no credits', (s) => ({ ...s, credits: undefined })], ['1 hour', (s) => ({ ...s, credits: { system: 'hours', value: 1 } })]],
        fail: [
          ['0.5 hour', (s) => ({ ...s, credits: { system: 'hours', value: 0.5 } }), 'credits.value'],
          ['ECTS', (s) => ({ ...s, credits: { system: 'ECTS', value: 6 } }), 'credits.system'],
        ],
      },
    },
  },
  'CA-ON': {
    ok: { achievement: complete },
    rules: {
      'CA-ON-OUTCOMES': { pass: [], fail: [['no outcomes', spec({ learningOutcomes: [] }), 'learningOutcomes']] },
      'CA-ON-VOLUME': { pass: [['1 hour', hours(1)]], fail: [['0.5 hour', hours(0.5), 'workload.hours']] },
      'CA-ON-ASSESSMENT': { pass: [], fail: [['no assessment', spec({ assessment: { type: 'None', supervised: false, identityVerified: false } }), 'assessment.type']] },
      'CA-ON-QA': { pass: [], fail: [['no QA type', without('qualityAssurance'), 'qualityAssurance']] },
      'CA-ON-CREDITS': {
        pass: [['hours', (s) => ({ ...s, credits: { system: 'hours', value: 40 } })]],
        fail: [['ECTS', (s) => ({ ...s, credits: { system: 'ECTS', value: 2 } }), 'credits.system']],
      },
    },
  },
};

describe('shipped jurisdiction policies', () => {
  it('ship EU, NZ, AU and CA-ON, each valid, versioned and sourced', () => {
    expect(shippedJurisdictions().sort()).toEqual(['AU', 'CA-ON', 'EU', 'NZ']);
    for (const j of shippedJurisdictions()) {
      const policy = shippedPolicy(j)!;
      expect(policyProblems(policy)).toEqual([]);
      expect(policy.version).toBeTruthy();
      expect(policy.source).toBeTruthy();
    }
  });

  it('label the Canadian province and every fact taken from older rules as unconfirmed', () => {
    const caOn = shippedPolicy('CA-ON')!;
    expect(caOn.status).toBe('unconfirmed');
    expect(caOn.rules.every((r) => r.status === 'unconfirmed')).toBe(true);
    expect(shippedPolicy('NZ')!.rules.find((r) => r.id === 'NZ-CREDITS')?.status).toBe('unconfirmed');
  });

  it('have a passing and a failing spec for every rule', () => {
    for (const j of shippedJurisdictions()) {
      expect(Object.keys(cases[j].rules).sort()).toEqual(shippedPolicy(j)!.rules.map((r) => r.id).sort());
      for (const rule of Object.values(cases[j].rules)) expect(rule.fail.length).toBeGreaterThan(0);
    }
  });

  for (const [jurisdiction, { ok, rules }] of Object.entries(cases)) {
    describe(`when checked against ${jurisdiction}`, () => {
      const policy = () => shippedPolicy(jurisdiction) as JurisdictionPolicy;
      it('passes every rule for a complete specification', () => {
        expect(evaluatePolicy(policy(), ok)).toEqual({ passed: policy().rules.map((r) => r.id), failures: [] });
      });
      for (const [ruleId, { pass, fail }] of Object.entries(rules)) {
        for (const [name, mutate] of pass) {
          it(`${ruleId} passes: ${name}`, () => expect(evaluatePolicy(policy(), mutate(ok)).failures).toEqual([]));
        }
        for (const [name, mutate, field] of fail) {
          it(`${ruleId} fails: ${name}, naming ${field}`, () => {
            const { failures } = evaluatePolicy(policy(), mutate(ok));
            expect(failures).toEqual([expect.objectContaining({ ruleId, field, message: expect.any(String) })]);
          });
        }
      }
    });
  }

  it('lists every failed rule at once, not only the first', () => {
    const bare = { achievement: { ...complete, learningOutcomes: [], title: '' }, credits: { system: 'NZQCF-credit', value: 41 } };
    expect(evaluatePolicy(shippedPolicy('NZ')!, bare).failures.map((f) => f.ruleId)).toEqual(['NZ-TITLE', 'NZ-OUTCOMES', 'NZ-CREDITS', 'NZ-LEVEL']);
  });
});

describe('policy documents', () => {
  it('are refused with an unknown rule kind, credit system or framework', () => {
    const bad = {
      jurisdiction: 'XX', version: '1', title: 't', source: 's',
      rules: [{ id: 'A', kind: 'teleport' }, { id: 'B', kind: 'credits-range', system: 'doubloons' }, { id: 'C', kind: 'level-range', framework: 'XQF', min: 1, max: 2 }],
    } as unknown as JurisdictionPolicy;
    expect(policyProblems(bad)).toHaveLength(3);
  });
});
