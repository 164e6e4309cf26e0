/*
 * FFmpeg filtergraphs have two levels of escaping: an option value inside a filter, then the
 * filter inside the graph (see "Notes on filtergraph escaping" in the FFmpeg docs). Text never
 * goes through here: drawtext reads it from a file, so titles like "Don't Look Up" or "100%"
 * need no escaping at all.
 */

/** A value (a path, a colour) safe to place after `name=` in a filtergraph. */
export function filterValue(value: string): string {
  const inFilter = value.replace(/[\\':]/g, (character) => `\\${character}`);
  return inFilter.replace(/[\\'[\],;]/g, (character) => `\\${character}`);
}

/** An expression (`if(gt(t,1),...)`) safe in a filtergraph: its commas are not filter separators. */
export function filterExpression(expression: string): string {
  return expression.replace(/,/g, '\\,');
}

export interface DrawTextOptions {
  readonly fontFile: string;
  readonly textFile: string;
  readonly fontSize: number;
  readonly color: string;
  /** Expression for x; defaults to centred. */
  readonly x?: string;
  readonly y: string;
  readonly borderWidth?: number;
  readonly borderColor?: string;
  readonly enable?: string;
}

/** A drawtext filter reading its text from a UTF-8 file, with `%` expansion off. */
export function drawText(options: DrawTextOptions): string {
  const parts = [
    `fontfile=${filterValue(options.fontFile)}`,
    `textfile=${filterValue(options.textFile)}`,
    'expansion=none',
    `fontsize=${options.fontSize}`,
    `fontcolor=${options.color}`,
    `x=${filterExpression(options.x ?? '(w-text_w)/2')}`,
    `y=${filterExpression(options.y)}`,
  ];
  if (options.borderWidth)
    parts.push(`borderw=${options.borderWidth}`, `bordercolor=${options.borderColor ?? 'black@0.6'}`);
  if (options.enable) parts.push(`enable=${filterExpression(options.enable)}`);
  return `drawtext=${parts.join(':')}`;
}

/** A filled box. */
export function drawBox(x: number | string, y: number | string, width: number, height: number, color: string): string {
  return `drawbox=x=${x}:y=${y}:w=${width}:h=${height}:color=${color}:t=fill`;
}

/**
 * A vertical gradient from `top` to `bottom` as a lavfi source: drawn small with geq, then scaled
 * up smoothly, which costs next to nothing at 1080x1920.
 */
export function gradientSource(
  top: string,
  bottom: string,
  width: number,
  height: number,
  pixelFormat = 'yuv420p',
): string {
  const [r1, g1, b1] = rgb(top);
  const [r2, g2, b2] = rgb(bottom);
  const mix = (a: number, b: number) => filterExpression(`${a}+(${b - a})*Y/(H-1)`);
  return (
    `color=c=black:s=16x32:r=30,format=rgb24,` +
    `geq=r=${mix(r1, r2)}:g=${mix(g1, g2)}:b=${mix(b1, b2)},` +
    `scale=${width}:${height}:flags=bicubic,format=${pixelFormat}`
  );
}

/** `#RRGGBB` (or `0xRRGGBB`) as [r, g, b]. */
export function rgb(color: string): [number, number, number] {
  const hex = color.replace(/^(#|0x)/i, '');
  if (!/^[0-9a-f]{6}$/i.test(hex)) throw new TypeError(`not a #RRGGBB colour: ${color}`);
  return [0, 2, 4].map((offset) => parseInt(hex.slice(offset, offset + 2), 16)) as [number, number, number];
}

/** A colour in FFmpeg's `0xRRGGBB[@alpha]` form. */
export function ffColor(color: string, alpha?: number): string {
  const hex = color.replace(/^(#|0x)/i, '').toUpperCase();
  return alpha === undefined ? `0x${hex}` : `0x${hex}@${alpha}`;
}

/**
 * Keep the first frame and repeat it forever with fresh timestamps: a still layer (text on a
 * gradient, a poster) is drawn once instead of once per frame.
 */
export function holdFirstFrame(fps: number): string {
  return `trim=end_frame=1,loop=loop=-1:size=1:start=0,settb=1/${fps},setpts=N`;
}
