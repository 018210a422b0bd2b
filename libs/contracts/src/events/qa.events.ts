import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsNumber, IsObject, IsOptional, IsString, IsUUID, Matches, MaxLength, Min, MinLength,
  ValidateNested,
} from 'class-validator';
import { CreditsRef, JURISDICTION_PATTERN, LevelRef, PROVIDER_ID_PATTERN } from './common';
import { JurisdictionPolicy } from './policy-document';
import { knownLevelFrameworks, QF_EHEA_CYCLES, QfEheaCycle } from '../reference/levels';
import { IsCalendarInstant } from '../validators/calendar';
import { IsLevelFramework, IsLevelOf } from '../validators/reference';

/** QA body ids are slugs like provider ids (nzqa, teqsa, eqar-agency-1). */
export const QA_BODY_ID_PATTERN = PROVIDER_ID_PATTERN;
/** ISCED-F 2013 field codes (broad 2, narrow 3, detailed 4 digits). */
export const ISCED_F_PATTERN = /^\d{2,4}$/;

export class QualityAssuranceBodyRegistered {
  @Matches(QA_BODY_ID_PATTERN) qaBodyId!: string;
  @IsString() @MinLength(1) @MaxLength(300) name!: string;
  @ArrayMinSize(1) @ArrayMaxSize(50) @Matches(JURISDICTION_PATTERN, { each: true }) jurisdictions!: string[];
  @ArrayMaxSize(20) @IsString({ each: true }) @MaxLength(32, { each: true }) frameworks!: string[];
}

/** A jurisdiction's policy document as published: rules are data read by the one policy engine. */
export class JurisdictionPolicyPublished {
  @Matches(JURISDICTION_PATTERN) jurisdiction!: string;
  @IsString() @MinLength(1) @MaxLength(50) version!: string;
  @IsString() @MinLength(1) @MaxLength(2000) source!: string;
  @IsOptional() @IsIn(['unconfirmed']) status?: 'unconfirmed';
  /** The whole document, kept verbatim so later decisions replay it exactly. */
  @IsObject() policy!: JurisdictionPolicy;
}

/** The levels (and optionally fields) an accreditation covers, in one framework of the reference data. */
export class AccreditationScope {
  @ApiProperty({ enum: knownLevelFrameworks(), example: 'NZQCF' }) @IsLevelFramework() framework!: string;
  @ApiProperty({ type: 'integer', example: 5, description: "lowest level covered, inside the framework's range" }) @IsInt() @IsLevelOf('framework') minLevel!: number;
  @ApiProperty({ type: 'integer', example: 7, description: "highest level covered, inside the framework's range" }) @IsInt() @IsLevelOf('framework') maxLevel!: number;
  @ApiPropertyOptional({ type: [String], example: ['0613'], description: 'ISCED-F 2013 field codes; all fields when absent' })
  @IsOptional() @IsArray() @ArrayMaxSize(100) @Matches(ISCED_F_PATTERN, { each: true, message: 'each field must be an ISCED-F 2013 code of 2 to 4 digits' }) fields?: string[];
}

/** A QA body accredits a provider for a scope over [validFrom, validUntil); expiry is the window's end. */
export class ProviderAccredited {
  @IsUUID() accreditationId!: string;
  @Matches(QA_BODY_ID_PATTERN) qaBodyId!: string;
  @Matches(PROVIDER_ID_PATTERN) providerId!: string;
  @ValidateNested() @Type(() => AccreditationScope) scope!: AccreditationScope;
  @IsCalendarInstant() validFrom!: string;
  @IsCalendarInstant() validUntil!: string;
  /** The QA body's own reference for the decision (minutes, letter number). */
  @IsOptional() @IsString() @MaxLength(200) decisionRef?: string;
}

class AccreditationChange {
  @IsUUID() accreditationId!: string;
  @Matches(QA_BODY_ID_PATTERN) qaBodyId!: string;
  @Matches(PROVIDER_ID_PATTERN) providerId!: string;
  /** From when the change holds; may differ from when it was recorded. */
  @IsCalendarInstant() effectiveFrom!: string;
}

export class AccreditationSuspended extends AccreditationChange {
  @IsString() @MinLength(1) @MaxLength(1000) reason!: string;
}

export class AccreditationReinstated extends AccreditationChange {
  @IsOptional() @IsString() @MaxLength(1000) reason?: string;
}

export class AccreditationWithdrawn extends AccreditationChange {
  @IsString() @MinLength(1) @MaxLength(1000) reason!: string;
}

/** The policy a decision was taken under: a later version never changes it. */
export class PolicyRef {
  @Matches(JURISDICTION_PATTERN) jurisdiction!: string;
  @IsString() @MinLength(1) @MaxLength(50) version!: string;
}

export class PolicyRuleFailure {
  @IsString() ruleId!: string;
  @IsString() kind!: string;
  @IsString() field!: string;
  @IsString() message!: string;
}

/** The approved level referenced to the EQF; "not comparable" (level null) where no single EQF level matches. */
export class NormalisedEqf {
  @IsOptional() @IsInt() level!: number | null;
  @IsOptional() @IsIn([true]) notComparable?: true;
  @IsString() basis!: string;
  @IsOptional() @IsString() source?: string;
  @IsOptional() @IsString() reason?: string;
  @IsOptional() @IsIn(['unconfirmed']) status?: 'unconfirmed';
}

/** The ECTS a decision stands for: declared, or arithmetic on the hours (hours/30 .. hours/25). */
export class NormalisedEcts {
  @IsNumber() min!: number;
  @IsNumber() max!: number;
  @IsIn(['declared', 'hours']) basis!: 'declared' | 'hours';
  @IsString() source!: string;
}

/** Cross-border figures recorded with a decision, each with the basis it rests on. */
export class NormalisedFigures {
  @IsOptional() @ValidateNested() @Type(() => NormalisedEqf) eqf?: NormalisedEqf;
  @IsOptional() @ValidateNested() @Type(() => NormalisedEcts) ects?: NormalisedEcts;
}

/** A shared rule set's outcome (Universities Australia recognition minimums), reported with the decision. */
export class RuleSetReport {
  @IsString() id!: string;
  @IsString() version!: string;
  @IsBoolean() met!: boolean;
  @IsString({ each: true }) passed!: string[];
  @ValidateNested({ each: true }) @Type(() => PolicyRuleFailure) failures!: PolicyRuleFailure[];
}

export class AchievementApproved {
  @IsUUID() achievementId!: string;
  @Matches(QA_BODY_ID_PATTERN) qaBodyId!: string;
  @ValidateNested() @Type(() => PolicyRef) policy!: PolicyRef;
  /**
   * The jurisdiction decided for, when it is not the policy's own: a member state judged under
   * its group's policy (IE under EU). Absent: the policy's jurisdiction (see decisionJurisdiction).
   */
  @IsOptional() @Matches(JURISDICTION_PATTERN) jurisdiction?: string;
  @IsOptional() @ValidateNested() @Type(() => LevelRef) level?: LevelRef;
  @IsOptional() @ValidateNested() @Type(() => CreditsRef) credits?: CreditsRef;
  /**
   * The achievement revision judged: 1 for its definition, +1 per AchievementRevised. Absent on
   * decisions recorded before revisions were named (they judged whatever was current then).
   */
  @IsOptional() @IsInt() @Min(1) revision?: number;
  /** Ids of every rule checked, all passed. */
  @IsString({ each: true }) rulesPassed!: string[];
  /** QF-EHEA cycle given beside the level (consistent with its EQF level). */
  @IsOptional() @IsIn(QF_EHEA_CYCLES) cycle?: QfEheaCycle;
  @IsOptional() @ValidateNested() @Type(() => NormalisedFigures) normalised?: NormalisedFigures;
  /** Shared rule sets the policy includes, reported (they do not decide). */
  @IsOptional() @ValidateNested({ each: true }) @Type(() => RuleSetReport) ruleSets?: RuleSetReport[];
}

export class AchievementApprovalDeclined {
  @IsUUID() achievementId!: string;
  @Matches(QA_BODY_ID_PATTERN) qaBodyId!: string;
  @ValidateNested() @Type(() => PolicyRef) policy!: PolicyRef;
  /**
   * The jurisdiction decided for, when it is not the policy's own: a member state judged under
   * its group's policy (IE under EU). Absent: the policy's jurisdiction (see decisionJurisdiction).
   */
  @IsOptional() @Matches(JURISDICTION_PATTERN) jurisdiction?: string;
  @IsOptional() @ValidateNested() @Type(() => LevelRef) level?: LevelRef;
  @IsOptional() @ValidateNested() @Type(() => CreditsRef) credits?: CreditsRef;
  /**
   * The achievement revision judged (see AchievementApproved): 1 for its definition, +1 per AchievementRevised. Absent on
   * decisions recorded before revisions were named (they judged whatever was current then).
   */
  @IsOptional() @IsInt() @Min(1) revision?: number;
  @ValidateNested({ each: true }) @Type(() => PolicyRuleFailure) failures!: PolicyRuleFailure[];
  /** QF-EHEA cycle given beside the level (consistent with its EQF level). */
  @IsOptional() @IsIn(QF_EHEA_CYCLES) cycle?: QfEheaCycle;
  @IsOptional() @ValidateNested() @Type(() => NormalisedFigures) normalised?: NormalisedFigures;
  /** Shared rule sets the policy includes, reported (they do not decide). */
  @IsOptional() @ValidateNested({ each: true }) @Type(() => RuleSetReport) ruleSets?: RuleSetReport[];
}

export class AchievementApprovalWithdrawn {
  @IsUUID() achievementId!: string;
  @Matches(QA_BODY_ID_PATTERN) qaBodyId!: string;
  @Matches(JURISDICTION_PATTERN) jurisdiction!: string;
  @IsString() @MinLength(1) @MaxLength(1000) reason!: string;
  /** When the withdrawal takes effect; credentials issued before keep their standing. */
  @IsCalendarInstant() effectiveFrom!: string;
}

/** The jurisdiction an approval or decline was decided for: its own field, else its policy's. */
export function decisionJurisdiction(decision: { jurisdiction?: string; policy: PolicyRef }): string {
  return decision.jurisdiction ?? decision.policy.jurisdiction;
}
