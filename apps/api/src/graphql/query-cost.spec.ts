import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  DocumentNode,
  FragmentDefinitionNode,
  GraphQLInputType,
  Kind,
  OperationDefinitionNode,
  buildSchema,
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  parse,
  typeFromAST,
} from 'graphql';
import { CAPACITY } from '@tripartite/domain';
import { webDocuments } from '../../../../test/support/web-documents';
import { LIST_BOUNDS } from './list-bounds';
import { NestedBackReference, UNKNOWN_LIST_SIZE, operationCost } from './query-cost';

const schema = buildSchema(readFileSync(join(__dirname, '..', '..', 'schema.graphql'), 'utf8'));
const MAX_COST = 200_000; // AppConfig.GRAPHQL_MAX_COST's default
const options = { bounds: LIST_BOUNDS, maxFirst: 200, maxNodes: 1_000_000 };

function cost(query: string, variables: Record<string, unknown> = {}): number {
  const document = parse(query);
  return operationCost(schema, document, document.definitions[0] as OperationDefinitionNode, variables, options);
}

/** A value of the variable's type that a screen could send: `first` at its cap, one element per list. */
function worstCase(type: GraphQLInputType, name: string): unknown {
  const nullable = getNullableType(type) as GraphQLInputType;
  if (isListType(nullable)) return [worstCase(nullable.ofType, name)];
  const named = getNamedType(nullable);
  if (isEnumType(named)) return named.getValues()[0].value;
  if (isInputObjectType(named)) {
    return Object.fromEntries(
      Object.values(named.getFields())
        .filter((f) => isNonNullType(f.type))
        .map((f) => [f.name, worstCase(f.type, f.name)]),
    );
  }
  if (named.name === 'Int') return name === 'first' ? options.maxFirst : 1;
  if (named.name === 'Boolean') return true;
  return 'x';
}

describe('the cost of a query', () => {
  it('has a bound for every list of objects in the schema, and only for fields that exist', () => {
    const lists: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('__')) continue;
      for (const field of Object.values(type.getFields())) {
        const list = isListType(getNullableType(field.type));
        if (list && isObjectType(getNamedType(field.type))) lists.push(`${type.name}.${field.name}`);
      }
    }
    const unbounded = lists.filter((key) => LIST_BOUNDS[key] === undefined);
    expect(unbounded).toEqual([]);
    expect(Object.keys(LIST_BOUNDS).filter((key) => !lists.includes(key))).toEqual([]);
  });

  it('prices a list at its bound, and one the table forgot as very long', () => {
    expect(cost(`{ organizations { id name } }`)).toBe(1 + CAPACITY.organizations * 2);
    const document = parse(`{ organizations { id } }`);
    const forgot = operationCost(schema, document, document.definitions[0] as OperationDefinitionNode, {}, { ...options, bounds: {} });
    expect(forgot).toBe(1 + UNKNOWN_LIST_SIZE);
  });

  it("prices a version's sections and their guidelines together at the guidelines a version may hold", () => {
    const sections = cost(`query($i: ID!) { instrument(id: $i) { latestPublishedVersion { sections { guidelines { id } } } } }`, { i: 'x' });
    const guidelines = cost(`query($i: ID!) { instrument(id: $i) { latestPublishedVersion { guidelines { id } } } }`, { i: 'x' });
    // Not sections x a version's worth of guidelines each.
    expect(sections).toBeLessThan(3 * CAPACITY.guidelinesPerVersion + CAPACITY.sectionsPerVersion * 2);
    expect(guidelines).toBe(1 + 1 + 1 + CAPACITY.guidelinesPerVersion);
  });

  it('refuses a list selected inside a list of the same kind (the way back into a parent), before pricing', () => {
    const attack = `query($i: ID!) { instrument(id: $i) { latestPublishedVersion { guidelines { version { guidelines { version { guidelines { version { guidelines { id text } } } } } } } } } }`;
    expect(() => cost(attack, { i: 'x' })).toThrow(NestedBackReference);
    expect(() => cost(`{ instruments { rounds { instrument { rounds { id } } } } }`)).toThrow(/instruments.rounds.instrument.rounds/);
    expect(() => cost(`query($i: ID!) { instrument(id: $i) { latestPublishedVersion { guidelines { section { guidelines { id } } } } } }`, { i: 'x' })).toThrow(
      NestedBackReference,
    );
    // One level back to the parent, without its lists, is what screens do.
    expect(cost(`query($i: ID!) { instrument(id: $i) { latestPublishedVersion { guidelines { id version { id number } } } } }`, { i: 'x' })).toBeLessThan(
      MAX_COST,
    );
  });

  it('prices the shallower alias form of the attack above the limit', () => {
    const aliases = Array.from({ length: 5 }, (_, i) => `a${i}: versions { guidelines { id text } }`).join(' ');
    expect(cost(`query($i: ID!) { instrument(id: $i) { ${aliases} } }`, { i: 'x' })).toBeGreaterThan(MAX_COST);
  });

  it('leaves room for every query of the web client at its worst case', () => {
    const documents = webDocuments();
    const fragments = documents.flatMap(({ source }) =>
      parse(source).definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION),
    );
    const priced: Record<string, number> = {};
    for (const { source } of documents) {
      for (const operation of parse(source).definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)) {
        const document: DocumentNode = { kind: Kind.DOCUMENT, definitions: [operation, ...fragments] };
        const variables = Object.fromEntries(
          (operation.variableDefinitions ?? []).map((v) => [
            v.variable.name.value,
            worstCase(typeFromAST(schema, v.type as never) as GraphQLInputType, v.variable.name.value),
          ]),
        );
        priced[operation.name!.value] = operationCost(schema, document, operation, variables, options);
      }
    }
    expect(Object.keys(priced).length).toBeGreaterThan(20);
    expect(Object.entries(priced).filter(([, c]) => c > MAX_COST)).toEqual([]);
  });
});
