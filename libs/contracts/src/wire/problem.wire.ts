import { applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiProperty, ApiPropertyOptional, ApiResponse, getSchemaPath } from '@nestjs/swagger';

// How every route documents its refusals in OpenAPI: the problem+json shape and the statuses.

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** Name of the security scheme every authenticated route refers to. */
export const API_KEY_SCHEME = 'api-key';

/** One offending field of a refused request (matches FieldError in @app/contracts). */
export class ProblemFieldError {
  @ApiProperty({ example: 'items[0].data.validUntil', description: 'path of the offending field in the request (`(body)` for the whole body)' })
  field!: string;
  @ApiProperty({ example: 'validUntil must be an ISO 8601 instant with an explicit offset' }) message!: string;
  @ApiPropertyOptional({ example: 'REQUEST.INVALID_INSTANT', description: 'stable code of this refusal, when there is one' }) code?: string;
}

/** How many offending fields a problem lists: a body cannot make the answer larger than itself. */
export const MAX_FIELD_ERRORS = 100;

/** RFC 9457 problem details as the ledger answers every error (application/problem+json). */
export class ProblemDetails {
  @ApiProperty({ example: 'urn:credential-ledger:problem:request.invalid', description: 'URN derived from `code`' }) type!: string;
  @ApiProperty({ example: 'Invalid request' }) title!: string;
  @ApiProperty({ example: 400 }) status!: number;
  @ApiProperty({ example: 'REQUEST.INVALID', description: 'stable code callers can rely on' }) code!: string;
  @ApiPropertyOptional({ example: 'the request is invalid' }) detail?: string;
  @ApiPropertyOptional({ example: '/v1/providers/uni-aotearoa/events', description: 'the request path' }) instance?: string;
  @ApiPropertyOptional({ type: [ProblemFieldError], description: `every offending field, when the problem is with the input (the first ${MAX_FIELD_ERRORS})` })
  errors?: ProblemFieldError[];
  @ApiPropertyOptional({ example: 12, description: `how many more offending fields there were beyond the first ${MAX_FIELD_ERRORS} listed` })
  errorsOmitted?: number;
}

/** The error statuses a route can answer, each with what it means for every route. */
export const PROBLEM_STATUSES = {
  400: 'Invalid input: `errors` names every offending field; nothing was written',
  401: 'No API key, or the key is unknown, revoked or expired (`WWW-Authenticate: Bearer`)',
  403: "The key's role or scope does not allow this (the answer does not tell whether the target exists)",
  404: 'No such resource',
  409: 'Conflict: already exists, or another writer changed the record first (reload and retry)',
  413: 'The body is larger than MAX_BODY',
  422: 'A domain rule refused the request (`code` says which)',
  429: 'Too many requests for this key (or too many failed authentications from this address); retry later',
  503: 'A storage engine is unavailable or full; retry later (after `Retry-After` seconds when given)',
} as const;
export type ProblemStatus = keyof typeof PROBLEM_STATUSES;

/** Documents problem+json answers for the given statuses. */
export function ApiProblems(...statuses: ProblemStatus[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiExtraModels(ProblemDetails),
    ...statuses.map((status) =>
      ApiResponse({ status, description: PROBLEM_STATUSES[status], content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: getSchemaPath(ProblemDetails) } } } }),
    ),
  );
}

/** A route (or every route of a controller) that needs an API key: the scheme, and the refusals authentication can give. */
export function ApiKeyAuth(): MethodDecorator & ClassDecorator {
  return applyDecorators(ApiBearerAuth(API_KEY_SCHEME), ApiProblems(401, 403, 429, 503));
}

/** Refusals of any route that reads a JSON body, beyond validation (400). */
export const BODY_PROBLEMS: ProblemStatus[] = [400, 413];
