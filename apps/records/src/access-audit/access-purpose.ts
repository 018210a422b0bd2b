import { ACCESS_PURPOSES, AccessPurpose, UNSPECIFIED_PURPOSE } from '@app/contracts';
import { RequestValidationError } from '@app/platform';

/** The request header that says why a learner's data is read. */
export const PURPOSE_HEADER = 'Ledger-Purpose';
/** Longer than any purpose token: refused as too long before it is compared with the list. */
export const MAX_PURPOSE_LENGTH = 32;

const KNOWN: ReadonlySet<string> = new Set(ACCESS_PURPOSES);

/**
 * The purpose a read is recorded under: one token of ACCESS_PURPOSES (case-insensitive), or
 * `unspecified` when the header is absent. Anything else is a 400 naming the header, before
 * anything is read or recorded.
 */
export function parsePurpose(header: string | string[] | undefined): AccessPurpose {
  if (header === undefined) return UNSPECIFIED_PURPOSE;
  const refuse = (message: string) => new RequestValidationError([{ field: PURPOSE_HEADER, message }]);
  if (Array.isArray(header)) throw refuse(`${PURPOSE_HEADER} must be sent once`);
  const value = header.trim().toLowerCase();
  if (value.length > MAX_PURPOSE_LENGTH) throw refuse(`${PURPOSE_HEADER} must be at most ${MAX_PURPOSE_LENGTH} characters`);
  if (!KNOWN.has(value)) throw refuse(`${PURPOSE_HEADER} must be one of ${ACCESS_PURPOSES.join(', ')}`);
  return value as AccessPurpose;
}
