import { runApp } from '@app/platform';
import { QualityAssuranceAppModule } from './quality-assurance-app.module';

void runApp({
  service: 'quality-assurance',
  title: 'Credential Ledger — quality assurance',
  description: 'QA bodies, accreditations and approvals.',
  module: (env) => QualityAssuranceAppModule.forRoot(env),
  bootstrapAdmin: false,
});
