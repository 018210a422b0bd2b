import { AppProcess } from './app-process';
import { eventually } from './events';

export const sampleAchievement = {
  title: 'Data Literacy Foundations',
  learningOutcomes: ['Interpret descriptive statistics', 'Critique a data visualisation'],
  workload: { hours: 150, credits: { system: 'NZQCF-credit', value: 15 } },
  level: { framework: 'NZQCF', value: 5 },
  assessment: { type: 'portfolio', supervised: false, identityVerified: true },
  participation: 'online',
  language: 'en',
};

/** Registers a provider, gives it a key and an achievement, through the public API. */
export async function setUpProvider(app: AppProcess, providerId: string): Promise<{ key: string; achievementId: string }> {
  const admin = app.adminKey();
  const reg = await app.api('POST', '/v1/providers', { key: admin, body: { providerId, name: `Provider ${providerId}`, jurisdiction: 'NZ', kind: 'university' } });
  if (reg.status !== 201) throw new Error(`register provider: ${reg.status} ${JSON.stringify(reg.body)}`);
  const key = await app.api('POST', '/v1/api-keys', { key: admin, body: { role: 'provider', scope: { providerId } } });
  if (key.status !== 201) throw new Error(`issue key: ${key.status} ${JSON.stringify(key.body)}`);
  const ach = await app.api('POST', `/v1/providers/${providerId}/achievements`, { key: key.body.apiKey, body: sampleAchievement });
  if (ach.status !== 201) throw new Error(`define achievement: ${ach.status} ${JSON.stringify(ach.body)}`);
  return { key: key.body.apiKey, achievementId: ach.body.achievementId };
}

/**
 * A CredentialIssued item. A 9-digit identifier is sent as an NZ-NSN; any other string (tests
 * use marked secrets such as `NSN-77-SECRET`) as the local part of an EMAIL, since each scheme
 * now refuses values outside its format.
 */
export function issueItem(sourceEventId: string, credentialRef: string, achievementId: string, identifier = '123456789') {
  const holderId = /^[0-9]{9}$/.test(identifier) ? { scheme: 'NZ-NSN', value: identifier } : { scheme: 'EMAIL', value: `${identifier}@example.nz` };
  return {
    sourceEventId,
    type: 'CredentialIssued',
    occurredAt: '2026-03-01T09:00:00Z',
    data: { credentialRef, achievementId, holder: { identifiers: [holderId] }, issuedAt: '2026-03-01T00:00:00Z' },
  };
}

/** Identity resolution links a credential of an already known holder to that learner: one LearnerCredentialLinked. */
export const LEARNER_LINKED_EVENTS = 1;

/**
 * The log head once the ledger is still: records links each new credential to its learner
 * (identity resolution) by writing events of its own, after the request has answered.
 */
export async function settledHead(app: AppProcess, adminKey: string): Promise<number> {
  // Caught up, and still for longer than the access audit's flush interval (100 ms): reads of
  // learner data are recorded a moment after they answer, and their events move the head too.
  let last = -1;
  let head = -1;
  await eventually(async () => {
    const status = (await app.api('GET', '/v1/projections', { key: adminKey })).body;
    const still = status.lag === 0 && status.head === last;
    last = status.lag === 0 ? status.head : -1;
    head = status.head;
    if (!still) await new Promise((r) => setTimeout(r, 250));
    return still;
  }, 15_000, 'projections caught up and the log still');
  return head as number;
}
