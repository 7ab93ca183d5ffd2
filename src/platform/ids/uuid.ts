/** A row id as the database issues it (any UUID version, either case). Tested before a lookup so a malformed id is "not found", not a database error. */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
