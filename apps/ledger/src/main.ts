import { runApp } from '@app/platform';
import { LedgerModule } from './ledger.module';

void runApp({
  service: 'ledger',
  title: 'Credential Ledger',
  description: 'Event-sourced, multi-provider credential ledger: providers, quality assurance and records in one process.',
  module: (env) => LedgerModule.forRoot(env),
  bootstrapAdmin: true,
});
