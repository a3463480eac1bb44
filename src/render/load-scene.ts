import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { SynthError, formatPath, parseOrThrow } from '../errors.js';
import { sha256, stableStringify } from '../stable-json.js';
import { type GlyphOutline, glyphOutline, missingCharacters, parseFont } from './glyph-outlines.js';
import { type SceneImages, listSceneImages } from './images/list-image-folders.js';
import { resolveAsset } from './resolve-asset.js';
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

  spec.objects.forEach((object, i) => {
    const texts = spec.classes.map((name) => object.text?.[name] ?? name);
    object.fonts.forEach((name, j) => {
      const where = formatPath(['objects', i, 'fonts', j]);
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
  });
  const images = listSceneImages(spec, sceneDir, problems, assetHashes);
  if (problems.length > 0) throw new SynthError(`${file}: invalid scene config`, { details: problems });

  const hash = sha256(stableStringify({ spec, assets: assetHashes }));
  return { file, spec, hash, glyphs, images };
}

function parseConfigText(text: string, file: string): unknown {
  if (file.endsWith('.json')) {
    try {
      return JSON.parse(text);
    } catch (error) {
      throw new SynthError(`${file}: not valid JSON: ${(error as Error).message}`);
    }
  }
  const doc = parseDocument(text);
  const first = doc.errors[0];
  if (first) {
    const at = first.linePos?.[0];
    const where = at ? ` (line ${at.line}, column ${at.col})` : '';
    throw new SynthError(`${file}: not valid YAML${where}: ${first.message.split('\n')[0]}`);
  }
  return doc.toJS();
}
