import type { IncomingMessage } from 'node:http';
import { Injectable } from '@nestjs/common';

/** Sees the raw bytes of a JSON body while it is parsed, before they are gone. */
export type RawBodyTap = (req: IncomingMessage, body: Buffer) => void;

/**
 * The taps the app's modules installed (signed provider requests keep the digest of the exact
 * bytes). A module adds its tap when it is created, before the HTTP app sets up its body parser;
 * with none added, parsing a body costs one empty loop.
 */
@Injectable()
export class RawBodyTaps {
  private readonly taps: RawBodyTap[] = [];

  add(tap: RawBodyTap): void {
    if (!this.taps.includes(tap)) this.taps.push(tap);
  }

  run(req: IncomingMessage, body: Buffer): void {
    for (const tap of this.taps) tap(req, body);
  }
}
