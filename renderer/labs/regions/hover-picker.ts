/**
 * Hover picking throttled to animation frames: pointer moves only record where the pointer is,
 * and at most once per frame the region under it is looked up and shown. Nothing is allocated per
 * move; a pointer that leaves clears the readout at once.
 */
export class HoverPicker {
  #frame = 0;
  #x = 0;
  #y = 0;
  readonly #run = () => {
    this.#frame = 0;
    this.show(this.pick(this.#x, this.#y), this.#x, this.#y);
  };

  constructor(
    /** The region under (x, y), in CSS pixels of the canvas, or undefined. */
    private readonly pick: (x: number, y: number) => number | undefined,
    /** Shows the region (or nothing) with the pointer at (x, y). */
    private readonly show: (region: number | undefined, x: number, y: number) => void,
  ) {}

  move(x: number, y: number): void {
    this.#x = x;
    this.#y = y;
    if (!this.#frame) this.#frame = requestAnimationFrame(this.#run);
  }

  leave(): void {
    this.dispose();
    this.show(undefined, this.#x, this.#y);
  }

  dispose(): void {
    cancelAnimationFrame(this.#frame);
    this.#frame = 0;
  }
}
