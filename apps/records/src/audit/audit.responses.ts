import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** OpenAPI shapes of the audit answers (the handlers build plain objects of these shapes). */
export class AuditActor {
  @ApiProperty({ enum: ['admin', 'provider', 'qa-body', 'regulator', 'partner', 'learner', 'system'] }) role!: string;
  @ApiProperty({ description: "the API key id, or the ledger process's name for system events" }) id!: string;
}

export class AuditEventMetadata {
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty({ type: AuditActor }) actor!: AuditActor;
  @ApiPropertyOptional() jurisdiction?: string;
  @ApiProperty() correlationId!: string;
  @ApiPropertyOptional({ description: 'the event (id) that caused this one' }) causationId?: string;
  @ApiProperty({ enum: ['http', 'kafka', 'internal'], description: 'internal: written by the ledger itself (a process reacting to the log)' }) channel!: string;
  @ApiPropertyOptional() sourceEventId?: string;
  @ApiProperty({ format: 'date-time' }) occurredAt!: string;
  @ApiProperty({ format: 'date-time' }) recordedAt!: string;
  @ApiPropertyOptional() requestFingerprint?: string;
  @ApiPropertyOptional({ type: 'integer' }) schemaVersion?: number;
}

const BODY = {
  type: 'object',
  description: "the event's body exactly as stored (older schema versions are not lifted); its shape is the event type's (DESIGN §3). The references the index reads are listed.",
  properties: {
    providerId: { type: 'string' }, qaBodyId: { type: 'string' }, credentialId: { type: 'string', format: 'uuid' }, achievementId: { type: 'string', format: 'uuid' },
    learnerId: { type: 'string', format: 'uuid' }, jurisdiction: { type: 'string' },
  },
  additionalProperties: true,
} as const;

export class AuditItemResponse {
  @ApiProperty({ type: 'integer', description: 'global position (an engine address: on SQLite leafIndex + 1, never rely on it)' }) position!: number;
  @ApiProperty({ type: 'integer', nullable: true, description: 'leaf index in the verifiable log (count of events before it); null while the audit index has not reached it' }) leafIndex!: number | null;
  @ApiProperty() streamId!: string;
  @ApiProperty({ type: 'integer' }) revision!: number;
  @ApiProperty() type!: string;
  @ApiProperty(BODY) data!: Record<string, unknown>;
  @ApiProperty({ type: AuditEventMetadata }) metadata!: AuditEventMetadata;
  @ApiProperty({ type: AuditActor }) actor!: AuditActor;
  @ApiProperty({ enum: ['http', 'kafka', 'internal'] }) channel!: string;
  @ApiProperty() correlationId!: string;
  @ApiProperty({ type: 'string', nullable: true }) causationId!: string | null;
}

export class AuditPageResponse {
  @ApiProperty({ type: [AuditItemResponse] }) items!: AuditItemResponse[];
  @ApiProperty({ description: 'opaque cursor: pass as `after` for the next page (also to poll for events appended later)' }) next!: string;
  @ApiProperty({ description: 'whether the index held more rows after this page when read (false: caught up; poll later with `next`)' }) more!: boolean;
  @ApiProperty({ type: 'integer', description: 'log position the audit index has reached' }) indexedTo!: number;
}

export class AuditStreamResponse {
  @ApiProperty() streamId!: string;
  @ApiProperty({ type: [AuditItemResponse] }) items!: AuditItemResponse[];
  @ApiPropertyOptional({ type: 'integer', description: 'set when the stream holds more than 10,000 events: ask again with fromRevision' }) nextRevision?: number;
}

export class AuditStateResponse {
  @ApiProperty() streamId!: string;
  @ApiProperty({ format: 'date-time' }) asOf!: string;
  @ApiProperty({ type: 'integer', nullable: true, description: 'revision of the last event recorded by asOf; null: the stream did not exist yet' }) revision!: number | null;
  @ApiProperty({ type: [AuditItemResponse] }) events!: AuditItemResponse[];
  @ApiProperty({ type: 'object', nullable: true, additionalProperties: true, properties: { status: { type: 'string' } },
    description: "the state folded from those events with the records context's own evolve (discrepancy, consent, stack, credential view); null where records has none" }) state!: Record<string, unknown> | null;
  @ApiProperty({ type: 'string', nullable: true, description: 'which fold produced `state`' }) foldedWith!: string | null;
}

export const NDJSON_SCHEMA = { type: 'string', description: 'newline-delimited JSON, one value per line, streamed' } as const;
