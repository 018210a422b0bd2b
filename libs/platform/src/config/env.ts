import { join, resolve } from 'node:path';
import { isIP } from 'node:net';
import { plainToInstance } from 'class-transformer';
import { IsIn, IsOptional, IsString, Matches, ValidateBy, validateSync, ValidationOptions } from 'class-validator';
import { flattenValidationErrors } from '@app/contracts';

/** A whole number in [min, max], written in decimal digits only: one message whatever is wrong. */
function IsWholeNumber(min: number, max: number, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy({
    name: 'isWholeNumber',
    validator: {
      validate: (v: unknown) => typeof v === 'string' && /^\d{1,15}$/.test(v) && Number(v) >= min && Number(v) <= max,
      defaultMessage: (args) => `${args?.property} must be a whole number from ${min} to ${max}`,
    },
  }, options);
}

// RFC 1123 host names: dot-separated labels of letters, digits and inner dashes.
const HOSTNAME = /^(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

/** A host name or an IPv4/IPv6 address to listen on (0.0.0.0, ::, localhost, app.internal). */
function IsListenHost(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy({
    name: 'isListenHost',
    validator: {
      validate: (v: unknown) => typeof v === 'string' && (isIP(v) !== 0 || HOSTNAME.test(v)),
      defaultMessage: (args) => `${args?.property} must be a host name or an IP address to listen on, such as 127.0.0.1, 0.0.0.0, :: or localhost`,
    },
  }, options);
}

// Values arrive as strings; numbers are checked as text and converted once validated, so
// `PORT=abc` gets one message instead of "not an integer" plus two contradictory bounds.
class EnvironmentVariables {
  @IsOptional() @IsWholeNumber(0, 65535) PORT?: string;
  @IsOptional() @IsString() DATA_DIR?: string;
  @IsOptional() @Matches(/^(sqlite:.+|(esdb|esdb\+discover|kurrentdb|kurrentdb\+discover|kurrent|postgres|postgresql):\/\/.+)$/, {
    message: 'EVENT_STORE must be sqlite:<file>, esdb://host:port[?tls=false] or postgres://…[?schema=name]',
  })
  EVENT_STORE?: string;
  @IsOptional() @Matches(/^(sqlite:.+|postgres(ql)?:\/\/.+)$/, { message: 'READ_STORE must be sqlite:<file> or postgres://…' })
  READ_STORE?: string;
  @IsOptional() @Matches(/^(memory|kafka:\/\/[^,\s]+(,[^,\s]+)*)$/, { message: 'BUS must be memory or kafka://host:port[,host:port]' })
  BUS?: string;
  @IsOptional() @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']) LOG_LEVEL?: string;
  @IsOptional() @Matches(/^[0-9a-fA-F]{64,}$/, { message: 'LEDGER_PEPPER must be at least 32 bytes as hex' }) LEDGER_PEPPER?: string;
  @IsOptional() @Matches(/^\d+(kb|mb)$/, { message: 'MAX_BODY must look like 512kb or 4mb' }) MAX_BODY?: string;
  @IsOptional() @IsWholeNumber(1, 1_000_000_000) RATE_LIMIT_PER_MINUTE?: string;
  @IsOptional() @IsWholeNumber(1, 1_000_000_000) AUTH_FAILURES_PER_MINUTE?: string;
  @IsOptional() @IsListenHost() HOST?: string;
  @IsOptional() @IsIn(['auto', 'on', 'off']) RELAY?: string;
  @IsOptional() @IsIn(['on', 'off']) RAISE_DISCREPANCIES?: string;
  @IsOptional() @IsWholeNumber(100, 2_147_483_647) EXPIRY_INTERVAL_MS?: string;
  @IsOptional() @Matches(/^sqlite:.+$/, { message: 'VAULT must be sqlite:<file>' }) VAULT?: string;
  @IsOptional() @Matches(/^[0-9a-fA-F]{64}$/, { message: 'LEDGER_VAULT_KEY must be 32 bytes as hex' }) LEDGER_VAULT_KEY?: string;
  @IsOptional() @Matches(/^PRIVATE\+KEY\+[^\s+]{1,255}\+[0-9a-f]{8}\+[A-Za-z0-9+/]+=*$/, { message: 'LEDGER_NOTE_KEY must be a signed-note signer key: PRIVATE+KEY+<name>+<hex id>+<base64>' })
  LEDGER_NOTE_KEY?: string;
  @IsOptional() @Matches(/^[\x21-\x2a\x2c-\x7e]{1,255}$/, { message: 'LEDGER_ORIGIN must be 1-255 printable ASCII characters without spaces or +, such as ledger.example.org/prod' })
  LEDGER_ORIGIN?: string;
  @IsOptional() @IsWholeNumber(1, 1_000_000_000) LEDGER_CHECKPOINT_EVERY?: string;
  @IsOptional() @IsWholeNumber(100, 86_400_000) LEDGER_CHECKPOINT_INTERVAL_MS?: string;
}

/** Configuration after validation and defaults; the only way code reads the environment. */
export interface LedgerEnv {
  port: number;
  dataDir: string;
  eventStore: string;
  readStore: string;
  bus: string;
  logLevel: string;
  pepper?: string;
  maxBody: string;
  rateLimitPerMinute: number;
  /** Failed authentications allowed per client address and minute before it gets 429. */
  authFailuresPerMinute: number;
  host: string;
  /** Publishing the log to ledger.events.v1: `auto` does it whenever the bus is not in-process. */
  relay: 'auto' | 'on' | 'off';
  /** Records raising discrepancies from the standing judgements on its own (DiscrepancyRaised events). */
  raiseDiscrepancies: 'on' | 'off';
  /** How often the expiry scheduler looks for credentials whose validUntil passed. */
  expiryIntervalMs: number;
  /** Where per-learner data keys live, outside the event log. */
  vault: string;
  vaultKey?: string;
  /** The verifiable log's Ed25519 note key (signer key text); absent, one is created in DATA_DIR. */
  noteKey?: string;
  /** The origin line of the log's checkpoints; absent, the note key's name. */
  origin?: string;
  /** A checkpoint is signed once the log grew by this many events... */
  checkpointEvery: number;
  /** ...or this often when it grew at all. */
  checkpointIntervalMs: number;
}

export class InvalidConfigurationError extends Error {}

/** Validates the environment once at boot; names every bad variable. */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): LedgerEnv {
  const raw = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const env = plainToInstance(EnvironmentVariables, raw, { enableImplicitConversion: false });
  const errors = validateSync(env, { skipMissingProperties: false });
  if (errors.length) {
    const lines = flattenValidationErrors(errors).map((e) => `  ${e.field}: ${e.message}`);
    throw new InvalidConfigurationError(`invalid configuration:\n${lines.join('\n')}`);
  }
  const dataDir = resolve(env.DATA_DIR ?? './data');
  return {
    port: env.PORT !== undefined ? Number(env.PORT) : 3000,
    dataDir,
    eventStore: env.EVENT_STORE ?? `sqlite:${join(dataDir, 'events.db')}`,
    readStore: env.READ_STORE ?? `sqlite:${join(dataDir, 'read.db')}`,
    bus: env.BUS ?? 'memory',
    logLevel: env.LOG_LEVEL ?? 'info',
    pepper: env.LEDGER_PEPPER,
    maxBody: env.MAX_BODY ?? '4mb',
    rateLimitPerMinute: env.RATE_LIMIT_PER_MINUTE !== undefined ? Number(env.RATE_LIMIT_PER_MINUTE) : 6000,
    authFailuresPerMinute: env.AUTH_FAILURES_PER_MINUTE !== undefined ? Number(env.AUTH_FAILURES_PER_MINUTE) : 60,
    host: env.HOST ?? '127.0.0.1',
    relay: (env.RELAY ?? 'auto') as LedgerEnv['relay'],
    raiseDiscrepancies: (env.RAISE_DISCREPANCIES ?? 'on') as LedgerEnv['raiseDiscrepancies'],
    expiryIntervalMs: env.EXPIRY_INTERVAL_MS !== undefined ? Number(env.EXPIRY_INTERVAL_MS) : 30_000,
    vault: env.VAULT ?? `sqlite:${join(dataDir, 'vault.db')}`,
    vaultKey: env.LEDGER_VAULT_KEY,
    noteKey: env.LEDGER_NOTE_KEY,
    origin: env.LEDGER_ORIGIN,
    checkpointEvery: env.LEDGER_CHECKPOINT_EVERY !== undefined ? Number(env.LEDGER_CHECKPOINT_EVERY) : 10_000,
    checkpointIntervalMs: env.LEDGER_CHECKPOINT_INTERVAL_MS !== undefined ? Number(env.LEDGER_CHECKPOINT_INTERVAL_MS) : 10_000,
  };
}
