import sharp, { type Sharp } from 'sharp';

/**
 * Pixels as a camera writing JPEG at `quality` would leave them: encoded and decoded again with
 * sharp (libjpeg-turbo, baseline, 4:2:0 chroma). The dataset keeps PNG files, so every reader and
 * stage sees one format and the artefacts are exactly those of the sampled quality, never
 * compounded by a second lossy save.
 */
export async function jpegRoundTrip(pixels: Buffer, width: number, height: number, channels: 1 | 3, quality: number): Promise<Buffer> {
  // sharp widens one channel to sRGB, on the way in and out, unless told to keep it grey.
  const grey = (image: Sharp) => (channels === 1 ? image.toColourspace('b-w') : image);
  const jpeg = await grey(sharp(pixels, { raw: { width, height, channels } })).jpeg({ quality, chromaSubsampling: '4:2:0', progressive: false }).toBuffer();
  const decoded = await grey(sharp(jpeg)).raw().toBuffer({ resolveWithObject: true });
  if (decoded.info.channels !== channels) throw new Error(`JPEG round trip gave ${decoded.info.channels} channels, expected ${channels}`);
  return decoded.data;
}
