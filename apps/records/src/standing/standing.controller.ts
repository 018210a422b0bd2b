import { Controller, Get, Inject, Param, ParseUUIDPipe } from '@nestjs/common';
import { IQueryHandler, Query, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CredentialStandingResponse, NotFoundError } from '@app/contracts';
import { ApiKeyAuth, ApiProblems, RequestValidationError } from '@app/platform';
import { READ_STORE, ReadStore } from '@app/read-store';
import { RecordsProjections } from '../credentials/records-projections.service';
import { CredentialStandingView, StandingCollections, standingHistory } from './standing.projection';

export class GetStandingQuery extends Query<CredentialStandingResponse> {
  constructor(readonly credentialId: string) {
    super();
  }
}

@QueryHandler(GetStandingQuery)
export class GetStandingHandler implements IQueryHandler<GetStandingQuery> {
  constructor(@Inject(READ_STORE) private readonly reads: ReadStore, private readonly projections: RecordsProjections) {}

  async execute({ credentialId }: GetStandingQuery): Promise<CredentialStandingResponse> {
    const ledgerPosition = this.projections.runner.caughtUpTo;
    const view = await this.reads.get<CredentialStandingView>(StandingCollections.standings, credentialId);
    if (!view) throw new NotFoundError('credential');
    return { credentialId, issuedAt: view.issuedAt, standing: view.standing, history: standingHistory(view), ledgerPosition };
  }
}

const uuid = new ParseUUIDPipe({ exceptionFactory: () => new RequestValidationError([{ field: 'credentialId', message: 'credentialId must be a UUID' }]) });

@ApiTags('records')
@ApiKeyAuth()
@Controller('v1/credentials')
export class StandingController {
  constructor(private readonly queries: QueryBus) {}

  /** Open to every authenticated role, as verification is: standing holds no personal data. */
  @ApiOkResponse({ type: CredentialStandingResponse })
  @ApiProblems(400, 404)
  @Get(':credentialId/standing')
  @ApiOperation({ summary: "A credential's standing at issue (accreditation, approval, policy) and every change of that judgement" })
  standing(@Param('credentialId', uuid) credentialId: string) {
    return this.queries.execute(new GetStandingQuery(credentialId));
  }
}
