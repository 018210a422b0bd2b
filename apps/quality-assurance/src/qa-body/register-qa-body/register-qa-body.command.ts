import { Command } from '@nestjs/cqrs';
import { RequestContext } from '@app/contracts';

export class RegisterQaBodyCommand extends Command<{ created: boolean; position?: number }> {
  constructor(
    readonly body: { qaBodyId: string; name: string; jurisdictions: string[]; frameworks: string[] },
    readonly ctx: RequestContext,
  ) {
    super();
  }
}
