import { CanvasTexture, LinearFilter, SRGBColorSpace, Sprite, SpriteMaterial } from 'three';

const CANVAS_FONT_PX = 56;

export interface LabelOptions {
  readonly color: string;
  /** Cap height on screen in CSS pixels. */
  readonly sizePx?: number;
  readonly weight?: number;
  readonly italic?: boolean;
  /** Where the anchor point sits on the label: 0.5,0.5 centred; 0,0.5 left-middle. */
  readonly anchor?: readonly [number, number];
  readonly background?: string;
}

/**
 * three.js gives every Sprite one shared geometry, made once per page and never disposed: each
 * renderer that drew a label keeps it counted in `info.memory` and leaves a dispose listener on it
 * that holds that renderer's internals after the renderer is gone. The scene controller calls this
 * when it tears its renderer down, which frees them; a renderer still drawing labels uploads the
 * geometry's four vertices again on its next frame.
 */
export function releaseSpriteGeometry(): void {
  new Sprite(spriteProbeMaterial ??= new SpriteMaterial()).geometry.dispose();
}
let spriteProbeMaterial: SpriteMaterial | undefined;

/**
 * Text drawn into a canvas texture on a sprite, so labels are part of the WebGL image and appear
 * in PNG exports at every scale. Its on-screen size is kept constant by `fit`.
 */
export class TextLabel {
  readonly sprite: Sprite;
  readonly #canvas = document.createElement('canvas');
  readonly #texture: CanvasTexture;
  readonly #material: SpriteMaterial;
  #text = '';
  #options: LabelOptions;
  #aspect = 1;

  constructor(text: string, options: LabelOptions) {
    this.#options = options;
    this.#texture = new CanvasTexture(this.#canvas);
    this.#texture.colorSpace = SRGBColorSpace;
    this.#texture.minFilter = LinearFilter;
    this.#texture.generateMipmaps = false;
    this.#material = new SpriteMaterial({ map: this.#texture, transparent: true, depthTest: false, sizeAttenuation: false });
    this.sprite = new Sprite(this.#material);
    this.sprite.renderOrder = 10;
    const [ax, ay] = options.anchor ?? [0.5, 0.5];
    this.sprite.center.set(ax, ay);
    this.setText(text);
  }

  setText(text: string, color?: string): void {
    if (text === this.#text && (color === undefined || color === this.#options.color)) return;
    this.#text = text;
    if (color) this.#options = { ...this.#options, color };
    const ctx = this.#canvas.getContext('2d')!;
    const font = `${this.#options.italic ? 'italic ' : ''}${this.#options.weight ?? 500} ${CANVAS_FONT_PX}px ${'system-ui, "DejaVu Sans", sans-serif'}`;
    ctx.font = font;
    const pad = this.#options.background ? 14 : 6;
    const width = Math.ceil(ctx.measureText(text).width) + 2 * pad;
    const height = Math.ceil(CANVAS_FONT_PX * 1.35) + 2 * pad - 8;
    const resized = this.#canvas.width !== Math.max(2, width) || this.#canvas.height !== height;
    this.#canvas.width = Math.max(2, width);
    this.#canvas.height = height;
    // WebGL2 textures have immutable storage: a new size needs a new texture, or the text is squashed.
    if (resized) this.#texture.dispose();
    ctx.font = font;
    if (this.#options.background) {
      ctx.fillStyle = this.#options.background;
      const r = 14;
      ctx.beginPath();
      ctx.roundRect(0, 0, this.#canvas.width, height, r);
      ctx.fill();
    }
    ctx.fillStyle = this.#options.color;
    ctx.textBaseline = 'middle';
    ctx.fillText(text, pad, height / 2 + 2);
    this.#aspect = this.#canvas.width / height;
    this.#texture.needsUpdate = true;
  }

  /**
   * Sets the sprite's scale so the label is `sizePx` tall on screen: `unitsPerPixel` is how many
   * sprite units one CSS pixel spans (world units for an orthographic camera, view units at
   * distance 1 for a perspective one).
   */
  fit(unitsPerPixel: number): void {
    const h = (this.#options.sizePx ?? 15) * 1.35 * unitsPerPixel;
    this.sprite.scale.set(h * this.#aspect, h, 1);
  }

  dispose(): void {
    this.#texture.dispose();
    this.#material.dispose();
  }
}
