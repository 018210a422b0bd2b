import { Controller, Get, HttpCode, Post, Query, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString } from 'class-validator';
import type { Request, Response } from 'express';
import { ForbiddenError, Principal, Public, Roles } from '@app/auth';
import { NotFoundError, RequestContext, RequestValidationError } from '@app/contracts';
import { parseTilePath } from '@app/ledger-crypto';
import { ApiKeyAuth, ApiProblems, Ctx } from '@app/platform';
import { CheckpointSigner } from './checkpoint-signer';
import { LedgerProofs } from './ledger-proofs';
import { BINARY_CONTENT, CheckpointResponse, ConsistencyProofAnswer, InclusionProofAnswer, TEXT_CONTENT } from './ledger-log.responses';

export class InclusionQuery {
  @ApiPropertyOptional({ description: 'leaf index (0-based position in the global log), below treeSize', example: '0' }) @IsOptional() @IsString() index?: string;
  @ApiPropertyOptional({ description: 'size of a signed checkpoint; the latest when left out' }) @IsOptional() @IsString() treeSize?: string;
}

export class ConsistencyQuery {
  @ApiPropertyOptional({ description: 'the older tree size, 1 to `to`' }) @IsOptional() @IsString() from?: string;
  @ApiPropertyOptional({ description: 'size of a signed checkpoint; the latest when left out' }) @IsOptional() @IsString() to?: string;
}

const WHOLE = /^(0|[1-9][0-9]{0,15})$/;

/** A whole number in the query, or a 400 naming it. */
function whole(value: string | undefined, field: string, required: boolean, min = 0): number | undefined {
  if (value === undefined) {
    if (required) throw new RequestValidationError([{ field, message: `${field} is required` }]);
    return undefined;
  }
  const n = Number(value);
  if (!WHOLE.test(value) || !Number.isSafeInteger(n) || n < min) throw new RequestValidationError([{ field, message: `${field} must be a whole number from ${min}` }]);
  return n;
}

const TEXT = 'text/plain; charset=utf-8';

/**
 * The verifiable log (C2SP tlog-checkpoint, tlog-tiles, RFC 9162 proofs). The checkpoint, the
 * verifier key, hash tiles and proofs are public: they reveal hashes and tree sizes only, and
 * anyone must be able to check the log without an account (witnesses, mirrors, relying
 * parties); they are rate-limited per address. Entry bundles hold event bodies: admin, or a
 * regulator whose key is not limited to some jurisdictions (a bundle mixes all of them).
 */
@ApiTags('ledger')
@Controller('v1/ledger')
export class LedgerLogController {
  constructor(
    private readonly proofs: LedgerProofs,
    private readonly signer: CheckpointSigner,
  ) {}

  @Public()
  @Get('checkpoint')
  @ApiProduces(TEXT)
  @ApiOkResponse({ description: 'C2SP tlog-checkpoint signed note', content: TEXT_CONTENT })
  @ApiProblems(404)
  @ApiOperation({ summary: 'The latest signed checkpoint (C2SP tlog-checkpoint signed note): origin, tree size, root hash, Ed25519 signature. Public.', security: [] })
  async checkpoint(@Res() res: Response) {
    const latest = await this.proofs.latest();
    res.status(200).type(TEXT).setHeader('Cache-Control', 'no-cache').send(latest.note);
  }

  @Public()
  @Get('key')
  @ApiProduces(TEXT)
  @ApiOkResponse({ description: 'signed-note verifier key', content: TEXT_CONTENT })
  @ApiOperation({ summary: "The ledger's verifier key in the signed-note text form <name>+<hex key id>+<base64 key>. Public.", security: [] })
  key(@Res() res: Response) {
    res.status(200).type(TEXT).send(`${this.signer.key.verifierKey}\n`);
  }

  @ApiKeyAuth()
  @Roles('admin')
  @Post('checkpoints')
  @HttpCode(200)
  @ApiOkResponse({ type: CheckpointResponse })
  @ApiProblems(403, 503)
  @ApiOperation({ summary: 'Sign a checkpoint now (admin): waits for the tree to reach the log head, signs it unless the latest checkpoint covers every event but checkpoints (then answers that one)' })
  async sign(@Ctx() ctx: RequestContext & { principal: Principal }) {
    const { principal: _principal, ...context } = ctx;
    return this.signer.signNow(context);
  }

  @Public()
  @Get('proofs/inclusion')
  @ApiOkResponse({ type: InclusionProofAnswer })
  @ApiProblems(400, 404)
  @ApiOperation({ summary: 'RFC 9162 inclusion proof of leaf `index` in the tree of a signed checkpoint (hashes base64), verified against it before it is served. Public.', security: [] })
  inclusion(@Query() query: InclusionQuery) {
    const index = whole(query.index, 'index', true)!;
    const treeSize = whole(query.treeSize, 'treeSize', false, 1);
    if (treeSize !== undefined && index >= treeSize) throw new RequestValidationError([{ field: 'index', message: 'index must be below treeSize' }]);
    return this.proofs.inclusion(index, treeSize);
  }

  @Public()
  @Get('proofs/consistency')
  @ApiOkResponse({ type: ConsistencyProofAnswer })
  @ApiProblems(400, 404)
  @ApiOperation({ summary: 'RFC 9162 consistency proof from tree size `from` to a signed checkpoint `to` (hashes base64), verified before it is served. Public.', security: [] })
  consistency(@Query() query: ConsistencyQuery) {
    const from = whole(query.from, 'from', true, 1)!;
    const to = whole(query.to, 'to', false, 1);
    if (to !== undefined && from > to) throw new RequestValidationError([{ field: 'from', message: 'from must not exceed to' }]);
    return this.proofs.consistency(from, to);
  }

  // Declared before tile/*path so that entry bundles match here, behind a key.
  @ApiKeyAuth()
  @Roles('admin', 'regulator')
  @Get('tile/entries/*path')
  @ApiProduces('application/octet-stream')
  @ApiOkResponse({ description: 'C2SP tlog-tiles entry bundle: big-endian uint16 length + leaf input (RFC 8785 canonical JSON of the event as stored), per leaf', content: BINARY_CONTENT })
  @ApiProblems(401, 403, 404)
  @ApiOperation({ summary: 'Entry bundle tile/entries/<N>[.p/<W>] within the latest checkpoint: event bodies, so admin or a regulator not limited to jurisdictions' })
  async entries(@Req() req: Request & { principal?: Principal }, @Res() res: Response) {
    this.mayReadEntries(req);
    const parsed = parseTilePath(tilePathOf(req));
    if (parsed?.kind !== 'entries') throw new NotFoundError('tile', 'LEDGER_LOG.NO_SUCH_TILE');
    send(res, await this.proofs.entries(parsed.bundle), parsed.bundle.width);
  }

  @Public()
  @Get('tile/*path')
  @ApiProduces('application/octet-stream')
  @ApiOkResponse({ description: 'C2SP tlog-tiles hash tile tile/<L>/<N>[.p/<W>]: the concatenated 32-byte hashes of tree level 8·L', content: BINARY_CONTENT })
  @ApiProblems(404)
  @ApiOperation({ summary: 'Hash tile within the latest checkpoint (404 beyond it). Public.', security: [] })
  async tile(@Req() req: Request, @Res() res: Response) {
    const parsed = parseTilePath(tilePathOf(req));
    if (parsed?.kind !== 'tile') throw new NotFoundError('tile', 'LEDGER_LOG.NO_SUCH_TILE');
    send(res, await this.proofs.tile(parsed.tile), parsed.tile.width);
  }

  /** Bundles mix every jurisdiction's events: a regulator limited to some may not read them. */
  private mayReadEntries(req: Request & { principal?: Principal }): void {
    const principal = req.principal;
    if (!principal) throw new ForbiddenError();
    const regulatorOfAll = principal.role === 'regulator' && !(principal.scope.jurisdictions?.length);
    if (principal.role !== 'admin' && !regulatorOfAll) throw new ForbiddenError();
  }
}

function tilePathOf(req: Request): string {
  return req.path.slice(req.path.indexOf('/tile/') + 1);
}

function send(res: Response, body: Buffer | undefined, width: number): void {
  if (!body) throw new NotFoundError('tile', 'LEDGER_LOG.NO_SUCH_TILE');
  // A full tile never changes; a partial one is replaced by a wider one as the log grows.
  res.status(200).type('application/octet-stream').setHeader('Cache-Control', width === 256 ? 'public, max-age=31536000, immutable' : 'no-cache').send(body);
}
