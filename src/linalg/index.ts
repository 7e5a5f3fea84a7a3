/** Dense linear algebra on plain data: the singular value decomposition and its typed errors. */
export { singularValues, svd, svdFloat64, type Svd, type SvdFloat64, type SvdOptions } from './svd.js';
export { NonFiniteError, NotConvergedError } from './errors.js';
