import { v5 as uuidv5 } from 'uuid';
import { GeneratedIdentifier, identifierOf, JURISDICTIONS, JurisdictionProfile } from './jurisdictions';
import { SeededRandom } from './random';

const GENERATOR_NS = '7c1e4a92-3b5d-5f08-9c6e-2a4d8b1f0e73';

export interface DataSetOptions {
  /** Same seed, same data set, on any machine. */
  seed: string;
  /** Provider lifecycle events to generate (CredentialIssued and what follows), 1 to 1,000,000 and more. */
  events: number;
  /** Items per provider batch (the API takes up to 1,000). */
  batchSize?: number;
  /** Providers per jurisdiction; by default it grows with the size (2 for a demo, ~25 at 1,000,000). */
  providersPerJurisdiction?: number;
}

export interface GeneratedProvider {
  providerId: string;
  name: string;
  jurisdiction: string;
  kind: string;
  qaBodyId: string;
  accreditationId: string;
  /** An accreditation suspended for a while, so standing at issue differs across the period. */
  suspension?: { from: string; until: string };
}

export interface GeneratedAchievement {
  achievementId: string;
  providerId: string;
  /** The body of POST /v1/providers/{providerId}/achievements. */
  spec: Record<string, unknown>;
  /** The jurisdiction a QA body approves it in; absent: left unapproved. */
  approveIn?: string;
}

export interface GeneratedLearner {
  number: number;
  home: string;
  /** Every identifier the learner holds: their home scheme, an e-mail, and the scheme of each country they study in. */
  identifiers: GeneratedIdentifier[];
  name: string;
  birthDate: string;
}

/** One item of POST /v1/providers/{id}/events, as a provider system sends it. */
export interface GeneratedItem {
  sourceEventId: string;
  type: 'CredentialIssued' | 'CredentialAmended' | 'CredentialSuspended' | 'CredentialReinstated' | 'CredentialRevoked';
  occurredAt: string;
  data: Record<string, unknown>;
}

export interface GeneratedBatch {
  providerId: string;
  items: GeneratedItem[];
}

/** The reference side of a data set: who is who. The credential events come from `batches`. */
export interface DataSet {
  seed: string;
  events: number;
  batchSize: number;
  qaBodies: { qaBodyId: string; name: string; jurisdictions: string[]; frameworks: string[] }[];
  policies: string[];
  providers: GeneratedProvider[];
  achievements: GeneratedAchievement[];
  learners: number;
  /** The validity window of every accreditation (issue dates fall inside it). */
  accreditedFrom: string;
  accreditedUntil: string;
}

const FIRST = ['Aroha', 'Liam', 'Mere', 'Olivia', 'Tane', 'Charlotte', 'Wei', 'Aoife', 'Sean', 'Priya', 'Noah', 'Sophie', 'Jack', 'Amara', 'Daan', 'Emma', 'Finn', 'Isla', 'Hemi', 'Chloe', 'Ravi', 'Niamh', 'Lucas', 'Ana'];
const LAST = ['Ngata', 'Smith', 'Walker', 'Murphy', 'Kelly', 'de Vries', 'Jansen', 'Chen', 'Singh', 'Nguyen', 'Brown', 'Wilson', 'Tremblay', 'Roy', "O'Brien", 'Parata', 'Taylor', 'Bakker', 'Martin', 'Patel'];
const TOPICS = [
  ['Data literacy', '0613'], ['Cyber security fundamentals', '0612'], ['Project management', '0413'], ['Sustainable finance', '0412'],
  ['Te reo Māori for the workplace', '0231'], ['Applied machine learning', '0613'], ['Infection prevention and control', '0913'],
  ['Renewable energy systems', '0713'], ['Digital marketing', '0414'], ['Construction site safety', '0732'], ['Early childhood literacy', '0112'],
  ['Mine site operations', '0724'], ['UX research methods', '0211'], ['Supply chain analytics', '0416'], ['Clinical documentation', '0913'],
  ['Cloud infrastructure', '0612'], ['Circular economy design', '0521'], ['Leadership for team leads', '0413'],
] as const;
const ASSESSMENTS = [
  { type: 'portfolio', supervised: false, identityVerified: true },
  { type: 'proctored online examination', supervised: true, identityVerified: true },
  { type: 'practical demonstration', supervised: true, identityVerified: true },
  { type: 'written assignment', supervised: false, identityVerified: false },
  { type: 'project report', supervised: false, identityVerified: true },
];

const BIRTHS_FROM = Date.parse('1965-01-01T00:00:00Z');
const day = (iso: string, days: number) => `${new Date(Date.parse(iso) + days * 86_400_000).toISOString().slice(0, 19)}Z`;
const slug = (s: string) => s.normalize('NFD').replace(/[^\w\s-]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

/** Deterministic UUID for a generated thing, from the seed and its name. */
export const generatedId = (seed: string, name: string) => uuidv5(`${seed}\u0000${name}`, GENERATOR_NS);

/**
 * The providers, QA bodies, policies, accreditations and micro-credential specifications of a
 * data set of `events` lifecycle events: a handful of each for a demo, ~25 providers per
 * jurisdiction at 1,000,000. Deterministic for a seed.
 */
export function generateDataSet(options: DataSetOptions): DataSet {
  const { seed, events } = options;
  if (!(events >= 1)) throw new Error('events must be at least 1');
  const random = SeededRandom.for(seed, 'reference');
  const perJurisdiction = options.providersPerJurisdiction ?? Math.max(2, Math.min(40, Math.round(Math.sqrt(events) / 40)));
  const accreditedFrom = '2023-01-01T00:00:00Z';
  const accreditedUntil = '2030-01-01T00:00:00Z';
  const providers: GeneratedProvider[] = [];
  const achievements: GeneratedAchievement[] = [];
  for (const j of JURISDICTIONS) {
    for (let p = 0; p < perJurisdiction; p++) {
      const base = j.providerNames[p % j.providerNames.length];
      const name = p < j.providerNames.length ? base : `${base} campus ${Math.floor(p / j.providerNames.length) + 1}`;
      const providerId = `gen-${slug(j.code)}-${slug(name)}`.slice(0, 63).replace(/-$/, '');
      const provider: GeneratedProvider = {
        providerId, name, jurisdiction: j.code, kind: random.weighted([['university', 3], ['college', 3], ['industry-body', 1], ['employer', 1], ['platform', 1]] as const),
        qaBodyId: j.qaBody.qaBodyId, accreditationId: generatedId(seed, `accreditation/${providerId}`),
      };
      if (random.chance(0.15)) {
        const from = day('2024-03-01T00:00:00Z', random.int(0, 500));
        provider.suspension = { from, until: day(from, random.int(30, 120)) };
      }
      providers.push(provider);
      const count = random.int(3, 8);
      for (let a = 0; a < count; a++) achievements.push(achievementFor(seed, random, j, providerId, a));
    }
  }
  return {
    seed, events, batchSize: options.batchSize ?? 500,
    qaBodies: JURISDICTIONS.map((j) => ({ ...j.qaBody, jurisdictions: [j.code] })),
    policies: [...new Set(JURISDICTIONS.map((j) => j.policy))],
    providers, achievements,
    learners: Math.max(1, Math.ceil(events / 2.2)),
    accreditedFrom, accreditedUntil,
  };
}

function achievementFor(seed: string, random: SeededRandom, j: JurisdictionProfile, providerId: string, n: number): GeneratedAchievement {
  const [topic, field] = random.pick(TOPICS);
  const { level, workload } = j.workload(random);
  const stackable = random.chance(0.4);
  const spec: Record<string, unknown> = {
    achievementId: generatedId(seed, `achievement/${providerId}/${n}`),
    title: `${topic}${level ? ` (${level.framework} ${level.value})` : ''}`,
    learningOutcomes: [`Explain the core concepts of ${topic.toLowerCase()}`, `Apply ${topic.toLowerCase()} methods to a workplace case`, 'Evaluate the results and communicate them'],
    workload,
    ...(level ? { level } : {}),
    assessment: random.pick(ASSESSMENTS),
    participation: random.weighted([['online', 4], ['blended', 3], ['onsite', 3], ['work-experience', 1]] as const),
    language: j.language,
    fieldOfStudy: field,
    qualityAssurance: { type: random.weighted([['external', 4], ['accredited-provider', 2], ['internal', 1]] as const), description: `${j.qaBody.name} oversight` },
    ...(stackable ? { stackability: { stackable: true, description: `Counts toward the ${topic.toLowerCase()} certificate` } } : {}),
  };
  return { achievementId: spec.achievementId as string, providerId, spec, approveIn: random.chance(0.85) ? j.code : undefined };
}

/**
 * A learner by number, the same every time it is asked for (no state kept): home
 * jurisdiction, identifiers, name, birth date. Learners are drawn from a pool of
 * `set.learners`, so many hold several credentials, some from other countries.
 */
export function learnerOf(set: DataSet, number: number): GeneratedLearner {
  const random = SeededRandom.for(set.seed, `learner/${number}`);
  const home = random.weighted(JURISDICTIONS.map((j, i) => [j, [5, 5, 3, 2, 3][i] ?? 1] as const));
  const salt = saltOf(set.seed);
  const esiCountry = home.code === 'NL' ? 'nl' : 'ie';
  const identifiers = new Map<string, GeneratedIdentifier>();
  const add = (scheme: string) => identifiers.set(scheme, identifierOf(scheme, number, salt, home.emailDomain, esiCountry));
  add(home.scheme);
  add('EMAIL');
  // Some learners study abroad as well and hold that country's identifier too.
  for (const other of JURISDICTIONS) if (other !== home && random.chance(0.06)) add(other.scheme);
  return {
    number, home: home.code, identifiers: [...identifiers.values()],
    name: `${random.pick(FIRST)} ${random.pick(LAST)}`,
    birthDate: new Date(BIRTHS_FROM + random.int(0, 13_000) * 86_400_000).toISOString().slice(0, 10),
  };
}

const salts = new Map<string, number>();
/** Makes identifiers differ between seeds, so two data sets loaded into one ledger do not share learners. */
function saltOf(seed: string): number {
  let salt = salts.get(seed);
  if (salt === undefined) salts.set(seed, (salt = SeededRandom.for(seed, 'salt').int(1, 1_000_000)));
  return salt;
}

export { day as addDays };
