import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import { StreamableFile } from '@nestjs/common';
import type { NestApplicationOptions } from '@nestjs/common';
import { ExpressAdapter } from '@nestjs/platform-express';
import type { Express, Response } from 'express';

const JSON_TYPE = 'application/json; charset=utf-8';

/**
 * Nest's express adapter with a shorter way out for the common answer: a handler's plain object
 * or array, no content type chosen, a status that carries a body, not HEAD. It is written as
 * express's `res.json` would write it (same bytes, same Content-Type and Content-Length) without
 * what that costs on every request: a content-type parse and format to add the charset, a copy of
 * the body into a Buffer and a SHA-1 of it for an ETag nobody asks for (ETags are off for the
 * whole app, see createHttpApp) and the freshness check that goes with it. Everything else
 * (strings, files, streams, errors, chosen content types, 204/205/304, HEAD, an app with its own
 * JSON settings) goes through express as before.
 *
 * Its HTTP server also makes each request and response with express's prototypes from the
 * start. Express gives every incoming request and response its own prototype with
 * Object.setPrototypeOf; done on an object Node has already built, that change of shape costs
 * more than the rest of express together and leaves every later property access on them slow.
 * Made with that prototype, express's setPrototypeOf finds it in place and changes nothing.
 */
export class LeanExpressAdapter extends ExpressAdapter {
  override initHttpServer(options: NestApplicationOptions): void {
    if (options?.httpsOptions || options?.forceCloseConnections) return super.initHttpServer(options);
    const app = this.getInstance<Express>();
    this.setHttpServer(createServer({ IncomingMessage: expressRequestClass(app), ServerResponse: expressResponseClass(app) }, app));
  }

  /** Nest sets every route's status before the handler runs; its codes are valid, so express's checks of them are skipped. */
  override status(response: Response, statusCode: number): Response {
    if (!Number.isInteger(statusCode) || statusCode < 100 || statusCode > 999) return response.status(statusCode);
    response.statusCode = statusCode;
    return response;
  }

  override reply(response: Response, body: unknown, statusCode?: number): unknown {
    if (!plainJson(body) || response.req?.method === 'HEAD' || response.getHeader('Content-Type') !== undefined || this.jsonSettings()) {
      return super.reply(response, body, statusCode);
    }
    const status = statusCode ?? response.statusCode;
    if (status === 204 || status === 205 || status === 304) return super.reply(response, body, statusCode);
    const json = JSON.stringify(body) as string | undefined;
    // A toJSON() that gives undefined: express sends no body at all.
    if (json === undefined) return super.reply(response, body, statusCode);
    response.statusCode = status;
    response.setHeader('Content-Type', JSON_TYPE);
    response.setHeader('Content-Length', Buffer.byteLength(json));
    return response.end(json);
  }

  /** Whether the app changed how res.json writes: then every answer goes through it. */
  private jsonSettings(): boolean {
    const app = this.getInstance<Express>();
    return JSON_SETTINGS.some((name) => app.get(name) !== undefined);
  }
}

/** Express settings that change how res.json writes (none are set by the ledger). */
const JSON_SETTINGS = ['json replacer', 'json spaces', 'json escape'];

/** An object or array that express would serialise with res.json (not a file, stream, buffer or error). */
function plainJson(body: unknown): body is object {
  if (typeof body !== 'object' || body === null) return false;
  if (body instanceof StreamableFile || body instanceof Error || ArrayBuffer.isView(body)) return false;
  return typeof (body as { pipe?: unknown }).pipe !== 'function';
}

/** A class of Node's IncomingMessage whose instances have express's request prototype for `app`. */
function expressRequestClass(app: Express): typeof IncomingMessage {
  function ExpressRequest(this: IncomingMessage, ...args: ConstructorParameters<typeof IncomingMessage>) {
    IncomingMessage.apply(this, args);
  }
  ExpressRequest.prototype = app.request;
  return ExpressRequest as unknown as typeof IncomingMessage;
}

/** A class of Node's ServerResponse whose instances have express's response prototype for `app`. */
function expressResponseClass(app: Express): typeof ServerResponse {
  function ExpressResponse(this: ServerResponse, ...args: ConstructorParameters<typeof ServerResponse>) {
    ServerResponse.apply(this, args);
  }
  ExpressResponse.prototype = app.response;
  return ExpressResponse as unknown as typeof ServerResponse;
}
