import { EventTypes, FeedEventKind, internalEventId, RecordedEvent } from '@app/contracts';
import { Normalised } from '../normalisation/normalise';
import { CLOUD_EVENT_SOURCE } from '../relay/ledger-cloud-event';
import { StandingAtIssue } from '../standing/standing-at-issue';

/** The feed kind each ledger event type becomes; types absent here never reach a feed. */
export const FEED_KIND_OF: Partial<Record<string, FeedEventKind>> = {
  [EventTypes.LearnerCredentialLinked]: 'credential.issued',
  [EventTypes.CredentialAmended]: 'credential.amended',
  [EventTypes.CredentialSuspended]: 'credential.suspended',
  [EventTypes.CredentialReinstated]: 'credential.reinstated',
  [EventTypes.CredentialRevoked]: 'credential.revoked',
  [EventTypes.CredentialExpired]: 'credential.expired',
  [EventTypes.AchievementDefined]: 'achievement.defined',
  [EventTypes.AchievementRevised]: 'achievement.revised',
  [EventTypes.AchievementRetired]: 'achievement.retired',
};

/**
 * What a partner learns of a credential: which one, its status, its achievement, its standing
 * and normalised figures. Never a name, birth date, identifier digest or grade; the learner
 * only as the ledger's pseudonymous id, and not even that once the learner is erased.
 */
export interface CredentialFeedData {
  credentialId: string;
  providerId: string;
  achievementId: string;
  achievementTitle?: string;
  status: 'issued' | 'suspended' | 'revoked' | 'expired';
  issuedAt: string;
  validUntil?: string;
  jurisdiction: string;
  learnerId?: string;
  normalised?: Normalised;
  /** The standing records had judged when the event was routed, when it had judged one. */
  standing?: StandingAtIssue;
}

export interface AchievementFeedData {
  achievementId: string;
  providerId: string;
  title?: string;
  jurisdiction: string;
  retired?: boolean;
  normalised?: Normalised;
}

export type FeedData = CredentialFeedData | AchievementFeedData;

/** A structured-mode CloudEvent 1.0 (JSON) as the feed stores and serves it. */
export interface FeedCloudEvent {
  specversion: '1.0';
  id: string;
  source: string;
  type: string;
  subject: string;
  time: string;
  datacontenttype: 'application/json';
  /** CloudEvents sequence extension: the place in this partner's feed, as a decimal string. */
  sequence: string;
  /** Log position of the ledger event it came from (extension attribute). */
  ledgerposition: string;
  data: FeedData;
}

/** The same ledger event for the same partner always has the same id: the partner dedupes on it. */
export const feedEventId = (ledgerEventId: string, partnerId: string) => internalEventId('feed', `${partnerId}\u0000${ledgerEventId}`);

export function feedCloudEvent(partnerId: string, sequence: number, kind: FeedEventKind, event: RecordedEvent, data: FeedData): FeedCloudEvent {
  const subject = 'credentialId' in data ? `credential/${data.credentialId}` : `achievement/${data.achievementId}`;
  return {
    specversion: '1.0',
    id: feedEventId(event.metadata.eventId, partnerId),
    source: `${CLOUD_EVENT_SOURCE.replace(/\/streams$/, '')}/feeds/${partnerId}`,
    type: `credential-ledger.feed.${kind}.v1`,
    subject,
    time: event.metadata.recordedAt,
    datacontenttype: 'application/json',
    sequence: String(sequence),
    ledgerposition: String(event.position),
    data,
  };
}

/** The Kafka key of an entry: the learner where there is one (per-learner order), else the subject. */
export function feedKey(event: FeedCloudEvent): string {
  const data = event.data as Partial<CredentialFeedData>;
  return data.learnerId ?? event.subject;
}

/** The entry with the learner removed: what erasure leaves of it. */
export function withoutLearner(event: FeedCloudEvent): FeedCloudEvent {
  const { learnerId: _gone, ...data } = event.data as CredentialFeedData;
  return { ...event, data };
}
