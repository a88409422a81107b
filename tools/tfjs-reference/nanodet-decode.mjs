// Upstream NanoDet decode (RangiLyu/nanodet, distribution focal loss head), person class only.
// Used only to write reference boxes that the C# NanoDet decoder can be checked against.

const bins = 11; // reg_max + 1 per side
const strides = [8, 16, 32];
const inputSize = 416;

/**
 * outputs: {name: {shape, data}} with [1,N,80] class scores (sigmoid already applied) and [1,N,44] box distributions.
 * Returns person candidates above scoreThreshold, boxes in input pixels, sorted by score (highest first).
 */
export function decodeNanoDetPersons(outputs, scoreThreshold) {
  const scoresByCells = new Map();
  const boxesByCells = new Map();
  for (const value of Object.values(outputs)) {
    const [, cells, width] = value.shape;
    if (width === 80) scoresByCells.set(cells, value.data);
    if (width === 4 * bins) boxesByCells.set(cells, value.data);
  }
  const result = [];
  for (const stride of strides) {
    const grid = Math.ceil(inputSize / stride);
    const cells = grid * grid;
    const scores = scoresByCells.get(cells);
    const dist = boxesByCells.get(cells);
    for (let i = 0; i < cells; i++) {
      const score = scores[i * 80]; // column 0 = person
      if (score < scoreThreshold) continue;
      const cx = ((i % grid) + 0.5) * stride;
      const cy = (Math.floor(i / grid) + 0.5) * stride;
      const d = [0, 0, 0, 0];
      for (let side = 0; side < 4; side++) {
        const base = i * 4 * bins + side * bins;
        let max = -Infinity;
        for (let k = 0; k < bins; k++) max = Math.max(max, dist[base + k]);
        let sum = 0;
        let weighted = 0;
        for (let k = 0; k < bins; k++) {
          const e = Math.exp(dist[base + k] - max);
          sum += e;
          weighted += e * k;
        }
        d[side] = (weighted / sum) * stride;
      }
      result.push({ x1: cx - d[0], y1: cy - d[1], x2: cx + d[2], y2: cy + d[3], score });
    }
  }
  return result.sort((a, b) => b.score - a.score);
}

function iou(a, b) {
  const w = Math.max(0, Math.min(a.x2, b.x2) - Math.max(a.x1, b.x1));
  const h = Math.max(0, Math.min(a.y2, b.y2) - Math.max(a.y1, b.y1));
  const inter = w * h;
  const union = (a.x2 - a.x1) * (a.y2 - a.y1) + (b.x2 - b.x1) * (b.y2 - b.y1) - inter;
  return union > 0 ? inter / union : 0;
}

/** Greedy NMS over boxes sorted by score. */
export function nonMaxSuppression(sorted, iouThreshold) {
  const kept = [];
  for (const box of sorted) {
    if (kept.every((k) => iou(k, box) <= iouThreshold)) kept.push(box);
  }
  return kept;
}
