import { Field, ObjectType } from 'type-graphql';

/** One PageInfo for every Relay connection of the API (payment history, invoices), as Relay clients expect. */
@ObjectType('PageInfo', { simpleResolvers: true, description: 'Where a page sits in the whole list (Relay cursor connections).' })
export class PageInfoType {
  @Field(() => Boolean, { description: 'True when more items follow this page: ask again with after: endCursor.' })
  hasNextPage!: boolean;

  @Field(() => Boolean, { description: 'True when the page was asked for after a cursor, so items come before it.' })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: "The first edge's cursor; null on an empty page." })
  startCursor!: string | null;

  @Field(() => String, { nullable: true, description: "The last edge's cursor, to pass as after for the next page; null on an empty page." })
  endCursor!: string | null;
}

/** Page info for edges already built, given what the domain said about the pages around them. */
export function pageInfo(edges: readonly { cursor: string }[], page: { hasNextPage: boolean; hasPreviousPage: boolean }): PageInfoType {
  return { hasNextPage: page.hasNextPage, hasPreviousPage: page.hasPreviousPage, startCursor: edges[0]?.cursor ?? null, endCursor: edges.at(-1)?.cursor ?? null };
}
