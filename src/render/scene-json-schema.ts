import { z } from 'zod';
import { SceneSpec } from './scene-schema.js';

/** JSON Schema for scene configs, generated from the zod schema (for editor autocompletion). */
export function sceneJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(SceneSpec, { io: 'input', unrepresentable: 'any' }),
    title: 'synth scene config',
  };
}
