type Png = { bytes: Uint8Array; width: number; height: number };

/**
 * Two PNGs side by side in one, separated by a 2-pixel line of `divider` colour, each with its
 * title written in its top-left corner (the on-screen titles are HTML, not part of the WebGL image).
 */
export async function sideBySidePng(left: Png, right: Png, divider: string, titles?: { color: string; scale: number; left: string; right: string }): Promise<Png> {
  const gap = 2;
  const width = left.width + gap + right.width;
  const height = Math.max(left.height, right.height);
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('This browser cannot create a 2D canvas to join the two views.');
  ctx.fillStyle = divider;
  ctx.fillRect(0, 0, width, height);
  const decode = (png: Png) => createImageBitmap(new Blob([png.bytes as BlobPart], { type: 'image/png' }));
  const [a, b] = await Promise.all([decode(left), decode(right)]);
  ctx.drawImage(a, 0, 0);
  ctx.drawImage(b, left.width + gap, 0);
  a.close();
  b.close();
  if (titles) {
    const px = 14 * titles.scale;
    ctx.font = `600 ${px}px system-ui, "DejaVu Sans", sans-serif`;
    ctx.fillStyle = titles.color;
    ctx.textBaseline = 'top';
    ctx.fillText(titles.left, px * 0.8, px * 0.8);
    ctx.fillText(titles.right, left.width + gap + px * 0.8, px * 0.8);
  }
  const blob = await canvas.convertToBlob({ type: 'image/png' });
  return { bytes: new Uint8Array(await blob.arrayBuffer()), width, height };
}
