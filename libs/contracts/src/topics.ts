/** Kafka topic names: part of the public contract (README, Over Kafka). */
export const Topics = {
  providerEvents: 'provider.events.v1',
  providerEventOutcomes: 'provider.events.outcomes.v1',
  /** Messages of provider.events.v1 that ingest could not process at all, with the error in `dlq-*` headers. */
  providerEventsDeadLetter: 'provider.events.dlq.v1',
  /** INTERNAL: the ledger's own services only (README, Kafka); restrict it with ACLs. */
  ledgerEvents: 'ledger.events.v1',
  ledgerCheckpoints: 'ledger.checkpoints.v1',
  partnerFeed: (partnerId: string) => `feed.${partnerId}.v1`,
} as const;
