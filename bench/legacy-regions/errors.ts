/**
 * Typed errors of the Regions lab. Each names where the problem is: the path of the bad entry in
 * a network (as the JSON file spells it), or the layer at which the region count ran away.
 */

/**
 * A network (typed, loaded from JSON or passed to a kernel) is malformed. `path` is the place in
 * the network's JSON, e.g. `weights[1][3]`, or '' for the whole value; the message repeats it.
 */
export class NetworkFormatError extends RangeError {
  override readonly name = 'NetworkFormatError';
  readonly path: string;

  constructor(path: string, problem: string) {
    super(path === '' ? problem : `${path} ${problem}`);
    this.path = path;
  }
}

/**
 * The partition would hold more regions than the caller allowed (`maxRegions`). Raised as soon as
 * the count passes the limit, so a huge network cannot exhaust memory. `layer` is 0-based.
 */
export class RegionLimitError extends RangeError {
  override readonly name = 'RegionLimitError';
  readonly limit: number;
  readonly layer: number;

  constructor(limit: number, layer: number) {
    super(`More than ${limit} linear regions by hidden layer ${layer + 1}; raise maxRegions or shrink the network or the box.`);
    this.limit = limit;
    this.layer = layer;
  }
}
