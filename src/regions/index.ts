/**
 * The Regions lab's compute layer: the exact linear regions of small ReLU networks in 2D and 3D,
 * the network itself (seeded initialisation, validation, forward pass), the regions along a line,
 * and the known bounds on how many regions a network of a given shape can have.
 */
export type { Box, LinearRegions, LinearRegionsOptions, PackedRegions, Region, RegionStats, ReluNet } from './types.js';
export { linearRegions, linearRegionsPacked } from './partition.js';
export { unpackRegion } from './packed.js';
export { networkOutput, patternKey, regionAt } from './network.js';
export { countRegionsAlongLine, lineBreakpoints, lineCrossings, type LineCrossings, type LineStats } from './line.js';
export { lastCutLayers } from './last-cut.js';
export { regionLocator } from './locate.js';
export { neuronNetwork, truncateNetwork } from './subnetworks.js';
export { neuronBoundary } from './neuron-boundary.js';
export { parseNumber, parseNumberRow, withNeuron, type ShownNumbers } from './edit.js';
export { DEFAULT_BIAS_STD, INIT_SCHEMES, NETWORK_LIMITS, initNetwork, type InitOptions, type InitScheme } from './init.js';
export { parseNetwork } from './parse.js';
export { montufarLowerBound, serraUpperBound, zaslavskyCount } from './bounds.js';
export { NetworkFormatError, RegionLimitError } from './errors.js';
