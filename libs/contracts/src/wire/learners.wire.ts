import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsString, IsUUID, MaxLength, MinLength, ValidateNested } from 'class-validator';

/** One identifier as the learner or an official knows it; digested server-side, never stored or logged. */
export class LearnerIdentifierInput {
  @ApiProperty({ example: 'NZ-NSN', description: 'an identifier scheme from the reference data (identifier-schemes.json)' })
  @IsString() @MinLength(1) @MaxLength(32) scheme!: string;
  @ApiProperty({ example: '123456789', description: 'the identifier value; normalised by its scheme' })
  @IsString() @MinLength(1) @MaxLength(320) value!: string;
}

export class LearnerLookupRequest {
  @ApiProperty({ type: [LearnerIdentifierInput] })
  @IsArray() @ArrayMinSize(1, { message: 'identifiers must name at least one identifier' }) @ArrayMaxSize(20)
  @ValidateNested({ each: true }) @Type(() => LearnerIdentifierInput)
  identifiers!: LearnerIdentifierInput[];
}

export class LearnerMergeRequest {
  @ApiProperty({ type: [String], format: 'uuid', description: 'two or more different learners; the first is the one they are merged into' })
  @IsArray() @ArrayMinSize(2, { message: 'learnerIds must name at least two learners' }) @ArrayMaxSize(20)
  @IsUUID(undefined, { each: true, message: 'each learnerId must be a UUID' })
  learnerIds!: string[];
  @ApiProperty({ example: 'same person: confirmed with the learner' }) @IsString() @MinLength(1) @MaxLength(1000) reason!: string;
}

export class LearnerSplitRequest {
  @ApiProperty({ type: [String], format: 'uuid', description: 'credentials the learner holds, moved to a record of their own' })
  @IsArray() @ArrayMinSize(1, { message: 'credentialIds must name at least one credential' }) @ArrayMaxSize(500)
  @IsUUID(undefined, { each: true, message: 'each credentialId must be a UUID' })
  credentialIds!: string[];
  @ApiProperty({ example: 'merged in error' }) @IsString() @MinLength(1) @MaxLength(1000) reason!: string;
}

export class LearnerRef {
  @ApiProperty({ format: 'uuid' }) learnerId!: string;
}

export class LearnerLookupResponse {
  @ApiProperty({ type: [LearnerRef], description: 'every learner holding one of the identifiers that the caller may see; empty when none' })
  learners!: LearnerRef[];
}

export class LearnerMergeResponse {
  @ApiProperty({ format: 'uuid', description: 'the learner the others now answer as' }) into!: string;
  @ApiProperty({ type: [String], format: 'uuid' }) learnerIds!: string[];
  @ApiProperty({ example: 42, description: 'log position of the merge' }) position!: number;
}

export class LearnerSplitResponse {
  @ApiProperty({ format: 'uuid' }) learnerId!: string;
  @ApiProperty({ format: 'uuid', description: 'the learner now holding the credentials (the merged-in learner when the split undoes a merge)' })
  newLearnerId!: string;
  @ApiProperty({ type: [String], format: 'uuid' }) credentialIds!: string[];
  @ApiProperty({ example: 43, description: 'log position of the split' }) position!: number;
}
