import { AchievementSpec, JurisdictionPolicy } from '@app/contracts';
import { evaluatePolicy, evaluateRuleSets, PolicySubject } from './policy-engine';
import { policyProblems, shippedJurisdictions, shippedPolicy } from './shipped-policies';

const complete: AchievementSpec & { providerId: string } = {
  providerId: 'uni-a',
  title: 'Data Literacy Foundations',
  learningOutcomes: ['Interpret descriptive statistics'],
  workload: { hours: 150, breakdown: { faceToFace: 20, synchronousOnline: 30, peer: 10, asynchronous: 80, assessment: 10 } },
  assessment: { type: 'portfolio', supervised: false, identityVerified: true },
  participation: 'online',
  language: 'en',
  qualityAssurance: { type: 'external', description: 'NZQA programme approval' },
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
const approvedAs = (system: string, value: number | undefined): Mutation => (s) => ({ ...s, credits: value === undefined ? undefined : { system, value } });
/** The workload in hours and the credits approved, together. */
const volume = (h: number, system: string, value: number | undefined): Mutation => (s) => approvedAs(system, value)(hours(h)(s));

/** Per jurisdiction: a subject that passes every rule, and for each rule the cases that pass and fail it. */
const cases: Record<string, { ok: PolicySubject; rules: Record<string, { pass: [string, Mutation][]; fail: [string, Mutation, string][] }> }> = {
  EU: {
    ok: { achievement: complete, level: { framework: 'EQF', value: 5 }, credits: { system: 'ECTS', value: 6 } },
    rules: {
      'EU-TITLE': { pass: [], fail: [['blank title', spec({ title: ' ' }), 'title']] },
      'EU-AWARDING-BODY': { pass: [], fail: [['no awarding body', without('providerId'), 'providerId']] },
      'EU-OUTCOMES': { pass: [], fail: [['no outcomes', spec({ learningOutcomes: [] }), 'learningOutcomes']] },
      'EU-WORKLOAD': {
        pass: [],
        fail: [
          ['no workload', (s) => approvedAs('ECTS', undefined)(without('workload')(s)), 'workload.hours'],
          ['a workload of 0 hours', volume(0, 'ECTS', undefined), 'workload.hours'],
        ],
      },
      'EU-CREDITS': {
        pass: [
          ['no credits (ECTS only where possible)', approvedAs('ECTS', undefined)],
          ['NZ credits with the workload in hours (ECTS-equivalent recorded)', approvedAs('NZQCF-credit', 15)],
        ],
        fail: [['a unit the ledger does not know', approvedAs('doubloons', 3), 'credits.system']],
      },
      'EU-CREDITS-HOURS': {
        pass: [
          ['5 ECTS for 125 h', volume(125, 'ECTS', 5)],
          ['5 ECTS for 150 h', volume(150, 'ECTS', 5)],
          ['15 NZ credits for 150 h', approvedAs('NZQCF-credit', 15)],
        ],
        fail: [
          ['5 ECTS for 124 h', volume(124, 'ECTS', 5), 'credits.value'],
          ['5 ECTS for 151 h', volume(151, 'ECTS', 5), 'credits.value'],
          ['5 ECTS for 10 h', volume(10, 'ECTS', 5), 'credits.value'],
          ['15 NZ credits for 20 h', volume(20, 'NZQCF-credit', 15), 'credits.value'],
          ["the specification's own 1 ECTS for 150 h", spec({ workload: { hours: 150, credits: { system: 'ECTS', value: 1 } } }), 'workload.credits.value'],
        ],
      },
      'EU-LEVEL': {
        pass: [
          ['no level (if applicable)', (s) => ({ ...s, level: undefined })],
          ['EQF 1', (s) => ({ ...s, level: { framework: 'EQF', value: 1 } })],
          ['EQF 8', (s) => ({ ...s, level: { framework: 'EQF', value: 8 } })],
          ['NZQCF 7, comparable to EQF 6', (s) => ({ ...s, level: { framework: 'NZQCF', value: 7 } })],
          ['NZQCF 8, recorded as not comparable', (s) => ({ ...s, level: { framework: 'NZQCF', value: 8 } })],
          ['AQF 8, recorded as not comparable (EQF 6 or 7)', (s) => ({ ...s, level: { framework: 'AQF', value: 8 } })],
        ],
        fail: [
          ['EQF 9', (s) => ({ ...s, level: { framework: 'EQF', value: 9 } }), 'level.value'],
          ['NZQCF 11, outside its framework', (s) => ({ ...s, level: { framework: 'NZQCF', value: 11 } }), 'level.framework'],
          ['a framework the ledger does not know', (s) => ({ ...s, level: { framework: 'XQF', value: 1 } }), 'level.framework'],
        ],
      },
      'EU-ASSESSMENT': {
        pass: [],
        fail: [
          ['no assessment type', spec({ assessment: { type: '', supervised: false, identityVerified: false } }), 'assessment.type'],
          ['assessment "none"', spec({ assessment: { type: 'none', supervised: false, identityVerified: false } }), 'assessment.type'],
        ],
      },
      'EU-PARTICIPATION': { pass: [], fail: [['no participation', without('participation'), 'participation']] },
      'EU-QA': {
        pass: [['other, with a description', spec({ qualityAssurance: { type: 'other', description: 'industry panel review' } })]],
        fail: [['no QA type', without('qualityAssurance'), 'qualityAssurance.type']],
      },
    },
  },
  NZ: {
    ok: { achievement: complete, level: { framework: 'NZQCF', value: 5 }, credits: { system: 'NZQCF-credit', value: 15 } },
    rules: {
      'NZ-TITLE': { pass: [], fail: [['no title', without('title'), 'title']] },
      'NZ-OUTCOMES': { pass: [], fail: [['no outcomes', spec({ learningOutcomes: [] }), 'learningOutcomes']] },
      'NZ-CREDITS': {
        pass: [
          ['5 credits (50 h)', volume(50, 'NZQCF-credit', 5)],
          ['40 credits (400 h)', volume(400, 'NZQCF-credit', 40)],
        ],
        fail: [
          ['4 credits (40 h)', volume(40, 'NZQCF-credit', 4), 'credits.value'],
          ['41 credits (410 h)', volume(410, 'NZQCF-credit', 41), 'credits.value'],
          ['ECTS', approvedAs('ECTS', 6), 'credits.system'],
          ['no credits', approvedAs('ECTS', undefined), 'credits'],
        ],
      },
      // 1 NZ credit = 10 h, tolerance 10% (reference/credits.json): 15 credits stand for 135-165 h.
      'NZ-CREDITS-HOURS': {
        pass: [
          ['15 credits for 135 h', volume(135, 'NZQCF-credit', 15)],
          ['15 credits for 149 h', volume(149, 'NZQCF-credit', 15)],
          ['15 credits for 150 h', volume(150, 'NZQCF-credit', 15)],
          ['15 credits for 151 h', volume(151, 'NZQCF-credit', 15)],
          ['15 credits for 165 h', volume(165, 'NZQCF-credit', 15)],
        ],
        fail: [
          ['15 credits for 134 h', volume(134, 'NZQCF-credit', 15), 'credits.value'],
          ['15 credits for 166 h', volume(166, 'NZQCF-credit', 15), 'credits.value'],
          ['15 credits for 20 h', volume(20, 'NZQCF-credit', 15), 'credits.value'],
          ['5 credits for 0 h', volume(0, 'NZQCF-credit', 5), 'credits.value'],
          [
            'a 3-credit, 30-hour specification approved as 10 credits',
            (s) => approvedAs('NZQCF-credit', 10)(spec({ workload: { hours: 30, credits: { system: 'NZQCF-credit', value: 3 } } })(s)),
            'credits.value',
          ],
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
        pass: [['1 hour', volume(1, 'hours', 1)]],
        fail: [['0.5 hour', volume(0.5, 'hours', undefined), 'workload.hours'], ['0 hours', volume(0, 'hours', undefined), 'workload.hours']],
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
        pass: [['no credits', approvedAs('hours', undefined)], ['150 hours', approvedAs('hours', 150)]],
        fail: [['ECTS', approvedAs('ECTS', 6), 'credits.system']],
      },
      'AU-CREDITS-HOURS': {
        pass: [['no credits', approvedAs('hours', undefined)]],
        fail: [['149 hours approved for a 150-hour workload', approvedAs('hours', 149), 'credits.value']],
      },
    },
  },
  'CA-ON': {
    ok: { achievement: complete },
    rules: {
      'CA-ON-OUTCOMES': { pass: [], fail: [['no outcomes', spec({ learningOutcomes: [] }), 'learningOutcomes']] },
      'CA-ON-VOLUME': { pass: [['1 hour', hours(1)]], fail: [['0.5 hour', hours(0.5), 'workload.hours']] },
      'CA-ON-ASSESSMENT': { pass: [], fail: [['no assessment', spec({ assessment: { type: 'None', supervised: false, identityVerified: false } }), 'assessment.type']] },
      'CA-ON-QA': { pass: [], fail: [['no QA type', without('qualityAssurance'), 'qualityAssurance.type']] },
      'CA-ON-CREDITS': {
        pass: [['hours', approvedAs('hours', 150)]],
        fail: [['ECTS', approvedAs('ECTS', 6), 'credits.system']],
      },
      'CA-ON-CREDITS-HOURS': { pass: [], fail: [['40 hours approved for a 150-hour workload', approvedAs('hours', 40), 'credits.value']] },
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

  it('keep what they do not model in data, with the reason', () => {
    const au = shippedPolicy('AU')!.notModelled ?? [];
    expect(au).toEqual(expect.arrayContaining([expect.stringMatching(/^less than an AQF award: /), expect.stringMatching(/^mode of peer-to-peer engagement: /)]));
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
    expect(evaluatePolicy(shippedPolicy('NZ')!, bare).failures.map((f) => f.ruleId)).toEqual(['NZ-TITLE', 'NZ-OUTCOMES', 'NZ-CREDITS', 'NZ-CREDITS-HOURS', 'NZ-LEVEL']);
  });

  it('declines 0 hours for 0 ECTS: a workload of 0 is not a workload', () => {
    const { failures } = evaluatePolicy(shippedPolicy('EU')!, volume(0, 'ECTS', 0)(cases.EU.ok));
    expect(failures.map((f) => f.ruleId)).toEqual(['EU-WORKLOAD', 'EU-CREDITS-HOURS']);
  });

  it("lists both the approval's and the specification's credits when neither agrees with the hours", () => {
    const subject = approvedAs('NZQCF-credit', 10)(spec({ workload: { hours: 30, credits: { system: 'NZQCF-credit', value: 5 } } })(cases.NZ.ok));
    expect(evaluatePolicy(shippedPolicy('NZ')!, subject).failures.map((f) => f.field)).toEqual(['credits.value', 'workload.credits.value']);
  });

  it('keeps the meaning of an earlier document: without acceptNotComparable, NZQCF 8 is declined', () => {
    const earlier = { ...shippedPolicy('EU')!, rules: [{ id: 'EU-LEVEL', kind: 'level-range', framework: 'EQF', min: 1, max: 8, optional: true, acceptComparable: true }] } as JurisdictionPolicy;
    expect(evaluatePolicy(earlier, { ...cases.EU.ok, level: { framework: 'NZQCF', value: 8 } }).failures).toEqual([expect.objectContaining({ field: 'level.framework' })]);
  });
});

describe('the Universities Australia recognition minimums', () => {
  it('are included by every shipped policy, carried whole in the document', () => {
    for (const j of shippedJurisdictions()) {
      expect(shippedPolicy(j)!.includes).toEqual(['ua-recognition-minimums']);
      expect(shippedPolicy(j)!.ruleSets).toEqual([expect.objectContaining({ id: 'ua-recognition-minimums', version: '2021.1', source: expect.stringContaining('Universities Australia') })]);
    }
  });

  it('are met by a complete specification', () => {
    expect(evaluateRuleSets(shippedPolicy('EU')!, cases.EU.ok)).toEqual([
      { id: 'ua-recognition-minimums', version: '2021.1', met: true, passed: ['UA-OUTCOMES', 'UA-UNIT-OF-EXCHANGE', 'UA-UNIT-AGREES', 'UA-QA-METADATA'], failures: [] },
    ]);
  });

  it.each([
    ['no learning outcomes', spec({ learningOutcomes: [] }), 'UA-OUTCOMES'],
    ['a workload of 0 hours', volume(0, 'ECTS', undefined), 'UA-UNIT-OF-EXCHANGE'],
    ['credits that do not stand for the hours', approvedAs('ECTS', 1), 'UA-UNIT-AGREES'],
    ['no type of quality assurance', without('qualityAssurance'), 'UA-QA-METADATA'],
  ])('are not met with %s, naming the rule', (_name, mutate, ruleId) => {
    const [outcome] = evaluateRuleSets(shippedPolicy('NZ')!, mutate(cases.EU.ok));
    expect(outcome).toMatchObject({ met: false, failures: [expect.objectContaining({ ruleId })] });
  });

  it('are not reported under a policy that does not include them', () => {
    expect(evaluateRuleSets({ ...shippedPolicy('NZ')!, includes: undefined, ruleSets: undefined }, cases.NZ.ok)).toEqual([]);
  });

  it('refuse a document whose included set is not carried', () => {
    expect(policyProblems({ ...shippedPolicy('NZ')!, ruleSets: [] })).toEqual(['included rule set ua-recognition-minimums is missing or incomplete']);
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
