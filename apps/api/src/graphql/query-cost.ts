import {
  DocumentNode,
  FieldNode,
  FragmentDefinitionNode,
  GraphQLCompositeType,
  GraphQLField,
  GraphQLSchema,
  Kind,
  OperationDefinitionNode,
  SelectionSetNode,
  getNamedType,
  getNullableType,
  isCompositeType,
  isListType,
  isObjectType,
  isInterfaceType,
} from 'graphql';
import { getArgumentValues } from 'graphql/execution/values';
import type { ListBound } from './list-bounds';

/** Fails closed: a list of objects the bounds table forgot is priced as very long. */
export const UNKNOWN_LIST_SIZE = 10_000;
/** Introspection lists (types, fields, ...) of a schema this size. */
const INTROSPECTION_LIST_SIZE = 200;

export class NestedBackReference extends Error {
  constructor(readonly path: string) {
    super(`${path} selects a list of the same kind inside itself`);
  }
}

export class TooManyNodes extends Error {}

/** A `first` above what any list serves (GRAPHQL_MAX_FIRST): the resolver would refuse it too. */
export class FirstTooLarge extends Error {
  constructor(readonly max: number) {
    super(`first must be at most ${max}`);
  }
}

export interface CostOptions {
  bounds: Record<string, ListBound>;
  /** What a `first` left null stands for. */
  maxFirst: number;
  /** Bounds the work of counting: past it the caller refuses the query without a figure. */
  maxNodes: number;
}

/** The list field this selection is directly under, and what it multiplies by. */
interface Context {
  /** Element types of the lists on the path: a list of one of them below is a way back into a parent. */
  listTypes: readonly string[];
  parentList: { key: string; size: number } | null;
  path: string;
}

/**
 * The cost of an operation: every field costs 1, and a field with a selection adds its children's cost
 * times the number of elements it can really return (its `first`, or its bound in LIST_BOUNDS), so
 * nested lists multiply. A list selected inside a list of the same element type (`guidelines { version {
 * guidelines } }`, `rounds { instrument { rounds } }`) is a walk back into a parent, which no screen needs:
 * refused as NestedBackReference before any pricing. Fragments are priced once per context.
 */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
  options: CostOptions,
): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const memo = new Map<string, number>();
  let nodes = 0;

  const root = schema.getRootType(operation.operation);
  if (!root) return 0;

  const sizeOf = (key: string, field: GraphQLField<unknown, unknown>, node: FieldNode, list: boolean, ctx: Context): number => {
    const hasFirst = field.args.some((a) => a.name === 'first');
    const bound = options.bounds[key];
    if (hasFirst && (bound === undefined || bound === 'first')) {
      const args = getArgumentValues(field, node, variables);
      const first = typeof args.first === 'number' ? args.first : options.maxFirst;
      if (first > options.maxFirst) throw new FirstTooLarge(options.maxFirst);
      return Math.max(0, first);
    }
    if (!list) return 1;
    if (typeof bound === 'number') return bound;
    if (bound && typeof bound === 'object') {
      if (ctx.parentList?.key === bound.within) return Math.max(1, Math.min(bound.max, Math.ceil(bound.total / Math.max(1, ctx.parentList.size))));
      return bound.max;
    }
    return UNKNOWN_LIST_SIZE;
  };

  const costOf = (set: SelectionSetNode, type: GraphQLCompositeType, ctx: Context): number => {
    let total = 0;
    for (const s of set.selections) {
      if (++nodes > options.maxNodes) throw new TooManyNodes();
      if (s.kind === Kind.INLINE_FRAGMENT) {
        const on = s.typeCondition ? schema.getType(s.typeCondition.name.value) : type;
        total += isCompositeType(on) ? costOf(s.selectionSet, on, ctx) : 0;
        continue;
      }
      if (s.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments.get(s.name.value);
        const on = fragment && schema.getType(fragment.typeCondition.name.value);
        if (!fragment || !isCompositeType(on)) continue;
        const key = `${fragment.name.value}|${ctx.parentList?.key ?? ''}:${ctx.parentList?.size ?? ''}|${ctx.listTypes.join(',')}`;
        if (!memo.has(key)) {
          memo.set(key, 0); // a cycle (refused by validation anyway) ends here
          memo.set(key, costOf(fragment.selectionSet, on, ctx));
        }
        total += memo.get(key)!;
        continue;
      }
      const name = s.name.value;
      if (name === '__typename') continue;
      if (name.startsWith('__')) {
        // Introspection (development only): priced by the size of this schema.
        total += 1 + (s.selectionSet ? INTROSPECTION_LIST_SIZE * introspectionCost(s.selectionSet) : 0);
        continue;
      }
      const field = isObjectType(type) || isInterfaceType(type) ? type.getFields()[name] : undefined;
      if (!field) continue; // validation has refused it
      if (!s.selectionSet) {
        total += 1;
        continue;
      }
      const named = getNamedType(field.type);
      if (!isCompositeType(named)) continue;
      const list = isListType(getNullableType(field.type));
      const key = `${type.name}.${name}`;
      const path = `${ctx.path}.${s.alias?.value ?? name}`;
      if (list && ctx.listTypes.includes(named.name)) throw new NestedBackReference(path.slice(1));
      const size = sizeOf(key, field, s, list, ctx);
      const child: Context = list
        ? { listTypes: [...ctx.listTypes, named.name], parentList: { key, size }, path }
        : { listTypes: ctx.listTypes, parentList: size === 1 ? null : { key, size }, path };
      total += 1 + size * costOf(s.selectionSet, named, child);
    }
    return total;
  };

  // Introspection is not priced by the schema's bounds; a flat count of its fields is enough.
  const introspectionCost = (set: SelectionSetNode): number => {
    let n = 0;
    for (const s of set.selections) {
      if (++nodes > options.maxNodes) throw new TooManyNodes();
      if (s.kind === Kind.FIELD) n += 1 + (s.selectionSet ? introspectionCost(s.selectionSet) : 0);
      else if (s.kind === Kind.INLINE_FRAGMENT) n += introspectionCost(s.selectionSet);
      else {
        const fragment = fragments.get(s.name.value);
        if (fragment) n += introspectionCost(fragment.selectionSet);
      }
    }
    return n;
  };

  return costOf(operation.selectionSet, root, { listTypes: [], parentList: null, path: '' });
}
