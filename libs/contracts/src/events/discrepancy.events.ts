import { IsIn, IsObject, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { JURISDICTION_PATTERN } from './common';

/** The kinds of discrepancy the records context raises (DESIGN §3). */
export const DISCREPANCY_KINDS = [
  'unaccredited-provider', 'unapproved-achievement', 'level-outside-accreditation-scope', 'policy-violation',
  'duplicate-credential', 'possible-same-learner', 'unknown-signing-key',
] as const;
export type DiscrepancyKind = (typeof DISCREPANCY_KINDS)[number];

/** What a person may record (POST /v1/discrepancies/{id}/resolution). */
export const PERSON_DISCREPANCY_RESOLUTIONS = ['dismissed', 'confirmed', 'merged'] as const;
/**
 * Every resolution an event may carry: a person's, or `superseded`, written only by the ledger
 * when a later event (a late-reported QA decision) makes the discrepancy's reason no longer hold.
 */
export const DISCREPANCY_RESOLUTIONS = [...PERSON_DISCREPANCY_RESOLUTIONS, 'superseded'] as const;
export type DiscrepancyResolution = (typeof DISCREPANCY_RESOLUTIONS)[number];

/** What a discrepancy is about, by reference only: never a learner's personal data. */
export interface DiscrepancySubject {
  credentialId?: string;
  providerId?: string;
  achievementId?: string;
  learnerIds?: string[];
  /** Every credential the discrepancy names, when it names more than one (duplicate-credential). */
  credentialIds?: string[];
}

/** Raised on stream `discrepancy-{discrepancyId}`, once. */
export class DiscrepancyRaised {
  @IsUUID() discrepancyId!: string;
  @IsIn(DISCREPANCY_KINDS) kind!: DiscrepancyKind;
  @IsObject() subject!: DiscrepancySubject;
  /** Why, in words a regulator reads (the standing's reasons). */
  @IsString({ each: true }) details!: string[];
  @Matches(JURISDICTION_PATTERN) jurisdiction!: string;
}

export class DiscrepancyResolved {
  @IsUUID() discrepancyId!: string;
  @IsIn(DISCREPANCY_RESOLUTIONS) resolution!: DiscrepancyResolution;
  @IsString() @MinLength(1) @MaxLength(1000) reason!: string;
  @IsOptional() @Matches(JURISDICTION_PATTERN) jurisdiction?: string;
}
