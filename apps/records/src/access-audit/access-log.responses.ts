import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ACCESS_PURPOSES, AUDITED_READS, UNSPECIFIED_PURPOSE } from '@app/contracts';

export class AccessorWire {
  @ApiProperty({ example: 'regulator' }) role!: string;
  @ApiProperty({ description: 'the id of the API key used (never the key itself)', example: 'k_3f2a…' }) keyId!: string;
}

export class AccessLogEntryWire {
  @ApiProperty({ format: 'uuid', description: 'the LearnerRecordAccessed event' }) eventId!: string;
  @ApiProperty({ example: '2026-11-29T10:00:00.000Z', description: 'when the data was read' }) accessedAt!: string;
  @ApiProperty({ type: AccessorWire, description: 'who read it' }) by!: AccessorWire;
  @ApiProperty({ enum: [...ACCESS_PURPOSES, UNSPECIFIED_PURPOSE], description: 'the Ledger-Purpose the reader gave' }) purpose!: string;
  @ApiProperty({ enum: AUDITED_READS, description: 'what was read: the record, stacks, consents, or a lookup that found the learner' }) read!: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'the learner id asked for, when it answered as this learner (merged)' }) askedFor?: string;
  @ApiPropertyOptional({ type: [String], description: 'for a lookup: the identifier schemes asked about (never the values)' }) schemes?: string[];
  @ApiProperty({ description: 'the correlation id of the read (X-Correlation-Id)' }) correlationId!: string;
  @ApiProperty({ description: 'log position of the entry' }) position!: number;
}

export class AccessLogResponse {
  @ApiProperty({ format: 'uuid' }) learnerId!: string;
  @ApiProperty({ type: [AccessLogEntryWire], description: 'oldest first' }) entries!: AccessLogEntryWire[];
  @ApiPropertyOptional({ description: 'opaque cursor for the next page (`after=`); absent on the last page' }) next?: string;
}
