/**
 * Project file migrations: MIGRATIONS[v] turns a version-v file (already parsed JSON) into a
 * version v + 1 one. Each step is a pure function of plain data and knows nothing of later
 * versions; parseProject chains them and validates only the result.
 */
export type Migration = (project: Record<string, unknown>) => Record<string, unknown>;

export const MIGRATIONS: Readonly<Record<number, Migration>> = {};
