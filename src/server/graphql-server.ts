import { ApolloServer, type ApolloServerOptions, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import { unwrapResolverError } from '@apollo/server/errors';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { type GraphQLSchema } from 'graphql';
import type { ApiContext } from '../api/context';
import { formatError, isClientError } from '../api/result-boundary';
import { storableTextPlugin } from '../api/storable-text';
import type { Config } from '../config/config';
import type { Logger } from './logger';
import { compiledExecutorGateway } from './compiled-executor';
import { queryCostPlugin } from './query-cost';

/** Lexical tokens a document may have; parsing stops there, before any validation work. */
const MAX_TOKENS = 2000;

/**
 * Cost an operation may have (graphql-armor's arithmetic, with the page sizes the request really asks for). A page of
 * 100 payments with every field costs about 8,800 and is refused; the payment page's first view (20 invoices and 5
 * payments, web/src/app.tsx) costs about 4,700 (tests/security/query-cost.test.ts keeps the page's operations under it).
 */
export const MAX_QUERY_COST = 5000;

/** Logs internal faults with their details, and gives the client the request id to quote instead. */
function internalErrorPlugin(logger: Logger): ApolloServerPlugin<ApiContext> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue }) {
          for (const error of errors) {
            if (isClientError(error)) continue;
            logger.error({ err: unwrapResolverError(error), requestId: contextValue?.meta?.requestId, path: error.path }, 'internal error');
          }
        },
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== 'single') return;
          for (const error of response.body.singleResult.errors ?? []) {
            if (error.extensions?.code === 'INTERNAL_SERVER_ERROR') {
              (error.extensions as Record<string, unknown>).requestId = contextValue?.meta?.requestId;
            }
          }
        },
      };
    },
  };
}

/**
 * Apollo's own messages (a plugin hook that threw, an unexpected error while processing a request) as JSON lines
 * through our logger and its redaction, instead of plain text on the console beside them.
 */
function apolloLogger(logger: Logger): NonNullable<ApolloServerOptions<ApiContext>['logger']> {
  const line = (message: unknown) => (typeof message === 'string' ? message : String(message));
  return {
    debug: (message) => logger.debug({ source: 'apollo' }, line(message)),
    info: (message) => logger.info({ source: 'apollo' }, line(message)),
    warn: (message) => logger.warn({ source: 'apollo' }, line(message)),
    error: (message) => logger.error({ source: 'apollo' }, line(message)),
  };
}

/** Apollo Server with the production hardening switched by NODE_ENV. */
export function createGraphQLServer(schema: GraphQLSchema, config: Config, logger: Logger): ApolloServer<ApiContext> {
  const armor = new ApolloArmor({
    maxDepth: { n: 8, ignoreIntrospection: true },
    maxAliases: { n: 15 },
    // Armor's token plugin throws from a hook and Apollo answers 500; graphql-js's own limit (parseOptions) gives 400.
    maxTokens: { enabled: false },
    maxDirectives: { n: 20 },
    // A validation rule cannot see variables: the cost limit is ours, computed once they are known (query-cost.ts).
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: config.isProduction },
  });
  const protection = armor.protect();
  return new ApolloServer<ApiContext>({
    gateway: compiledExecutorGateway(schema),
    logger: apolloLogger(logger),
    introspection: !config.isProduction,
    includeStacktraceInErrorResponses: false,
    allowBatchedHttpRequests: false,
    // Automatic persisted queries (on by default in Apollo) let any client store documents in our memory by hash and
    // later send only the hash. Our clients always send whole documents (the page ships them as strings), so APQ would
    // only be a cache that strangers fill and a second way for a document to arrive: off. A request that asks for it
    // gets PERSISTED_QUERY_NOT_SUPPORTED.
    persistedQueries: false,
    // main.ts owns shutdown (drain HTTP, then Apollo, then the database); Apollo's own signal handler raced it and hung.
    stopOnTerminationSignals: false,
    csrfPrevention: true,
    validationRules: protection.validationRules,
    parseOptions: { maxTokens: MAX_TOKENS },
    formatError,
    plugins: [
      storableTextPlugin(),
      ...protection.plugins,
      queryCostPlugin({ maxCost: MAX_QUERY_COST }),
      internalErrorPlugin(logger),
      // Every response is private to one token and no field sets a cache hint: Apollo's per-field cache-control
      // hook would only cost time (with it, Apollo wraps every field resolver).
      ApolloServerPluginCacheControlDisabled(),
      config.isProduction ? ApolloServerPluginLandingPageDisabled() : ApolloServerPluginLandingPageLocalDefault({ embed: true }),
    ],
  });
}

