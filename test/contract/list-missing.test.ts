import { buildSchema } from 'graphql';
import { contractGaps, parsePending, prunedPending } from './list-missing';

const CONTRACT = buildSchema(`
  scalar DateTime
  enum Color { RED GREEN }
  type Item { id: ID! tags: [String!]! at: DateTime owner: Owner }
  type Owner { id: ID! }
  input ItemInput { name: String! color: Color = RED }
  type Query { items(color: Color, first: Int = 50): [Item!]! }
`);

const gapsOf = (ours: string) => contractGaps(CONTRACT, buildSchema(ours));

describe('comparing a schema with the contract', () => {
  it('finds nothing when every item exists, extras and optional arguments allowed', () => {
    expect(
      gapsOf(`
        scalar DateTime
        enum Color { RED GREEN BLUE }
        type Item { id: ID! tags: [String!]! at: DateTime owner: Owner extra: Int }
        type Owner { id: ID! }
        input ItemInput { name: String! color: Color = RED note: String }
        type Query { items(color: Color, first: Int = 50, after: String): [Item!]! other: Int }
      `),
    ).toEqual([]);
  });

  it('names a missing type once, not each of its fields', () => {
    const gaps = gapsOf(`
      scalar DateTime
      enum Color { RED GREEN }
      type Item { id: ID! tags: [String!]! at: DateTime }
      input ItemInput { name: String! color: Color = RED }
      type Query { items(color: Color, first: Int = 50): [Item!]! }
    `);
    expect(gaps.map((g) => g.item)).toEqual(['Item.owner', 'Owner']);
  });

  it('catches nullability, list wrapping, arguments, defaults, enum values and required extras', () => {
    const gaps = gapsOf(`
      enum Color { RED }
      type Item { id: ID tags: [String]! at: String owner: Owner }
      type Owner { id: ID! }
      input ItemInput { name: String! color: Color size: Int! }
      type Query { items(first: Int = 20, mine: Boolean!): [Item!]! }
    `);
    expect(gaps.map((g) => `${g.item}: ${g.problem}`)).toEqual([
      'DateTime: is missing',
      'Color.GREEN: is missing',
      'Item.id: has type ID, the contract says ID!',
      'Item.tags: has type [String]!, the contract says [String!]!',
      'Item.at: has type String, the contract says DateTime',
      'ItemInput.color: defaults to nothing, the contract says RED',
      'ItemInput: requires field size, which the contract does not have',
      'Query.items(color): is missing',
      'Query.items(first): defaults to 20, the contract says 50',
      'Query.items: requires argument mine, which the contract does not have',
    ]);
  });

  it('reports a type of another kind', () => {
    const gaps = gapsOf(`
      scalar DateTime
      enum Color { RED GREEN }
      type Item { id: ID! tags: [String!]! at: DateTime owner: Owner }
      type Owner { id: ID! }
      type ItemInput { name: String! }
      type Query { items(color: Color, first: Int = 50): [Item!]! }
    `);
    expect(gaps).toEqual([{ item: 'ItemInput', problem: 'is an object type, the contract has an input type' }]);
  });
});

describe('the pending list', () => {
  it('ignores comments and blank lines', () => {
    expect(parsePending('# header\nOwner\n\n  Item.owner  # soon\n')).toEqual(['Owner', 'Item.owner']);
  });

  it('drops implemented items, narrows partly implemented ones, and never adds a regression', () => {
    const gaps = [
      { item: 'Owner.name', problem: 'is missing' },
      { item: 'Query.items(first)', problem: 'is missing' },
      { item: 'Item.id', problem: 'has type ID' },
    ];
    expect(prunedPending(['Owner', 'Query.items', 'Color.BLUE'], gaps)).toEqual(['Owner.name', 'Query.items(first)']);
  });
});
