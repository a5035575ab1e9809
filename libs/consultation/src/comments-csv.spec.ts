import { commentsCsv, neutralise } from './comments-csv';

describe('commentsCsv', () => {
  it('prefixes a quote to cells a spreadsheet would run as a formula', () => {
    for (const cell of ['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx']) expect(neutralise(cell)).toBe(`'${cell}`);
    for (const cell of ['plain', ' =not first', '1-1', '', "'quoted"]) expect(neutralise(cell)).toBe(cell);
  });

  it('writes a BOM, the header, words for codes, CRLF lines, and quotes cells with commas, quotes or line breaks', () => {
    const csv = commentsCsv([
      {
        id: '0b0e7a8c-1111-4222-8333-944455556666',
        organization: 'Org, Inc.',
        group: 'WORKERS',
        guidelineNumber: null,
        type: 'GENERAL',
        body: 'Say "no"\nplease',
        proposedText: null,
        disposition: 'NOT_ACCEPTED',
        dispositionNote: null,
        late: true,
        submittedAt: new Date('2026-01-02T03:04:05.678Z'),
      },
    ]);
    expect(
      csv.startsWith(
        '\ufeffComment id,MB/NC (organization),Group,Clause/subclause (guideline),Type of comment,Comments,Proposed change,Disposition,Observations of the secretariat,Late,Submitted at (UTC)\r\n',
      ),
    ).toBe(true);
    expect(csv.split('\r\n')[1]).toBe(
      '0b0e7a8c-1111-4222-8333-944455556666,"Org, Inc.",Workers,General,General,"Say ""no""\nplease",,Not accepted,,yes,2026-01-02T03:04:05.678Z',
    );
  });
});
