import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CreditsRef, LevelRef } from '../events/common';
import { AccreditationScope } from '../events/qa.events';
import { RULE_KINDS } from '../events/policy-document';
import { QF_EHEA_CYCLES } from '../reference/levels';

// What the quality-assurance routes answer (OpenAPI only; see providers.responses.ts).

const POSITION = { example: 42, description: 'position of the event in the global log; absent when nothing new was written (an idempotent retry)' };

export class QaBodyRegisteredResponse {
  @ApiProperty({ example: 'nzqa' }) qaBodyId!: string;
  @ApiPropertyOptional(POSITION) position?: number;
}

export class QaBodyResponse {
  @ApiProperty({ example: 'nzqa' }) qaBodyId!: string;
  @ApiProperty({ example: 'New Zealand Qualifications Authority' }) name!: string;
  @ApiProperty({ example: ['NZ'], type: [String] }) jurisdictions!: string[];
  @ApiProperty({ example: ['NZQCF'], type: [String] }) frameworks!: string[];
}

export class PolicyPublishedResponse {
  @ApiProperty({ example: 'NZ' }) jurisdiction!: string;
  @ApiProperty({ example: '2022.1' }) version!: string;
  @ApiProperty({ description: 'false when this version was already published (200)' }) published!: boolean;
  @ApiPropertyOptional(POSITION) position?: number;
}

/** One rule of a jurisdiction's policy; which fields it has depends on its kind. */
export class PolicyRuleResponse {
  @ApiProperty({ example: 'NZ-CREDITS', description: 'stable id, quoted in declines' }) id!: string;
  @ApiProperty({ enum: RULE_KINDS }) kind!: string;
  @ApiPropertyOptional() note?: string;
  @ApiPropertyOptional({ enum: ['unconfirmed'] }) status?: string;
  @ApiPropertyOptional({ example: 'learningOutcomes', description: 'required-field: dotted path in the specification' }) field?: string;
  @ApiPropertyOptional({ description: 'required-field: how declines name the field' }) label?: string;
  @ApiPropertyOptional({ example: 'NZQCF-credit', description: 'credits-range: credit system' }) system?: string;
  @ApiPropertyOptional({ example: 'NZQCF', description: 'level-range: level framework' }) framework?: string;
  @ApiPropertyOptional({ example: 5, description: 'credits-range, level-range, min-hours: lower bound' }) min?: number;
  @ApiPropertyOptional({ example: 40, description: 'credits-range, level-range: upper bound' }) max?: number;
  @ApiPropertyOptional({ description: 'credits-range, level-range: the value may be absent' }) optional?: boolean;
  @ApiPropertyOptional({ description: 'level-range: a level of another framework comparable through the EQF passes' }) acceptComparable?: boolean;
  @ApiPropertyOptional({ description: 'breakdown-sums: hours the parts may differ from the total' }) tolerance?: number;
  @ApiPropertyOptional({ description: 'credits-range: credits in another known unit pass when the workload hours are given' }) acceptOtherWithHours?: boolean;
  @ApiPropertyOptional({ description: 'level-range: a level without a single EQF match passes, recorded as not comparable' }) acceptNotComparable?: boolean;
}

/** A rule set shared by jurisdictions, carried whole in the policy that includes it; reported, not deciding. */
export class RuleSetResponse {
  @ApiProperty({ example: 'ua-recognition-minimums' }) id!: string;
  @ApiProperty({ example: '2021.1' }) version!: string;
  @ApiProperty() title!: string;
  @ApiProperty() source!: string;
  @ApiProperty({ type: [PolicyRuleResponse] }) rules!: PolicyRuleResponse[];
}

export class PolicyResponse {
  @ApiProperty({ example: 'NZ' }) jurisdiction!: string;
  @ApiProperty({ example: '2022.1' }) version!: string;
  @ApiProperty({ example: 'NZQA micro-credential approval' }) title!: string;
  @ApiProperty({ description: 'the instruments the rules come from' }) source!: string;
  @ApiPropertyOptional({ enum: ['unconfirmed'], description: 'set while the rules are not confirmed against their source' }) status?: string;
  @ApiPropertyOptional({ example: 'NZQCF' }) levelFramework?: string;
  @ApiPropertyOptional({ example: 'NZQCF-credit' }) creditSystem?: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string' }, description: 'requirements checked elsewhere, and where' })
  enforcedElsewhere?: Record<string, string>;
  @ApiPropertyOptional({ type: [String], description: 'requirements of the source the ledger does not model' }) notModelled?: string[];
  @ApiProperty({ type: [PolicyRuleResponse] }) rules!: PolicyRuleResponse[];
  @ApiProperty({ type: [String], example: ['2022.1'], description: 'every version ever published' }) versions!: string[];
  @ApiPropertyOptional({ type: [String], example: ['ua-recognition-minimums'], description: 'shared rule sets reported with every decision' }) includes?: string[];
  @ApiPropertyOptional({ type: [RuleSetResponse] }) ruleSets?: RuleSetResponse[];
}

export class AccreditationResponse {
  @ApiProperty({ format: 'uuid' }) accreditationId!: string;
  @ApiProperty({ example: 'nzqa' }) qaBodyId!: string;
  @ApiProperty({ example: 'uni-aotearoa' }) providerId!: string;
  @ApiProperty({ type: AccreditationScope }) scope!: AccreditationScope;
  @ApiProperty({ example: '2026-03-01T00:00:00Z' }) validFrom!: string;
  @ApiProperty({ example: '2026-07-01T00:00:00Z', description: 'end of the window, exclusive' }) validUntil!: string;
  @ApiPropertyOptional({ example: 'board-2026-02' }) decisionRef?: string;
}

export class AccreditationWrittenResponse extends AccreditationResponse {
  @ApiPropertyOptional(POSITION) position?: number;
}

export class AccreditationStateResponse extends AccreditationResponse {
  @ApiProperty({ type: String, nullable: true, example: '2026-05-15T00:00:00Z', description: 'suspended from this instant, if suspended' })
  suspendedFrom!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'withdrawn from this instant, if withdrawn' }) withdrawnFrom!: string | null;
}

export class AccreditationChangedResponse {
  @ApiProperty({ format: 'uuid' }) accreditationId!: string;
  @ApiPropertyOptional({ enum: ['AccreditationSuspended', 'AccreditationReinstated', 'AccreditationWithdrawn'], description: 'the event written' })
  change?: string;
  @ApiPropertyOptional({ example: '2026-05-15T00:00:00Z' }) effectiveFrom?: string;
  @ApiPropertyOptional(POSITION) position?: number;
}

export class PolicyRefResponse {
  @ApiProperty({ example: 'NZ' }) jurisdiction!: string;
  @ApiProperty({ example: '2022.1' }) version!: string;
}

export class PolicyRuleFailureResponse {
  @ApiProperty({ example: 'NZ-CREDITS' }) ruleId!: string;
  @ApiProperty({ enum: RULE_KINDS }) kind!: string;
  @ApiProperty({ example: 'credits.value' }) field!: string;
  @ApiProperty({ example: '41 NZQCF-credit is above the maximum of 40' }) message!: string;
}

export class NormalisedEqfResponse {
  @ApiProperty({ type: 'integer', nullable: true, example: 6, description: 'null when not comparable' }) level!: number | null;
  @ApiPropertyOptional({ enum: [true], description: 'no single EQF level matches (NZQCF 8, AQF 8)' }) notComparable?: boolean;
  @ApiProperty({ description: 'the referencing the figure rests on' }) basis!: string;
  @ApiPropertyOptional() source?: string;
  @ApiPropertyOptional({ description: 'why it is not comparable' }) reason?: string;
  @ApiPropertyOptional({ enum: ['unconfirmed'] }) status?: string;
}

export class NormalisedEctsResponse {
  @ApiProperty({ example: 5 }) min!: number;
  @ApiProperty({ example: 6 }) max!: number;
  @ApiProperty({ enum: ['declared', 'hours'], description: 'hours: hours/30 .. hours/25, arithmetic not an equivalence' }) basis!: string;
  @ApiProperty() source!: string;
}

export class NormalisedFiguresResponse {
  @ApiPropertyOptional({ type: NormalisedEqfResponse }) eqf?: NormalisedEqfResponse;
  @ApiPropertyOptional({ type: NormalisedEctsResponse }) ects?: NormalisedEctsResponse;
}

export class RuleSetReportResponse {
  @ApiProperty({ example: 'ua-recognition-minimums' }) id!: string;
  @ApiProperty({ example: '2021.1' }) version!: string;
  @ApiProperty({ description: 'every rule of the set passed' }) met!: boolean;
  @ApiProperty({ type: [String] }) passed!: string[];
  @ApiProperty({ type: [PolicyRuleFailureResponse] }) failures!: PolicyRuleFailureResponse[];
}

/** A decision: approved (every rule passed) or declined (every failed rule listed); both answer 201. */
export class ApprovalDecisionResponse {
  @ApiProperty({ enum: ['approved', 'declined'] }) decision!: string;
  @ApiProperty({ format: 'uuid' }) achievementId!: string;
  @ApiProperty({ example: 'nzqa' }) qaBodyId!: string;
  @ApiProperty({ type: PolicyRefResponse, description: 'the policy version the decision was taken under' }) policy!: PolicyRefResponse;
  @ApiPropertyOptional({ type: LevelRef }) level?: LevelRef;
  @ApiPropertyOptional({ type: CreditsRef }) credits?: CreditsRef;
  @ApiPropertyOptional({ example: 2, description: 'the achievement revision judged (1 = its definition, +1 per revision)' }) revision?: number;
  @ApiPropertyOptional({ type: [String], example: ['NZ-TITLE', 'NZ-CREDITS'], description: 'approved: every rule checked' }) rulesPassed?: string[];
  @ApiPropertyOptional({ type: [PolicyRuleFailureResponse], description: 'declined: every failed rule' }) failures?: PolicyRuleFailureResponse[];
  @ApiProperty({ example: 42 }) position!: number;
  @ApiPropertyOptional({ enum: QF_EHEA_CYCLES, description: 'QF-EHEA cycle given beside the level' }) cycle?: string;
  @ApiPropertyOptional({ type: NormalisedFiguresResponse, description: 'EQF level (or not comparable) and ECTS the decision stands for' }) normalised?: NormalisedFiguresResponse;
  @ApiPropertyOptional({ type: [RuleSetReportResponse], description: "shared rule sets' outcome (Universities Australia recognition minimums); reported, not deciding" })
  ruleSets?: RuleSetReportResponse[];
}

export class ApprovalWithdrawnResponse {
  @ApiProperty({ format: 'uuid' }) achievementId!: string;
  @ApiProperty({ example: 'nzqa' }) qaBodyId!: string;
  @ApiProperty({ example: 'NZ' }) jurisdiction!: string;
  @ApiProperty() reason!: string;
  @ApiProperty({ example: '2026-06-01T00:00:00Z' }) effectiveFrom!: string;
  @ApiProperty({ example: 42 }) position!: number;
}

export class JurisdictionApprovalResponse {
  @ApiProperty({ example: 'NZ' }) jurisdiction!: string;
  @ApiProperty({ enum: ['approved', 'declined', 'withdrawn'] }) status!: string;
  @ApiProperty({ example: 'nzqa' }) qaBodyId!: string;
  @ApiProperty({ type: PolicyRefResponse }) policy!: PolicyRefResponse;
  @ApiPropertyOptional({ example: 2, description: 'the achievement revision the decision judged; absent on decisions recorded before revisions were named' }) revision?: number;
}

export class ApprovalsResponse {
  @ApiProperty({ format: 'uuid' }) achievementId!: string;
  @ApiProperty({ type: [JurisdictionApprovalResponse] }) approvals!: JurisdictionApprovalResponse[];
}
