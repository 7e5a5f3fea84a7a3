import type { CameraPose } from '../../src/project/index.js';

/** What a key does to a 3D camera. */
export type CameraMove = { kind: 'orbit'; azimuth: number; polar: number } | { kind: 'pan'; right: number; up: number } | { kind: 'zoom'; factor: number } | { kind: 'reset' };

/** One key press turns the camera this far (radians), pans this fraction of the distance, zooms by this factor. */
export const ORBIT_STEP = Math.PI / 24;
export const PAN_STEP = 0.06;
export const ZOOM_STEP = 1.2;

/**
 * The camera move a key asks for, the same in every 3D view (z is up): W A S D orbit (and the
 * arrow keys, where the lab does not use them itself); with Shift, W A S D pan; + and − zoom;
 * 0 puts the camera back where it started. Undefined for any other key.
 */
export function cameraMoveFor(event: Pick<KeyboardEvent, 'key' | 'shiftKey' | 'ctrlKey' | 'metaKey' | 'altKey'>): CameraMove | undefined {
  if (event.ctrlKey || event.metaKey || event.altKey) return undefined;
  const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
  const directions: Record<string, [number, number]> = {
    a: [-1, 0], d: [1, 0], w: [0, 1], s: [0, -1], ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, 1], ArrowDown: [0, -1],
  };
  const direction = directions[key];
  if (direction && event.shiftKey && key.length === 1) return { kind: 'pan', right: -direction[0] * PAN_STEP, up: -direction[1] * PAN_STEP };
  if (direction && !event.shiftKey) return { kind: 'orbit', azimuth: -direction[0] * ORBIT_STEP, polar: -direction[1] * ORBIT_STEP };
  if (key === '+' || key === '=') return { kind: 'zoom', factor: 1 / ZOOM_STEP };
  if (key === '-' || key === '_' || key === '−') return { kind: 'zoom', factor: ZOOM_STEP };
  if (key === '0') return { kind: 'reset' };
  return undefined;
}

type Vec = [number, number, number];
const sub = (a: Vec, b: Vec): Vec => [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
const add = (a: Vec, b: Vec): Vec => [a[0] + b[0], a[1] + b[1], a[2] + b[2]];
const scale = (a: Vec, k: number): Vec => [a[0] * k, a[1] * k, a[2] * k];
const norm = (a: Vec) => Math.hypot(a[0], a[1], a[2]);

/**
 * The pose after `move`, orbiting about the target with z up as OrbitControls does: the offset
 * from the target in spherical coordinates (azimuth about z, polar angle from +z kept inside
 * (0.01, π − 0.01) so the camera never flips over the pole), pans along the screen's right and
 * up directions by a fraction of the distance, zoom scales the distance. `initial` is the pose
 * reset returns to.
 */
export function movePose(pose: CameraPose, move: CameraMove, initial: CameraPose): CameraPose {
  if (move.kind === 'reset') return initial;
  const target = [...pose.target] as Vec;
  const offset = sub([...pose.position] as Vec, target);
  const r = norm(offset);
  if (move.kind === 'zoom') return { ...pose, position: add(target, scale(offset, move.factor)) };
  if (move.kind === 'orbit') {
    const azimuth = Math.atan2(offset[1], offset[0]) + move.azimuth;
    const polar = Math.min(Math.PI - 0.01, Math.max(0.01, Math.acos(Math.max(-1, Math.min(1, offset[2] / r))) + move.polar));
    const next: Vec = [r * Math.sin(polar) * Math.cos(azimuth), r * Math.sin(polar) * Math.sin(azimuth), r * Math.cos(polar)];
    return { ...pose, position: add(target, next) };
  }
  // Screen right = forward × up(z); screen up = right × forward.
  const forward = scale(offset, -1 / r);
  const rightRaw: Vec = [forward[1], -forward[0], 0];
  const rightLength = norm(rightRaw) || 1;
  const right = scale(rightRaw, 1 / rightLength);
  const up: Vec = [right[1] * forward[2] - right[2] * forward[1], right[2] * forward[0] - right[0] * forward[2], right[0] * forward[1] - right[1] * forward[0]];
  const shift = add(scale(right, move.right * r), scale(up, move.up * r));
  return { ...pose, position: add([...pose.position] as Vec, shift), target: add(target, shift) };
}
