import { z } from 'zod';

/** Concrete values as they appear in FrameSpecs: no distributions left. */
export const Vec3 = z.strictObject({ x: z.number(), y: z.number(), z: z.number() });
export type Vec3 = z.output<typeof Vec3>;

export const Colour = z.string().regex(/^#[0-9a-f]{6}$/);
