/**
 * The LoRA lab's state: plain, serializable data changed only through named actions, announced
 * in the past tense. W₀ and ΔW are stored both as the numbers and as what produced them (the typed
 * expression, or the example's settings), so a project file reopens the same matrices.
 */
import { LabStore, STATE_REPLACED } from '../../project/lab-store.js';
import { clipImportedRef, type LabState } from '../../../src/project/index.js';
import { exampleUpdate, gaussianMatrix } from '../../../src/lora/index.js';
import type { ImportedMatrixRef } from '../../import/imported-matrices.js';

/** Where ΔW comes from. */
export type UpdateSource = 'example' | 'typed';
/** What the stage shows. */
export type LoraView = 'heatmaps' | 'geometry';

export interface LoraCounter {
  readonly d: number;
  readonly k: number;
  readonly r: number;
}

/** The lab's state: the type of its project-file schema (src/project/schema.ts), checked on every action. */
export type LoraState = LabState<'lora'>;

export type LoraChange =
  | typeof STATE_REPLACED
  | 'weightChanged'
  | 'updateChanged'
  | 'rankChanged'
  | 'seedChanged'
  | 'residualScaleChanged'
  | 'viewChanged'
  | 'counterChanged'
  | 'importChanged';

/** The sizes the size menu offers (d = k); typed matrices may have any size up to MAX_LORA_SIZE. */
export const LORA_SIZES = [2, 3, 8, 16, 32, 64, 128, 256] as const;
export const MAX_LORA_SIZE = 256;

/** The default W₀ of a d×k size: Gaussian entries of variance 1/k, the usual scale of a layer. */
export function weightExpression(d: number, k: number): string {
  return `randn(${d}, ${k}) / sqrt(${k})`;
}

/** The typed update offered at a d×k size: rank 2 plus a little noise, written out. */
export function updateExpression(d: number, k: number): string {
  return `randn(${d}, 2) * randn(2, ${k}) / ${k} + randn(${d}, ${k}) / ${10 * k}`;
}

/** What `weightExpression` parses to with this seed, computed without the parser. */
export function defaultWeight(d: number, k: number, seed: number): number[][] {
  const s = Math.sqrt(k);
  return gaussianMatrix(d, k, seed).map((row) => row.map((v) => v / s));
}

/** Whether the geometric view (the unit circle or sphere) exists for a d×k weight. */
export function hasGeometry(d: number, k: number): boolean {
  return d === k && (d === 2 || d === 3);
}

export function sizeOf(M: readonly (readonly number[])[]): { d: number; k: number } {
  return { d: M.length, k: M[0]?.length ?? 0 };
}

export function initialLoraState(): LoraState {
  const seed = 1;
  const d = 32;
  const k = 32;
  const exampleRank = 4;
  const noise = 0.05;
  return {
    weightText: weightExpression(d, k),
    W0: defaultWeight(d, k, seed),
    updateSource: 'example',
    updateText: updateExpression(d, k),
    exampleRank,
    noise,
    deltaW: exampleUpdate(d, k, { rank: exampleRank, noise, seed: seed + 1 }),
    seed,
    rank: 4,
    residualOwnScale: false,
    view: 'heatmaps',
    counter: { d: 4096, k: 4096, r: 16 },
    imported: null,
  };
}

export class LoraStore extends LabStore<LoraState, LoraChange> {
  constructor(initial: LoraState = initialLoraState()) {
    super('lora', initial);
  }

  /**
   * A new W₀ (from the size menu or a typed expression). When its size differs from ΔW's, the
   * update becomes the example at the new size, and r is kept within min(d, k).
   */
  setWeight(weightText: string, W0: readonly (readonly number[])[]): void {
    this.checkFields({ weightText, W0 });
    const s = this.state;
    const { d, k } = sizeOf(W0);
    const old = sizeOf(s.deltaW);
    const resized = old.d !== d || old.k !== k;
    const small = Math.min(d, k) <= 3;
    const wasSmall = Math.min(old.d, old.k) <= 3;
    const exampleRank = !resized ? s.exampleRank : small ? 1 : wasSmall ? 4 : s.exampleRank;
    const noise = !resized ? s.noise : small ? 0.3 : s.noise === 0.3 ? 0.05 : s.noise;
    const patch: Partial<LoraState> = { weightText, W0: W0.map((row) => [...row]) };
    if (resized) {
      Object.assign(patch, {
        updateSource: 'example' as const,
        updateText: updateExpression(d, k),
        exampleRank,
        noise,
        deltaW: exampleUpdate(d, k, { rank: exampleRank, noise, seed: s.seed + 1 }),
        rank: Math.min(small ? 1 : s.rank, d, k),
        view: hasGeometry(d, k) ? ('geometry' as const) : ('heatmaps' as const),
      });
    }
    this.set(patch, 'weightChanged');
  }

  /** A typed ΔW (its size must be W₀'s; the lab checks before calling). */
  setTypedUpdate(updateText: string, deltaW: readonly (readonly number[])[]): void {
    this.set({ updateSource: 'typed', updateText, deltaW: deltaW.map((row) => [...row]) }, 'updateChanged');
  }

  /** The example update at W₀'s size with these settings. */
  setExample(exampleRank: number, noise: number): void {
    this.checkFields({ exampleRank, noise });
    const { d, k } = sizeOf(this.state.W0);
    const deltaW = exampleUpdate(d, k, { rank: exampleRank, noise, seed: this.state.seed + 1 });
    this.set({ updateSource: 'example', exampleRank, noise, deltaW }, 'updateChanged');
  }

  /** Sets r, clamped to [0, min(d, k)]. */
  setRank(rank: number): void {
    const { d, k } = sizeOf(this.state.W0);
    const r = Math.max(0, Math.min(Math.round(rank), d, k));
    if (r !== this.state.rank) this.set({ rank: r }, 'rankChanged');
  }

  /** A new seed; the lab then regenerates W₀ from its expression (and the example, here). */
  setSeed(seed: number): void {
    this.checkFields({ seed });
    const s = this.state;
    const { d, k } = sizeOf(s.W0);
    const deltaW = s.updateSource === 'example' ? exampleUpdate(d, k, { rank: s.exampleRank, noise: s.noise, seed: seed + 1 }) : s.deltaW;
    this.set({ seed, deltaW }, 'seedChanged');
  }

  setResidualOwnScale(residualOwnScale: boolean): void {
    this.set({ residualOwnScale }, 'residualScaleChanged');
  }

  setView(view: LoraView): void {
    const { d, k } = sizeOf(this.state.W0);
    if (view === 'geometry' && !hasGeometry(d, k)) return;
    this.set({ view }, 'viewChanged');
  }

  setCounter(counter: LoraCounter): void {
    this.set({ counter: { ...counter } }, 'counterChanged');
  }

  /**
   * Shows an imported matrix M (d×k) in the lab, and sets the parameter counter to its size. With
   * `matrix` (M's values, at most 256×256) it is also loaded as the update ΔW over a frozen
   * W₀ = 0, so AB is M's best rank-r approximation and ΔW − AB what rank r loses. `null` stops
   * showing it; if M was loaded (W₀ still the zeros it got), W₀ and ΔW go back to the defaults at
   * that size. One change, so one undo step.
   */
  setImported(given: ImportedMatrixRef | null, matrix?: readonly (readonly number[])[]): void {
    const s = this.state;
    // The descriptive texts are cut to what a project keeps (a tensor's name may be very long).
    const imported = given && clipImportedRef(given);
    if (imported === null) {
      const { d, k } = sizeOf(s.W0);
      const wasLoaded = s.imported && s.weightText === importedWeightText(d, k);
      const restore: Partial<LoraState> = wasLoaded
        ? {
            weightText: weightExpression(d, k),
            W0: defaultWeight(d, k, s.seed),
            updateSource: 'example',
            deltaW: exampleUpdate(d, k, { rank: s.exampleRank, noise: s.noise, seed: s.seed + 1 }),
          }
        : {};
      this.set({ ...restore, imported: null }, 'importChanged');
      return;
    }
    const counter = { d: imported.rows, k: imported.cols, r: Math.min(s.counter.r, imported.rows, imported.cols) };
    if (!matrix) {
      this.set({ imported, counter }, 'importChanged');
      return;
    }
    const { d, k } = sizeOf(matrix);
    this.set(
      {
        imported,
        counter,
        weightText: importedWeightText(d, k),
        W0: Array.from({ length: d }, () => new Array<number>(k).fill(0)),
        updateSource: 'typed',
        updateText: updateExpression(d, k),
        deltaW: matrix.map((row) => [...row]),
        rank: Math.min(s.rank, d, k),
        view: hasGeometry(d, k) ? s.view : 'heatmaps',
      },
      'importChanged',
    );
  }
}

/** W₀'s expression while an imported matrix is loaded as ΔW: zeros of its size. */
export function importedWeightText(d: number, k: number): string {
  return `zeros(${d}, ${k})`;
}
