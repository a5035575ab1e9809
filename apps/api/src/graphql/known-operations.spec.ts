import { Kind, parse } from 'graphql';
import { KNOWN_OPERATIONS } from './known-operations';
import { webDocuments } from '../../../../test/support/web-documents';

describe('the operation names metrics may label by', () => {
  it('are exactly the named operations of the web client', () => {
    const named = webDocuments().flatMap(({ source }) =>
      parse(source).definitions.flatMap((d) => (d.kind === Kind.OPERATION_DEFINITION && d.name ? [d.name.value] : [])),
    );
    expect(named.length).toBeGreaterThan(20);
    expect([...KNOWN_OPERATIONS].sort()).toEqual([...new Set(named)].sort());
  });
});
