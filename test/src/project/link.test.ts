// Share links: a project in a URL fragment round-trips exactly (unit and property tests); damaged,
// too old, too new, oversized and invalid links are refused with a LinkError saying which.
import fc from 'fast-check';
import { deflateSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { PROJECT_VERSION, parseProject, serializeProject, type Project } from '../../../src/project/index.js';
import {
  LINK_FORMAT,
  LinkError,
  MAX_LINK_JSON_BYTES,
  crc32,
  decodeLink,
  encodeLink,
  fromBase64Url,
  linkPayload,
  projectForLink,
  toBase64Url,
} from '../../../src/project/link.js';

const layer = {
  shape: '2x3', W: [[1, 0.5, 0], [-0.5, 1.25, 2]], b: [0.5, 0.25], x: [1, 1, -1], activation: 'relu', leak: 0.1,
  time: 2.5, playing: false, speed: 2, stacked: true, W2: [[0.8, -0.6], [0.6, 0.8]], b2: [0, -0.5], seed: 7,
};
const svd = { W: [[1.2, 0.9], [-0.4, 1.1]], seed: 1, time: 1.5, playing: false, speed: 2, threshold: 0.1, spectrumText: 'randn(512, 512)', spectrumScale: 'linear', imported: { id: '64x32-9f2c', name: 'w.safetensors', tensor: 'q.weight', rows: 64, cols: 32, slice: '' } };
const project = {
  view: 'layer', theme: 'light', app: 'hinge', savedAt: '2026-12-05T19:00:00Z',
  labs: { layer: { state: layer, cameras: [{ position: [1, 2, 3], target: [0, 0, 0], zoom: 1.5 }] }, svd: { state: svd } },
} as unknown as Omit<Project, 'format' | 'version'>;

/** The data part of a link, as bytes, and a way to rebuild a payload around changed bytes. */
function payloadOf(link: string): string {
  return linkPayload(link)!;
}

/** A hand-made payload: the checksum and compression of any text, so the checks after them run. */
function payloadFor(json: string, schema = PROJECT_VERSION, format = LINK_FORMAT): string {
  const text = new TextEncoder().encode(json);
  const packed = deflateSync(text);
  const data = new Uint8Array(4 + packed.length);
  new DataView(data.buffer).setUint32(0, crc32(text));
  data.set(packed, 4);
  return `${format}.${schema}.${toBase64Url(data)}`;
}

function refusal(payload: string): LinkError {
  try {
    decodeLink(payload);
  } catch (error) {
    expect(error).toBeInstanceOf(LinkError);
    return error as LinkError;
  }
  throw new Error('the link was accepted');
}

describe('base64url and CRC-32', () => {
  it('match RFC 4648 test vectors and the CRC-32 check value', () => {
    const cases: [string, string][] = [['', ''], ['f', 'Zg'], ['fo', 'Zm8'], ['foo', 'Zm9v'], ['foob', 'Zm9vYg'], ['fooba', 'Zm9vYmE'], ['foobar', 'Zm9vYmFy']];
    for (const [plain, encoded] of cases) {
      expect(toBase64Url(new TextEncoder().encode(plain))).toBe(encoded);
      expect(new TextDecoder().decode(fromBase64Url(encoded))).toBe(plain);
    }
    expect(toBase64Url(Uint8Array.of(0xfb, 0xff))).toBe('-_8'); // the URL-safe alphabet, not + and /
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
  });

  it('round-trips any bytes, and agrees with Node’s base64url', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const text = toBase64Url(bytes);
        expect(text).toBe(Buffer.from(bytes).toString('base64url'));
        expect(fromBase64Url(text)).toEqual(bytes);
      }),
    );
  });

  it('refuses characters outside the alphabet, impossible lengths and non-canonical endings', () => {
    expect(() => fromBase64Url('Zm9+')).toThrow(/“\+” at position 4/);
    expect(() => fromBase64Url('Zm9vY')).toThrow(/cut short/);
    expect(() => fromBase64Url('Zh')).toThrow(/not a possible ending/); // 'Zg' is the only encoding of "f"
  });
});

describe('share links', () => {
  it('a whole-project link opens as exactly the project a .hinge file of it opens as', () => {
    const link = encodeLink(projectForLink(project, 'project'));
    expect(link.startsWith(`#/layer?link=${LINK_FORMAT}.${PROJECT_VERSION}.`)).toBe(true);
    const { savedAt: _, ...withoutTime } = project;
    expect(decodeLink(payloadOf(link))).toEqual(parseProject(serializeProject(withoutTime)));
  });

  it('a lab link carries the lab on screen only, with its cameras, and imported matrices by name only', () => {
    const lab = decodeLink(payloadOf(encodeLink(projectForLink(project, 'lab'))));
    expect(Object.keys(lab.labs)).toEqual(['layer']);
    expect(lab.labs.layer).toEqual(project.labs.layer);
    const svdLink = decodeLink(payloadOf(encodeLink(projectForLink({ ...project, view: 'svd' }, 'lab'))));
    expect(Object.keys(svdLink.labs)).toEqual(['svd']);
    expect(svdLink.labs.svd?.state.imported).toEqual(svd.imported); // the file's name and fingerprint, no values
    const map = decodeLink(payloadOf(encodeLink(projectForLink({ ...project, view: 'map' }, 'lab'))));
    expect(map.labs).toEqual({});
    expect(map.view).toBe('map');
  });

  it('compresses: a link is shorter than the compact JSON it carries, despite base64’s 4/3', () => {
    const link = encodeLink(projectForLink(project, 'project'));
    const { savedAt: _, ...withoutTime } = project;
    expect(link.length).toBeLessThan(JSON.stringify(JSON.parse(serializeProject(withoutTime))).length);
  });

  it('round-trips random Layer states (property)', () => {
    // JSON has no −0 (a .hinge file writes it as 0 too), so the generator leaves it out.
    const num = fc.double({ min: -1e6, max: 1e6, noNaN: true }).map((v) => (Object.is(v, -0) ? 0 : v));
    fc.assert(
      fc.property(fc.array(fc.array(num, { minLength: 2, maxLength: 2 }), { minLength: 2, maxLength: 2 }), fc.tuple(num, num), fc.integer({ min: 0, max: 2 ** 32 - 1 }), (W, x, seed) => {
        const state = { ...layer, shape: '2x2', W, b: [0, 0], x, W2: [[1, 0], [0, 1]], b2: [0, 0], seed };
        const p = { view: 'layer', theme: 'dark', labs: { layer: { state } } } as unknown as Omit<Project, 'format' | 'version'>;
        expect(decodeLink(payloadOf(encodeLink(p))).labs.layer!.state).toEqual(state);
      }),
      { numRuns: 60 },
    );
  });

  it('finds the payload in a full URL, a fragment or a hinge:// link, and nothing where there is none', () => {
    expect(linkPayload('https://example.org/hinge/#/svd?link=1.2.abc')).toBe('1.2.abc');
    expect(linkPayload('hinge://open/#/svd?x=1&link=1.2.abc')).toBe('1.2.abc');
    expect(linkPayload('#/layer')).toBeUndefined();
    expect(linkPayload('#/layer?linkx=1')).toBeUndefined();
  });
});

describe('links refused, with the reason', () => {
  const good = payloadOf(encodeLink(projectForLink(project, 'lab')));

  it('too new: a newer link format, or a newer project schema outside or inside', () => {
    expect(refusal(`${LINK_FORMAT + 1}.${PROJECT_VERSION}.AAAA`)).toMatchObject({ kind: 'too-new', message: expect.stringMatching(/newer Hinge.*update Hinge/) });
    expect(refusal(`${LINK_FORMAT}.${PROJECT_VERSION + 1}.AAAA`)).toMatchObject({ kind: 'too-new', message: expect.stringMatching(new RegExp(`version ${PROJECT_VERSION + 1}`)) });
    const inside = JSON.stringify({ format: 'hinge-project', version: PROJECT_VERSION + 1, view: 'map', theme: 'dark', labs: {} });
    expect(refusal(payloadFor(inside, PROJECT_VERSION + 0))).toMatchObject({ kind: 'damaged' }); // outside and inside disagree
  });

  it('too old: a link format this build no longer reads, or schema version 0', () => {
    expect(refusal(`0.${PROJECT_VERSION}.AAAA`)).toMatchObject({ kind: 'too-old', message: expect.stringMatching(/older Hinge/) });
    expect(refusal(`${LINK_FORMAT}.0.AAAA`)).toMatchObject({ kind: 'too-old' });
  });

  it('an older schema version is migrated, as a file is', () => {
    const v1 = JSON.stringify({ format: 'hinge-project', version: 1, view: 'layer', theme: 'dark', labs: { layer: { state: { ...layer, speed: undefined } } } });
    const opened = decodeLink(payloadFor(v1, 1));
    expect(opened.labs.layer!.state.speed).toBe(1);
  });

  it('damaged: any one character changed or removed is refused, never opened as something else (property)', () => {
    const data = good.slice(good.lastIndexOf('.') + 1);
    const head = good.slice(0, good.length - data.length);
    fc.assert(
      fc.property(fc.nat(data.length - 1), fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_+/=%'), fc.boolean(), (at, c, remove) => {
        const changed = remove ? data.slice(0, at) + data.slice(at + 1) : data.slice(0, at) + c + data.slice(at + 1);
        if (changed === data) return;
        let opened: Project | undefined;
        try {
          opened = decodeLink(head + changed);
        } catch (error) {
          expect(error).toBeInstanceOf(LinkError);
          expect(['damaged', 'too-large']).toContain((error as LinkError).kind);
        }
        // DEFLATE ignores the padding bits after its last block: such a change opens the same project.
        if (opened) expect(opened).toEqual(decodeLink(good));
      }),
      { numRuns: 300 },
    );
    expect(refusal(good.slice(0, good.length - 8))).toMatchObject({ kind: 'damaged' });
    expect(refusal('hello')).toMatchObject({ kind: 'damaged', message: expect.stringMatching(/format and version/) });
  });

  it('a valid envelope around an invalid project names the bad field', () => {
    const bad = JSON.stringify({ format: 'hinge-project', version: PROJECT_VERSION, view: 'layer', theme: 'dark', labs: { layer: { state: { ...layer, W: [[1, 'x', 0], [0, 1, 0]] } } } });
    expect(refusal(payloadFor(bad))).toMatchObject({ kind: 'invalid', path: 'labs.layer.state.W[0][1]' });
    expect(refusal(payloadFor('{"a":1}'))).toMatchObject({ kind: 'damaged' });
    expect(refusal(payloadFor('not json'))).toMatchObject({ kind: 'damaged' });
  });

  it('a link that inflates past the cap is stopped before it is held (a zip bomb)', () => {
    const bomb = `{"format":"hinge-project","version":${PROJECT_VERSION},"pad":"${' '.repeat(MAX_LINK_JSON_BYTES)}"}`;
    const payload = payloadFor(bomb);
    expect(payload.length).toBeLessThan(40_000);
    expect(refusal(payload)).toMatchObject({ kind: 'too-large' });
  });

  it('random text never crashes the decoder (fuzz)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), fc.uint8Array({ maxLength: 200 }), (text, bytes) => {
        for (const payload of [text, `1.${PROJECT_VERSION}.${text}`, `1.${PROJECT_VERSION}.${toBase64Url(bytes)}`]) {
          try {
            decodeLink(payload);
          } catch (error) {
            expect(error).toBeInstanceOf(LinkError);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
