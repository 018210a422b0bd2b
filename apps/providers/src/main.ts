import { runApp } from '@app/platform';
import { ProvidersAppModule } from './providers-app.module';

void runApp({
  service: 'providers',
  title: 'Credential Ledger — providers',
  description: 'Provider registry, achievements and credential lifecycle ingest.',
  module: (env) => ProvidersAppModule.forRoot(env),
  bootstrapAdmin: true,
});
