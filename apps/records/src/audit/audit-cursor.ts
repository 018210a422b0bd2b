import { RequestValidationError } from '@app/contracts';

/**
 * The opaque paging cursor: the global position of the last index row a page examined. Positions
 * only grow, and the index applies the log in order, so reading on after it never repeats or
 * skips an event, however much the log has grown meanwhile.
 */
export function encodeCursor(position: number): string {
  return Buffer.from(`audit:${position}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string | undefined, field = 'after'): number {
  if (cursor === undefined) return 0;
  const refuse = () => new RequestValidationError([{ field, message: `${field} must be the \`next\` of a previous page` }]);
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(cursor)) throw refuse();
  const match = /^audit:(\d{1,16})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  const position = match ? Number(match[1]) : NaN;
  if (!Number.isSafeInteger(position)) throw refuse();
  return position;
}
