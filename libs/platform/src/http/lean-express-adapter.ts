import { StreamableFile } from '@nestjs/common';
import { ExpressAdapter } from '@nestjs/platform-express';
import type { Response } from 'express';

const JSON_TYPE = 'application/json; charset=utf-8';

/**
 * Nest's express adapter with a shorter way out for the common answer: a handler's plain object
 * or array, no content type chosen, a status that carries a body, not HEAD. It is written as
 * express's `res.json` would write it (same bytes, same Content-Type and Content-Length) without
 * what that costs on every request: a content-type parse and format to add the charset, a copy of
 * the body into a Buffer and a SHA-1 of it for an ETag nobody asks for (ETags are off for the
 * whole app, see createHttpApp), the freshness check that goes with it, and a header and body
 * written as two chunks. Everything else (strings, files, streams, errors, chosen content types,
 * 204/205/304, HEAD) goes through express as before.
 */
export class LeanExpressAdapter extends ExpressAdapter {
  /** Nest sets every route's status before the handler runs; its codes are valid, so express's checks of them are skipped. */
  override status(response: Response, statusCode: number): Response {
    if (!Number.isInteger(statusCode) || statusCode < 100 || statusCode > 999) return response.status(statusCode);
    response.statusCode = statusCode;
    return response;
  }

  override reply(response: Response, body: unknown, statusCode?: number): unknown {
    if (!plainJson(body) || response.req?.method === 'HEAD' || response.getHeader('Content-Type') !== undefined) {
      return super.reply(response, body, statusCode);
    }
    const status = statusCode ?? response.statusCode;
    if (status === 204 || status === 205 || status === 304) return super.reply(response, body, statusCode);
    const json = JSON.stringify(body);
    response.statusCode = status;
    response.setHeader('Content-Type', JSON_TYPE);
    response.setHeader('Content-Length', Buffer.byteLength(json));
    return response.end(json);
  }
}

/** An object or array that express would serialise with res.json (not a file, stream, buffer or error). */
function plainJson(body: unknown): body is object {
  if (typeof body !== 'object' || body === null) return false;
  if (body instanceof StreamableFile || body instanceof Error || ArrayBuffer.isView(body)) return false;
  return typeof (body as { pipe?: unknown }).pipe !== 'function';
}
