import { RequestValidationError } from '@app/platform';

/** Opaque to clients: the log position of the last entry of a page, so paging never repeats or skips one. */
export function encodeCursor(position: number): string {
  return Buffer.from(`al1:${position}`).toString('base64url');
}

/** 0 when absent; a 400 naming `after` for anything this ledger did not hand out. */
export function decodeCursor(after: string | undefined): number {
  if (after === undefined) return 0;
  const match = /^al1:(\d{1,15})$/.exec(/^[A-Za-z0-9_-]{1,40}$/.test(after) ? Buffer.from(after, 'base64url').toString() : '');
  if (!match) throw new RequestValidationError([{ field: 'after', message: 'after must be a cursor from a previous page (`next`)' }]);
  return Number(match[1]);
}
