export * from './round.repository';
export * from './round-lock.repository';
export * from './comment.repository';
export * from './comment-query.repository';
