import { type Box, instanceStats, unionBox } from './instance-stats.js';

/** The labels of one object instance in a written image. */
export interface ObjectLabel {
  class: string;
  label: number;
  /** Visible pixels in the written image. */
  pixels: number;
  /** Tight box of the visible pixels (the extent of its mask); null when none is visible. */
  box: Box | null;
  /** Projected extent of the whole object, hidden parts included, clipped to the image; null when it is not in front of the camera. */
  amodal: Box | null;
  /** The object reaches beyond the frame. */
  truncated: boolean;
  /** Visible pixels / pixels it would cover if nothing hid it, in the rendered frame; 0 when it covers none. */
  visibility: number;
  /** Set by the label filters (filters.ts): too hidden or too small to be a label, kept for reference. */
  ignore?: boolean;
  /** Its value in the mask, when label filters dropped objects before it (filters.ts). */
  instance?: number;
}

export interface ObjectLabelInput {
  /** The rendered frame's instance ids (k = frame object k-1) and size. */
  ids: Uint8Array;
  width: number;
  height: number;
  /** The frame's objects; distractors are not labelled. */
  objects: { class: string; label: number; distractor?: boolean | undefined }[];
  /** From the page: projected extents [x0, y0, x1, y1] (unclipped) and unoccluded pixel counts. */
  measured: { amodal: [number, number, number, number] | null; unoccluded: number | null }[];
  /** The written image: its instance ids (same numbering as `ids`), size, and how frame boxes map into it. */
  written: { ids: Uint8Array; width: number; height: number; mapBox: (box: Box) => Box };
}

/**
 * Labels of the frame's labelled objects in the written image, and the mask to write: the written
 * ids renumbered so that value k is the k-th labelled object (distractors and background are 0).
 */
export function objectLabels(input: ObjectLabelInput): { objects: ObjectLabel[]; mask: Uint8Array } {
  const { ids, width, height, objects, measured, written } = input;
  const inFrame = instanceStats(ids, width, height, objects.length).instances;
  const renumber = new Uint8Array(256);
  const labelled: number[] = [];
  objects.forEach((o, i) => {
    if (o.distractor) return;
    labelled.push(i);
    renumber[i + 1] = labelled.length;
  });
  const mask = new Uint8Array(written.ids.length);
  for (let p = 0; p < mask.length; p++) mask[p] = renumber[written.ids[p]!]!;
  const inImage = instanceStats(mask, written.width, written.height, labelled.length).instances;

  const labels = labelled.map((i, k): ObjectLabel => {
    const o = objects[i]!;
    const visible = inFrame[i]!.pixels;
    const { amodal: extent, unoccluded } = measured[i] ?? { amodal: null, unoccluded: null };
    const seen = unoccluded ?? visible;
    const box = inImage[k]!.box;
    const amodal = extent && amodalBox(extent, width, height, written);
    return {
      class: o.class,
      label: o.label,
      pixels: inImage[k]!.pixels,
      box,
      // Rasterisation (pixel centres) and nearest-neighbour fitting can put a visible pixel up to a
      // pixel outside the rounded projection; the amodal box must contain the tight box regardless.
      amodal: amodal && box ? unionBox([amodal, box]) : amodal ?? box,
      truncated: extent !== null && (extent[0] < 0 || extent[1] < 0 || extent[2] > width || extent[3] > height),
      visibility: seen > 0 ? Math.min(1, visible / seen) : 0,
    };
  });
  return { objects: labels, mask };
}

/** The extent clipped to the frame, mapped to the written image and rounded outwards to whole pixels. */
function amodalBox(extent: [number, number, number, number], width: number, height: number, written: ObjectLabelInput['written']): Box | null {
  const x0 = clamp(extent[0], 0, width), y0 = clamp(extent[1], 0, height);
  const x1 = clamp(extent[2], 0, width), y1 = clamp(extent[3], 0, height);
  if (x1 <= x0 || y1 <= y0) return null;
  const [mx, my, mw, mh] = written.mapBox([x0, y0, x1 - x0, y1 - y0]);
  const left = clamp(Math.floor(mx), 0, written.width), top = clamp(Math.floor(my), 0, written.height);
  const right = clamp(Math.ceil(mx + mw), 0, written.width), bottom = clamp(Math.ceil(my + mh), 0, written.height);
  return right > left && bottom > top ? [left, top, right - left, bottom - top] : null;
}

function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
}
