import { Command } from '@nestjs/cqrs';
import { RequestContext } from '@app/contracts';

export class PublishPolicyCommand extends Command<{ version: string; published: boolean; position?: number }> {
  constructor(readonly jurisdiction: string, readonly ctx: RequestContext) {
    super();
  }
}
