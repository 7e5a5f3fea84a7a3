/** A matrix as plain data: row-major, `m` rows of `n` numbers each. */
export type Matrix = readonly (readonly number[])[];

/** A vector as plain data. */
export type Vector = readonly number[];
