/**
 * Numbers and sizes as the import views print them: a fixed number of significant figures, with
 * scientific notation outside [1e-3, 1e6) — never rounding a tiny σ to 0, since whether it is 0
 * is the point — and byte sizes in KB/MB/GB.
 */

/** x to `significant` figures: "0.0421", "3.2e-17", "1.25e7"; "∞" for Infinity. */
export function sig(x: number, significant = 4): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? '∞' : '−∞';
  if (x === 0) return '0';
  const magnitude = Math.abs(x);
  const text = magnitude >= 1e-3 && magnitude < 1e6 ? trim(x.toPrecision(significant)) : exponent(x.toExponential(significant - 1));
  return text.replace(/^-/, '−');
}

/** A whole number with thin spaces between thousands: 16 777 216. */
export function count(n: number): string {
  return Number.isFinite(n) ? Math.round(n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, '\u2009') : '∞';
}

/** 1 KB = 1024 bytes, as file managers count. */
export function byteSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value >= 100 ? value.toFixed(0) : value.toFixed(1)} ${units[unit]}`;
}

/** "3 × 4 × 5" for a shape; "scalar" for []. */
export function shapeText(shape: readonly number[]): string {
  return shape.length === 0 ? 'scalar' : shape.join(' × ');
}

function trim(text: string): string {
  return text.includes('.') && !text.includes('e') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
}

function exponent(text: string): string {
  const [mantissa, power] = text.split('e') as [string, string];
  return `${trim(mantissa)}e${power.replace('+', '')}`;
}

/** A whole number in subscript digits, for σ₁₂. */
export function sub(n: number): string {
  return String(n).replace(/\d/g, (d) => '₀₁₂₃₄₅₆₇₈₉'[Number(d)]!);
}
