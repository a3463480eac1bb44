import { readFileSync } from 'node:fs';
import path from 'node:path';
import { SynthError, formatPath, parseOrThrow } from '../errors.js';
import { sha256, stableStringify } from '../stable-json.js';
import { parseYamlConfig } from '../yaml-config.js';
import { type GlyphOutline, glyphOutline, missingCharacters, parseFont } from './glyph-outlines.js';
import { type SceneImages, listSceneImages } from './images/list-image-folders.js';
import { resolveAsset } from './resolve-asset.js';
import { modelKey } from './objects/model.js';
import { objectSpecs } from './objects/objects.js';
import type { PageInit } from './page-protocol.js';
import { SceneSpec } from './scene-schema.js';

/** A validated scene with its assets loaded: everything sampling and rendering need. */
export interface LoadedScene {
  /** The file as the user named it (for messages). */
  file: string;
  spec: SceneSpec;
  /** sha256 over the validated config and the bytes of every asset it uses. */
  hash: string;
  /** Outlines by font name (as written in the config), then by text. */
  glyphs: Record<string, Record<string, GlyphOutline>>;
  /** glTF models, keyed as the page looks them up (modelKey). */
  models: PageInit['models'];
  /** Footprint radius of each model at scale 1, from its position bounds (for non-overlapping placement). */
  modelRadius: Record<string, number>;
  /** The images of the folders the config names (textures, backgrounds). */
  images: SceneImages;
}

/** Reads, validates and loads a scene config; every problem is a SynthError naming the file and field. */
export function loadScene(file: string): LoadedScene {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new SynthError(`${file}: cannot read the scene config (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  return sceneFromText(text, file);
}

/** As loadScene, for a config already in memory; `file` names it in messages and anchors relative paths. */
export function sceneFromText(text: string, file: string): LoadedScene {
  const raw = parseConfigText(text, file);
  const spec = parseOrThrow(SceneSpec, raw, file, 'scene config');
  const sceneDir = path.dirname(path.resolve(file));
  const assetHashes: Record<string, string> = {};
  const glyphs: LoadedScene['glyphs'] = {};
  const problems: string[] = [];

  const models: LoadedScene['models'] = {};
  const modelRadius: Record<string, number> = {};
  for (const { object, path: at } of objectSpecs(spec.objects)) {
    if (object.kind !== 'model') continue;
    object.files.forEach((name, j) => {
      const where = formatPath([...at, 'files', j]);
      const resolved = resolveAsset(name, sceneDir);
      if (resolved === undefined) {
        problems.push(`${where}: model file not found: ${JSON.stringify(name)} (paths are relative to ${sceneDir}; npm:<package>/<file> reads an installed package)`);
        return;
      }
      const bytes = readFileSync(resolved);
      const problem = gltfProblem(bytes);
      if (problem) {
        problems.push(`${where}: ${JSON.stringify(name)} ${problem}`);
        return;
      }
      assetHashes[name] = sha256(bytes);
      const key = modelKey(name, object.up);
      models[key] = { file: name, up: object.up, base64: bytes.toString('base64') };
      modelRadius[key] = footprintRadius(gltfJson(bytes), object.up);
    });
  }

  for (const { object, path: at } of objectSpecs(spec.objects)) {
    if (object.kind !== 'glyph') continue;
    const texts = spec.classes.map((name) => object.text?.[name] ?? name);
    object.fonts.forEach((name, j) => {
      const where = formatPath([...at, 'fonts', j]);
      if (glyphs[name]) return;
      const resolved = resolveAsset(name, sceneDir);
      if (resolved === undefined) {
        problems.push(`${where}: font file not found: ${JSON.stringify(name)} (paths are relative to ${sceneDir}; npm:<package>/<file> reads an installed package)`);
        return;
      }
      const bytes = readFileSync(resolved);
      let font;
      try {
        font = parseFont(bytes);
      } catch (error) {
        problems.push(`${where}: ${JSON.stringify(name)} is not a font opentype.js can read (.ttf, .otf, .woff): ${(error as Error).message}`);
        return;
      }
      assetHashes[name] = sha256(bytes);
      const outlines: Record<string, GlyphOutline> = {};
      for (const t of texts) {
        const missing = missingCharacters(font, t);
        const outline = missing.length === 0 ? glyphOutline(font, t) : undefined;
        if (outline === undefined) {
          problems.push(`${where}: font ${JSON.stringify(name)} has no visible glyph for ${JSON.stringify(missing.join('') || t)}`);
        } else {
          outlines[t] = outline;
        }
      }
      glyphs[name] = outlines;
    });
  }
  const images = listSceneImages(spec, sceneDir, problems, assetHashes);
  if (problems.length > 0) throw new SynthError(`${file}: invalid scene config`, { details: problems });

  const hash = sha256(stableStringify({ spec, assets: assetHashes }));
  return { file, spec, hash, glyphs, models, modelRadius, images };
}

interface GltfJson {
  asset?: { version?: string };
  buffers?: { uri?: string }[];
  images?: { uri?: string }[];
  meshes?: { primitives?: { attributes?: { POSITION?: number } }[] }[];
  accessors?: { min?: number[]; max?: number[] }[];
}

/** The JSON of a .gltf file or of a .glb's first chunk; undefined when it is neither. */
function gltfJson(bytes: Buffer): GltfJson | undefined {
  const text = bytes.subarray(0, 4).toString('latin1') === 'glTF' ? bytes.subarray(20, 20 + bytes.readUInt32LE(12)).toString('utf8') : bytes.toString('utf8');
  try {
    return JSON.parse(text) as GltfJson;
  } catch {
    return undefined;
  }
}

/** Half the diagonal of the models' position bounds across the surface (node transforms ignored: an estimate). */
function footprintRadius(json: GltfJson | undefined, up: 'y' | 'z'): number {
  const [lo, hi] = [[Infinity, Infinity, Infinity], [-Infinity, -Infinity, -Infinity]];
  for (const primitive of (json?.meshes ?? []).flatMap((m) => m.primitives ?? [])) {
    const accessor = json?.accessors?.[primitive.attributes?.POSITION ?? -1];
    if (!accessor?.min || !accessor.max) continue;
    for (let a = 0; a < 3; a++) [lo[a], hi[a]] = [Math.min(lo[a]!, accessor.min[a]!), Math.max(hi[a]!, accessor.max[a]!)];
  }
  const across = up === 'y' ? [0, 2] : [0, 1];
  const [u, v] = across.map((a) => hi[a]! - lo[a]!);
  return Number.isFinite(u) && Number.isFinite(v) ? 0.5 * Math.hypot(u!, v!) : 0.5;
}

/** Why the bytes are not a glTF 2.0 file three.js can parse in memory, or undefined when they look like one. */
function gltfProblem(bytes: Buffer): string | undefined {
  if (bytes.subarray(0, 4).toString('latin1') === 'glTF' && bytes.readUInt32LE(4) !== 2) return `is glTF version ${bytes.readUInt32LE(4)}; expected 2`;
  const json = gltfJson(bytes);
  if (!json) return 'is neither a .glb nor a .gltf (JSON) file';
  if (json.asset?.version !== '2.0') return `is not glTF 2.0 (asset.version ${JSON.stringify(json.asset?.version)})`;
  const external = [...(json.buffers ?? []), ...(json.images ?? [])].find((b) => b.uri !== undefined && !b.uri.startsWith('data:'));
  return external ? `refers to the external file ${JSON.stringify(external.uri)}; use a .glb or embed the data` : undefined;
}

function parseConfigText(text: string, file: string): unknown {
  if (file.endsWith('.json')) {
    try {
      return JSON.parse(text);
    } catch (error) {
      throw new SynthError(`${file}: not valid JSON: ${(error as Error).message}`);
    }
  }
  return parseYamlConfig(text, file, { merge: true });
}
