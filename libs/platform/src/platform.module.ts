import { DynamicModule, Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import { AuthModule } from '@app/auth';
import { LedgerEnv } from './config/env';
import { LEDGER_ENV } from './config/env.tokens';
import { HealthController } from './health/health.controller';
import { LedgerStatus } from './health/ledger-status';
import { AccessGuard } from './http/access.guard';
import { AccessLimits } from './http/access-limits';
import { BodyGate } from './http/body-gate';
import { createLedgerLogger, LEDGER_LOGGER } from './http/access-log';
import { RawBodyTaps } from './http/raw-body-taps';
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
    const logger = createLedgerLogger(env.logLevel, service);
    return {
      module: PlatformModule,
      imports: [
        // nestjs-pino only carries Nest's own log calls to the logger: its per-request middleware
        // (pino-http in an AsyncLocalStorage scope) is replaced by accessLogMiddleware, installed by createHttpApp.
        LoggerModule.forRoot({ pinoHttp: { logger }, forRoutes: [] }),
        AuthModule,
      ],
      controllers: [HealthController, MetricsController],
      providers: [
        { provide: LEDGER_ENV, useValue: env },
        { provide: LEDGER_LOGGER, useValue: logger },
        { provide: LedgerMetrics, useValue: new LedgerMetrics(service) },
        // The only global guard: it authenticates, then applies rate limits (see AccessGuard).
        { provide: APP_GUARD, useClass: AccessGuard },
        AccessLimits,
        BodyGate,
        LedgerStatus,
        RawBodyTaps,
      ],
      exports: [LEDGER_ENV, LEDGER_LOGGER, LedgerMetrics, LedgerStatus, RawBodyTaps, BodyGate],
    };
  }
}
