// The keyboard camera: which key does what, and the moves' geometry (orbit keeps the distance to
// the target, pan moves camera and target together across the screen, zoom scales the distance,
// reset returns the starting pose).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cameraMoveFor, movePose, ORBIT_STEP } from '../../renderer/scene/camera-keys.js';
import type { CameraPose } from '../../src/project/index.js';

const key = (k: string, mods: Partial<Record<'shiftKey' | 'ctrlKey' | 'metaKey' | 'altKey', boolean>> = {}) =>
  cameraMoveFor({ key: k, shiftKey: false, ctrlKey: false, metaKey: false, altKey: false, ...mods });
const start: CameraPose = { position: [6.2, -7.4, 5.2], target: [0, 0, 0.3], zoom: 1 };
const dist = (p: CameraPose) => Math.hypot(...p.position.map((v, i) => v - p.target[i]!));

describe('camera keys', () => {
  it('maps W A S D, arrows, Shift, + − and 0; leaves other keys and shortcuts alone', () => {
    expect(key('d')).toEqual({ kind: 'orbit', azimuth: -ORBIT_STEP, polar: -0 });
    expect(key('ArrowUp')).toMatchObject({ kind: 'orbit', polar: -ORBIT_STEP });
    expect(key('W', { shiftKey: true })).toMatchObject({ kind: 'pan' });
    expect(key('ArrowUp', { shiftKey: true })).toBeUndefined();
    expect(key('+')).toMatchObject({ kind: 'zoom' });
    expect(key('-')).toMatchObject({ kind: 'zoom' });
    expect(key('0')).toEqual({ kind: 'reset' });
    expect(key('s', { ctrlKey: true })).toBeUndefined();
    expect(key('x')).toBeUndefined();
  });

  it('orbits on the sphere about the target, never over the pole', () => {
    const pose = fc.tuple(fc.double({ min: -50, max: 50, noNaN: true }), fc.double({ min: -50, max: 50, noNaN: true }), fc.double({ min: -50, max: 50, noNaN: true }));
    fc.assert(
      fc.property(pose, fc.constantFrom('a', 'd', 'w', 's'), ([x, y, z], k) => {
        const p: CameraPose = { position: [x + 0.5, y, z], target: [0, 0, 0], zoom: 1 };
        fc.pre(dist(p) > 0.1);
        const next = movePose(p, key(k)!, start);
        expect(dist(next)).toBeCloseTo(dist(p), 9);
        expect(next.target).toEqual(p.target);
      }),
    );
    let p = start;
    for (let i = 0; i < 60; i++) p = movePose(p, key('w')!, start);
    expect(Math.acos((p.position[2] - p.target[2]) / dist(p))).toBeGreaterThanOrEqual(0.0099);
  });

  it('pans camera and target together, zooms the distance, resets', () => {
    const panned = movePose(start, key('d', { shiftKey: true })!, start);
    const moved = panned.position.map((v, i) => v - start.position[i]!);
    expect(panned.target.map((v, i) => v - start.target[i]!)).toEqual(moved.map((v) => expect.closeTo(v, 12)));
    expect(Math.hypot(...moved)).toBeGreaterThan(0);
    // Sideways: perpendicular to the line of sight.
    const sight = start.position.map((v, i) => start.target[i]! - v);
    expect(moved.reduce((s, v, i) => s + v * sight[i]!, 0)).toBeCloseTo(0, 9);
    expect(dist(movePose(start, key('+')!, start))).toBeCloseTo(dist(start) / 1.2, 9);
    expect(movePose(panned, { kind: 'reset' }, start)).toEqual(start);
  });
});
