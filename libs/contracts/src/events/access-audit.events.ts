import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { ISO_INSTANT } from './common';

/**
 * Why a learner's data is read, as the `Ledger-Purpose` request header names it. A closed list
 * of tokens, not free text: the access log is an event stream, and free text could carry a
 * name or an identifier in clear into the log, where erasure cannot reach it.
 */
export const ACCESS_PURPOSES = [
  'recognition', 'verification', 'quality-assurance', 'investigation', 'complaint', 'legal-obligation', 'learner-support', 'statistics', 'audit',
] as const;
/** Recorded when a reader sent no `Ledger-Purpose`: the absence itself is on the record. */
export const UNSPECIFIED_PURPOSE = 'unspecified';
export type AccessPurpose = (typeof ACCESS_PURPOSES)[number] | typeof UNSPECIFIED_PURPOSE;

/** The reads of a learner's data that are recorded (GET …/record, …/stacks, …/consents; POST /v1/learners/lookup). */
export const AUDITED_READS = ['record', 'stacks', 'consents', 'lookup'] as const;
export type AuditedRead = (typeof AUDITED_READS)[number];

/**
 * Someone other than the learner read the learner's data (stream `access-{learnerId}`): who is
 * the event's actor (role and API key id, never the key), when is `accessedAt` (the read; the
 * event's recordedAt is when the entry was flushed), why is `purpose`. For a lookup, the learner
 * found and the identifier schemes asked about, never the identifier values.
 */
export class LearnerRecordAccessed {
  @IsUUID() learnerId!: string;
  @IsIn(AUDITED_READS) read!: AuditedRead;
  @IsIn([...ACCESS_PURPOSES, UNSPECIFIED_PURPOSE]) purpose!: AccessPurpose;
  @Matches(ISO_INSTANT) accessedAt!: string;
  /** The learner id the caller asked for, when the answer came as another (merged) learner. */
  @IsOptional() @IsUUID() askedFor?: string;
  /** For `lookup`: the identifier schemes the caller asked about (never the values). */
  @IsOptional() @IsArray() @ArrayMaxSize(20) @IsString({ each: true }) @MaxLength(40, { each: true }) schemes?: string[];
}
