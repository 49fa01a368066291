import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSchema, execute, parse, validate, type DocumentNode, type GraphQLSchema } from 'graphql';
import { schemaSdl } from './portal-page';

/** What the portal page query returns: the `data` of server C's response, served as is by A and B. */
export interface PortalPageData {
  invoice: unknown;
  balance: unknown;
  paymentHistory: unknown;
  paymentMethods: unknown;
}

export interface RunningServer {
  /** Base URL; the GraphQL endpoint is `${url}/graphql`. */
  url: string;
  close(): Promise<void>;
}

/** Root resolvers over in-memory data; every nested field is read by graphql-js's default resolver. */
export function rootResolvers(data: PortalPageData) {
  return {
    invoice: () => data.invoice,
    balance: () => data.balance,
    paymentHistory: () => data.paymentHistory,
    paymentMethods: () => data.paymentMethods,
  };
}

/** Apollo writes `JSON.stringify({ errors, data, extensions }) + '\n'`; A writes the same bytes. */
function serializeResult(result: { errors?: readonly unknown[]; data?: unknown }): string {
  return JSON.stringify({ errors: result.errors, data: result.data }) + '\n';
}

function listen(server: Server): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`));
  });
}

/**
 * A: the floor. node:http, graphql-js `execute`, and each query text parsed and validated once
 * (a cache keyed by the text, as a persisted-query or document cache would be).
 */
export async function startRawServer(data: PortalPageData): Promise<RunningServer> {
  const schema: GraphQLSchema = buildSchema(schemaSdl());
  const rootValue = rootResolvers(data);
  const documents = new Map<string, DocumentNode>();

  const documentFor = (query: string): DocumentNode => {
    let document = documents.get(query);
    if (!document) {
      document = parse(query);
      const errors = validate(schema, document);
      if (errors.length) throw Object.assign(new Error('invalid query'), { errors });
      documents.set(query, document);
    }
    return document;
  };

  const server = createServer((req, res) => {
    const send = (status: number, payload: string) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(payload) });
      res.end(payload);
    };
    if (req.method !== 'POST' || req.url !== '/graphql') return send(404, '{"error":"Not found"}');
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', async () => {
      try {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        const result = await execute({
          schema,
          document: documentFor(body.query),
          rootValue,
          operationName: body.operationName,
          variableValues: body.variables,
        });
        send(200, serializeResult(result));
      } catch (error) {
        send(400, serializeResult({ errors: (error as { errors?: unknown[] }).errors ?? [{ message: String(error) }] }));
      }
    });
  });
  const url = await listen(server);
  return { url, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** B: a bare Apollo Server (standalone, defaults) over the same schema and in-memory data. */
export async function startApolloServer(data: PortalPageData): Promise<RunningServer> {
  const apollo = new ApolloServer({ typeDefs: schemaSdl(), resolvers: { Query: rootResolvers(data) } });
  const { url } = await startStandaloneServer(apollo, { listen: { port: 0, host: '127.0.0.1' } });
  return { url: url.replace(/\/$/, ''), close: () => apollo.stop() };
}
