/**
 * The concept map's rows: an idea from neural networks, the linear algebra it is, a short
 * explanation in our own words, its formula (TeX) and the lab that shows it.
 */
export interface Concept {
  readonly network: string;
  readonly algebra: string;
  readonly explanation: string;
  readonly formula: string;
  readonly lab: string;
}

export const CONCEPTS: readonly Concept[] = [
  {
    network: 'A linear layer',
    algebra: 'A matrix–vector product',
    explanation:
      'Each output is a weighted sum of the inputs, so the whole layer is one multiplication by W, then a shift by b. Column j of W is where the j-th basis vector lands.',
    formula: '\\mathbf{y} = W\\mathbf{x} + \\mathbf{b}',
    lab: 'layer',
  },
  {
    network: 'Stacked layers with no nonlinearity',
    algebra: 'A matrix product',
    explanation:
      'Two linear layers in a row are a single linear layer: their matrices multiply. However deep, a network without nonlinearities can only do what one matrix does.',
    formula: 'W_2(W_1\\mathbf{x} + \\mathbf{b}_1) + \\mathbf{b}_2 = (W_2W_1)\\,\\mathbf{x} + (W_2\\mathbf{b}_1 + \\mathbf{b}_2)',
    lab: 'layer',
  },
  {
    network: 'Depth',
    algebra: 'Piecewise-linear regions',
    explanation:
      'A ReLU network is linear on each of many convex pieces of its input space. Every layer can fold the pieces made before it, so the number of pieces can grow exponentially with depth but only polynomially with width.',
    formula: 'f(\\mathbf{x}) = A_r\\mathbf{x} + \\mathbf{c}_r \\quad \\text{for } \\mathbf{x} \\in R_r',
    lab: 'regions',
  },
  {
    network: 'Attention scores',
    algebra: 'A Gram matrix of inner products',
    explanation:
      'Every query is compared with every key by an inner product; the table of all those products is QKᵀ. Dividing by √dₖ keeps the numbers in a range where softmax is not already all-or-nothing.',
    formula: 'S = \\frac{QK^{\\top}}{\\sqrt{d_k}}, \\qquad S_{ij} = \\frac{\\mathbf{q}_i \\cdot \\mathbf{k}_j}{\\sqrt{d_k}}',
    lab: 'attention',
  },
  {
    network: 'The attention output',
    algebra: 'A row-stochastic matrix times V',
    explanation:
      'Softmax turns each row of scores into non-negative weights that sum to 1, so each output is an average of the value vectors — a point inside their convex hull.',
    formula: '\\mathbf{o}_i = \\sum_j a_{ij}\\,\\mathbf{v}_j, \\qquad a_{ij} \\ge 0,\\; \\sum_j a_{ij} = 1',
    lab: 'attention',
  },
  {
    network: 'What a weight matrix does',
    algebra: 'The singular value decomposition',
    explanation:
      'Any matrix turns its input, stretches it along perpendicular directions by the singular values, and turns it again. Large σᵢ are the directions the layer amplifies; small ones it nearly discards.',
    formula: 'W = U\\Sigma V^{\\top} = \\sum_i \\sigma_i\\,\\mathbf{u}_i\\mathbf{v}_i^{\\top}',
    lab: 'svd',
  },
  {
    network: 'LoRA fine-tuning',
    algebra: 'A low-rank factorisation',
    explanation:
      'Instead of learning a full d×k update, learn two thin matrices whose product has rank at most r. The closest rank-r matrix to a given update, in both the Frobenius and the spectral norm, is its truncated SVD (Eckart–Young).',
    formula: 'W = W_0 + AB,\\quad A \\in \\mathbb{R}^{d\\times r},\\; B \\in \\mathbb{R}^{r\\times k}: \\; r(d+k) \\text{ parameters instead of } dk',
    lab: 'lora',
  },
  {
    network: 'Backpropagation',
    algebra: 'The chain rule through transposes',
    explanation:
      'The gradient flows backwards through each layer by the transpose of its matrix. Wᵀ has the same singular values as W, so a badly conditioned layer blows some gradient directions up and shrinks others.',
    formula: '\\frac{\\partial L}{\\partial \\mathbf{x}} = W^{\\top}\\frac{\\partial L}{\\partial \\mathbf{y}}',
    lab: 'gradients',
  },
  {
    network: 'Training',
    algebra: 'Gradient descent on the weights',
    explanation:
      'Each step moves every weight against the gradient of the loss on a batch of examples. As the weights change, so do the decision boundary, the number of linear pieces and each layer\'s singular values — and a badly scaled start makes the gradients vanish or explode.',
    formula: '\theta \leftarrow \theta - \eta\,\nabla_{\theta} L(\theta)',
    lab: 'training',
  },
];
