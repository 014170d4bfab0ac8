/**
 * How a picture too large for one canvas is drawn, pure: in tiles, band by band. Browsers cap a canvas's
 * side and area (Chromium here: 65,535 px a side and 268,435,456 px in all, probed; Safari on iOS: 16.7
 * million px), and a canvas at its cap is slow to read back; so no tile is larger than `maxTileSide` a
 * side, and a band of tiles (the rows of pixels encoded together) holds at most `bandBytes` of pixels.
 */

export interface TileLimits {
  /** The longest side of a tile, in pixels. */
  maxTileSide: number;
  /** The most RGBA bytes one band of tiles holds at once. */
  bandBytes: number;
}

/** 2,040 px is well inside every browser's caps, and whole board units at 1x, 2x and 3x (2,040 = 3 × 680). */
export const TILE_LIMITS: TileLimits = { maxTileSide: 2040, bandBytes: 8 * 1024 * 1024 };

export interface Tile {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface Band {
  y: number;
  h: number;
  tiles: Tile[];
}

/** Bands from the top, each split into tiles from the left; together they cover every pixel once. */
export function planTiles(width: number, height: number, limits: TileLimits = TILE_LIMITS): Band[] {
  if (!(width > 0 && height > 0 && Number.isInteger(width) && Number.isInteger(height)))
    throw new Error(`a picture of ${width} × ${height} pixels cannot be drawn`);
  const bandHeight = Math.max(1, Math.min(limits.maxTileSide, Math.floor(limits.bandBytes / (width * 4))));
  const bands: Band[] = [];
  for (let y = 0; y < height; y += bandHeight) {
    const h = Math.min(bandHeight, height - y);
    const tiles: Tile[] = [];
    for (let x = 0; x < width; x += limits.maxTileSide)
      tiles.push({ x, y, w: Math.min(limits.maxTileSide, width - x), h });
    bands.push({ y, h, tiles });
  }
  return bands;
}
