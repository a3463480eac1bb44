import { SynthError } from '../errors.js';

export const LR_SCHEDULES = ['constant', 'cosine'] as const;
export type LrSchedule = (typeof LR_SCHEDULES)[number];

/** A schedule named by a caller of the library (the CLI's parser checks its flag itself). */
export function checkLrSchedule(name: string): LrSchedule {
  if (!(LR_SCHEDULES as readonly string[]).includes(name)) throw new SynthError(`--lr-schedule: expected one of ${LR_SCHEDULES.join(', ')}, got ${name}`);
  return name as LrSchedule;
}

/**
 * The learning rate for optimiser step `step` (0-based) of `steps`. `cosine` decays from `base`
 * to 0 along half a cosine over the run, so the last epochs settle the weights instead of leaving
 * them wherever the last full-rate steps threw them (the run-to-run spread that a constant rate
 * leaves in accuracy on shifted test data). A pure function of its inputs, so a resumed run
 * continues on the same curve.
 */
export function learningRateAt(schedule: LrSchedule, base: number, step: number, steps: number): number {
  if (schedule === 'constant' || steps <= 1) return base;
  return 0.5 * base * (1 + Math.cos((Math.PI * step) / steps));
}
