import { AchievementDefined, AchievementRetired, AchievementRevised, upcastAchievementData } from './achievement.events';
import { ApiKeyIssued, ApiKeyRevoked, ApiKeyRotated } from './auth.events';
import {
  BulkActionRequested, CredentialAmended, CredentialExpired, CredentialIssued, CredentialReinstated, CredentialRevoked,
  CredentialSuspended,
} from './credential.events';
import { EventType, EventTypes } from './event-types';
import { ProviderRegistered, ProviderSigningKeyAdded, ProviderSigningKeyRevoked, ProviderSigningPolicySet } from './provider.events';
import {
  AccreditationReinstated, AccreditationSuspended, AccreditationWithdrawn, AchievementApprovalDeclined, AchievementApprovalWithdrawn,
  AchievementApproved, JurisdictionPolicyPublished, ProviderAccredited, QualityAssuranceBodyRegistered,
} from './qa.events';
import { DiscrepancyRaised, DiscrepancyResolved } from './discrepancy.events';
import {
  LearnerCredentialLinked, LearnerIdentifierLinked, LearnerIdentityConflict, LearnerRecordOpened, LearnerRecordsMerged, LearnerRecordsSplit,
} from './learner.events';
import { StackDefined } from './stack.events';
import { PartnerRegistered } from './partner.events';
import { ConsentGranted, ConsentWithdrawn, LearnerErased } from './learner-consent.events';
import { LearnerRecordAccessed } from './access-audit.events';
import { LedgerCheckpointSigned } from './ledger-log.events';

/** Any event as the storage port sees it: a name and a JSON body. */
export interface AnyEvent {
  type: string;
  data: unknown;
}

/** The body of every event type the ledger writes, by type name. */
export interface EventDataMap {
  ProviderRegistered: ProviderRegistered;
  ProviderSigningKeyAdded: ProviderSigningKeyAdded;
  ProviderSigningKeyRevoked: ProviderSigningKeyRevoked;
  ProviderSigningPolicySet: ProviderSigningPolicySet;
  AchievementDefined: AchievementDefined;
  AchievementRevised: AchievementRevised;
  AchievementRetired: AchievementRetired;
  CredentialIssued: CredentialIssued;
  CredentialAmended: CredentialAmended;
  CredentialSuspended: CredentialSuspended;
  CredentialReinstated: CredentialReinstated;
  CredentialRevoked: CredentialRevoked;
  CredentialExpired: CredentialExpired;
  BulkActionRequested: BulkActionRequested;
  ApiKeyIssued: ApiKeyIssued;
  ApiKeyRevoked: ApiKeyRevoked;
  ApiKeyRotated: ApiKeyRotated;
  QualityAssuranceBodyRegistered: QualityAssuranceBodyRegistered;
  JurisdictionPolicyPublished: JurisdictionPolicyPublished;
  ProviderAccredited: ProviderAccredited;
  AccreditationSuspended: AccreditationSuspended;
  AccreditationReinstated: AccreditationReinstated;
  AccreditationWithdrawn: AccreditationWithdrawn;
  AchievementApproved: AchievementApproved;
  AchievementApprovalDeclined: AchievementApprovalDeclined;
  AchievementApprovalWithdrawn: AchievementApprovalWithdrawn;
  DiscrepancyRaised: DiscrepancyRaised;
  DiscrepancyResolved: DiscrepancyResolved;
  LearnerRecordOpened: LearnerRecordOpened;
  LearnerIdentifierLinked: LearnerIdentifierLinked;
  LearnerCredentialLinked: LearnerCredentialLinked;
  LearnerRecordsMerged: LearnerRecordsMerged;
  LearnerRecordsSplit: LearnerRecordsSplit;
  LearnerIdentityConflict: LearnerIdentityConflict;
  StackDefined: StackDefined;
  PartnerRegistered: PartnerRegistered;
  ConsentGranted: ConsentGranted;
  ConsentWithdrawn: ConsentWithdrawn;
  LearnerErased: LearnerErased;
  LearnerRecordAccessed: LearnerRecordAccessed;
  LedgerCheckpointSigned: LedgerCheckpointSigned;
}

/** True only when EventTypes and EventDataMap name the same events: a new name must get its body here. */
type NamesMatch = [EventType] extends [keyof EventDataMap] ? ([keyof EventDataMap] extends [EventType] ? true : false) : false;
export const EVENT_NAMES_MATCH: NamesMatch = true;

/**
 * The events named by K as a discriminated union: `switch (event.type)` narrows `data`
 * to that event's body, so folds and projections need no casts.
 */
export type EventOf<K extends EventType> = { [P in K]: { type: P; data: EventDataMap[P] } }[K];

/** Every event the ledger writes. */
export type LedgerEvent = EventOf<EventType>;

// One union per stream kind: what a decider returns and what its stream holds.
export type ProviderEvent = EventOf<'ProviderRegistered' | 'ProviderSigningKeyAdded' | 'ProviderSigningKeyRevoked' | 'ProviderSigningPolicySet'>;
export type AchievementEvent = EventOf<'AchievementDefined' | 'AchievementRevised' | 'AchievementRetired'>;
export type CredentialEvent = EventOf<
  'CredentialIssued' | 'CredentialAmended' | 'CredentialSuspended' | 'CredentialReinstated' | 'CredentialRevoked' | 'CredentialExpired'
>;
export type BulkActionEvent = EventOf<'BulkActionRequested'>;
export type ApiKeyEvent = EventOf<'ApiKeyIssued' | 'ApiKeyRevoked' | 'ApiKeyRotated'>;
export type QaBodyEvent = EventOf<'QualityAssuranceBodyRegistered'>;
export type PolicyEvent = EventOf<'JurisdictionPolicyPublished'>;
export type AccreditationEvent = EventOf<'ProviderAccredited' | 'AccreditationSuspended' | 'AccreditationReinstated' | 'AccreditationWithdrawn'>;
export type ApprovalEvent = EventOf<'AchievementApproved' | 'AchievementApprovalDeclined' | 'AchievementApprovalWithdrawn'>;
export type DiscrepancyEvent = EventOf<'DiscrepancyRaised' | 'DiscrepancyResolved'>;
/** Everything quality assurance writes. */
export type QaEvent = QaBodyEvent | PolicyEvent | AccreditationEvent | ApprovalEvent;
/** Everything the providers context writes. */
export type ProvidersContextEvent = ProviderEvent | AchievementEvent | CredentialEvent | BulkActionEvent;

/** What the records context writes about learners. */
export type LearnerEvent = EventOf<
  'LearnerRecordOpened' | 'LearnerIdentifierLinked' | 'LearnerCredentialLinked' | 'LearnerRecordsMerged' | 'LearnerRecordsSplit' | 'LearnerIdentityConflict'
>;

/** A stack's definition (stream `stack-{id}`). */
export type StackEvent = EventOf<'StackDefined'>;
/** An integration partner's registration (stream `partner-{id}`). */
export type PartnerEvent = EventOf<'PartnerRegistered'>;
/** A learner's consents to partners (stream `consent-{learnerId}`). */
export type ConsentEvent = EventOf<'ConsentGranted' | 'ConsentWithdrawn'>;
/** Reads of a learner's data by others (stream `access-{learnerId}`). */
export type AccessEvent = EventOf<'LearnerRecordAccessed'>;
/** The verifiable log's signed checkpoints (stream `ledger-checkpoints`). */
export type LedgerLogEvent = EventOf<'LedgerCheckpointSigned'>;

/** A credential's lifecycle events after issuance. */
export type CredentialChangeEvent = Exclude<CredentialEvent, EventOf<'CredentialIssued'>>;

const NAMES: ReadonlySet<string> = new Set<string>(Object.values(EventTypes));

export function isLedgerEventType(type: string): type is EventType {
  return NAMES.has(type);
}

/** Narrows an event to the types in `types` (a type guard for filters over the log). */
export function isEventOf<K extends EventType>(event: AnyEvent, ...types: K[]): event is EventOf<K> {
  return (types as string[]).includes(event.type);
}


/**
 * An event read back from storage, as the union. The store holds only what was appended
 * through the typed port, so the name fixes the body's shape once older shapes are lifted
 * (the upcasters; stored events are never rewritten); a name this build does not know
 * (written by a newer version) still passes, and every fold and projection ignores it in
 * its default branch.
 */
export function fromStorage(type: string, data: unknown): LedgerEvent {
  return { type, data: upcastAchievementData(type, data) } as LedgerEvent;
}
