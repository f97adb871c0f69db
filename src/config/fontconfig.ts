/**
 * Points fontconfig at the bundled fonts before libvips/pango first looks a font up, so text in
 * rendered images is the same on every machine whatever fonts it has installed. Import this
 * module before `sharp` wherever images with text are rendered (the renderer does; so must tests
 * and benchmarks). Paths are resolved from the working directory: the app runs from the project
 * root.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

export const FONTS_DIR = resolve('assets', 'fonts');
const FONTS_CONF = resolve(FONTS_DIR, 'fonts.conf');

// fontconfig (inside libvips) reads only this variable, so it is set here, once, at load.
if (existsSync(FONTS_CONF)) process.env.FONTCONFIG_FILE = FONTS_CONF;
