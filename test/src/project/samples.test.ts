// The sample files shipped in assets/public/samples (assets/make-samples.py) open: every .hinge
// validates as a project on its own lab, the .npy, .safetensors and CSV parse as the readers do.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDelimited, parseNpy, parseSafetensors } from '../../../src/formats/index.js';
import { LAB_STATE_IDS, parseProject } from '../../../src/project/index.js';

const dir = join(import.meta.dirname, '../../../assets/public/samples');
const bytes = (name: string) => new Uint8Array(readFileSync(join(dir, name)));

describe('sample files', () => {
  it('has one project per lab, each valid and opening on its lab', () => {
    const projects = readdirSync(dir).filter((f) => f.endsWith('.hinge')).sort();
    expect(projects).toEqual([...LAB_STATE_IDS].map((id) => `${id}.hinge`).sort());
    for (const name of projects) {
      const project = parseProject(readFileSync(join(dir, name), 'utf8'));
      expect(project.view).toBe(name.replace('.hinge', ''));
      expect(Object.keys(project.labs)).toEqual([project.view]);
    }
  });

  it('has weights that the readers accept', () => {
    const npy = parseNpy(bytes('rotation-3x3.npy'));
    expect(npy.shape).toEqual([3, 3]);
    const st = parseSafetensors(bytes('small-mlp.safetensors'));
    expect(st.tensors.map((t: { name: string }) => t.name).sort()).toEqual(['embedding.weight', 'encoder.layer0.bias', 'encoder.layer0.weight', 'encoder.layer1.weight', 'head.weight']);
    const csv = parseDelimited(readFileSync(join(dir, 'weights-6x4.csv'), 'utf8'));
    expect([csv.rows, csv.cols]).toEqual([6, 4]);
  });
});
