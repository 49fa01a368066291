import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  isUnionType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLSchema,
} from 'graphql';

export interface RootField {
  operation: 'query' | 'mutation';
  field: GraphQLField<unknown, unknown>;
  access: string | undefined;
}

/** Every Query and Mutation field of the schema, with the access role it is marked with. */
export function rootFields(schema: GraphQLSchema): RootField[] {
  const out: RootField[] = [];
  for (const [operation, type] of [['query', schema.getQueryType()], ['mutation', schema.getMutationType()]] as const) {
    for (const field of Object.values(type?.getFields() ?? {})) {
      out.push({ operation, field, access: field.extensions?.access as string | undefined });
    }
  }
  return out;
}

/** A syntactically valid literal for a required input: enough to reach the field's resolver. */
function literalFor(type: GraphQLInputType): string {
  if (isNonNullType(type)) return literalFor(type.ofType);
  if (isListType(type)) return `[${literalFor(type.ofType)}]`;
  if (isEnumType(type)) return type.getValues()[0].name;
  if (isInputObjectType(type)) {
    const parts = Object.values(type.getFields())
      .filter((f) => isNonNullType(f.type))
      .map((f) => `${f.name}: ${literalFor(f.type)}`);
    return `{ ${parts.join(', ')} }`;
  }
  if (isScalarType(type)) {
    if (type.name === 'Int') return '1';
    if (type.name === 'Float') return '1.5';
    if (type.name === 'Boolean') return 'false';
    return '"placeholder"';
  }
  throw new Error(`no literal for ${String(type)}`);
}

/** The smallest operation that calls one root field: required arguments filled in, `__typename` selected. */
export function minimalOperation({ operation, field }: RootField): string {
  const args = field.args.filter((a: GraphQLArgument) => isNonNullType(a.type)).map((a) => `${a.name}: ${literalFor(a.type)}`);
  const selection = isLeafType(getNamedType(field.type)) ? '' : ' { __typename }';
  return `${operation} { ${field.name}${args.length ? `(${args.join(', ')})` : ''}${selection} }`;
}

/** The server's depth limit (graphql-armor's maxDepth): fields and inline fragments each count one level. */
const MAX_DEPTH = 8;

/**
 * Everything a type holds, as a selection: every field that takes no required argument, to the server's depth limit
 * (leaves first, so a field too deep to select is the only thing left out), and every member of a union or interface.
 */
function fullSelection(schema: GraphQLSchema, type: GraphQLNamedType, depth: number, aliased: ReadonlySet<string> = new Set()): string | null {
  if (isLeafType(type)) return '';
  if (depth >= MAX_DEPTH) return null;
  if (isUnionType(type) || isInterfaceType(type)) {
    const members = schema.getPossibleTypes(type);
    // Members may share a field name with different types (Payment.status, PaymentPending.status): those are aliased.
    const typesByName = new Map<string, Set<string>>();
    for (const member of members) for (const field of Object.values(member.getFields())) typesByName.set(field.name, (typesByName.get(field.name) ?? new Set()).add(String(field.type)));
    const conflicting = new Set([...typesByName].filter(([, types]) => types.size > 1).map(([name]) => name));
    const parts = members.flatMap((member) => {
      const inner = fullSelection(schema, member, depth + 1, conflicting);
      return inner ? [`... on ${member.name} ${inner}`] : [];
    });
    return `{ __typename ${parts.join(' ')} }`;
  }
  if (!isObjectType(type)) return null;
  const parts = Object.values(type.getFields()).flatMap((field) => {
    if (field.args.some((arg) => isNonNullType(arg.type))) return [];
    const inner = fullSelection(schema, getNamedType(field.type), depth + 1);
    if (inner === null) return [];
    const name = aliased.has(field.name) ? `${type.name}_${field.name}: ${field.name}` : field.name;
    return [inner ? `${name} ${inner}` : name];
  });
  return `{ __typename ${parts.join(' ')} }`;
}

/** An argument value as a literal: given values where there are some, placeholders for required inputs left out. */
function valueLiteral(type: GraphQLInputType, value: unknown): string {
  if (value === undefined) return literalFor(type);
  const named = getNamedType(type);
  if (isInputObjectType(named)) {
    const given = value as Record<string, unknown>;
    const parts = Object.values(named.getFields())
      .filter((f) => given[f.name] !== undefined || isNonNullType(f.type))
      .map((f) => `${f.name}: ${valueLiteral(f.type, given[f.name])}`);
    return `{ ${parts.join(', ')} }`;
  }
  if (isEnumType(named)) return String(value);
  return JSON.stringify(value);
}

/**
 * An operation calling one root field with the given argument values (nested objects for input types; required
 * arguments left out get placeholders), selecting everything its result holds: what a client could ever read from it.
 */
export function fullOperation(schema: GraphQLSchema, { operation, field }: RootField, args: Record<string, unknown> = {}): string {
  const given = field.args.filter((a) => args[a.name] !== undefined || isNonNullType(a.type)).map((a) => `${a.name}: ${valueLiteral(a.type, args[a.name])}`);
  const selection = fullSelection(schema, getNamedType(field.type), 1) ?? '';
  return `${operation} { ${field.name}${given.length ? `(${given.join(', ')})` : ''} ${selection} }`;
}

/** Where a root field takes free text or an id (an ID or String argument, or such a field of an input argument), as paths of names. */
export function textArgumentPaths({ field }: RootField): string[][] {
  const paths: string[][] = [];
  for (const arg of field.args) {
    const named = getNamedType(arg.type);
    if (isScalarType(named) && (named.name === 'ID' || named.name === 'String')) paths.push([arg.name]);
    if (isInputObjectType(named)) {
      for (const inner of Object.values(named.getFields())) {
        const innerNamed = getNamedType(inner.type);
        if (isScalarType(innerNamed) && (innerNamed.name === 'ID' || innerNamed.name === 'String')) paths.push([arg.name, inner.name]);
      }
    }
  }
  return paths;
}
