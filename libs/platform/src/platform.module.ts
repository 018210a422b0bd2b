import { DynamicModule, Global, Module } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import { AuthModule } from '@app/auth';
import { LedgerEnv } from './config/env';
import { LEDGER_ENV } from './config/env.tokens';
import { HealthController } from './health/health.controller';
import { LedgerStatus } from './health/ledger-status';
import { AccessGuard } from './http/access.guard';
import { AccessLimits } from './http/access-limits';
import { BodyGate } from './http/body-gate';
import { RawBodyTaps } from './http/raw-body-taps';
import { HttpMetricsInterceptor } from './metrics/http-metrics.interceptor';
import { LedgerMetrics } from './metrics/metrics';
import { MetricsController } from './metrics/metrics.controller';

/**
 * What every app stands on: validated configuration, structured logs, authentication on every
 * route, rate limits, health, Prometheus metrics. The engines are not here: each app wires the
 * ones it uses (see AppEngines), and health reports only those. API keys live in the event
 * store, so every app wires one.
 */
@Global()
@Module({})
export class PlatformModule {
  static forRoot(env: LedgerEnv, service: string): DynamicModule {
    return {
      module: PlatformModule,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: {
            level: env.logLevel,
            base: { service },
            redact: ['req.headers.authorization', 'req.headers.cookie'],
            autoLogging: { ignore: (req) => req.url === '/health' },
          },
        }),
        AuthModule,
      ],
      controllers: [HealthController, MetricsController],
      providers: [
        { provide: LEDGER_ENV, useValue: env },
        { provide: LedgerMetrics, useValue: new LedgerMetrics(service) },
        // The only global guard: it authenticates, then applies rate limits (see AccessGuard).
        { provide: APP_GUARD, useClass: AccessGuard },
        AccessLimits,
        BodyGate,
        { provide: APP_INTERCEPTOR, useClass: HttpMetricsInterceptor },
        LedgerStatus,
        RawBodyTaps,
      ],
      exports: [LEDGER_ENV, LedgerMetrics, LedgerStatus, RawBodyTaps, BodyGate],
    };
  }
}
