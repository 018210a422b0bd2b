import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { API_KEY_SCHEME, ProblemDetails } from '@app/contracts';

// The problem shape and the route decorators live in contracts (wire/problem.wire.ts), beside the other response DTOs.
export { API_KEY_SCHEME, ApiKeyAuth, ApiProblems, BODY_PROBLEMS, PROBLEM_STATUSES, ProblemDetails, ProblemFieldError } from '@app/contracts';
export type { ProblemStatus } from '@app/contracts';

export interface OpenApiOptions {
  title: string;
  description: string;
}

/** Serves the OpenAPI document at /docs-json and its UI at /docs. */
export function setUpOpenApi(app: INestApplication, options: OpenApiOptions): void {
  const config = new DocumentBuilder()
    .setTitle(options.title)
    .setDescription(options.description)
    .setVersion('1')
    // The keys are opaque random tokens, not JWTs: nothing in them can be decoded or checked client-side.
    .addBearerAuth(
      {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'clk_<keyId>_<secret>',
        description:
          'Opaque API key `clk_<24 hex keyId>_<43 base64url secret>`, issued by an admin (`POST /v1/api-keys`) and shown once; ' +
          'the ledger keeps only its hash. Send it as `Authorization: Bearer clk_…`.',
      },
      API_KEY_SCHEME,
    )
    .build();
  const document = SwaggerModule.createDocument(app, config, { extraModels: [ProblemDetails] });
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
}
