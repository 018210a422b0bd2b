import { applyDecorators, CallHandler, ExecutionContext, Injectable, NestInterceptor, SetMetadata, UseInterceptors } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiHeader } from '@nestjs/swagger';
import type { Request } from 'express';
import { map, Observable } from 'rxjs';
import { AuthenticatedRequest, httpContext } from '@app/auth';
import { ACCESS_PURPOSES, AccessPurpose, type AuditedRead as ReadKind } from '@app/contracts';
import { AccessEntry, AccessJournal } from './access-journal';
import { parsePurpose, PURPOSE_HEADER } from './access-purpose';

const AUDITED_READ = Symbol('AUDITED_READ');

/** The learners an answer holds data of, by read: the learner that answered, and the one asked for when that differs (a merge). */
function learnersIn(read: ReadKind, req: Request, answer: unknown): Pick<AccessEntry, 'learnerId' | 'askedFor' | 'schemes'>[] {
  const body = (answer ?? {}) as { learnerId?: string; answeredAs?: string; learners?: { learnerId: string }[] };
  if (read === 'lookup') {
    const asked = (req.body as { identifiers?: { scheme?: unknown }[] } | undefined)?.identifiers ?? [];
    const schemes = [...new Set(asked.map((i) => i.scheme).filter((s): s is string => typeof s === 'string'))].sort();
    return (body.learners ?? []).map(({ learnerId }) => ({ learnerId, schemes }));
  }
  const asked = typeof req.params.learnerId === 'string' ? req.params.learnerId : undefined;
  const learnerId = body.answeredAs ?? body.learnerId;
  if (!learnerId) return [];
  return [{ learnerId, ...(asked && asked !== learnerId ? { askedFor: asked } : {}) }];
}

/**
 * Records who read a learner's data (access audit, issue 12 item 2): checks `Ledger-Purpose`
 * before the read, then, once the answer is ready, hands one entry per learner in it to the
 * journal, which writes them off the read path. A learner's own key reading its own data is not
 * recorded (a learner key reaches nothing else); a refused read (4xx) revealed nothing and is not either.
 */
@Injectable()
export class AccessAuditInterceptor implements NestInterceptor {
  constructor(private readonly journal: AccessJournal, private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const read = this.reflector.get<ReadKind>(AUDITED_READ, context.getHandler());
    const req = context.switchToHttp().getRequest<AuthenticatedRequest & Request>();
    const purpose: AccessPurpose = parsePurpose(req.headers[PURPOSE_HEADER.toLowerCase()]);
    const principal = req.principal;
    if (!read || !principal || principal.role === 'learner') return next.handle();
    this.journal.assertAccepting();
    const { actor, correlationId, now: accessedAt } = httpContext(req);
    return next.handle().pipe(
      map((answer) => {
        this.journal.record(learnersIn(read, req, answer).map((l) => ({ ...l, read, purpose, accessedAt, actor, correlationId })));
        return answer;
      }),
    );
  }
}

/** Marks a route as a read of learner data: recorded by the access audit, and documents `Ledger-Purpose`. */
export function AuditedRead(read: ReadKind) {
  return applyDecorators(
    SetMetadata(AUDITED_READ, read),
    UseInterceptors(AccessAuditInterceptor),
    ApiHeader({
      name: PURPOSE_HEADER,
      required: false,
      description: `why the learner's data is read, recorded in the learner's access log (GET /v1/learners/{learnerId}/access-log): one of ${ACCESS_PURPOSES.join(', ')}; recorded as \`unspecified\` when absent`,
    }),
  );
}
