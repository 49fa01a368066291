import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, isEnumType, isInputObjectType, isInterfaceType, isObjectType, isSpecifiedScalarType, type GraphQLNamedType } from 'graphql';
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

/** Every place a client reads the API's documentation (Apollo Sandbox, codegen's comments) that says nothing. */
function undocumented(type: GraphQLNamedType): string[] {
  const missing = type.description ? [] : [type.name];
  const fields = isObjectType(type) || isInterfaceType(type) || isInputObjectType(type) ? Object.values(type.getFields()) : [];
  for (const field of fields) {
    if (!field.description) missing.push(`${type.name}.${field.name}`);
    for (const arg of 'args' in field ? field.args : []) if (!arg.description) missing.push(`${type.name}.${field.name}(${arg.name})`);
  }
  for (const value of isEnumType(type) ? type.getValues() : []) if (!value.description) missing.push(`${type.name}.${value.name}`);
  return missing;
}

describe('the schema documents itself', () => {
  const sdl = buildSchema(checkedIn);
  const ownTypes = Object.values(sdl.getTypeMap()).filter((type) => !type.name.startsWith('__') && !isSpecifiedScalarType(type));

  it('describes every type, field, argument, input field and enum value', () => {
    // Query and Mutation are described by their fields.
    const missing = ownTypes.filter((type) => type !== sdl.getQueryType() && type !== sdl.getMutationType()).flatMap(undocumented);
    const rootFieldsMissing = [sdl.getQueryType()!, sdl.getMutationType()!].flatMap(undocumented).filter((name) => name.includes('.'));
    expect([...missing, ...rootFieldsMissing]).toEqual([]);
    expect(ownTypes.length).toBeGreaterThan(30);
  });

  it('pages paymentHistory as a Relay cursor connection, so Relay-style client caches work with it', () => {
    const pageInfo = sdl.getType('PageInfo');
    expect(isObjectType(pageInfo) && Object.keys(pageInfo.getFields()).sort()).toEqual(['endCursor', 'hasNextPage', 'hasPreviousPage', 'startCursor']);
    const history = sdl.getQueryType()!.getFields().paymentHistory;
    expect(history.args.map((a) => a.name).sort()).toEqual(['after', 'first']);
    expect(String(history.type)).toBe('PaymentConnection!');
  });

  it('pages invoices the same way, with the same PageInfo', () => {
    const invoices = sdl.getQueryType()!.getFields().invoices;
    expect(invoices.args.map((a) => a.name).sort()).toEqual(['after', 'first', 'status']);
    expect(String(invoices.type)).toBe('InvoiceConnection!');
    const connection = sdl.getType('InvoiceConnection');
    expect(isObjectType(connection) && String(connection.getFields().pageInfo.type)).toBe('PageInfo!');
  });
});

describe('the executable schema', () => {
  const schema = buildApiSchema(loadConfig({ NODE_ENV: 'test' }).rateLimits);

  it('marks every root field with who may call it (customer token or admin key, or the holder of an expired link)', () => {
    const unmarked = rootFields(schema).filter((f) => f.access !== 'customer' && f.access !== 'admin' && f.access !== 'expiredLink');
    expect(unmarked.map((f) => f.field.name)).toEqual([]);
    // Fields every caller may reach are few, and each answers everyone alike (tests/e2e/fresh-link.test.ts).
    expect(rootFields(schema).filter((f) => f.access === 'expiredLink').map((f) => f.field.name)).toEqual(['requestNewPaymentLink']);
  });

  it('cannot be built with a root field that no one was given access to: the server would not start', () => {
    const unmarked = buildSchema('type Query { invoice: String, secretReport: String }');
    unmarked.getQueryType()!.getFields().invoice.extensions = { access: 'customer' };
    expect(() => assertEveryRootFieldHasAccess(unmarked)).toThrow('Root fields without @Access: Query.secretReport');
  });

  it('takes no customer or organization id on portal fields: the scope comes from the token', () => {
    const scopeArgs = rootFields(schema)
      .filter((f) => f.access === 'customer' || f.access === 'expiredLink')
      .flatMap((f) => f.field.args.filter((a) => /customer|organization/i.test(a.name)).map((a) => `${f.field.name}(${a.name})`));
    expect(scopeArgs).toEqual([]);
  });

  it('fills the rate-limit budgets in from configuration', () => {
    const custom = buildApiSchema(loadConfig({ NODE_ENV: 'test', RATE_LIMIT_VIEW_PER_MINUTE: '7' }).rateLimits);
    const balance = custom.getQueryType()!.getFields().balance;
    expect(balance.extensions.directives).toEqual({ rateLimit: [{ limit: 7, duration: 60 }] });
  });
});
