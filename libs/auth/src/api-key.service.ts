import { createHash, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { Actor, ApiKeyIssued, EventTypes, internalEventId, KeyScope, RequestContext, Role, Streams } from '@app/contracts';
import { decideOnStream, EVENT_STORE, EventStore, fold } from '@app/event-store';
import { generateApiKey, parseApiKey, secretMatches } from './api-key';
import { apiKeyDecider } from './api-key.decider';
import { apiKeyStatus, ApiKeyState, evolveApiKey, initialApiKeyState } from './api-key.state';
import { Principal } from './principal';

/** How many verified tokens are remembered before the memory is cleared (each entry is a token and a key state). */
const MAX_VERIFIED_TOKENS = 10_000;

type IssuedKeyState = ApiKeyState & { issued: ApiKeyIssued };

/** Why a bearer token was refused; `revoked` and `expired` are only told to a caller who holds the secret. */
export type AuthFailure = 'invalid' | 'revoked' | 'expired';

export type AuthResult = { ok: true; principal: Principal } | { ok: false; failure: AuthFailure; message: string };

/**
 * Issues, revokes, rotates and checks API keys. A key's life is events on its own stream
 * `apikey-{keyId}`, so the event store stays the only source of truth.
 *
 * Processes that share the event store must see a revocation at once, so a cached key state
 * is used only while the global log has not moved since it was read: one cheap head read per
 * request instead of a stream read, and any append anywhere (a revocation included) forces a
 * fresh read of the key's stream. A token whose secret was verified against that state is kept
 * too, under the same condition: while the head has not moved, the same token is not parsed or
 * hashed again (only its expiry is checked against the clock), so a revocation, here or in any
 * process sharing the store, still refuses the very next request.
 */
@Injectable()
export class ApiKeyService {
  private readonly cache = new Map<string, { state: ApiKeyState; head: number }>();
  /**
   * Tokens whose secret matched the key state read at `head`, by a SHA-256 digest of the token:
   * the process keeps no bearer secret in memory. Bounded: cleared when full.
   */
  private readonly verified = new Map<string, { keyId: string; state: IssuedKeyState; head: number }>();

  constructor(@Inject(EVENT_STORE) private readonly events: EventStore) {}

  async issue(
    request: { role: Role; scope: KeyScope; label?: string; rotatedFrom?: string },
    actor: Actor,
    correlationId: string = randomUUID(),
  ): Promise<{ keyId: string; apiKey: string }> {
    const { apiKey, keyId, secretHash } = generateApiKey();
    const { role, scope, label, rotatedFrom } = request;
    await this.record({ keyId, secretHash, role, scope, ...(label !== undefined ? { label } : {}), ...(rotatedFrom ? { rotatedFrom } : {}) }, actor, correlationId);
    return { keyId, apiKey };
  }

  /** Stores an already generated key (the bootstrap admin key written to disk). */
  async record(issued: ApiKeyIssued, actor: Actor, correlationId: string = randomUUID()): Promise<void> {
    const now = new Date().toISOString();
    await this.events.append({
      streamId: Streams.apiKey(issued.keyId),
      expectedRevision: 'no-stream',
      events: [
        {
          type: EventTypes.ApiKeyIssued,
          data: issued,
          metadata: { eventId: internalEventId('api-key', issued.keyId), actor, correlationId, channel: 'http', occurredAt: now, recordedAt: now },
        },
      ],
    });
  }

  /** The key's state as the event store has it now. */
  async state(keyId: string): Promise<ApiKeyState> {
    return fold(await this.events.readStream(Streams.apiKey(keyId)), evolveApiKey, initialApiKeyState).state;
  }

  /** Revokes a key; a second revocation changes nothing. Resolves with the key's state afterwards. */
  async revoke(keyId: string, reason: string, ctx: RequestContext, by: string): Promise<{ state: ApiKeyState; changed: boolean }> {
    const decided = await decideOnStream(this.events, Streams.apiKey(keyId), apiKeyDecider, { type: 'RevokeApiKey', keyId, reason, by }, ctx, {
      eventId: internalEventId('api-key-revoked', keyId),
    });
    return { state: await this.state(keyId), changed: decided.events.length > 0 };
  }

  /**
   * Replaces a key with a new one of the same role and scope; the old key works until
   * `validUntil`. The old key's stream is written first (with its expected revision, so a
   * racing revocation wins): a crash before the new key is stored leaves a rotation that can
   * simply be repeated, never a second live key nobody asked for.
   */
  async rotate(keyId: string, validUntil: string, ctx: RequestContext, label?: string): Promise<{ keyId: string; apiKey: string; role: Role; scope: KeyScope; validUntil: string }> {
    const { apiKey, keyId: newKeyId, secretHash } = generateApiKey();
    const decided = await decideOnStream(
      this.events, Streams.apiKey(keyId), apiKeyDecider,
      { type: 'RotateApiKey', keyId, replacedBy: newKeyId, validUntil, now: Date.parse(ctx.now) },
      ctx, { eventId: internalEventId('api-key-rotated', `${keyId}/${newKeyId}`) },
    );
    const old = decided.events.reduce(evolveApiKey, decided.state);
    const issued = old.issued!;
    const newLabel = label ?? issued.label;
    await this.record(
      { keyId: newKeyId, secretHash, role: issued.role, scope: issued.scope, ...(newLabel !== undefined ? { label: newLabel } : {}), rotatedFrom: keyId },
      ctx.actor, ctx.correlationId,
    );
    return { keyId: newKeyId, apiKey, role: issued.role, scope: issued.scope, validUntil: old.validUntil! };
  }

  /** The principal for a bearer token, or undefined for an unknown, revoked, expired or malformed key. */
  async authenticate(apiKey: string): Promise<Principal | undefined> {
    const result = await this.check(apiKey);
    return result.ok ? result.principal : undefined;
  }

  async check(apiKey: string, now: number = Date.now()): Promise<AuthResult> {
    // Read the head first, as load() does: whatever is appended after this read moves the head.
    const head = await this.events.headPosition();
    const token = createHash('sha256').update(apiKey).digest('base64');
    const known = this.verified.get(token);
    if (known && known.head === head) return this.judge(known.keyId, known.state, now);
    const invalid: AuthResult = { ok: false, failure: 'invalid', message: 'the API key is unknown or invalid' };
    const parsed = parseApiKey(apiKey);
    if (!parsed) return invalid;
    const state = await this.load(parsed.keyId, head);
    if (!state.issued || !secretMatches(parsed.secret, state.issued.secretHash)) {
      this.verified.delete(token);
      return invalid;
    }
    const issued = state as IssuedKeyState;
    if (this.verified.size >= MAX_VERIFIED_TOKENS) this.verified.clear();
    this.verified.set(token, { keyId: parsed.keyId, state: issued, head });
    return this.judge(parsed.keyId, issued, now);
  }

  /** Where a key whose secret matched stands at `now`. */
  private judge(keyId: string, state: IssuedKeyState, now: number): AuthResult {
    const status = apiKeyStatus(state, now);
    if (status === 'revoked') return { ok: false, failure: 'revoked', message: 'the API key was revoked' };
    if (status === 'expired') return { ok: false, failure: 'expired', message: `the API key expired at ${state.validUntil}; use the key that replaced it` };
    return { ok: true, principal: { keyId, role: state.issued.role, scope: state.issued.scope } };
  }

  /** The key's state, valid while the log's head is still `head` (read before the stream). */
  private async load(keyId: string, head: number): Promise<ApiKeyState> {
    const hit = this.cache.get(keyId);
    if (hit && hit.head === head) return hit.state;
    const state = await this.state(keyId);
    // Only issued keys are kept, so made-up key ids cannot grow the cache.
    if (state.issued) this.cache.set(keyId, { state, head });
    else this.cache.delete(keyId);
    return state;
  }
}
