import { IsIn, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { JURISDICTION_PATTERN, PROVIDER_ID_PATTERN } from './common';

export const PROVIDER_KINDS = ['university', 'college', 'industry-body', 'employer', 'platform', 'other'] as const;
export type ProviderKind = (typeof PROVIDER_KINDS)[number];

export class ProviderRegistered {
  @Matches(PROVIDER_ID_PATTERN) providerId!: string;
  @IsString() @MinLength(1) @MaxLength(300) name!: string;
  @Matches(JURISDICTION_PATTERN) jurisdiction!: string;
  @IsIn(PROVIDER_KINDS as unknown as string[]) kind!: ProviderKind;
}
