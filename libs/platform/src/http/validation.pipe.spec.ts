import { IsInt, IsOptional, IsString } from 'class-validator';
import { LedgerValidationPipe } from './validation.pipe';

class OptionalQuery {
  @IsOptional() @IsString() asOf?: string;
}
class RequiredQuery {
  @IsInt() limit!: number;
}

describe('LedgerValidationPipe', () => {
  const pipe = new LedgerValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true });
  const query = (metatype: new () => unknown) => ({ type: 'query' as const, metatype });

  it('answers an empty query with a fresh instance of the class, again and again', async () => {
    const first = await pipe.transform({}, query(OptionalQuery));
    const second = await pipe.transform({}, query(OptionalQuery));
    expect(first).toBeInstanceOf(OptionalQuery);
    expect(second).toBeInstanceOf(OptionalQuery);
    expect(second).not.toBe(first);
  });

  it('still refuses an empty query when the class requires a parameter', async () => {
    await expect(pipe.transform({}, query(RequiredQuery))).rejects.toThrow();
    await expect(pipe.transform({}, query(RequiredQuery))).rejects.toThrow();
  });

  it('still validates a query with parameters, unknown ones included', async () => {
    await pipe.transform({}, query(OptionalQuery));
    await expect(pipe.transform({ other: 'x' }, query(OptionalQuery))).rejects.toThrow();
    await expect(pipe.transform({ asOf: 'now' }, query(OptionalQuery))).resolves.toMatchObject({ asOf: 'now' });
  });
});
