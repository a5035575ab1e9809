import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, parse } from 'graphql';
import { checkBoardScope } from './board-scope';

const schema = buildSchema(readFileSync(join(__dirname, '..', '..', 'schema.graphql'), 'utf8'));
const check = (document: string) => checkBoardScope(schema, parse(document))?.message ?? null;

describe('checkBoardScope (what a board link may select)', () => {
  it("lets the board's own documents through, fragments and __typename included", () => {
    expect(
      check(`query B($id: ID!) { meeting(id: $id) { __typename id title instrument { reference } agenda { id finalText guideline { number text }
        amendments { status positions { group position } } tally { ...T } } tally { adopted items { ...T } } } }
        fragment T on ItemTally { agendaItemId outcome supporting pending }`),
    ).toBeNull();
    expect(check(`subscription($id: ID!) { tallyUpdated(meetingId: $id) { ... on ItemTally { outcome } } }`)).toBeNull();
  });

  it('refuses anything else: other roots, mutations, people, histories, introspection', () => {
    expect(check(`{ me { id } }`)).toContain('Query.me');
    expect(check(`mutation { logout }`)).toContain('Mutation');
    expect(check(`query($id: ID!) { meeting(id: $id) { participants { id } } }`)).toContain('ExpertsMeeting.participants');
    expect(check(`query($id: ID!) { meeting(id: $id) { agenda { positions { recordedBy { email } } } } }`)).toContain('AgendaItem.positions');
    expect(check(`query($id: ID!) { meeting(id: $id) { agenda { amendments { positions { statement } } } } }`)).toContain('GroupPosition.statement');
    expect(check(`query($id: ID!) { meeting(id: $id) { instrument { rounds { id } } } }`)).toContain('Instrument.rounds');
    expect(check(`{ __schema { types { name } } }`)).toContain('Query.__schema');
    expect(check(`subscription { notificationAdded { id } }`)).toContain('Subscription.notificationAdded');
    // A fragment outside the board, even unused by the operation, is refused with the document.
    expect(check(`query($id: ID!) { meeting(id: $id) { id } } fragment U on User { email }`)).toContain('User.email');
  });
});
