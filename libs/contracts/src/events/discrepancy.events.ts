import { IsIn, IsObject, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { JURISDICTION_PATTERN } from './common';

/** The kinds of discrepancy the records context raises (DESIGN §3). */
export const DISCREPANCY_KINDS = [
  'unaccredited-provider', 'unapproved-achievement', 'level-outside-accreditation-scope', 'policy-violation',
  'duplicate-credential', 'possible-same-learner', 'unknown-signing-key',
] as const;
export type DiscrepancyKind = (typeof DISCREPANCY_KINDS)[number];

export const DISCREPANCY_RESOLUTIONS = ['dismissed', 'confirmed', 'merged'] as const;
export type DiscrepancyResolution = (typeof DISCREPANCY_RESOLUTIONS)[number];

/** What a discrepancy is about, by reference only: never a learner's personal data. */
export interface DiscrepancySubject {
  credentialId?: string;
  providerId?: string;
  achievementId?: string;
  learnerIds?: string[];
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
