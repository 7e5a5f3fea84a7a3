import { describe, expect, it } from 'vitest';
import * as hinge from '../../src/index.js';

describe('the public entry', () => {
  it('re-exports errors, parsers, layer maths, linear algebra and the IPC contract', () => {
    const expected = [
      'ExpressionError', 'ShapeError',
      'parseMatrix', 'parseVector', 'parseScalar',
      'matVec', 'matMul', 'transpose', 'applyLayer', 'activate', 'erf', 'determinant', 'volumeFactor', 'rank',
      'composeLayers', 'layerAtTime', 'transformPointsInto', 'presetMatrix', 'seededRandomMatrix', 'formatNumber',
      'ACTIVATIONS', 'PRESETS',
      'channels', 'desktopApiKeys',
      'svd', 'singularValues', 'svdFloat64', 'spectrumSummary', 'significantCount',
      'svdAnimation', 'svdMatrixAt', 'svdStageMatrixAt', 'rotationPower', 'quaternionFromRotation', 'rotationFromQuaternion',
      'NonFiniteError', 'NotConvergedError', 'CancelledError', 'EXPRESSION_LIMITS', 'evaluationLimits',
      'openCheckpoint', 'matrixMetrics', 'spectrumMetrics', 'powerLawFit', 'asMatrix', 'layerName', 'matchTensors', 'tensorDelta',
      'UnsafePickleError', 'ShardError', 'UnsupportedCheckpointError', 'MAX_TENSOR_BYTES', 'gpt2LayerZero', 'llamaLayerZero',
      'checkpointOverview', 'mergedWeight', 'blobSource', 'memorySource', 'openTokenizer', 'readModelConfig',
    ];
    for (const name of expected) expect(hinge, name).toHaveProperty(name);
  });

  it('parses straight into layer maths', () => {
    const W = hinge.parseMatrix('[2, 0; 0, 3]', { maxRows: 3, maxCols: 3 });
    expect(hinge.applyLayer(W, hinge.parseVector('[1; 1]'), [1, 1])).toEqual([3, 4]);
  });
});
