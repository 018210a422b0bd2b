/** Kafka topic names: part of the public contract (README, Over Kafka). */
export const Topics = {
  providerEvents: 'provider.events.v1',
  providerEventOutcomes: 'provider.events.outcomes.v1',
  ledgerEvents: 'ledger.events.v1',
  ledgerCheckpoints: 'ledger.checkpoints.v1',
  partnerFeed: (partnerId: string) => `feed.${partnerId}.v1`,
} as const;
