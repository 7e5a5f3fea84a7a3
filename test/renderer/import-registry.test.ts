// The imported-matrix registry (values outside the stores) and the labs' one import action each:
// one change per import, plain JSON in the state, accepted by the project schema, and removable.
import { describe, expect, it } from 'vitest';
import { gradientsState, loraState, svdState } from '../../src/project/schema.js';
import {
  allImported, importedData, importedSpectrum, onImportedChanged, registerImported, rememberSpectrum,
} from '../../renderer/import/imported-matrices.js';
import { GradientsStore } from '../../renderer/labs/gradients/gradients-store.js';
import { LoraStore, importedWeightText, initialLoraState } from '../../renderer/labs/lora/lora-store.js';
import { SvdStore } from '../../renderer/labs/svd/svd-store.js';

const meta = (rows: number, cols: number) => ({ name: 'w.npy', tensor: '', rows, cols, slice: 'the whole matrix' });
const values = (n: number, offset = 0) => Float64Array.from({ length: n }, (_, i) => Math.sin(i + offset));

describe('the registry', () => {
  it('keeps the values under a fingerprint id, the same for the same matrix', () => {
    const data = values(12);
    const ref = registerImported(meta(3, 4), data);
    expect(ref.id).toMatch(/^3x4-[0-9a-f]{14}$/);
    expect(importedData(ref.id)).toBe(data);
    const again = registerImported({ ...meta(3, 4), name: 'renamed.npy' }, values(12));
    expect(again.id).toBe(ref.id);
    expect(again.name).toBe('renamed.npy');
    expect(importedData('3x4-00000000000000')).toBeUndefined();
  });

  it('refuses values that do not fill the size, and keeps a computed spectrum beside the values', () => {
    expect(() => registerImported(meta(3, 4), values(11))).toThrow(RangeError);
    const ref = registerImported(meta(2, 2), values(4, 100));
    rememberSpectrum(ref.id, { kind: 'full', sigma: [2, 1], ms: 1 });
    expect(importedSpectrum(ref.id, 'full')?.sigma).toEqual([2, 1]);
    expect(importedSpectrum(ref.id, 'top')).toBeUndefined();
    // Importing the same matrix again keeps its spectrum.
    registerImported(meta(2, 2), values(4, 100));
    expect(importedSpectrum(ref.id, 'full')?.sigma).toEqual([2, 1]);
  });

  it('keeps the six most recent matrices and tells listeners', () => {
    let calls = 0;
    const stop = onImportedChanged(() => calls++);
    const refs = Array.from({ length: 8 }, (_, k) => registerImported(meta(1, 3), values(3, 1000 + k)));
    stop();
    registerImported(meta(1, 3), values(3, 5000));
    expect(calls).toBe(8);
    expect(allImported()).toHaveLength(6);
    expect(importedData(refs[0]!.id)).toBeUndefined();
    expect(importedData(refs[7]!.id)).toBeDefined();
  });
});

describe('the labs\' import actions', () => {
  const ref = { id: '3x4-0123456789abcd', name: 'w.npy', tensor: 'layer.0', rows: 3, cols: 4, slice: 'axes 1,2 at [2, :, :]' };

  it('SVD and Gradients: one importChanged each way, and the state stays valid for project files', () => {
    for (const store of [new SvdStore(), new GradientsStore()]) {
      const changes: string[] = [];
      store.subscribe((c) => changes.push(c));
      store.setImported(ref);
      expect(store.state.imported).toEqual(ref);
      expect(JSON.parse(JSON.stringify(store.state)).imported).toEqual(ref);
      store.setImported(null);
      expect(store.state.imported).toBeNull();
      expect(changes).toEqual(['importChanged', 'importChanged']);
    }
    const svd = new SvdStore();
    svd.setImported(ref);
    expect(svdState.safeParse(svd.state).success).toBe(true);
    const gradients = new GradientsStore();
    gradients.setImported(ref);
    expect(gradientsState.safeParse(gradients.state).success).toBe(true);
  });

  it('the schema accepts projects written before importing existed, and refuses a bad reference', () => {
    const { imported: _, ...old } = new SvdStore().state;
    expect(svdState.safeParse(old).success).toBe(true);
    expect(svdState.safeParse({ ...old, imported: { ...ref, rows: 0 } }).success).toBe(false);
    expect(svdState.safeParse({ ...old, imported: { ...ref, extra: 1 } }).success).toBe(false);
  });

  it('LoRA: a small matrix is loaded as ΔW over W₀ = 0 in one change, and Remove puts the defaults back', () => {
    const store = new LoraStore();
    const before = store.state;
    const M = [[1, 2, 3, 4], [0, 1, 0, 1], [2, 0, 0, 1]];
    store.setImported(ref, M);
    const s = store.state;
    expect(s.imported).toEqual(ref);
    expect(s.deltaW).toEqual(M);
    expect(s.W0).toEqual([[0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0]]);
    expect(s.weightText).toBe(importedWeightText(3, 4));
    expect(s.updateSource).toBe('typed');
    expect(s.view).toBe('heatmaps');
    expect(s.rank).toBeLessThanOrEqual(3);
    expect(s.counter).toEqual({ d: 3, k: 4, r: 3 });
    expect(loraState.safeParse(s).success).toBe(true);

    store.setImported(null);
    const after = store.state;
    expect(after.imported).toBeNull();
    expect(after.updateSource).toBe('example');
    expect(after.W0.length).toBe(3);
    expect(after.W0.flat().some((v) => v !== 0)).toBe(true);
    expect(loraState.safeParse(after).success).toBe(true);
    expect(before.imported).toBeNull();
  });

  it('LoRA: a large matrix is only referenced, and its removal leaves the heatmaps alone', () => {
    const store = new LoraStore();
    const big = { ...ref, id: '4096x4096-0123456789abcd', rows: 4096, cols: 4096 };
    store.setImported(big);
    expect(store.state.deltaW).toEqual(initialLoraState().deltaW);
    expect(store.state.counter).toEqual({ d: 4096, k: 4096, r: 16 });
    store.setImported(null);
    expect(store.state.W0).toEqual(initialLoraState().W0);
  });
});
