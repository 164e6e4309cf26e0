import { PNG } from 'pngjs';

/** A real PNG (RGBA, 8 bits, written by pngjs): a poster-shaped gradient that a browser decodes and lays out. */
export function makePng(width: number, height: number): Buffer {
  const png = new PNG({ width, height });
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const pixel = (y * width + x) * 4;
      png.data[pixel] = Math.round((x / width) * 200) + 30;
      png.data[pixel + 1] = Math.round((y / height) * 120) + 40;
      png.data[pixel + 2] = 160;
      png.data[pixel + 3] = 255;
    }
  }
  return PNG.sync.write(png);
}
