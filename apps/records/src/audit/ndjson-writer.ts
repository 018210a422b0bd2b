import type { ServerResponse } from 'node:http';

export const NDJSON = 'application/x-ndjson';

/** Whether the caller asked for NDJSON (`Accept: application/x-ndjson`). */
export function wantsNdjson(accept: string | undefined): boolean {
  return typeof accept === 'string' && accept.toLowerCase().includes(NDJSON);
}

/**
 * Writes NDJSON as it is read, one chunk at a time: when the socket's buffer is full it waits for
 * `drain`, so memory holds one chunk whatever the length of the whole answer. `write` answers
 * false once the client has gone, and the reader stops.
 */
export class NdjsonWriter {
  private gone = false;

  constructor(private readonly res: ServerResponse, headers: Record<string, string> = {}) {
    res.statusCode = 200;
    res.setHeader('Content-Type', `${NDJSON}; charset=utf-8`);
    res.setHeader('Cache-Control', 'no-store');
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    res.on('close', () => { this.gone = true; });
  }

  get open(): boolean {
    return !this.gone && !this.res.destroyed;
  }

  async write(chunk: Buffer | string): Promise<boolean> {
    if (!this.open) return false;
    if (chunk.length === 0) return true;
    if (!this.res.write(chunk)) {
      await new Promise<void>((resolve) => {
        const done = () => { this.res.off('drain', done); this.res.off('close', done); resolve(); };
        this.res.on('drain', done);
        this.res.on('close', done);
      });
    }
    return this.open;
  }

  /** One JSON value per line. */
  writeValues(values: unknown[]): Promise<boolean> {
    return this.write(values.map((v) => `${JSON.stringify(v)}\n`).join(''));
  }

  end(): void {
    if (this.open) this.res.end();
  }

  /** A failure after the first line cannot become a problem+json any more: cut the stream so the client sees it incomplete. */
  abort(error: unknown): void {
    this.res.destroy(error instanceof Error ? error : new Error(String(error)));
  }
}
