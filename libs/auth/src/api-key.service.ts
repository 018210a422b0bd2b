import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { Actor, ApiKeyIssued, EventTypes, internalEventId, KeyScope, Role, Streams } from '@app/contracts';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { generateApiKey, parseApiKey, secretMatches } from './api-key';
import { Principal } from './principal';

interface KeyState {
  issued?: ApiKeyIssued;
  revoked: boolean;
}

const CACHE_MS = 5_000;

/**
 * Issues and checks API keys. A key's life is events on its own stream `apikey-{keyId}`,
 * so the event store stays the only source of truth; lookups are cached for a few seconds.
 */
@Injectable()
export class ApiKeyService {
  private readonly cache = new Map<string, { state: KeyState; until: number }>();

  constructor(@Inject(EVENT_STORE) private readonly events: EventStore) {}

  async issue(request: { role: Role; scope: KeyScope; label?: string }, actor: Actor, correlationId: string = randomUUID()): Promise<{ keyId: string; apiKey: string }> {
    const { apiKey, keyId, secretHash } = generateApiKey();
    await this.record({ keyId, secretHash, role: request.role, scope: request.scope, label: request.label }, actor, correlationId);
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
    this.cache.delete(issued.keyId);
  }

  async exists(keyId: string): Promise<boolean> {
    return (await this.load(keyId)).issued !== undefined;
  }

  /** The principal for a bearer token, or undefined for an unknown, revoked or malformed key. */
  async authenticate(apiKey: string): Promise<Principal | undefined> {
    const parsed = parseApiKey(apiKey);
    if (!parsed) return undefined;
    const state = await this.load(parsed.keyId);
    if (!state.issued || state.revoked || !secretMatches(parsed.secret, state.issued.secretHash)) return undefined;
    return { keyId: parsed.keyId, role: state.issued.role, scope: state.issued.scope };
  }

  private async load(keyId: string): Promise<KeyState> {
    const hit = this.cache.get(keyId);
    if (hit && hit.until > Date.now()) return hit.state;
    const state: KeyState = { revoked: false };
    for (const e of await this.events.readStream(Streams.apiKey(keyId))) {
      if (e.type === EventTypes.ApiKeyIssued) state.issued = e.data as ApiKeyIssued;
      if (e.type === EventTypes.ApiKeyRevoked) state.revoked = true;
    }
    // Unknown keys are not cached, so a key is usable the moment it is issued by another process.
    if (state.issued) this.cache.set(keyId, { state, until: Date.now() + CACHE_MS });
    return state;
  }
}
