export * from './reader-predicate';
export * from './meeting.repository';
export * from './participant.repository';
export * from './agenda-item.repository';
export * from './position.repository';
export * from './amendment.repository';
export * from './vote.repository';
export * from './board-link.repository';
