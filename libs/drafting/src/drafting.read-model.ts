// What drafting lets other capabilities put in their own SQL, where a read must stay one statement (visibility
// filters of their lists): complete predicates and subqueries with named columns, never a bare table name, so the
// SQL that names drafting's tables stays here.

/** True when the instrument whose id is the SQL expression `instrumentId` has a published version. */
export const publishedExists = (instrumentId: string): string =>
  `EXISTS (SELECT 1 FROM draft_version pv WHERE pv.instrument_id = ${instrumentId} AND pv.status = 'PUBLISHED')`;
