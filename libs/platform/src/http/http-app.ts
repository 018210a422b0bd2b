import { DynamicModule, INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import express, { NextFunction, Request, Response } from 'express';
import { Logger } from 'nestjs-pino';
import { FieldError, flattenValidationErrors, jsonShapeProblem } from '@app/contracts';
import { LedgerEnv } from '../config/env';
import { PROBLEM_CONTENT_TYPE, problemType, RequestValidationError } from '../problem/problem';
import { ProblemFilter } from '../problem/problem.filter';
import { LedgerMetrics } from '../metrics/metrics';
import { LEDGER_LOGGER } from './access-log';
import { observeRequests } from './request-observer';
import { setUpOpenApi } from './openapi';
import { LedgerValidationPipe } from './validation.pipe';
import { RawBodyTaps } from './raw-body-taps';
import { BodyGate } from './body-gate';
import { LeanExpressAdapter } from './lean-express-adapter';

export interface HttpAppOptions {
  title: string;
  description: string;
}

/** Creates an app with the house HTTP conventions: problem+json, validation, OpenAPI at /docs. runApp() stops it on signals. */
export async function createHttpApp(rootModule: DynamicModule | Type<unknown>, env: LedgerEnv, options: HttpAppOptions): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(rootModule, new LeanExpressAdapter(), { bufferLogs: true, bodyParser: false });
  app.useLogger(app.get(Logger));
  app.disable('x-powered-by');
  // No ETag: the API's answers are read once, never revalidated, and hashing every body costs more than a cheap read.
  app.set('etag', false);
  app.set('trust proxy', false);
  // First, so the time includes body parsing and every refusal carries its status.
  app.use(observeRequests(app.get(LedgerMetrics).httpDuration, app.get(LEDGER_LOGGER)));
  const taps = app.get(RawBodyTaps);
  // Authentication before the body is read: only a valid key can have the ledger parse a body.
  app.use(
    bodyPipeline(
      app.get(BodyGate).handle,
      express.json({
        limit: env.maxBody,
        type: ['application/json', 'application/*+json'],
        verify: (req, _res, buf) => taps.run(req, buf),
      }),
    ),
  );
  app.useGlobalFilters(new ProblemFilter());
  app.useGlobalPipes(
    new LedgerValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      exceptionFactory: (errors) => new RequestValidationError(flattenValidationErrors(errors)),
    }),
  );
  // SIGTERM/SIGINT are handled by runApp, which bounds how long a shutdown may take.
  setUpOpenApi(app, options);
  return app;
}

type Middleware = (req: Request, res: Response, next: NextFunction) => void;

/**
 * One middleware for the body: the gate (authentication before a byte is read), the JSON parser,
 * its failures as problem+json, then the shape check. A request that announces no body at all
 * (no Content-Length, not chunked: every GET) skips the four in one test instead of passing
 * through four router layers that would each find nothing to do; its body stays undefined, as
 * the parser would leave it.
 */
function bodyPipeline(gate: Middleware, parse: Middleware): Middleware {
  return (req, res, next) => {
    if (req.headers['content-length'] === undefined && req.headers['transfer-encoding'] === undefined) {
      if (!('body' in (req as object))) req.body = undefined;
      return next();
    }
    gate(req, res, (gateError?: unknown) => {
      if (gateError) return next(gateError);
      parse(req, res, (parseError?: unknown) => {
        if (parseError) return bodyErrors(parseError as Parameters<typeof bodyErrors>[0], req, res, next);
        bodyShape(req, res, next);
      });
    });
  };
}

/** Body-parser failures (bad JSON, too large) as problem+json naming the body. */
function bodyErrors(error: { type?: string; status?: number; limit?: number } | undefined, _req: Request, res: Response, next: NextFunction): void {
  if (!error) return next();
  const tooLarge = error.type === 'entity.too.large';
  const malformed = error.type === 'entity.parse.failed';
  const status = tooLarge ? 413 : malformed ? 400 : (error.status ?? 400);
  const code = tooLarge ? 'REQUEST.TOO_LARGE' : malformed ? 'REQUEST.MALFORMED_JSON' : 'REQUEST.INVALID';
  const detail = tooLarge ? `the body is larger than the limit of ${error.limit} bytes` : malformed ? 'the body is not valid JSON' : 'the body could not be read';
  sendProblem(res, status, code, tooLarge ? 'Payload too large' : 'Invalid request', detail, [{ field: '(body)', message: detail }]);
}

/**
 * Refuses a parsed body nested too deep or carrying a `__proto__` key before the validation
 * pipe's recursive transform sees it (10,000 levels would overflow its stack: a 500).
 */
function bodyShape(req: Request, res: Response, next: NextFunction): void {
  const problem = jsonShapeProblem(req.body);
  if (!problem) return next();
  sendProblem(res, 400, 'REQUEST.INVALID', 'Invalid request', problem.message, [problem]);
}

function sendProblem(res: Response, status: number, code: string, title: string, detail: string, errors: FieldError[]): void {
  res.status(status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify({ type: problemType(code), title, status, code, detail, errors }));
}
