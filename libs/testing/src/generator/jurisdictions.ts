import { luhnModN } from '@app/contracts';
import { SeededRandom } from './random';

/** A learner identifier as a provider sends it. */
export interface GeneratedIdentifier {
  scheme: string;
  value: string;
}

/**
 * What the generator knows of each jurisdiction: its QA body, the policy it publishes under,
 * the level framework and credit unit its micro-credentials use (the reference data:
 * NZ 5-40 credits of 10 h at an NZQCF level; AU hours by mode at an AQF level; IE and NL
 * ECTS of 25-30 h at an EQF level; CA-ON hours without a level), and the identifier scheme
 * its providers know learners by.
 */
export interface JurisdictionProfile {
  code: string;
  policy: string;
  qaBody: { qaBodyId: string; name: string; frameworks: string[] };
  scheme: string;
  emailDomain: string;
  language: string;
  providerNames: readonly string[];
  /** A specification's level and workload, drawn for this jurisdiction. */
  workload(random: SeededRandom): { level?: { framework: string; value: number }; workload: Record<string, unknown> };
  accreditationScope: { framework: string; minLevel: number; maxLevel: number };
}

const breakdown = (random: SeededRandom, hours: number) => {
  const assessment = Math.max(1, Math.round(hours * 0.1));
  const faceToFace = Math.round(hours * random.int(0, 40) / 100);
  const synchronousOnline = Math.round((hours - faceToFace - assessment) * random.int(0, 40) / 100);
  const peer = Math.round((hours - faceToFace - assessment - synchronousOnline) * random.int(0, 30) / 100);
  return { faceToFace, synchronousOnline, peer, asynchronous: hours - faceToFace - assessment - synchronousOnline - peer, assessment };
};

export const JURISDICTIONS: readonly JurisdictionProfile[] = [
  {
    code: 'NZ', policy: 'NZ', scheme: 'NZ-NSN', emailDomain: 'learners.example.nz', language: 'en',
    qaBody: { qaBodyId: 'gen-nzqa', name: 'New Zealand Qualifications Authority (generated)', frameworks: ['NZQCF'] },
    providerNames: ['Aoraki University', 'Taranaki Polytechnic', 'Waitaha Institute of Technology', 'Kāpiti Digital Academy', 'Ōtautahi Trades Training', 'Rangitoto College of Nursing'],
    accreditationScope: { framework: 'NZQCF', minLevel: 3, maxLevel: 8 },
    workload: (r) => {
      const credits = r.pick([5, 10, 15, 20, 30, 40]);
      return { level: { framework: 'NZQCF', value: r.int(3, 7) }, workload: { hours: credits * 10, credits: { system: 'NZQCF-credit', value: credits } } };
    },
  },
  {
    code: 'AU', policy: 'AU', scheme: 'AU-USI', emailDomain: 'learners.example.au', language: 'en',
    qaBody: { qaBodyId: 'gen-teqsa', name: 'Tertiary Education Quality and Standards Agency (generated)', frameworks: ['AQF'] },
    providerNames: ['Murray River University', 'Coral Coast TAFE', 'Pilbara Mining Skills', 'Southbank Institute of Design', 'Great Dividing Range College', 'Harbourside Health Academy'],
    accreditationScope: { framework: 'AQF', minLevel: 5, maxLevel: 9 },
    workload: (r) => {
      const hours = r.pick([20, 40, 60, 80, 120, 150]);
      return { level: { framework: 'AQF', value: r.pick([5, 6, 7, 7, 8]) }, workload: { hours, breakdown: breakdown(r, hours), credits: { system: 'hours', value: hours } } };
    },
  },
  {
    code: 'IE', policy: 'EU', scheme: 'EU-ESI', emailDomain: 'learners.example.ie', language: 'en',
    qaBody: { qaBodyId: 'gen-qqi', name: 'Quality and Qualifications Ireland (generated)', frameworks: ['EQF'] },
    providerNames: ['Shannon Technological University', 'Liffey College Dublin', 'Connemara Institute', 'Munster School of Business'],
    accreditationScope: { framework: 'EQF', minLevel: 4, maxLevel: 7 },
    workload: (r) => {
      const ects = r.pick([1, 2, 3, 5, 5, 10]);
      return { level: { framework: 'EQF', value: r.int(5, 7) }, workload: { hours: ects * r.pick([25, 27, 30]), credits: { system: 'ECTS', value: ects } } };
    },
  },
  {
    code: 'NL', policy: 'EU', scheme: 'EU-ESI', emailDomain: 'learners.example.nl', language: 'nl',
    qaBody: { qaBodyId: 'gen-nvao', name: 'Accreditation Organisation of the Netherlands and Flanders (generated)', frameworks: ['EQF'] },
    providerNames: ['Hogeschool Zuiderzee', 'Universiteit van de Delta', 'Polder Applied Sciences'],
    accreditationScope: { framework: 'EQF', minLevel: 5, maxLevel: 8 },
    workload: (r) => {
      const ects = r.pick([2, 3, 4, 5, 6]);
      return { level: { framework: 'EQF', value: r.int(5, 7) }, workload: { hours: ects * 28, credits: { system: 'ECTS', value: ects } } };
    },
  },
  {
    code: 'CA-ON', policy: 'CA-ON', scheme: 'EMAIL', emailDomain: 'learners.example.ca', language: 'en',
    qaBody: { qaBodyId: 'gen-peqab', name: 'Ontario quality assessment board (generated)', frameworks: ['EQF'] },
    providerNames: ['Lakeshore College', 'Ottawa Valley Polytechnic', 'Niagara Skills Institute', 'Georgian Bay University'],
    accreditationScope: { framework: 'EQF', minLevel: 1, maxLevel: 8 },
    workload: (r) => {
      const hours = r.pick([12, 24, 36, 40, 60]);
      return { workload: { hours, credits: { system: 'hours', value: hours } } };
    },
  },
];

const USI_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

/**
 * A learner's identifier in a scheme, unique per learner number: an NZ-NSN of nine digits,
 * an AU-USI with its Luhn mod N check character, an EU-ESI of the learner's country, an e-mail.
 */
export function identifierOf(scheme: string, learner: number, salt: number, emailDomain: string, esiCountry = 'ie'): GeneratedIdentifier {
  switch (scheme) {
    case 'NZ-NSN':
      // 7919 is prime and shares no factor with 9e8: learner numbers map to distinct NSNs.
      return { scheme, value: String(100_000_000 + ((learner * 7919 + salt) % 900_000_000)) };
    case 'AU-USI': {
      let n = learner * 7 + salt;
      let body = '';
      for (let i = 0; i < 9; i++) {
        body = USI_ALPHABET[n % 32] + body;
        n = Math.floor(n / 32);
      }
      const check = [...USI_ALPHABET].find((c) => luhnModN(body + c, USI_ALPHABET))!;
      return { scheme, value: body + check };
    }
    case 'EU-ESI':
      return { scheme, value: `urn:schac:personalUniqueCode:int:esi:${esiCountry}:gen${salt.toString(36)}-${learner}` };
    default:
      return { scheme: 'EMAIL', value: `learner.${learner}.${salt.toString(36)}@${emailDomain}` };
  }
}
