/**
 * The sample files shipped with Hinge (assets/public/samples, made by assets/make-samples.py),
 * fetched from the app's own origin (app://hinge/samples/ on the desktop) and opened like any
 * file the user gives: projects replace the project, weights go to the import dialog.
 */
import type { IncomingFile } from '../host/host.js';

export interface Sample {
  readonly file: string;
  readonly title: string;
  readonly what: string;
}

export const SAMPLES: readonly Sample[] = [
  { file: 'layer.hinge', title: 'Layer: a 3×3 layer with ReLU', what: 'A project on the Layer lab, in 3D.' },
  { file: 'svd.hinge', title: 'SVD: a 2×2 matrix', what: 'A project on the SVD lab, mid-animation.' },
  { file: 'regions.hinge', title: 'Regions: a 2→8→8→1 ReLU net', what: 'A project on the Regions lab with a segment through input space.' },
  { file: 'attention.hinge', title: 'Attention: “the cat sat on the mat”', what: 'A project on the Attention lab, two heads.' },
  { file: 'lora.hinge', title: 'LoRA: a rank-2 update of an 8×8 matrix', what: 'A project on the LoRA lab.' },
  { file: 'gradients.hinge', title: 'Gradients: a 30-layer chain', what: 'A project on the Gradients lab.' },
  { file: 'rotation-3x3.npy', title: 'rotation-3x3.npy', what: 'A NumPy array (3×3, float64), for the import dialog.' },
  { file: 'small-mlp.safetensors', title: 'small-mlp.safetensors', what: 'Five named tensors of a small network (F32), one of rank 6.' },
  { file: 'weights-6x4.csv', title: 'weights-6x4.csv', what: 'A CSV table with a header row (6×4).' },
];

/** The sample's bytes, from the app's own origin. */
export async function fetchSample(sample: Sample): Promise<IncomingFile> {
  const response = await fetch(new URL(`./samples/${sample.file}`, document.baseURI));
  if (!response.ok) throw new Error(`the sample ${sample.file} is missing (${response.status})`);
  return { name: sample.file, bytes: new Uint8Array(await response.arrayBuffer()) };
}
