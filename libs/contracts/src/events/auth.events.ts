import { Type } from 'class-transformer';
import { IsIn, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { KeyScope, ROLES, Role } from './common';

/**
 * An API key came into being. Only the SHA-256 of its secret is stored: the secret is
 * 256 random bits, so a fast hash is enough (no password stretching is needed).
 */
export class ApiKeyIssued {
  @Matches(/^[A-Za-z0-9]{8,32}$/) keyId!: string;
  @Matches(/^[0-9a-f]{64}$/) secretHash!: string;
  @IsIn(ROLES as unknown as string[]) role!: Role;
  @ValidateNested() @Type(() => KeyScope) scope!: KeyScope;
  @IsOptional() @IsString() @MaxLength(200) label?: string;
}

export class ApiKeyRevoked {
  @Matches(/^[A-Za-z0-9]{8,32}$/) keyId!: string;
}
