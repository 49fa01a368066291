import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema } from 'graphql';
import { defaultSchemaSdl } from '../../src/api/emit-schema';
import { rootFields } from '../support/schema-walk';
import { buildApiSchema } from '../../src/api/schema';
import { assertEveryRootFieldHasAccess } from '../../src/api/auth/access';
import { loadConfig } from '../../src/config/config';

const checkedIn = readFileSync(join(__dirname, '..', '..', 'schema.graphql'), 'utf8');

describe('schema.graphql', () => {
  it('is the schema the code builds (run `npm run schema:emit` after changing a type or resolver)', () => {
    expect(checkedIn).toBe(defaultSchemaSdl());
  });

  it('keeps the @rateLimit directive on every Query and Mutation field, so a new field is limited from the start', () => {
    const sdl = buildSchema(checkedIn);
    const missing = rootFields(sdl)
      .filter(({ field }) => !field.astNode?.directives?.some((d) => d.name.value === 'rateLimit'))
      .map(({ field }) => field.name);
    expect(missing).toEqual([]);
    expect(rootFields(sdl).length).toBeGreaterThan(0);
  });
});

describe('the executable schema', () => {
  const schema = buildApiSchema(loadConfig({ NODE_ENV: 'test' }).rateLimits);

  it('marks every root field with who may call it (customer token or admin key)', () => {
    const unmarked = rootFields(schema).filter((f) => f.access !== 'customer' && f.access !== 'admin');
    expect(unmarked.map((f) => f.field.name)).toEqual([]);
  });

  it('cannot be built with a root field that no one was given access to: the server would not start', () => {
    const unmarked = buildSchema('type Query { invoice: String, secretReport: String }');
    unmarked.getQueryType()!.getFields().invoice.extensions = { access: 'customer' };
    expect(() => assertEveryRootFieldHasAccess(unmarked)).toThrow('Root fields without @Access: Query.secretReport');
  });

  it('takes no customer or organization id on portal fields: the scope comes from the token', () => {
    const scopeArgs = rootFields(schema)
      .filter((f) => f.access === 'customer')
      .flatMap((f) => f.field.args.filter((a) => /customer|organization/i.test(a.name)).map((a) => `${f.field.name}(${a.name})`));
    expect(scopeArgs).toEqual([]);
  });

  it('fills the rate-limit budgets in from configuration', () => {
    const custom = buildApiSchema(loadConfig({ NODE_ENV: 'test', RATE_LIMIT_VIEW_PER_MINUTE: '7' }).rateLimits);
    const balance = custom.getQueryType()!.getFields().balance;
    expect(balance.extensions.directives).toEqual({ rateLimit: [{ limit: 7, duration: 60 }] });
  });
});
