// Per-matrix metrics against numpy (generate.py: np.linalg.svd per matrix, and the same
// Clauset–Shalizi–Newman fit written in numpy), on matrices with known spectra and on the real
// tiny Llama's BF16 weights read through openCheckpoint.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { asMatrix, matrixMetrics, spectrumMetrics, type MatrixMetrics } from '../../../src/checkpoint/metrics.js';
import { powerLawFit } from '../../../src/checkpoint/powerLaw.js';
import { layerName } from '../../../src/checkpoint/layers.js';
import { matchTensors, tensorDelta } from '../../../src/checkpoint/delta.js';
import { openCheckpoint } from '../../../src/checkpoint/open.js';
import { expected, fixtureSources, rejectsWith } from './helpers.js';

interface Reference {
  shape: [number, number]; frobenius: number; spectral: number; stableRank: number; effectiveRank: number; numericalRank: number;
  condition: number | 'Infinity'; energy8: number; energy16: number; energy64: number; sigma: number[];
  powerLaw: { alpha: number; xmin: number; D: number; tail: number } | null;
}

// Backward-stable SVDs agree to about p·ε·σ₁ on each σ; every metric below is a smooth function
// of σ (α through logs of σ² over the tail), so 1e-10 relative leaves a wide margin.
const RELATIVE = 1e-10;

function compare(got: MatrixMetrics, want: Reference): void {
  const close = (a: number, b: number, what: string): void => expect(Math.abs(a - b), what).toBeLessThanOrEqual(RELATIVE * Math.abs(b));
  close(got.frobenius, want.frobenius, 'frobenius');
  close(got.spectral, want.spectral, 'spectral');
  close(got.stableRank, want.stableRank, 'stable rank');
  close(got.effectiveRank, want.effectiveRank, 'effective rank');
  expect(got.numericalRank).toBe(want.numericalRank);
  if (want.condition === 'Infinity') expect(got.condition).toBe(Infinity);
  else expect(Math.abs(got.condition - want.condition)).toBeLessThanOrEqual(1e-8 * want.condition);
  close(got.energy8, want.energy8, 'energy 8');
  close(got.energy16, want.energy16, 'energy 16');
  close(got.energy64, want.energy64, 'energy 64');
  if (want.powerLaw === null) expect(got.powerLaw).toBeUndefined();
  else {
    expect(got.powerLaw!.tail).toBe(want.powerLaw.tail);
    close(got.powerLaw!.alpha, want.powerLaw.alpha, 'alpha');
    close(got.powerLaw!.ks, want.powerLaw.D, 'KS distance');
  }
}

describe('matrixMetrics against numpy', () => {
  it.each(Object.keys(expected.metrics))('%s', (key) => {
    const want = expected.metrics[key] as Reference & { data: number[] };
    const [m, n] = want.shape;
    compare(matrixMetrics(Float64Array.from(want.data), m, n), want);
  });

  it.each(Object.keys(expected.llama.metrics))('the tiny Llama’s BF16 %s', async (name) => {
    const ckpt = await openCheckpoint(fixtureSources('llama'));
    const { data, shape } = await ckpt.read(name);
    const [m, n] = asMatrix(shape)!;
    compare(matrixMetrics(data, m, n), expected.llama.metrics[name]);
  });

  it('the power-law fit on numpy’s own σ matches numpy’s fit to rounding', () => {
    for (const want of Object.values(expected.metrics) as Reference[]) {
      const fit = powerLawFit(want.sigma);
      expect(fit?.tail).toBe(want.powerLaw?.tail);
      if (fit) expect(Math.abs(fit.alpha - want.powerLaw!.alpha)).toBeLessThanOrEqual(1e-12 * want.powerLaw!.alpha);
    }
  });
});

describe('metric invariants', () => {
  it('the zero, empty and rank-deficient matrices have defined metrics', () => {
    const zero = matrixMetrics(new Float64Array(6), 2, 3);
    expect([zero.frobenius, zero.stableRank, zero.effectiveRank, zero.numericalRank, zero.condition]).toEqual([0, 0, 0, 0, Infinity]);
    expect(zero.powerLaw).toBeUndefined();
    const empty = spectrumMetrics([], 0, 4);
    expect([empty.condition, empty.energy8]).toEqual([0, 1]);
    expect(matrixMetrics(Float64Array.of(1, 2, 2, 4), 2, 2).condition).toBe(Infinity);
    expect(matrixMetrics(Float64Array.of(3, 0, 0, 4), 2, 2)).toMatchObject({ stableRank: 1.5625, condition: 4 / 3, numericalRank: 2 });
  });

  it('1 ≤ stable rank ≤ p, effective rank ≤ p, energy non-decreasing to 1 (fast-check)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 9 }), fc.array(fc.double({ min: -4, max: 4, noNaN: true }), { minLength: 81, maxLength: 81 }), (m, n, values) => {
        const data = Float64Array.from(values.slice(0, m * n));
        const r = matrixMetrics(data, m, n);
        if (r.spectral === 0) return;
        const p = Math.min(m, n);
        expect(r.stableRank).toBeGreaterThanOrEqual(1 - 1e-12);
        expect(r.stableRank).toBeLessThanOrEqual(p + 1e-12);
        expect(r.effectiveRank).toBeLessThanOrEqual(p + 1e-9);
        expect(r.energy8).toBeLessThanOrEqual(r.energy16);
        expect(r.energy64).toBe(1);
      }),
      { numRuns: 200, seed: 17 },
    );
  });

  it('α does not depend on the scale of W', () => {
    const sigma = [9, 5, 4, 2.5, 2, 1.2, 1, 0.7, 0.5, 0.2];
    const a = powerLawFit(sigma)!;
    const b = powerLawFit(sigma.map((s) => s * 1024))!;
    expect(b.tail).toBe(a.tail);
    expect(Math.abs(b.alpha - a.alpha)).toBeLessThanOrEqual(1e-12 * a.alpha);
  });
});

describe('layer names', () => {
  it.each([
    ['model.layers.12.self_attn.q_proj.weight', 12, 'q_proj', 'q'],
    ['model.layers.0.mlp.down_proj.weight', 0, 'down_proj', 'down'],
    ['model.layers.3.mlp.gate_proj.weight', 3, 'gate_proj', 'gate'],
    ['model.layers.3.input_layernorm.weight', 3, 'input_layernorm', 'norm'],
    ['transformer.h.3.attn.c_attn.weight', 3, 'c_attn', 'qkv'],
    ['h.3.attn.c_proj.weight', 3, 'c_proj', 'o'],
    ['h.3.mlp.c_proj.weight', 3, 'c_proj', 'down'],
    ['h.3.mlp.c_fc.bias', 3, 'c_fc', 'up'],
    ['encoder.layer.5.attention.self.query.weight', 5, 'query', 'q'],
    ['encoder.layer.5.attention.output.dense.weight', 5, 'dense', 'o'],
    ['encoder.layer.5.output.dense.weight', 5, 'dense', 'down'],
    ['blk.7.attn_k.weight', 7, 'attn_k', 'k'],
    ['blk.7.ffn_up.weight', 7, 'ffn_up', 'up'],
    ['transformer.wte.weight', undefined, 'wte', 'embedding'],
    ['lm_head.weight', undefined, 'lm_head', 'head'],
  ])('%s → layer %s, %s (%s)', (name, layer, module, kind) => {
    expect(layerName(name)).toMatchObject({ layer, module, kind });
  });
});

describe('ΔW of two checkpoints', () => {
  it('matches by name and shape, lists mismatches, and subtracts exactly', async () => {
    const safetensors = await openCheckpoint(fixtureSources('gpt2'));
    const torch = await openCheckpoint(fixtureSources('gpt2-bin/pytorch_model.bin'));
    const match = matchTensors(safetensors, torch);
    expect(match.matched.length).toBe(safetensors.tensors.length);
    expect([match.onlyInBase, match.onlyInOther, match.shapeMismatches]).toEqual([[], [], []]);
    const delta = await tensorDelta(safetensors, torch, 'transformer.h.0.attn.c_attn.weight');
    expect(delta.data.every((x) => x === 0)).toBe(true);
    const llama = await openCheckpoint(fixtureSources('llama'));
    const cross = matchTensors(safetensors, llama);
    expect(cross.matched).toEqual([]);
    expect(cross.onlyInBase.length).toBe(safetensors.tensors.length);
    const views = await openCheckpoint(fixtureSources('torch/views.pt'));
    const dtypes = await openCheckpoint(fixtureSources('safetensors/dtypes.safetensors'));
    expect(matchTensors(views, dtypes).shapeMismatches.map((m) => m.name)).toContain('f64');
    await rejectsWith(tensorDelta(views, dtypes, 'f64'), /\[3, 5\] in the base but \[2, 3\]/);
  });
});
