import { BOARD, FONT_FAMILY } from "../canvas/theme.js";
import type { Picture } from "./compose.js";
import { baselineOf, type Shape } from "./shapes.js";

/**
 * A picture as SVG with real text: each text a <text> element (one <tspan> a line), so it can be
 * selected and searched. Built as a DOM and written by the browser's XMLSerializer, which escapes what
 * people wrote ("<script>" or "&" in a note stays text).
 */

const SVG_NS = "http://www.w3.org/2000/svg";
/** Shapes added to the document between two turns of the page. */
const SHAPES_PER_TURN = 2000;

/** Hundredths of a unit are finer than any screen or printer shows, and keep the file small. */
function num(value: number): string {
  return String(Math.round(value * 100) / 100);
}

function element(doc: Document, name: string, attributes: Record<string, string | number | undefined>): SVGElement {
  const node = doc.createElementNS(SVG_NS, name);
  for (const [key, value] of Object.entries(attributes))
    if (value !== undefined) node.setAttribute(key, typeof value === "number" ? num(value) : value);
  return node;
}

function pathOf(points: readonly number[], bezier: boolean): string {
  const at = (i: number) => `${num(points[i] ?? 0)} ${num(points[i + 1] ?? 0)}`;
  const parts = [`M ${at(0)}`];
  if (bezier) for (let i = 2; i + 5 < points.length; i += 6) parts.push(`C ${at(i)} ${at(i + 2)} ${at(i + 4)}`);
  else for (let i = 2; i + 1 < points.length; i += 2) parts.push(`L ${at(i)}`);
  return parts.join(" ");
}

function svgShape(doc: Document, shape: Shape): SVGElement {
  switch (shape.kind) {
    case "rect":
      return element(doc, "rect", {
        x: shape.x,
        y: shape.y,
        width: shape.w,
        height: shape.h,
        rx: shape.radius,
        fill: shape.fill,
        stroke: shape.stroke,
        "stroke-width": shape.stroke ? shape.strokeWidth : undefined,
      });
    case "circle":
      return element(doc, "circle", {
        cx: shape.x,
        cy: shape.y,
        r: shape.r,
        fill: shape.fill,
        stroke: shape.stroke,
        "stroke-width": shape.stroke ? shape.strokeWidth : undefined,
      });
    case "line":
      return element(doc, "path", {
        d: `${pathOf(shape.points, shape.bezier ?? false)}${shape.fill ? " Z" : ""}`,
        fill: shape.fill ?? "none",
        stroke: shape.stroke,
        "stroke-width": shape.strokeWidth,
        "stroke-dasharray": shape.dash?.join(" "),
        "stroke-linecap": "round",
        opacity: shape.opacity,
      });
    case "text": {
      const node = element(doc, "text", {
        "font-family": FONT_FAMILY,
        "font-size": shape.size,
        "font-weight": shape.bold ? "bold" : undefined,
        fill: shape.fill,
      });
      for (const [index, line] of shape.lines.entries()) {
        const span = element(doc, "tspan", { x: shape.x, y: baselineOf(shape, index) });
        span.textContent = line;
        node.append(span);
      }
      return node;
    }
  }
}

/** Yields as it goes; gives the picture's <svg> element. */
export function* pictureSvg(picture: Picture): Generator<number, SVGSVGElement> {
  const doc = document;
  const svg = element(doc, "svg", {
    width: picture.width,
    height: picture.height,
    viewBox: `0 0 ${picture.width} ${picture.height}`,
  }) as SVGSVGElement;
  svg.append(element(doc, "rect", { width: picture.width, height: picture.height, fill: BOARD.background }));
  // In groups of a turn's shapes, so that the text is written a group at a time too (svgTextParts).
  let group = svg as SVGElement;
  for (const [index, shape] of picture.shapes.entries()) {
    if (index % SHAPES_PER_TURN === 0) {
      group = element(doc, "g", {});
      svg.append(group);
    }
    group.append(svgShape(doc, shape));
    if ((index + 1) % SHAPES_PER_TURN === 0) yield index + 1;
  }
  return svg;
}

/**
 * The SVG as text, written a group at a time and yielding between groups: a 5,000-note map's SVG is
 * megabytes, and writing it in one call would hold the page. Each group is written on its own, so it
 * carries its namespace; the XML is the same document.
 */
export function* svgTextParts(svg: SVGSVGElement): Generator<number, string[]> {
  const serializer = new XMLSerializer();
  const shell = svg.cloneNode(false) as SVGSVGElement;
  shell.append(document.createComment(""));
  const [open = "", close = ""] = serializer.serializeToString(shell).split("<!---->");
  const parts = ['<?xml version="1.0" encoding="UTF-8"?>\n', open];
  for (const [index, child] of Array.from(svg.children).entries()) {
    parts.push(serializer.serializeToString(child));
    yield index + 1;
  }
  parts.push(close);
  return parts;
}
