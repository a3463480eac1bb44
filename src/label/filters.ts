import { z } from 'zod';

export const LabelsSpec = z
  .strictObject({
    minVisibility: z
      .number()
      .min(0, 'expected a fraction in [0, 1]')
      .max(1, 'expected a fraction in [0, 1]')
      .optional()
      .describe('objects with less of themselves visible than this (0..1) fail; objects that record no visibility pass'),
    minPixels: z
      .int('expected a whole number >= 0')
      .nonnegative('expected a whole number >= 0')
      .optional()
      .describe('objects with fewer visible pixels than this fail; objects that record no pixel count pass'),
    mode: z
      .enum(['drop', 'flag'], 'expected "drop" or "flag"')
      .default('flag')
      .describe('drop: remove failing objects from the labels; flag: keep them with ignore: true (COCO writes them as iscrowd 1)'),
  })
  .describe('which objects are too hidden or too small to be labels');
export type LabelsSpec = z.output<typeof LabelsSpec>;
export type LabelsSpecInput = z.input<typeof LabelsSpec>;

/** The fields a filter reads and writes; the renderer's objects and manifest objects both have them. */
export interface FilterableObject {
  pixels?: number | undefined;
  visibility?: number | undefined;
  ignore?: boolean | undefined;
  instance?: number | undefined;
}

/** Whether an object meets the spec's thresholds. A field the object does not record is not held against it. */
export function passesLabelFilters(object: FilterableObject, spec: LabelsSpec): boolean {
  if (spec.minVisibility !== undefined && object.visibility !== undefined && object.visibility < spec.minVisibility) return false;
  if (spec.minPixels !== undefined && object.pixels !== undefined && object.pixels < spec.minPixels) return false;
  return true;
}

/**
 * A record's objects after the label filters; the input is not changed.
 *
 * flag: failing objects get `ignore: true` (an object flagged before stays flagged).
 * drop: failing objects are removed. The mask is not renumbered: the dropped object's pixels keep
 * their value and are claimed by no object (they still occlude what is behind them, so they are
 * neither background nor a label), and the objects after it no longer sit at position value - 1.
 * So every survivor gets `instance` (its mask value), which readers use in preference to position.
 */
export function filterObjects<T extends FilterableObject>(objects: readonly T[], spec: LabelsSpec): T[] {
  if (spec.mode === 'flag') {
    return objects.map((o) => (o.ignore || passesLabelFilters(o, spec) ? o : { ...o, ignore: true }));
  }
  return objects.flatMap((o, k) => (passesLabelFilters(o, spec) ? [{ ...o, instance: o.instance ?? k + 1 }] : []));
}
