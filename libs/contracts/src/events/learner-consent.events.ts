import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { ISO_INSTANT } from './common';
import { IsLedgerId } from '../validators/text';

/**
 * What a learner may consent to share their record for. Kept small and closed: a partner's
 * feed carries a learner's events only for a purpose the learner named.
 */
export const CONSENT_PURPOSES = ['employment-verification', 'admission', 'mobility', 'wallet'] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];

/**
 * A learner consents to a partner receiving their record (stream `consent-{learnerId}`), for
 * these purposes, until `expiresAt` when given. A later grant to the same partner replaces it.
 */
export class ConsentGranted {
  @IsUUID() learnerId!: string;
  @IsLedgerId(63) partnerId!: string;
  @IsArray() @ArrayMaxSize(CONSENT_PURPOSES.length) @IsIn(CONSENT_PURPOSES, { each: true }) purposes!: ConsentPurpose[];
  @IsOptional() @Matches(ISO_INSTANT) expiresAt?: string;
}

/** The learner's consent to the partner ends (stream `consent-{learnerId}`). */
export class ConsentWithdrawn {
  @IsUUID() learnerId!: string;
  @IsLedgerId(63) partnerId!: string;
}

/**
 * The learner's data keys were destroyed (crypto-shredding, stream `learner-{id}`): every
 * name and birth date sealed under `keyIds` is unreadable from now on, and no new personal
 * data can be sealed under them. Appended after the keys are gone, so the event never
 * claims an erasure that did not happen.
 */
export class LearnerErased {
  @IsUUID() learnerId!: string;
  @IsArray() @IsUUID(undefined, { each: true }) keyIds!: string[];
  @IsString() @MinLength(1) @MaxLength(1000) reason!: string;
}
