import { ArrayMinSize, IsArray, IsString, IsUUID, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';

/** Who caused a learner record to be opened: the first credential that named its identifiers. */
export class LearnerOpenedBy {
  @IsUUID() credentialId!: string;
}

/** A new learner record (stream `learner-{id}`); the id is derived from the opening credential's event id. */
export class LearnerRecordOpened {
  @IsUUID() learnerId!: string;
  @ValidateNested() @Type(() => LearnerOpenedBy) openedBy!: LearnerOpenedBy;
}

/**
 * An identifier digest claimed for a learner. Written once to its claim stream
 * `identity-{scheme}-{digest}` with expected revision no-stream, so two credentials racing
 * for the same new identifier can never both claim it.
 */
export class LearnerIdentifierLinked {
  @IsUUID() learnerId!: string;
  @IsString() @MinLength(1) @MaxLength(32) scheme!: string;
  @Matches(/^[0-9a-f]{64}$/) digest!: string;
  @IsUUID() credentialId!: string;
}

/** A credential joined to a learner record (stream `learner-{id}`). */
export class LearnerCredentialLinked {
  @IsUUID() learnerId!: string;
  @IsUUID() credentialId!: string;
  @IsString() providerId!: string;
}

/** Records merged by a person (admin, regulator): every learner in `learnerIds` other than `into` now answers as `into`. */
export class LearnerRecordsMerged {
  @IsArray() @ArrayMinSize(2) @IsUUID(undefined, { each: true }) learnerIds!: string[];
  @IsUUID() into!: string;
  @IsString() @MinLength(1) @MaxLength(1000) reason!: string;
}

/** Credentials moved out of a learner record into `newLearnerId` (a merged-in learner when it undoes a merge). */
export class LearnerRecordsSplit {
  @IsUUID() learnerId!: string;
  @IsArray() @ArrayMinSize(1) @IsUUID(undefined, { each: true }) credentialIds!: string[];
  @IsUUID() newLearnerId!: string;
  @IsString() @MinLength(1) @MaxLength(1000) reason!: string;
}

/**
 * A credential whose identifiers already belong to two or more different learners: it is
 * linked to none of them (never guess). The discrepancies context turns it into a
 * `possible-same-learner` discrepancy. Stream `identityconflict-{credentialId}`; it names
 * no identifier digest, so it may leave the ledger on the relay.
 */
export class LearnerIdentityConflict {
  @IsUUID() credentialId!: string;
  @IsArray() @ArrayMinSize(2) @IsUUID(undefined, { each: true }) learnerIds!: string[];
}
