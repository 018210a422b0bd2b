import { Injectable, PipeTransform } from '@nestjs/common';
import { PROVIDER_ID_PATTERN } from '@app/contracts';
import { RequestValidationError } from '@app/platform';

/** Validates the `providerId` path parameter, naming it in the problem. */
@Injectable()
export class ProviderIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!PROVIDER_ID_PATTERN.test(value)) throw new RequestValidationError([{ field: 'providerId', message: 'providerId must be a lower-case slug of 2-63 letters, digits or dashes' }]);
    return value;
  }
}
