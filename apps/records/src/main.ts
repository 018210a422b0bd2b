import { runApp } from '@app/platform';
import { RecordsAppModule } from './records-app.module';

void runApp({
  service: 'records',
  title: 'Credential Ledger — records',
  description: 'Read models of the ledger and credential verification.',
  module: (env) => RecordsAppModule.forRoot(env),
  bootstrapAdmin: false,
});
