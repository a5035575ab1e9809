import { commentsCsv, neutralise } from './comments-csv';

describe('commentsCsv', () => {
  it('prefixes a quote to cells a spreadsheet would run as a formula', () => {
    for (const cell of ['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx']) expect(neutralise(cell)).toBe(`'${cell}`);
    for (const cell of ['plain', ' =not first', '1-1', '', "'quoted"]) expect(neutralise(cell)).toBe(cell);
  });

  it('writes a BOM, the header, CRLF lines, and quotes cells with commas, quotes or line breaks', () => {
    const csv = commentsCsv([
      {
        organization: 'Org, Inc.',
        group: 'WORKERS',
        guidelineNumber: null,
        type: 'GENERAL',
        body: 'Say "no"\nplease',
        proposedText: null,
        disposition: null,
        dispositionNote: null,
        late: true,
        submittedAt: new Date('2026-01-02T03:04:05.678Z'),
      },
    ]);
    expect(csv.startsWith('\ufeffOrganization,Group,Guideline,Type,Comment,Proposed change,Disposition,Disposition note,Late,Submitted at (UTC)\r\n')).toBe(
      true,
    );
    expect(csv.split('\r\n')[1]).toBe('"Org, Inc.",Workers,General,GENERAL,"Say ""no""\nplease",,,,yes,2026-01-02T03:04:05.678Z');
  });
});
