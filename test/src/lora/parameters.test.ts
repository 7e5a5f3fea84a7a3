// Parameter counts: the blog post's example, a table of cases, and refusals.
import { describe, expect, it } from 'vitest';
import { loraParameterCount } from '../../../src/lora/index.js';

describe('loraParameterCount', () => {
  it('d = k = 4096, r = 16: 16 777 216 against 131 072, 128× fewer', () => {
    const c = loraParameterCount(4096, 4096, 16);
    expect(c.full).toBe(16_777_216);
    expect(c.lora).toBe(131_072);
    expect(c.ratio).toBe(128);
    expect(c.fraction).toBe(1 / 128);
    expect(c.noSaving).toBe(false);
  });

  it.each([
    // d, k, r, full, lora
    [32, 32, 4, 1024, 256],
    [4096, 11008, 8, 45_088_768, 120_832],
    [10, 3, 3, 30, 39],
    [1, 1, 1, 1, 2],
  ])('d = %i, k = %i, r = %i', (d, k, r, full, lora) => {
    const c = loraParameterCount(d, k, r);
    expect([c.full, c.lora]).toEqual([full, lora]);
    expect(c.ratio).toBe(full / lora);
    expect(c.noSaving).toBe(lora >= full);
  });

  it('rank 0 trains nothing: ratio Infinity', () => {
    expect(loraParameterCount(8, 8, 0)).toMatchObject({ lora: 0, ratio: Infinity, fraction: 0 });
  });

  it('refuses sizes that are not whole numbers in range, naming the one at fault', () => {
    expect(() => loraParameterCount(0, 4, 1)).toThrow(/d must be/);
    expect(() => loraParameterCount(4, 2.5, 1)).toThrow(/k must be/);
    expect(() => loraParameterCount(4, 4, -1)).toThrow(/r must be/);
    expect(() => loraParameterCount(4, 4, NaN)).toThrow(RangeError);
    expect(() => loraParameterCount(2 ** 25, 4, 1)).toThrow(RangeError);
  });
});
