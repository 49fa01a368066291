import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
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
