/**
 * tanh for the trainer's inner loop: as accurate as Math.tanh (within 2 ulp of it, within 1 ulp
 * of the true value on the committed reference points) and cheaper, since it is plain arithmetic
 * the JIT compiles in line (Math.tanh is a call out of the compiled code; bench/training.mjs
 * shows the gain). Constants from test/fixtures/training/make_tanh.py.
 */

/** 2^(j/64) for j = 0 … 63, each correctly rounded. */
const EXP2_TABLE = new Float64Array([
  1.0, 1.0108892860517005, 1.0218971486541166, 1.0330248790212284,
  1.0442737824274138, 1.0556451783605572, 1.0671404006768237, 1.0787607977571199,
  1.0905077326652577, 1.102382583307841, 1.1143867425958924, 1.1265216186082418,
  1.1387886347566916, 1.1511892299529827, 1.1637248587775775, 1.1763969916502812,
  1.189207115002721, 1.202156731452703, 1.215247359980469, 1.22848053610687,
  1.241857812073484, 1.255380757024691, 1.2690509571917332, 1.2828700160787783,
  1.2968395546510096, 1.3109612115247644, 1.3252366431597413, 1.339667524053303,
  1.3542555469368927, 1.3690024229745905, 1.383909881963832, 1.3989796725383112,
  1.4142135623730951, 1.42961333839197, 1.4451808069770467, 1.460917794180647,
  1.4768261459394993, 1.4929077282912648, 1.5091644275934228, 1.5255981507445384,
  1.5422108254079407, 1.559004400237837, 1.5759808451078865, 1.593142151342267,
  1.6104903319492543, 1.6280274218573478, 1.645755478153965, 1.6636765803267364,
  1.681792830507429, 1.7001063537185235, 1.718619298122478, 1.7373338352737062,
  1.7562521603732995, 1.7753764925265212, 1.7947090750031072, 1.8142521755003989,
  1.8340080864093424, 1.8539791250833855, 1.8741676341103, 1.8945759815869656,
  1.9152065613971474, 1.9360617934922943, 1.9571441241754002, 1.978456026387951,
]);
/** ln2/64 split: HI has 32 significant bits (k·HI is exact for k < 2²¹), HI + LO = ln2/64 to ~1e-28. */
const LN2_64_HI = 0.01083042469326756;
const LN2_64_LO = 2.9815858269852933e-12;
const INV_LN2_64 = 92.33248261689366;
/** Cephes' tanh.c coefficients: tanh x = x + x·x²·P(x²)/Q(x²) for |x| ≤ 0.625 (Q monic). */
const P0 = -9.64399179425052238628e-1;
const P1 = -9.92877231001918586564e1;
const P2 = -1.61468768441708447952e3;
const Q1 = 1.12811678491632931402e2;
const Q2 = 2.23548839060100448583e3;
const Q3 = 4.84406305325125486048e3;
/** 2^m for m = 0 … 64 (e^44 < 2^64). */
const POW2 = Float64Array.from({ length: 65 }, (_, m) => 2 ** m);
/** 1.5·2⁵²: adding and subtracting it rounds a double of magnitude < 2⁵¹ to the nearest integer. */
const ROUND = 6755399441055744;

/**
 * out[j] = tanh(x[j]) for j in [from, to). For |x| ≤ 0.625 Cephes' rational form
 * x + x·z·P(z)/Q(z), z = x²; for 0.625 < |x| ≤ 22 1 − 2/(e^{2|x|} + 1) with the sign of x,
 * e^{2|x|} from a 2^(j/64) table and a polynomial; ±1 beyond (tanh 22 rounds to 1). ±0 → ±0,
 * ±∞ → ±1, NaN → NaN. A loop with no call inside, so the JIT keeps every number in registers.
 * @example tanhInto(Float64Array.of(0.5), out, 0, 1) // out[0] = 0.46211715726000974 (as Math.tanh(0.5))
 */
export function tanhInto(input: Float64Array, out: Float64Array, from: number, to: number): void {
  for (let j = from; j < to; j++) {
    const x = input[j];
    const ax = Math.abs(x);
    if (ax <= 0.625) {
      // Below 1e-9, tanh x = x − x³/3 + … rounds to x; this also keeps −0 (the sum below gives +0).
      if (ax < 1e-9) {
        out[j] = x;
        continue;
      }
      const z = x * x;
      out[j] = x + x * z * ((P0 * z + P1) * z + P2) / (((z + Q1) * z + Q2) * z + Q3);
      continue;
    }
    if (!(ax <= 22)) {
      out[j] = x > 0 ? 1 : x < 0 ? -1 : x;
      continue;
    }
    // e^y, y = 2|x| ∈ (1.25, 44]: y = k·ln2/64 + r with |r| ≤ ln2/128 (Cody–Waite: k·HI exact,
    // then LO), k = 64m + j, e^y = 2^m · 2^(j/64) · e^r, e^r − 1 by its Taylor polynomial to r⁵
    // (truncation < 3.5e-17 relative) added to the table value last, so its rounding is the only
    // one at full size.
    const y = 2 * ax;
    const kf = y * INV_LN2_64 + ROUND - ROUND;
    const k = kf | 0;
    const r = y - kf * LN2_64_HI - kf * LN2_64_LO;
    const q = r * (1 + r * (0.5 + r * (1 / 6 + r * (1 / 24 + r * (1 / 120)))));
    const c = EXP2_TABLE[k & 63];
    const t = 1 - 2 / ((c + c * q) * POW2[k >> 6] + 1);
    out[j] = x > 0 ? t : -t;
  }
}

const one = new Float64Array(1);

/**
 * tanh x as tanhInto computes it (the same bits), for a single number.
 * @example fastTanh(0.5) // 0.46211715726000974 (as Math.tanh(0.5))
 */
export function fastTanh(x: number): number {
  one[0] = x;
  tanhInto(one, one, 0, 1);
  return one[0];
}
