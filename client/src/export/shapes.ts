/**
 * What an exported picture is made of, pure: a few kinds of shape in picture units (board units, the map
 * shifted under its title), each with the box it covers. The PNG (Konva, tile by tile), the SVG and the PDF
 * (jsPDF, in a worker) draw the same shapes, so every format shows the same picture.
 */

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export type Shape =
  | {
      kind: "rect";
      x: number;
      y: number;
      w: number;
      h: number;
      fill: string;
      stroke?: string;
      strokeWidth?: number;
      radius?: number;
    }
  | {
      kind: "line";
      /** Flat [x0, y0, x1, y1, …]; with `bezier`, a start point then three points per cubic segment. */
      points: number[];
      stroke?: string;
      strokeWidth?: number;
      dash?: number[];
      bezier?: boolean;
      /** Closed and filled (a band). */
      fill?: string;
      opacity?: number;
    }
  | { kind: "circle"; x: number; y: number; r: number; fill: string; stroke?: string; strokeWidth?: number }
  | {
      kind: "text";
      x: number;
      /** The first line's top; each line is `size * lineHeight` below the one before. */
      y: number;
      lines: string[];
      size: number;
      lineHeight: number;
      bold: boolean;
      fill: string;
      /** The widest line's width, as measured when the picture was laid out. */
      width: number;
    };

/** Where a line of text sits: its baseline, from the top of its line box (the font's middle on the box's middle). */
export function baselineOf(shape: Extract<Shape, { kind: "text" }>, line: number): number {
  const box = shape.size * shape.lineHeight;
  return shape.y + line * box + box / 2 + shape.size * 0.35;
}

export function boxOf(shape: Shape): Box {
  switch (shape.kind) {
    case "rect": {
      const grow = (shape.strokeWidth ?? 0) / 2;
      return { x: shape.x - grow, y: shape.y - grow, w: shape.w + 2 * grow, h: shape.h + 2 * grow };
    }
    case "circle": {
      const r = shape.r + (shape.strokeWidth ?? 0) / 2;
      return { x: shape.x - r, y: shape.y - r, w: 2 * r, h: 2 * r };
    }
    case "text":
      return { x: shape.x, y: shape.y, w: shape.width, h: shape.lines.length * shape.size * shape.lineHeight };
    case "line": {
      const xs = shape.points.filter((_, i) => i % 2 === 0);
      const ys = shape.points.filter((_, i) => i % 2 === 1);
      const grow = (shape.strokeWidth ?? 0) / 2;
      const x = Math.min(...xs) - grow;
      const y = Math.min(...ys) - grow;
      return { x, y, w: Math.max(...xs) + grow - x, h: Math.max(...ys) + grow - y };
    }
  }
}

export function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

export function shifted(shape: Shape, dx: number, dy: number): Shape {
  if (shape.kind === "line")
    return { ...shape, points: shape.points.map((value, i) => value + (i % 2 === 0 ? dx : dy)) };
  return { ...shape, x: shape.x + dx, y: shape.y + dy };
}

/**
 * A smooth curve through points (flat [x, y, …]) as cubic segments (Catmull-Rom with this tension, the
 * look of the board's curves): a start point, then two control points and an end point per segment.
 */
export function smoothCurve(points: readonly number[], tension = 0.35): number[] {
  const count = points.length / 2;
  if (count < 3) return [...points];
  const at = (i: number) => {
    const k = Math.max(0, Math.min(count - 1, i));
    return { x: points[2 * k] ?? 0, y: points[2 * k + 1] ?? 0 };
  };
  const out = [at(0).x, at(0).y];
  for (let i = 0; i < count - 1; i++) {
    const [p0, p1, p2, p3] = [at(i - 1), at(i), at(i + 1), at(i + 2)];
    const k = tension / 2;
    out.push(p1.x + (p2.x - p0.x) * k, p1.y + (p2.y - p0.y) * k, p2.x - (p3.x - p1.x) * k, p2.y - (p3.y - p1.y) * k);
    out.push(p2.x, p2.y);
  }
  return out;
}
