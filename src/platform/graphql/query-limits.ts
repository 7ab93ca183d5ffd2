import type { ApolloServerPlugin } from '@apollo/server';
import {
  DocumentNode,
  FragmentDefinitionNode,
  GraphQLError,
  Kind,
  OperationDefinitionNode,
  SelectionSetNode,
} from 'graphql';
import { fieldExtensionsEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';

export interface QueryLimits {
  maxDepth: number;
  maxComplexity: number;
  maxAliases: number;
}

interface Measure {
  depth: number;
  aliases: number;
}

/** Depth (nested field levels) and alias count of an operation, following fragments. */
export function measureOperation(operation: OperationDefinitionNode, document: DocumentNode): Measure {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const def of document.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
  let aliases = 0;
  const walk = (set: SelectionSetNode, level: number, seen: Set<string>): number => {
    let max = level;
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) {
        if (sel.alias) aliases++;
        if (sel.selectionSet) max = Math.max(max, walk(sel.selectionSet, level + 1, seen));
        else max = Math.max(max, level + 1);
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        max = Math.max(max, walk(sel.selectionSet, level, seen));
      } else {
        const name = sel.name.value;
        const fragment = fragments.get(name);
        if (fragment && !seen.has(name)) max = Math.max(max, walk(fragment.selectionSet, level, new Set(seen).add(name)));
      }
    }
    return max;
  };
  const depth = walk(operation.selectionSet, 0, new Set());
  return { depth, aliases };
}

function refuse(code: string, message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code, http: { status: 400 } } });
}

/**
 * Refuses too-deep, too-aliased or too-costly operations after parsing and validation, before any
 * resolver runs. Complexity: 1 per field unless the field declares its own (`complexity` on @Field),
 * list fields multiplied by their `first` argument where they declare so.
 */
export function queryLimitsPlugin(limits: QueryLimits): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, document, request, schema }) {
          if (!operation) return;
          const { depth, aliases } = measureOperation(operation, document);
          if (depth > limits.maxDepth) {
            throw refuse('QUERY_TOO_DEEP', `Query depth ${depth} exceeds the limit of ${limits.maxDepth}`);
          }
          if (aliases > limits.maxAliases) {
            throw refuse('QUERY_TOO_MANY_ALIASES', `Query uses ${aliases} aliases; the limit is ${limits.maxAliases}`);
          }
          let complexity: number;
          try {
            complexity = getComplexity({
              schema,
              operationName: request.operationName ?? undefined,
              query: document,
              variables: request.variables ?? {},
              estimators: [fieldExtensionsEstimator(), simpleEstimator({ defaultComplexity: 1 })],
            });
          } catch {
            // Variables that do not fit their types: execution refuses them before any resolver runs,
            // answering BAD_USER_INPUT with the variable's name.
            return;
          }
          if (complexity > limits.maxComplexity) {
            throw refuse(
              'QUERY_TOO_COMPLEX',
              `Query complexity ${complexity} exceeds the limit of ${limits.maxComplexity}`,
            );
          }
        },
      };
    },
  };
}
