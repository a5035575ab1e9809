const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a value is a UUID: ids are checked before SQL, so a malformed one is NOT_FOUND, never a database error. */
export const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);
